import rule from './aws-other-endpoints-tls.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'API domain on TLS 1.2', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n  security_policy = "TLS_1_2"\n}\n' },
    { name: 'API domains on enhanced policies (SecurityPolicy_TLS12_…, SecurityPolicy_TLS13_…)', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n  security_policy = "SecurityPolicy_TLS12_PFS_2025_EDGE"\n}\nresource "aws_api_gateway_domain_name" "e" {\n  domain_name = "api2.example.com"\n  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"\n}\n' },
    { name: 'SFTP server on a current policy', terraform: 'resource "aws_transfer_server" "t" {\n  protocols = ["SFTP"]\n  security_policy_name = "TransferSecurityPolicy-2024-01"\n}\n' },
    { name: 'SES requires TLS', terraform: 'resource "aws_ses_configuration_set" "s" {\n  name = "s"\n  delivery_options {\n    tls_policy = "Require"\n  }\n}\n' },
    { name: 'CloudSearch HTTPS with TLS 1.2', terraform: 'resource "aws_cloudsearch_domain" "c" {\n  name = "c"\n  endpoint_options {\n    enforce_https = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n' },
  ],
  fail: [
    { name: 'API domain default policy', terraform: 'resource "aws_api_gateway_domain_name" "d" {\n  domain_name = "api.example.com"\n}\n', findings: [{ line: 1, message: /does not set security_policy/ }] },
    { name: 'Transfer server with FTP', terraform: 'resource "aws_transfer_server" "t" {\n  protocols = ["FTP"]\n  security_policy_name = "TransferSecurityPolicy-2024-01"\n}\n', findings: [{ line: 2, message: /plain FTP/ }] },
    { name: 'SES optional TLS', terraform: 'resource "aws_ses_configuration_set" "s" {\n  name = "s"\n  delivery_options {\n    tls_policy = "Optional"\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [{ name: 'ssl_mode from a variable', terraform: 'variable "m" {\n  type = string\n}\nresource "aws_dms_endpoint" "e" {\n  endpoint_id = "e"\n  endpoint_type = "source"\n  engine_name = "mysql"\n  ssl_mode = var.m\n}\n' }],
});
