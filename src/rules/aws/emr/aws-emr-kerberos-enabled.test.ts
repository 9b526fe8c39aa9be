import rule from './aws-emr-kerberos-enabled.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (extra: string): string => `resource "aws_emr_cluster" "c" {\n  name = "c"\n  release_label = "emr-6.15.0"\n  service_role = "r"\n${extra}}\n`;
const kerberos = '  kerberos_attributes {\n    realm = "EC2.INTERNAL"\n    kdc_admin_password = "x"\n  }\n';

testRule(rule, {
  pass: [{ name: 'kerberos with an external security configuration', terraform: cluster(`  security_configuration = "managed-elsewhere"\n${kerberos}`) }],
  fail: [
    { name: 'no kerberos_attributes', terraform: cluster(''), findings: [{ line: 1, message: /no kerberos_attributes/ }] },
    {
      name: 'security configuration without authentication',
      terraform: `resource "aws_emr_security_configuration" "s" {\n  name = "s"\n  configuration = jsonencode({ EncryptionConfiguration = { EnableInTransitEncryption = true } })\n}\n${cluster(`  security_configuration = aws_emr_security_configuration.s.name\n${kerberos}`)}`,
      findings: [{ line: 3, message: /no AuthenticationConfiguration/ }],
    },
  ],
  unknown: [
    { name: 'security configuration from a variable', terraform: `variable "conf" {\n  type = string\n}\nresource "aws_emr_security_configuration" "s" {\n  name = "s"\n  configuration = var.conf\n}\n${cluster(`  security_configuration = aws_emr_security_configuration.s.name\n${kerberos}`)}` },
  ],
});
