import type { Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, attr, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

const KEY_TYPES = ['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key'];

export default defineRule<Resource, { minDeletionWindowDays: number }>({
  id: 'aws-kms-key-not-pending-deletion',
  title: 'KMS keys stay enabled and keep the longest deletion window',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(1)(ii)(B)', '164.308(a)(7)(ii)(A)'],
  kind: 'plan',
  why: 'Disabling or deleting a key makes every ePHI record, backup and snapshot encrypted under it unreadable; a 30-day deletion window is the time you have to notice and cancel.',
  howToFix:
    'Keep is_enabled = true (enabled = true on replica and external keys) and deletion_window_in_days = 30, and add lifecycle { prevent_destroy = true } to keys protecting ePHI.',
  links: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'],
  references: { awsConfig: ['kms-cmk-not-scheduled-for-deletion'], checkov: ['CKV_AWS_227'] },
  params: { minDeletionWindowDays: 30 },
  // A replica of a multi-Region key and a key with imported material are disabled and deleted the
  // same way, and their ePHI is as unreadable after (`enabled` instead of `is_enabled`).
  targets: (model) => KEY_TYPES.flatMap((type) => model.ofType(type)),
  check(key, { params }) {
    const outcomes: Outcome[] = [];
    const flag = key.type === 'aws_kms_key' ? 'is_enabled' : 'enabled';
    const enabled = attrOr(key, flag, true);
    if (isUnresolved(enabled)) outcomes.push(unknown(enabled, `${key.address}: ${flag} depends on ${applyTimeReason(enabled)}.`));
    else if (asBoolean(enabled.value) === false) {
      outcomes.push(
        fail(enabled, {
          message: `${key.address} sets ${flag} to false, so nothing encrypted under it can be decrypted.`,
          fix: { description: 'Re-enable the key', safety: 'safe', terraform: (edit) => edit.setAttribute(key.span, flag, 'true') },
        }),
      );
    } else outcomes.push(pass(enabled, `${key.address} is enabled.`));

    const window = attr(key, 'deletion_window_in_days');
    if (window) {
      if (isUnresolved(window)) outcomes.push(unknown(window, `${key.address}: deletion_window_in_days depends on ${applyTimeReason(window)}.`));
      else {
        const days = asNumber(window.value);
        if (days !== undefined && days < params.minDeletionWindowDays) {
          outcomes.push(
            fail(window, {
              message: `${key.address} sets deletion_window_in_days to ${days}, shorter than ${params.minDeletionWindowDays} days to notice and cancel a scheduled deletion.`,
              fix: { description: `Use a ${params.minDeletionWindowDays}-day deletion window`, safety: 'safe', terraform: (edit) => edit.setAttribute(key.span, 'deletion_window_in_days', String(params.minDeletionWindowDays)) },
            }),
          );
        } else if (days === undefined) outcomes.push(pass(window, `${key.address} leaves deletion_window_in_days unset, so AWS's 30-day window applies.`));
        else outcomes.push(pass(window, `${key.address} keeps a ${days}-day deletion window.`));
      }
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_kms_key" "phi" {\n  description             = "Patient data key"\n  enable_key_rotation     = true\n  deletion_window_in_days = 7\n}\n'],
      good: ['resource "aws_kms_key" "phi" {\n  description             = "Patient data key"\n  enable_key_rotation     = true\n  deletion_window_in_days = 30\n}\n'],
    },
  },
});
