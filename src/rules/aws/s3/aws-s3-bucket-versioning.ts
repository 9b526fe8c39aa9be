import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { asBoolean } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { awsProviderBefore4 } from '../provider-version.js';

function versioningResource(view: S3BucketView): string {
  return `resource "aws_s3_bucket_versioning" "${view.bucket.name}" {\n  bucket = ${view.bucket.type}.${view.bucket.name}.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-versioning',
  title: 'S3 buckets keep object versions',
  severity: 'medium',
  controls: ['164.312(c)(1)', '164.312(c)(2)', '164.308(a)(7)(ii)(A)', '164.312(a)(2)(ii)'],
  kind: 'graph',
  why: 'Without versioning an overwrite or delete of an ePHI object (by mistake, malware or an intruder) is permanent, and nothing shows what the record was before.',
  howToFix: 'Add an aws_s3_bucket_versioning resource for the bucket with versioning_configuration { status = "Enabled" } (or versioning { enabled = true } on AWS provider v3).',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  references: {
    awsConfig: ['s3-bucket-versioning-enabled'],
    checkov: ['CKV_AWS_21'],
    trivy: ['AVD-AWS-0090', 'aws-s3-enable-versioning'],
  },
  targets: (model) => s3Buckets(model),
  check(view, { model }) {
    const versioning = view.versioning;
    if (!versioning) {
      return fail(view.bucket, {
        message: `${view.address} has no versioning configuration, so overwritten or deleted objects cannot be recovered.`,
        // aws_s3_bucket_versioning came with AWS provider 4.0: on 3.x the bucket's own block does it.
        fix: awsProviderBefore4(model, view.bucket)
          ? { description: 'Enable versioning in the bucket (AWS provider 3.x)', safety: 'safe', terraform: (edit) => edit.insertBlock(view.bucket.span, 'versioning {\n  enabled = true\n}') }
          : {
              description: 'Add an aws_s3_bucket_versioning resource with status "Enabled"',
              safety: 'safe',
              terraform: (edit) => edit.insertAfter(view.bucket.span, versioningResource(view)),
            },
      });
    }
    const enabled = versioning.enabled;
    if (isApplyTime(enabled)) return unknown(enabled, `${view.address}: the versioning status is known only at apply time (${reasonOf(enabled)}).`);
    if (asBoolean(enabled.value) === true) {
      return versioning.byObjectLock ? pass(enabled, `${view.address} has Object Lock, with which S3 keeps versioning on for good.`) : pass(enabled);
    }
    return fail(enabled, {
      message:
        enabled.provenance === 'default'
          ? `${view.address} declares versioning without enabling it, so overwritten or deleted objects cannot be recovered.`
          : `${view.address} does not enable versioning (it is suspended or off), so overwritten or deleted objects cannot be recovered.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n', 'resource "aws_s3_bucket" "phi" {\n  bucket              = "patient-records"\n  object_lock_enabled = false\n}\n'],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n\nresource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
        // Object Lock needs versioning: S3 turns it on with the lock and never lets it be suspended.
        'resource "aws_s3_bucket" "phi" {\n  bucket              = "patient-records"\n  object_lock_enabled = true\n}\n',
      ],
    },
  },
});
