import rule from './aws-opensearch-https-required.js';
import { testRule } from '../../../testing/rule-tester.js';

const domain = (options: string): string => `resource "aws_elasticsearch_domain" "d" {\n  domain_name = "d"\n  domain_endpoint_options {\n${options}  }\n}\n`;

testRule(rule, {
  pass: [{ name: 'enforce_https defaults to true with a TLS 1.2 policy', terraform: domain('    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n') }],
  fail: [
    { name: 'policy missing', terraform: domain('    enforce_https = true\n'), findings: [{ line: 3, message: /does not set tls_security_policy/ }] },
    { name: 'HTTPS off', terraform: domain('    enforce_https = false\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n'), findings: [{ line: 4, message: /plain HTTP/ }] },
  ],
  unknown: [{ name: 'policy from a variable', terraform: `variable "p" {\n  type = string\n}\n${domain('    tls_security_policy = var.p\n')}` }],
});
