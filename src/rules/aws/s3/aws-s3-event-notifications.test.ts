import rule from './aws-s3-event-notifications.js';
import { testRule } from '../../../testing/rule-tester.js';

const phiBucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n';

testRule(rule, {
  pass: [
    {
      name: 'SQS queue consumer',
      terraform: `${phiBucket}\nresource "aws_sqs_queue" "events" {\n  name = "phi-object-events"\n}\n\nresource "aws_s3_bucket_notification" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  queue {\n    queue_arn = aws_sqs_queue.events.arn\n    events    = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]\n  }\n}\n`,
    },
  ],
  fail: [
    { name: 'no notification', terraform: phiBucket, findings: [{ line: 1, message: /has no aws_s3_bucket_notification/ }] },
    { name: 'EventBridge switched off', terraform: `${phiBucket}\nresource "aws_s3_bucket_notification" "phi" {\n  bucket      = aws_s3_bucket.phi.id\n  eventbridge = false\n}\n`, findings: [{ line: 6, message: /names no topic/ }] },
  ],
  unknown: [
    { name: 'eventbridge from a variable without a value', terraform: `variable "eventbridge" {\n  type = bool\n}\n\n${phiBucket}\nresource "aws_s3_bucket_notification" "phi" {\n  bucket      = aws_s3_bucket.phi.id\n  eventbridge = var.eventbridge\n}\n` },
  ],
});
