import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { ModelBody, NestedBlock, Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import type { InfraModel } from '../../../model/infra-model.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { candidatesOf, linkedBack } from '../linked.js';
import { inPhiScope } from '../phi-scope.js';
import { accessLogTargets, auditEvidenceBuckets } from './bucket-roles.js';

/** The default_retention block, from the split resource or the legacy inline configuration. */
function defaultRetention(model: InfraModel, view: S3BucketView): { block?: NestedBlock; config?: ModelBody; maybe?: Resource } {
  // A configuration whose bucket takes one of several (element([...], 1)) is that one's only.
  const { sure, maybe } = linkedBack(model, view.bucket, 'aws_s3_bucket_object_lock_configuration', 'bucket');
  const split = sure[0];
  const inline = blockOf(view.bucket, 'object_lock_configuration');
  for (const config of [split, inline]) {
    if (!config) continue;
    const rule = blockOf(config, 'rule');
    const retention = rule ? blockOf(rule, 'default_retention') : undefined;
    if (retention) return { block: retention, config };
  }
  const config = split ?? inline;
  if (!config && maybe[0]) return { maybe: maybe[0] };
  return config ? { config } : {};
}

function lockConfiguration(view: S3BucketView): string {
  return `resource "aws_s3_bucket_object_lock_configuration" "${view.bucket.name}" {\n  bucket = ${view.bucket.type}.${view.bucket.name}.id\n\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}\n`;
}

function judgeRetention(address: string, retention: NestedBlock): Outcome {
  const mode = retention.attributes.get('mode');
  const days = retention.attributes.get('days');
  const years = retention.attributes.get('years');
  for (const v of [mode, days, years]) if (isApplyTime(v)) return unknown(v!, `${address}: the Object Lock default retention is known only at apply time (${reasonOf(v)}).`);
  const m = asString(mode?.value)?.toUpperCase();
  if (m !== 'COMPLIANCE' && m !== 'GOVERNANCE') {
    return fail(mode ?? retention, { message: `${address} sets an Object Lock default retention without a COMPLIANCE or GOVERNANCE mode, so new objects are not locked.` });
  }
  const period = (asNumber(days?.value) ?? 0) + (asNumber(years?.value) ?? 0);
  if (period <= 0) return fail(retention, { message: `${address} sets an Object Lock default retention without a period (days or years), so new objects are not locked.` });
  return pass(retention);
}

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-object-lock',
  title: 'S3 buckets use Object Lock with a default retention',
  severity: 'medium',
  controls: ['164.312(c)(1)', '164.312(c)(2)', '164.308(a)(1)(ii)(B)'],
  kind: 'graph',
  why: 'Object Lock makes audit logs, backups and ePHI objects write-once for the retention period, so neither a mistake nor a compromised account can alter or destroy them.',
  howToFix: 'Set object_lock_enabled = true on the aws_s3_bucket and add an aws_s3_bucket_object_lock_configuration with rule { default_retention { mode = "COMPLIANCE" (or "GOVERNANCE"), days = N } }.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html'],
  references: { awsConfig: ['s3-bucket-default-lock-enabled'], checkov: ['CKV_AWS_143'] },
  // 'phi': PHI-classified buckets and audit-evidence buckets (CloudTrail / Config destinations); 'all': every bucket.
  // Server access-log targets are never judged: S3 cannot deliver access logs to a bucket with a default retention.
  params: { scope: 'phi' },
  targets(model, params) {
    const audit = auditEvidenceBuckets(model);
    const logTargets = accessLogTargets(model);
    return s3Buckets(model).filter((v) => !logTargets.has(v.bucket) && (params.scope === 'all' || audit.has(v.bucket) || inPhiScope(v.bucket, 'phi')));
  },
  check(view, { model }) {
    const lock = view.objectLock;
    if (!lock) {
      return fail(view.bucket, {
        message: `${view.address} does not enable Object Lock, so its objects can be overwritten or deleted at any time.`,
        fix: {
          description: 'Enable Object Lock with a 365-day GOVERNANCE default retention (Terraform replaces an existing bucket)',
          safety: 'unsafe',
          terraform: (edit) => [
            edit.setAttribute(view.bucket.span, 'object_lock_enabled', 'true'),
            edit.insertAfter(view.bucket.span, lockConfiguration(view)),
          ],
        },
      });
    }
    if (isApplyTime(lock.enabled)) return unknown(lock.enabled, `${view.address}: Object Lock is known only at apply time (${reasonOf(lock.enabled)}).`);
    if (asBoolean(lock.enabled.value) !== true) {
      return fail(lock.enabled, { message: `${view.address} turns Object Lock off, so its objects can be overwritten or deleted at any time.` });
    }
    const { block, config, maybe } = defaultRetention(model, view);
    if (maybe) {
      return unknown(maybe, `${view.address}: ${maybe.address} configures one of ${candidatesOf(model, maybe, view.bucket.type)} (which one is not known to the scan), so its Object Lock default retention cannot be judged.`);
    }
    if (!block) {
      return fail(config ?? view.bucket, {
        message: `${view.address} enables Object Lock without a default retention, so objects are only protected when each upload asks for it.`,
      });
    }
    return judgeRetention(view.address, block);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "records" {\n  bucket = "patient-records"\n  tags   = { DataClassification = "PHI" }\n}\n'],
      good: [
        'resource "aws_s3_bucket" "records" {\n  bucket              = "patient-records"\n  object_lock_enabled = true\n  tags                = { DataClassification = "PHI" }\n}\n\nresource "aws_s3_bucket_object_lock_configuration" "records" {\n  bucket = aws_s3_bucket.records.id\n\n  rule {\n    default_retention {\n      mode = "COMPLIANCE"\n      days = 365\n    }\n  }\n}\n',
      ],
    },
  },
});
