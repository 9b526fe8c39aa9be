import type { Resource } from '../../../model/resource.js';
import { asString, attr, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { requireFlag } from '../require-setting.js';

/** Automatic rotation exists only for symmetric encryption keys (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html). */
function isSymmetricEncryptionKey(key: Resource): boolean {
  const spec = asString(attrOr(key, 'customer_master_key_spec', 'SYMMETRIC_DEFAULT').value);
  const usage = asString(attrOr(key, 'key_usage', 'ENCRYPT_DECRYPT').value);
  // An unknown spec or usage is judged: the flag is still visible.
  return (spec === undefined || spec === 'SYMMETRIC_DEFAULT') && (usage === undefined || usage === 'ENCRYPT_DECRYPT');
}

/**
 * EnableKeyRotation: "You cannot enable automatic rotation of ... KMS keys in a custom key store"
 * (CloudHSM or external): a key known to be in one has no rotation to judge.
 */
function inCustomKeyStore(key: Resource): boolean {
  const store = attr(key, 'custom_key_store_id');
  return store !== undefined && !isUnresolved(store) && asString(store.value) !== '';
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
  targets: (model) => model.ofType('aws_kms_key').filter((key) => isSymmetricEncryptionKey(key) && !inCustomKeyStore(key)),
  check(key) {
    const store = attr(key, 'custom_key_store_id');
    if (store && isUnresolved(store)) {
      return unknown(store, `${key.address}: whether the key is in a custom key store, where it cannot rotate, depends on ${applyTimeReason(store)}.`);
    }
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
