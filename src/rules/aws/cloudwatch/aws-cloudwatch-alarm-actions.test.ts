import rule from './aws-cloudwatch-alarm-actions.js';
import { testRule } from '../../../testing/rule-tester.js';

const alarm = (extra: string): string => `resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name = "a"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods = 1\n${extra}}\n`;

/** A topic encrypted with key k, whose policy a separate aws_kms_key_policy sets granting `service`. */
const keyPolicyResource = (service: string): string =>
  `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\nresource "aws_kms_key_policy" "k" {\n  key_id = aws_kms_key.k.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Service = "${service}" }, Action = ["kms:Decrypt", "kms:GenerateDataKey*"], Resource = "*" }]\n  })\n}\nresource "aws_sns_topic" "t" {\n  name              = "t"\n  kms_master_key_id = aws_kms_key.k.arn\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}`;

testRule(rule, {
  pass: [
    { name: 'a topic encrypted with a key CloudWatch may use', terraform: `resource "aws_kms_key" "k" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Service = "cloudwatch.amazonaws.com" }, Action = ["kms:Decrypt", "kms:GenerateDataKey*"], Resource = "*" }]\n  })\n}\nresource "aws_sns_topic" "t" {\n  name              = "t"\n  kms_master_key_id = aws_kms_key.k.arn\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}` },
    { name: 'a key whose policy a separate aws_kms_key_policy sets, granting CloudWatch (probe aa2)', terraform: keyPolicyResource('cloudwatch.amazonaws.com') },
    { name: 'actions from an SNS topic reference', terraform: `resource "aws_sns_topic" "t" {\n  name = "t"\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}` },
    { name: 'insufficient-data actions not required by parameter', terraform: alarm('  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), params: { requireInsufficientDataActions: false } },
  ],
  fail: [
    { name: 'a topic encrypted with a key whose policy does not let CloudWatch use it (a HIPAA platform\'s wiring)', terraform: `resource "aws_kms_key" "k" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Service = "logs.us-east-1.amazonaws.com" }, Action = ["kms:Decrypt", "kms:GenerateDataKey*"], Resource = "*" }]\n  })\n}\nresource "aws_sns_topic" "t" {\n  name              = "t"\n  kms_master_key_id = aws_kms_key.k.arn\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}`, findings: [{ line: 11, message: /CloudWatch cannot publish to it/ }] },
    { name: 'a separate aws_kms_key_policy that grants another service only', terraform: keyPolicyResource('logs.us-east-1.amazonaws.com'), findings: [{ line: 15, message: /the key policy aws_kms_key_policy\.k sets on aws_kms_key\.k does not let cloudwatch\.amazonaws\.com use the key/ }] },
    {
      name: "two root modules with the same addresses: one stack's key grants CloudWatch, the other's does not (each judged by its own key)",
      terraform: { 'granted/main.tf': keyPolicyResource('cloudwatch.amazonaws.com'), 'withheld/main.tf': keyPolicyResource('logs.us-east-1.amazonaws.com') },
      findings: [{ file: 'withheld/main.tf', line: 15, message: /aws_kms_key_policy\.k sets on aws_kms_key\.k does not let cloudwatch\.amazonaws\.com use the key/ }],
    },
    {
      name: 'the stack whose key withholds the grant comes first in the scan',
      terraform: { 'a-withheld/main.tf': keyPolicyResource('logs.us-east-1.amazonaws.com'), 'b-granted/main.tf': keyPolicyResource('cloudwatch.amazonaws.com') },
      findings: [{ file: 'a-withheld/main.tf', line: 15, message: /does not let cloudwatch\.amazonaws\.com use the key/ }],
    },
    { name: 'a topic encrypted with the AWS-managed SNS key', terraform: `resource "aws_sns_topic" "t" {\n  name              = "t"\n  kms_master_key_id = "alias/aws/sns"\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}`, findings: [{ line: 5, message: /AWS-managed alias\/aws\/sns key/ }] },
    { name: 'actions disabled', terraform: alarm('  actions_enabled = false\n  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), findings: [{ line: 5, message: /actions_enabled to false/ }] },
    { name: 'no insufficient-data action', terraform: alarm('  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), findings: [{ line: 1, message: /does not set insufficient_data_actions, so nobody is notified when it loses its data\./ }] },
    { name: 'an empty action list is said to be set to one (it said "does not set")', terraform: alarm('  alarm_actions = []\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), findings: [{ line: 1, message: /a sets alarm_actions to an empty list, so nobody is notified when it fires\./ }] },
    { name: 'one list unset, the other empty', terraform: alarm('  alarm_actions = []\n'), findings: [{ line: 1, message: /a does not set insufficient_data_actions and sets alarm_actions to an empty list, so nobody is notified when it fires or when it loses its data\./ }] },
    { name: 'a missing list fails though actions_enabled is known only at apply time (disabled or not, it notifies nobody)', terraform: `variable "e" {\n  type = bool\n}\n${alarm('  actions_enabled = var.e\n  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n')}`, findings: [{ line: 4, message: /does not set insufficient_data_actions/ }] },
    { name: 'a missing list fails though the other is known only at apply time', terraform: `variable "actions" {\n  type = list(string)\n}\n${alarm('  alarm_actions = var.actions\n')}`, findings: [{ line: 4, message: /does not set insufficient_data_actions/ }] },
  ],
  unknown: [
    { name: 'enabled flag from a variable', terraform: `variable "e" {\n  type = bool\n}\n${alarm('  actions_enabled = var.e\n  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:1:t"]\n')}` },
    { name: 'an action list from a variable without a value', terraform: `variable "actions" {\n  type = list(string)\n}\n${alarm('  alarm_actions = var.actions\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:1:t"]\n')}` },
  ],
});
