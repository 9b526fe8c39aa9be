import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { asBoolean, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { auditEvidenceBuckets } from './bucket-roles.js';
import { linkedBack } from '../linked.js';

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-mfa-delete',
  title: 'S3 buckets holding audit evidence require MFA to delete versions (or are under compliance-mode Object Lock)',
  severity: 'low',
  controls: ['164.312(c)(1)'],
  kind: 'attr',
  why: 'With MFA delete, destroying object versions or suspending versioning needs the root user and an MFA code, so stolen keys alone cannot erase audit evidence or ePHI history.',
  howToFix: 'Protect the bucket with an Object Lock default retention in COMPLIANCE mode (GOVERNANCE can be bypassed without MFA), or set versioning_configuration { status = "Enabled", mfa_delete = "Enabled" } in aws_s3_bucket_versioning (with mfa = "<serial> <code>"; MFA delete can only be turned on by the root user).',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html'],
  references: { awsConfig: ['s3-bucket-mfa-delete-enabled'], trivy: ['AVD-AWS-0170', 'aws-s3-require-mfa-delete'] },
  // 'audit': buckets CloudTrail or AWS Config deliver to; 'all': every bucket.
  params: { scope: 'audit' },
  targets(model, params) {
    const audit = auditEvidenceBuckets(model);
    return s3Buckets(model).filter((v) => params.scope === 'all' || audit.has(v.bucket));
  },
  check(view, { model }) {
    // An Object Lock default retention in COMPLIANCE mode stops anyone, root included, from destroying
    // locked versions. GOVERNANCE mode does not: any principal allowed s3:BypassGovernanceRetention
    // deletes them with the x-amz-bypass-governance-retention header, no MFA asked
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes),
    // so such a bucket is judged on its versioning's mfa_delete like one without a lock.
    // A configuration whose bucket takes one of several (element([...], 1)) locks that one only: without
    // one of its own, the bucket is judged on its versioning.
    const lockConfig = linkedBack(model, view.bucket, 'aws_s3_bucket_object_lock_configuration', 'bucket').sure[0] ?? blockOf(view.bucket, 'object_lock_configuration');
    const rule = lockConfig ? blockOf(lockConfig, 'rule') : undefined;
    const retention = rule ? blockOf(rule, 'default_retention') : undefined;
    let governance = '';
    if (view.objectLock && asBoolean(view.objectLock.enabled.value) === true && retention) {
      const mode = retention.attributes.get('mode');
      if (mode && isApplyTime(mode)) return unknown(mode, `${view.address}: the Object Lock retention mode is known only at apply time (${reasonOf(mode)}).`);
      if (asString(mode?.value)?.toUpperCase() === 'COMPLIANCE') return pass({ span: view.objectLock.span });
      governance = ' (its Object Lock retention is GOVERNANCE mode, which s3:BypassGovernanceRetention overrides without MFA)';
    }
    const versioning = view.versioning;
    if (!versioning) {
      return fail(view.bucket, { message: `${view.address} has no versioning configuration, so MFA delete is off and versions can be destroyed without MFA${governance}.` });
    }
    const mfa = versioning.mfaDelete;
    if (!mfa) {
      return fail({ span: versioning.span }, { message: `${view.address} does not set mfa_delete, so versions can be destroyed without MFA${governance}.` });
    }
    if (isApplyTime(mfa)) return unknown(mfa, `${view.address}: mfa_delete is known only at apply time (${reasonOf(mfa)}).`);
    const on = asBoolean(mfa.value) ?? asString(mfa.value)?.toLowerCase() === 'enabled';
    if (on) return pass(mfa);
    return fail(mfa, { message: `${view.address} disables mfa_delete, so versions can be destroyed without MFA${governance}.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "audit" {\n  bucket = "audit-evidence"\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}\n\nresource "aws_s3_bucket_versioning" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n'],
      good: [
        'resource "aws_s3_bucket" "audit" {\n  bucket = "audit-evidence"\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}\n\nresource "aws_s3_bucket_versioning" "audit" {\n  bucket = aws_s3_bucket.audit.id\n  mfa    = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"\n\n  versioning_configuration {\n    status     = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}\n',
      ],
    },
  },
});
