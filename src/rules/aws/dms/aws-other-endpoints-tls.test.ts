import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from './aws-other-endpoints-tls.js';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

testRule(rule, {
  pass: [
    { name: 'DMS Kafka target over TLS', terraform: 'resource "aws_dms_endpoint" "k" {\n  endpoint_id   = "k"\n  endpoint_type = "target"\n  engine_name   = "kafka"\n  kafka_settings {\n    broker            = "b-1.example.com:9094"\n    security_protocol = "ssl-encryption"\n  }\n}\n' },
    { name: 'DMS Redis target on its default TLS', terraform: 'resource "aws_dms_endpoint" "r" {\n  endpoint_id   = "r"\n  endpoint_type = "target"\n  engine_name   = "redis"\n  redis_settings {\n    auth_type   = "none"\n    port        = 6379\n    server_name = "cache.example.com"\n  }\n}\n' },
    { name: 'API domain on TLS 1.2', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n  security_policy = "TLS_1_2"\n}\n' },
    { name: 'API domains on enhanced policies (SecurityPolicy_TLS12_…, SecurityPolicy_TLS13_…)', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n  security_policy = "SecurityPolicy_TLS12_PFS_2025_EDGE"\n}\nresource "aws_api_gateway_domain_name" "e" {\n  domain_name = "api2.example.com"\n  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"\n}\n' },
    { name: 'SFTP server on a current policy', terraform: 'resource "aws_transfer_server" "t" {\n  protocols = ["SFTP"]\n  security_policy_name = "TransferSecurityPolicy-2024-01"\n}\n' },
    { name: 'SES requires TLS', terraform: 'resource "aws_ses_configuration_set" "s" {\n  name = "s"\n  delivery_options {\n    tls_policy = "Require"\n  }\n}\n' },
    { name: 'CloudSearch HTTPS with TLS 1.2', terraform: 'resource "aws_cloudsearch_domain" "c" {\n  name = "c"\n  endpoint_options {\n    enforce_https = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n' },
  ],
  fail: [
    { name: 'DMS Kafka target without security_protocol (plaintext)', terraform: 'resource "aws_dms_endpoint" "k" {\n  endpoint_id   = "k"\n  endpoint_type = "target"\n  engine_name   = "kafka"\n  kafka_settings {\n    broker = "b-1.example.com:9092"\n  }\n}\n', findings: [{ line: 5, message: /does not set kafka_settings\.security_protocol \(default "plaintext"\)/ }] },
    { name: 'DMS Redis target on plaintext', terraform: 'resource "aws_dms_endpoint" "r" {\n  endpoint_id   = "r"\n  endpoint_type = "target"\n  engine_name   = "redis"\n  redis_settings {\n    auth_type             = "none"\n    port                  = 6379\n    server_name           = "cache.example.com"\n    ssl_security_protocol = "plaintext"\n  }\n}\n', findings: [{ line: 9, message: /sets redis_settings\.ssl_security_protocol to "plaintext"/ }] },
    { name: 'API domain on TLS 1.0', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n  security_policy = "TLS_1_0"\n}\n', findings: [{ line: 3, message: /sets security_policy to "TLS_1_0", so clients can call the API with TLS 1\.0 or 1\.1/ }] },
    { name: 'Transfer server with FTP', terraform: 'resource "aws_transfer_server" "t" {\n  protocols = ["FTP"]\n  security_policy_name = "TransferSecurityPolicy-2024-01"\n}\n', findings: [{ line: 2, message: /plain FTP/ }] },
    { name: 'SES optional TLS', terraform: 'resource "aws_ses_configuration_set" "s" {\n  name = "s"\n  delivery_options {\n    tls_policy = "Optional"\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    // security_policy is Optional+Computed: API Gateway gives a new domain name TLS_1_2 and keeps an
    // existing one's policy, so left out it is not the "default TLS_1_0" it failed as.
    { name: 'API domain that leaves security_policy out', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n}\n' },
    { name: 'ssl_mode from a variable', terraform: 'variable "m" {\n  type = string\n}\nresource "aws_dms_endpoint" "e" {\n  endpoint_id = "e"\n  endpoint_type = "source"\n  engine_name = "mysql"\n  ssl_mode = var.m\n}\n' },
  ],
});

test('an API domain that leaves security_policy out says who chooses it', () => {
  const run = runRuleOn(rule as unknown as AnyRule, 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n}\n');
  assert.equal(run.findings.length, 1);
  assert.equal(run.findings[0]!.status, 'unknown');
  assert.match(run.findings[0]!.message, /does not set security_policy, so API Gateway chooses it: TLS_1_2 for a domain name created now, but an existing one keeps its policy/);
});
