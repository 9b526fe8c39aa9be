import rule from './tf-secrets-not-persisted-in-state.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'ElastiCache user with IAM authentication', terraform: 'resource "aws_elasticache_user" "u" {\n  user_id       = "app"\n  user_name     = "app"\n  engine        = "redis"\n  access_string = "on ~* +@all"\n  authentication_mode {\n    type = "iam"\n  }\n}\n' },
    { name: 'Aurora with a managed master password', terraform: 'resource "aws_rds_cluster" "c" {\n  engine                      = "aurora-postgresql"\n  master_username             = "app"\n  manage_master_user_password = true\n}\n' },
    { name: 'access key encrypted with PGP', terraform: 'resource "aws_iam_access_key" "k" {\n  user    = "ci"\n  pgp_key = "keybase:ci"\n}\n' },
  ],
  fail: [
    { name: 'random_password lives in state', terraform: 'resource "random_password" "db" {\n  length = 32\n}\n', findings: [{ line: 1, message: /ephemeral "random_password"/ }] },
    { name: 'ElastiCache user passwords', terraform: 'variable "pw" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_elasticache_user" "u" {\n  user_id       = "app"\n  user_name     = "app"\n  engine        = "redis"\n  access_string = "on ~* +@all"\n  passwords     = [var.pw]\n}\n', findings: [{ line: 11, message: /sets passwords, .*authentication_mode \{ type = "iam" \}/ }] },
    { name: 'MemoryDB user passwords', terraform: 'variable "pw" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_memorydb_user" "u" {\n  user_name     = "app"\n  access_string = "on ~* +@all"\n  authentication_mode {\n    type      = "password"\n    passwords = [var.pw]\n  }\n}\n', findings: [{ line: 11, message: /authentication_mode\.passwords/ }] },
    { name: 'secret version with a secret_string', terraform: 'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = "phi-db"\n  secret_string = "{}"\n}\n', findings: [{ line: 3, message: /secret_string_wo/ }] },
  ],
  unknown: [{ name: 'managed flag from a variable', terraform: 'variable "managed" {\n  type = bool\n}\n\nresource "aws_db_instance" "db" {\n  engine                      = "postgres"\n  instance_class              = "db.t3.micro"\n  manage_master_user_password = var.managed\n}\n' }],
});
