import type { Resource } from '../../../model/resource.js';
import { asString, attrOr } from '../../../model/read.js';
import { defineRule } from '../../define-rule.js';
import { requireFlag } from '../require-setting.js';

/** Automatic rotation exists only for symmetric encryption keys (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html). */
function isSymmetricEncryptionKey(key: Resource): boolean {
  const spec = asString(attrOr(key, 'customer_master_key_spec', 'SYMMETRIC_DEFAULT').value);
  const usage = asString(attrOr(key, 'key_usage', 'ENCRYPT_DECRYPT').value);
  // An unknown spec or usage is judged: the flag is still visible.
  return (spec === undefined || spec === 'SYMMETRIC_DEFAULT') && (usage === undefined || usage === 'ENCRYPT_DECRYPT');
}

export default defineRule<Resource>({
  id: 'aws-kms-key-rotation',
  title: 'Symmetric customer-managed KMS keys rotate automatically',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Without rotation the same key material protects ePHI for as long as the key exists, so a single exposure of the key compromises every record it ever encrypted.',
  howToFix: 'Set enable_key_rotation = true on the aws_kms_key (optionally rotation_period_in_days).',
  links: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  references: { awsConfig: ['cmk-backing-key-rotation-enabled'], checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065', 'aws-kms-auto-rotate-keys'] },
  targets: (model) => model.ofType('aws_kms_key').filter(isSymmetricEncryptionKey),
  check(key) {
    return requireFlag(key, key, 'enable_key_rotation', {
      providerDefault: false,
      consequence: 'its key material never rotates',
      fix: { description: 'Turn on automatic key rotation', safety: 'safe' },
    }).outcome;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_kms_key" "phi" {\n  description = "Patient data key"\n}\n'],
      good: ['resource "aws_kms_key" "phi" {\n  description         = "Patient data key"\n  enable_key_rotation = true\n}\n'],
    },
  },
});
