import type { Resource } from '../../../model/resource.js';
import { attr, isUnresolved } from '../../../model/read.js';
import { containsUnknown, isPlainObject, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

const KMS_S3_MODES = new Set(['SSE-KMS', 'CSE-KMS', 'CSE-Custom']);

function parseConfiguration(value: Plain): { readonly [key: string]: Plain } | undefined {
  if (isPlainObject(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value) as Plain;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const field = (obj: Plain | undefined, key: string): Plain | undefined => (isPlainObject(obj) ? obj[key] : undefined);
const isTrue = (v: Plain | undefined): boolean => v === true || v === 'true';

/** What an EMR security configuration is missing, per the EncryptionConfiguration schema. */
function gapsOf(config: { readonly [key: string]: Plain }): string[] {
  const encryption = field(config, 'EncryptionConfiguration');
  if (!isPlainObject(encryption)) return ['it has no EncryptionConfiguration'];
  const gaps: string[] = [];
  if (!isTrue(field(encryption, 'EnableAtRestEncryption'))) gaps.push('EnableAtRestEncryption is not true');
  else {
    const atRest = field(encryption, 'AtRestEncryptionConfiguration');
    const s3Mode = field(field(atRest, 'S3EncryptionConfiguration'), 'EncryptionMode');
    if (typeof s3Mode !== 'string' || !KMS_S3_MODES.has(s3Mode)) gaps.push(`S3 encryption mode is ${typeof s3Mode === 'string' ? s3Mode : 'not set'} rather than SSE-KMS/CSE-KMS`);
    const disk = field(atRest, 'LocalDiskEncryptionConfiguration');
    if (!isPlainObject(disk)) gaps.push('local disks are not encrypted (no LocalDiskEncryptionConfiguration)');
    else if (!isTrue(field(disk, 'EnableEbsEncryption'))) gaps.push('EBS volumes are not encrypted (EnableEbsEncryption is not true)');
  }
  if (!isTrue(field(encryption, 'EnableInTransitEncryption'))) gaps.push('EnableInTransitEncryption is not true');
  return gaps;
}

export default defineRule<Resource>({
  id: 'aws-emr-security-config-encryption',
  title: 'EMR clusters use a security configuration that encrypts at rest and in transit',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  kind: 'graph',
  why: 'EMR jobs spill ePHI to local disks, EBS volumes and EMRFS output in S3, and shuffle it between nodes; only a security configuration encrypts those paths.',
  howToFix:
    'Create an aws_emr_security_configuration with EnableAtRestEncryption (S3 SSE-KMS, LocalDiskEncryptionConfiguration with EnableEbsEncryption) and EnableInTransitEncryption, and set security_configuration on each aws_emr_cluster.',
  links: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html'],
  references: {
    checkov: ['CKV_AWS_171', 'CKV_AWS_349', 'CKV_AWS_350', 'CKV_AWS_351', 'CKV2_AWS_55'],
    trivy: ['AVD-AWS-0137', 'aws-emr-enable-at-rest-encryption', 'AVD-AWS-0138', 'aws-emr-enable-in-transit-encryption', 'AVD-AWS-0139', 'aws-emr-enable-local-disk-encryption'],
  },
  targets: (model) => [...model.ofType('aws_emr_security_configuration'), ...model.ofType('aws_emr_cluster')],
  check(resource) {
    if (resource.type === 'aws_emr_cluster') {
      const name = attr(resource, 'security_configuration');
      if (!name) return fail(resource, { message: `${resource.address} does not set security_configuration, so its local disks, EMRFS data and node traffic are not encrypted.` });
      return pass(name, `${resource.address} uses a security configuration.`);
    }
    const raw = attr(resource, 'configuration');
    if (!raw) return fail(resource, { message: `${resource.address} does not set configuration, so it enables no encryption.` });
    if (isUnresolved(raw) || containsUnknown(raw.value)) return unknown(raw, `${resource.address}: the configuration depends on ${applyTimeReason(raw)}.`);
    const config = parseConfiguration(raw.value);
    if (!config) return unknown(raw, `${resource.address}: the configuration is not a JSON object this scanner can read.`);
    const gaps = gapsOf(config);
    if (gaps.length === 0) return pass(raw, `${resource.address} encrypts data at rest (S3, local disk, EBS) and in transit.`);
    return fail(raw, { message: `${resource.address} is incomplete: ${gaps.join('; ')}.` });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_emr_security_configuration" "phi" {\n  name = "phi"\n  configuration = jsonencode({\n    EncryptionConfiguration = {\n      EnableAtRestEncryption    = false\n      EnableInTransitEncryption = false\n    }\n  })\n}\n',
      ],
      good: [
        'resource "aws_emr_security_configuration" "phi" {\n  name = "phi"\n  configuration = jsonencode({\n    EncryptionConfiguration = {\n      EnableAtRestEncryption    = true\n      EnableInTransitEncryption = true\n      AtRestEncryptionConfiguration = {\n        S3EncryptionConfiguration = {\n          EncryptionMode = "SSE-KMS"\n          AwsKmsKey      = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n        }\n        LocalDiskEncryptionConfiguration = {\n          EncryptionKeyProviderType = "AwsKms"\n          AwsKmsKey                 = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n          EnableEbsEncryption       = true\n        }\n      }\n      InTransitEncryptionConfiguration = {\n        TLSCertificateConfiguration = {\n          CertificateProviderType = "PEM"\n          S3Object                = "s3://example-emr-certs/certs.zip"\n        }\n      }\n    }\n  })\n}\n',
      ],
    },
  },
});
