import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { asBoolean, attr, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { inPhiScope } from '../phi-scope.js';

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-event-notifications',
  title: 'PHI buckets publish object events',
  severity: 'low',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kind: 'graph',
  why: 'Object created/removed events let a consumer flag unexpected writes or deletions of ePHI as they happen, rather than at the next log review.',
  howToFix: 'Add an aws_s3_bucket_notification for the bucket with eventbridge = true or a topic, queue or lambda_function block.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html'],
  references: { awsConfig: ['s3-event-notifications-enabled'], checkov: ['CKV2_AWS_62'] },
  // 'phi': buckets classified PHI; 'all': every bucket.
  params: { scope: 'phi' },
  targets: (model, params) => s3Buckets(model).filter((view) => inPhiScope(view.bucket, params.scope)),
  check(view, { model }) {
    const notifications = model.related(view.bucket, 'aws_s3_bucket_notification');
    if (notifications.length === 0) return fail(view, { message: `${view.address} has no aws_s3_bucket_notification, so object changes raise no events.` });
    for (const n of notifications) {
      const consumers = ['topic', 'queue', 'lambda_function'].flatMap((type) => blocksOf(n, type));
      if (consumers.length > 0) return pass(consumers[0]!, `${view.address} publishes object events through ${n.address}.`);
      const eventbridge = attr(n, 'eventbridge');
      if (eventbridge && isUnresolved(eventbridge)) return unknown(eventbridge, `${view.address}: eventbridge depends on ${applyTimeReason(eventbridge)}.`);
      if (eventbridge && asBoolean(eventbridge.value) === true) return pass(eventbridge, `${view.address} sends object events to EventBridge.`);
    }
    return fail(notifications[0]!, { message: `${notifications[0]!.address} names no topic, queue, Lambda function or EventBridge for ${view.address}.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n'],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_s3_bucket_notification" "phi" {\n  bucket      = aws_s3_bucket.phi.id\n  eventbridge = true\n}\n',
      ],
    },
  },
});
