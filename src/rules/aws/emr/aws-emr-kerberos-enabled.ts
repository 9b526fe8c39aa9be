import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { isPlainObject, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { judgedOnAll, linkedCandidates } from '../linked.js';

function parseJson(value: Plain): Plain | undefined {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as Plain;
  } catch {
    return undefined;
  }
}

export default defineRule<Resource>({
  id: 'aws-emr-kerberos-enabled',
  title: 'EMR clusters authenticate users with Kerberos',
  severity: 'medium',
  controls: ['164.312(d)', '164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  kind: 'graph',
  why: 'Without Kerberos, anyone who reaches an EMR cluster processing ePHI acts as the shared hadoop user; Kerberos makes each user and service prove who it is.',
  howToFix:
    'Create an aws_emr_security_configuration whose configuration has AuthenticationConfiguration.KerberosConfiguration, set security_configuration to it and add a kerberos_attributes block (realm, kdc_admin_password) to the aws_emr_cluster.',
  links: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-kerberos.html'],
  references: { awsConfig: ['emr-kerberos-enabled'], checkov: ['CKV_AWS_114', 'CKV2_AWS_55'] },
  targets: (model) => model.ofType('aws_emr_cluster'),
  check(cluster, { model }) {
    const kerberos = blockOf(cluster, 'kerberos_attributes');
    if (!kerberos) {
      return fail(cluster, { message: `${cluster.address} has no kerberos_attributes block, so cluster users and services are not authenticated with Kerberos.` });
    }
    const configurations = linkedCandidates(model, cluster, 'aws_emr_security_configuration', 'security_configuration');
    if (configurations.length === 0) return pass(kerberos);
    const judgeOne = (securityConfiguration: Resource): Outcome => {
      const configuration = securityConfiguration.attributes.get('configuration');
      if (!configuration) return pass(kerberos);
      if (isApplyTime(configuration)) return unknown(configuration, `${cluster.address}: the security configuration is known only at apply time (${reasonOf(configuration)}).`);
      const doc = parseJson(configuration.value);
      const authentication = isPlainObject(doc) ? doc['AuthenticationConfiguration'] : undefined;
      if (isPlainObject(authentication) && authentication['KerberosConfiguration'] !== undefined) return pass(kerberos);
      return fail(configuration, {
        message: `${cluster.address} uses ${securityConfiguration.address}, which has no AuthenticationConfiguration.KerberosConfiguration, so Kerberos is not set up.`,
      });
    };
    // security_configuration taking one of several (element() of a list): the one named, or all alike.
    return judgedOnAll(configurations, (c) => [judgeOne(c)], cluster.attributes.get('security_configuration') ?? kerberos, `${cluster.address}: its security configuration`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_emr_cluster" "analytics" {\n  name          = "phi-analytics"\n  release_label = "emr-6.15.0"\n  service_role  = "EMR_DefaultRole"\n}\n'],
      good: [
        `resource "aws_emr_security_configuration" "kerberos" {
  name = "kerberos"
  configuration = jsonencode({
    AuthenticationConfiguration = {
      KerberosConfiguration = {
        Provider = "ClusterDedicatedKdc"
        ClusterDedicatedKdcConfiguration = { TicketLifetimeInHours = 24 }
      }
    }
  })
}

resource "aws_emr_cluster" "analytics" {
  name                   = "phi-analytics"
  release_label          = "emr-6.15.0"
  service_role           = "EMR_DefaultRole"
  security_configuration = aws_emr_security_configuration.kerberos.name

  kerberos_attributes {
    realm              = "EC2.INTERNAL"
    kdc_admin_password = "example-only"
  }
}
`,
      ],
    },
  },
});
