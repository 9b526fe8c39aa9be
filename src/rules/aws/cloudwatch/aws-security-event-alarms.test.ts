import rule from './aws-security-event-alarms.js';
import { testRule } from '../../../testing/rule-tester.js';

const trail = 'resource "aws_cloudwatch_log_group" "g" {\n  name = "trail"\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.g.arn}:*"\n}\n';
const rootAlarm = 'resource "aws_cloudwatch_log_metric_filter" "root" {\n  name = "root"\n  log_group_name = aws_cloudwatch_log_group.g.name\n  pattern = "{ $.userIdentity.type = \\"Root\\" }"\n  metric_transformation {\n    name = "RootUsage"\n    namespace = "CIS"\n    value = "1"\n  }\n}\nresource "aws_cloudwatch_metric_alarm" "root" {\n  alarm_name = "root"\n  namespace = "CIS"\n  metric_name = aws_cloudwatch_log_metric_filter.root.metric_transformation[0].name\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods = 1\n  threshold = 1\n}\n';

testRule(rule, {
  pass: [
    { name: 'only the root-use event required', terraform: trail + rootAlarm, params: { events: ['root-usage'] } },
    { name: 'filter names the trail\'s log group by a literal name', terraform: trail + rootAlarm.replace('aws_cloudwatch_log_group.g.name', '"trail"'), params: { events: ['root-usage'] } },
  ],
  fail: [
    {
      // Stack a alarms on its filter by reference; stack b's filter at the same address publishes another metric and has no alarm.
      name: "another stack's alarm referencing its own filter does not watch this stack's filter at the same address",
      terraform: {
        'a/main.tf': trail + rootAlarm,
        'b/main.tf': trail.replace('name = "trail"', 'name = "trail-b"') + rootAlarm.replace('name = "RootUsage"', 'name = "RootUsageB"').replace(/resource "aws_cloudwatch_metric_alarm"[^]*$/, ''),
      },
      params: { events: ['root-usage'] },
      findings: [{ file: 'b/main.tf', line: 7, message: /no alarmed metric filter on its log group trail-b for root account use/ }],
    },
    { name: 'trail not sent to CloudWatch Logs', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n}\n', findings: [{ line: 1, message: /does not send events to CloudWatch Logs/ }] },
    {
      name: 'filter on a log group the trail does not deliver to',
      terraform: `${trail}resource "aws_cloudwatch_log_group" "app" {\n  name = "application-logs"\n}\n${rootAlarm.replace('aws_cloudwatch_log_group.g.name', 'aws_cloudwatch_log_group.app.name')}`,
      params: { events: ['root-usage'] },
      findings: [{ line: 7, message: /no alarmed metric filter on its log group trail for root account use \(filters on other log groups/ }],
    },
    { name: 'root alarm only, the rest missing', terraform: trail + rootAlarm, findings: [{ line: 7, message: /console sign-in failures/ }] },
  ],
  unknown: [
    { name: 'filter log group from a variable', terraform: `variable "group" {\n  type = string\n}\n${trail}${rootAlarm.replace('aws_cloudwatch_log_group.g.name', 'var.group')}`, params: { events: ['root-usage'] } },{ name: 'baseline not in scope', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' }],
});
