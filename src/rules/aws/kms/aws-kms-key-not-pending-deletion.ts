import type { Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, attr, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

export default defineRule<Resource, { minDeletionWindowDays: number }>({
  id: 'aws-kms-key-not-pending-deletion',
  title: 'KMS keys stay enabled and keep the longest deletion window',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(1)(ii)(B)', '164.308(a)(7)(ii)(A)'],
  kind: 'plan',
  why: 'Disabling or deleting a key makes every ePHI record, backup and snapshot encrypted under it unreadable; a 30-day deletion window is the time you have to notice and cancel.',
  howToFix: 'Keep is_enabled = true and deletion_window_in_days = 30 on aws_kms_key, and add lifecycle { prevent_destroy = true } to keys protecting ePHI.',
  links: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'],
  references: { awsConfig: ['kms-cmk-not-scheduled-for-deletion'], checkov: ['CKV_AWS_227'] },
  params: { minDeletionWindowDays: 30 },
  targets: (model) => model.ofType('aws_kms_key'),
  check(key, { params }) {
    const outcomes: Outcome[] = [];
    const enabled = attrOr(key, 'is_enabled', true);
    if (isUnresolved(enabled)) outcomes.push(unknown(enabled, `${key.address}: is_enabled depends on ${applyTimeReason(enabled)}.`));
    else if (asBoolean(enabled.value) === false) {
      outcomes.push(
        fail(enabled, {
          message: `${key.address} sets is_enabled to false, so nothing encrypted under it can be decrypted.`,
          fix: { description: 'Re-enable the key', safety: 'safe', terraform: (edit) => edit.setAttribute(key.span, 'is_enabled', 'true') },
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
        } else outcomes.push(pass(window, `${key.address} keeps a ${days ?? '?'}-day deletion window.`));
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
