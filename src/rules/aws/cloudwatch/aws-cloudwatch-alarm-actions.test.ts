import rule from './aws-cloudwatch-alarm-actions.js';
import { testRule } from '../../../testing/rule-tester.js';

const alarm = (extra: string): string => `resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name = "a"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods = 1\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'actions from an SNS topic reference', terraform: `resource "aws_sns_topic" "t" {\n  name = "t"\n}\n${alarm('  alarm_actions = [aws_sns_topic.t.arn]\n  insufficient_data_actions = [aws_sns_topic.t.arn]\n')}` },
    { name: 'insufficient-data actions not required by parameter', terraform: alarm('  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), params: { requireInsufficientDataActions: false } },
  ],
  fail: [
    { name: 'actions disabled', terraform: alarm('  actions_enabled = false\n  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), findings: [{ line: 5, message: /actions_enabled to false/ }] },
    { name: 'no insufficient-data action', terraform: alarm('  alarm_actions = ["arn:aws:sns:us-east-1:1:t"]\n'), findings: [{ line: 1, message: /does not set insufficient_data_actions, so nobody is notified when it loses its data\./ }] },
  ],
  unknown: [{ name: 'enabled flag from a variable', terraform: `variable "e" {\n  type = bool\n}\n${alarm('  actions_enabled = var.e\n')}` }],
});
