import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule, { secretReference } from './tf-sensitive-outputs.js';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import type { AnyRule } from '../define-rule.js';

testRule(rule, {
  pass: [
    { name: 'non-secret attributes', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n\noutput "endpoint" {\n  value = aws_db_instance.db.endpoint\n}\n' },
    // PGP ciphertext (pgp_key set): the provider does not mark it sensitive, and only the key's holder reads it.
    { name: 'a module output of PGP ciphertext, followed to its value', terraform: { 'main.tf': 'module "user" {\n  source = "./user"\n}\n\noutput "encrypted_secret" {\n  value = module.user.access_key_encrypted_secret\n}\n', 'user/main.tf': 'resource "aws_iam_access_key" "this" {\n  user    = "ci"\n  pgp_key = "keybase:example"\n}\n\noutput "access_key_encrypted_secret" {\n  value = aws_iam_access_key.this.encrypted_secret\n}\n' } },
    { name: 'a module not downloaded: an encrypted_ output is judged ciphertext by its name', terraform: 'module "user" {\n  source  = "terraform-aws-modules/iam/aws//modules/iam-user"\n  version = "5.0.0"\n}\n\noutput "encrypted_password" {\n  value = module.user.iam_user_login_profile_encrypted_password\n}\n' },
    { name: 'a module output named like a secret whose value is none', terraform: { 'main.tf': 'module "db" {\n  source = "./db"\n}\n\noutput "password_policy" {\n  value = module.db.password_length\n}\n', 'db/main.tf': 'output "password_length" {\n  value = 32\n}\n' } },
    // Terraform marks part by part: these print in clear text (terraform plan 1.11), though evaluating them read a secret.
    { name: 'plain parts of an object that holds a sensitive variable', terraform: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nlocals {\n  db = { host = "db.internal.example", port = 5432, password = var.db_password }\n}\n\noutput "db_host" {\n  value = local.db.host\n}\n\noutput "db_port" {\n  value = local.db.port\n}\n\noutput "count" {\n  value = length([var.db_password])\n}\n' },
    { name: "a module's whole object whose outputs hold no secret", terraform: { 'main.tf': 'module "net" {\n  source = "./net"\n}\n\noutput "net" {\n  value = module.net\n}\n', 'net/main.tf': 'output "cidr" {\n  value = "10.0.0.0/16"\n}\n' } },
    { name: "a module's whole object holding a sensitive output, the root output marked sensitive", terraform: { 'main.tf': 'module "db" {\n  source = "./db"\n}\n\noutput "db" {\n  value     = module.db\n  sensitive = true\n}\n', 'db/main.tf': 'variable "pw" {\n  type      = string\n  sensitive = true\n  default   = null\n}\n\noutput "pw" {\n  value     = var.pw\n  sensitive = true\n}\n' } },
    { name: 'sensitive access key secret', terraform: 'resource "aws_iam_access_key" "k" {\n  user = "ci"\n}\n\noutput "secret" {\n  value     = aws_iam_access_key.k.secret\n  sensitive = true\n}\n' },
  ],
  fail: [
    { name: 'database password', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n\noutput "db" {\n  value = "${aws_db_instance.db.username}:${aws_db_instance.db.password}"\n}\n', findings: [{ line: 6, message: /aws_db_instance.db.password/ }] },
    { name: 'a module output followed to a secret-bearing attribute two modules down', terraform: { 'main.tf': 'module "app" {\n  source = "./app"\n}\n\noutput "creds" {\n  value = module.app.creds\n}\n', 'app/main.tf': 'module "user" {\n  source = "../user"\n}\n\noutput "creds" {\n  value = module.user.key\n}\n', 'user/main.tf': 'resource "aws_iam_access_key" "this" {\n  user = "ci"\n}\n\noutput "key" {\n  value = aws_iam_access_key.this.id\n}\n\noutput "unused" {\n  value = aws_iam_access_key.this.secret\n}\n' }, findings: [{ file: 'user/main.tf', line: 9, message: /aws_iam_access_key\.this\.secret/ }] },
    { name: 'a module not downloaded: an output named like a secret', terraform: 'module "db" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "6.0.0"\n}\n\noutput "db_password" {\n  value = module.db.db_instance_password\n}\n', findings: [{ line: 6, message: /module output module\.db\.db_instance_password/ }] },
    // terraform plan 1.11.4 prints `output "db" { value = module.db }` with the module's sensitive output in clear text
    // (`pw = "example"`): an output's own sensitive = true marks nothing in the caller. It refuses the
    // root output when the child's value holds a sensitive variable (eval/sensitive-output; graph/module-reads.test.ts).
    { name: "a module's whole object holding a sensitive output", terraform: { 'main.tf': 'module "db" {\n  source = "./db"\n}\n\noutput "db" {\n  value = module.db\n}\n', 'db/main.tf': 'variable "pw" {\n  type    = string\n  default = null\n}\n\noutput "host" {\n  value = "db.internal.example"\n}\n\noutput "pw" {\n  value     = var.pw\n  sensitive = true\n}\n' }, findings: [{ line: 5, message: /module output module\.db\.pw \(through the whole module\.db\)/ }] },
    { name: "one instance of a for_each module, whole, holding a secret-bearing output", terraform: { 'main.tf': 'module "user" {\n  source   = "./user"\n  for_each = toset(["ci"])\n  name     = each.key\n}\n\noutput "ci" {\n  value = module.user["ci"]\n}\n', 'user/main.tf': 'variable "name" {\n  type = string\n}\n\nresource "aws_iam_access_key" "this" {\n  user = var.name\n}\n\noutput "secret" {\n  value = aws_iam_access_key.this.secret\n}\n' }, findings: [{ line: 7, message: /aws_iam_access_key\.this\.secret\) \(through the whole module\.user\)/ }, { file: 'user/main.tf', line: 9 }] },
    { name: 'private key', terraform: 'resource "tls_private_key" "k" {\n  algorithm = "RSA"\n}\n\noutput "key" {\n  value = tls_private_key.k.private_key_pem\n}\n', findings: [{ line: 5, message: /tls_private_key.k.private_key_pem/ }] },
    // Terraform prints an output unmasked with nonsensitive() in clear text: the usual way a secret leaks into outputs.
    { name: 'a sensitive variable unmasked with nonsensitive()', terraform: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\noutput "dsn" {\n  value = "postgres://app:${nonsensitive(var.db_password)}@db"\n}\n', findings: [{ line: 6, message: /unmasks a sensitive value \(var\.db_password\) with nonsensitive\(\), so Terraform prints it, but is not marked sensitive/ }] },
    { name: 'PHI in an output even when sensitive', terraform: 'output "test_patient_ssn" {\n  value     = "219-45-6789"\n  sensitive = true\n}\n', findings: [{ line: 2, message: /Social Security number \(\*\*\*-\*\*-6789/ }] },
  ],
});

test('secretReference reads the first three parts of a reference, indexes stripped', () => {
  assert.equal(secretReference('aws_db_instance.db[0].password'), 'aws_db_instance.db.password');
  assert.equal(secretReference('aws_db_instance.db["a"].password.extra.more'), 'aws_db_instance.db.password');
  assert.equal(secretReference('module.db.db_password.value'), 'module output module.db.db_password');
  assert.equal(secretReference('module.db'), undefined);
  assert.equal(secretReference('aws_iam_access_key.k.secret'), 'aws_iam_access_key.k.secret');
  assert.equal(secretReference('var.password'), undefined);
  assert.equal(secretReference('aws_db_instance.db.endpoint'), undefined);
});

// References are judged once per model and module (targets: secretReferenceOf): the same reference
// from another module, or in another model, gets its own answer.
const innerModule = (secret: boolean): string =>
  secret ? 'resource "random_password" "p" {\n  length = 16\n}\n\noutput "x" {\n  value = random_password.p.result\n}\n' : 'output "x" {\n  value = "eu-west-1"\n}\n';
const wrapper = 'module "inner" {\n  source = "./inner"\n}\n\noutput "x" {\n  value = module.inner.x\n}\n';
const failing = (files: Record<string, string>): string[] =>
  runRuleOn(rule as unknown as AnyRule, files).findings.filter((f) => f.status === 'fail').map((f) => f.resource.address).sort();

test('one reference from two modules: each judged on what its own module holds', () => {
  const files = {
    'main.tf': 'module "a" {\n  source = "./a"\n}\n\nmodule "b" {\n  source = "./b"\n}\n\noutput "ya" {\n  value = module.a.x\n}\n\noutput "yb" {\n  value = module.b.x\n}\n',
    'a/main.tf': wrapper,
    'a/inner/main.tf': innerModule(true),
    'b/main.tf': wrapper,
    'b/inner/main.tf': innerModule(false),
  };
  assert.deepEqual(failing(files), ['module.a.module.inner.output.x', 'module.a.output.x', 'output.ya']);
});

test('one reference in two models judged in turn: each on its own outputs', () => {
  const tree = (secret: boolean): Record<string, string> => ({ 'main.tf': 'module "a" {\n  source = "./a"\n}\n\noutput "ya" {\n  value = module.a.x\n}\n', 'a/main.tf': wrapper, 'a/inner/main.tf': innerModule(secret) });
  const withSecret = ['module.a.module.inner.output.x', 'module.a.output.x', 'output.ya'];
  assert.deepEqual(failing(tree(true)), withSecret);
  assert.deepEqual(failing(tree(false)), []);
  assert.deepEqual(failing(tree(true)), withSecret);
});
