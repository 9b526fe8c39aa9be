import rule from './aws-emr-kerberos-enabled.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (extra: string): string => `resource "aws_emr_cluster" "c" {\n  name = "c"\n  release_label = "emr-6.15.0"\n  service_role = "r"\n${extra}}\n`;
const kerberos = '  kerberos_attributes {\n    realm = "EC2.INTERNAL"\n    kdc_admin_password = "x"\n  }\n';

// Two security configurations, "krb" with Kerberos and "plain" without; the cluster takes one by `pick`.
const twoConfigurations = (pick: string, named = true): string =>
  `resource "aws_emr_security_configuration" "krb" {\n  ${named ? 'name' : 'name_prefix'} = "krb"\n  configuration = jsonencode({ AuthenticationConfiguration = { KerberosConfiguration = { Provider = "ClusterDedicatedKdc", ClusterDedicatedKdcConfiguration = { TicketLifetimeInHours = 24 } } } })\n}\nresource "aws_emr_security_configuration" "plain" {\n  ${named ? 'name' : 'name_prefix'} = "plain"\n  configuration = jsonencode({ EncryptionConfiguration = { EnableInTransitEncryption = true } })\n}\n${cluster(`  security_configuration = ${pick}\n${kerberos}`)}`;

testRule(rule, {
  pass: [
    { name: 'kerberos with an external security configuration', terraform: cluster(`  security_configuration = "managed-elsewhere"\n${kerberos}`) },
    { name: 'the second of two security configurations, picked by element(), has Kerberos', terraform: twoConfigurations('element([aws_emr_security_configuration.plain.name, aws_emr_security_configuration.krb.name], 1)') },
  ],
  fail: [
    // The first linked one (krb) was judged: a cluster on "plain" passed.
    { name: 'the second of two security configurations, picked by element(), has no Kerberos', terraform: twoConfigurations('element([aws_emr_security_configuration.krb.name, aws_emr_security_configuration.plain.name], 1)'), findings: [{ line: 7, message: /plain, which has no AuthenticationConfiguration/ }] },
    { name: 'no kerberos_attributes', terraform: cluster(''), findings: [{ line: 1, message: /no kerberos_attributes/ }] },
    {
      name: 'security configuration without authentication',
      terraform: `resource "aws_emr_security_configuration" "s" {\n  name = "s"\n  configuration = jsonencode({ EncryptionConfiguration = { EnableInTransitEncryption = true } })\n}\n${cluster(`  security_configuration = aws_emr_security_configuration.s.name\n${kerberos}`)}`,
      findings: [{ line: 3, message: /no AuthenticationConfiguration/ }],
    },
  ],
  unknown: [
    { name: 'one of two security configurations named only at apply time, one with Kerberos', terraform: twoConfigurations('element([aws_emr_security_configuration.krb.name, aws_emr_security_configuration.plain.name], 1)', false) },
    { name: 'security configuration from a variable', terraform: `variable "conf" {\n  type = string\n}\nresource "aws_emr_security_configuration" "s" {\n  name = "s"\n  configuration = var.conf\n}\n${cluster(`  security_configuration = aws_emr_security_configuration.s.name\n${kerberos}`)}` },
  ],
});
