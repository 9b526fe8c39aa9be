import rule from './aws-cloudwatch-log-retention.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'never expire (0)', terraform: 'resource "aws_cloudwatch_log_group" "g" {\n  name              = "/app"\n  retention_in_days = 0\n}\n' },
    { name: 'lower minimum by parameter', params: { minRetentionDays: 90 }, terraform: 'resource "aws_cloudwatch_log_group" "g" {\n  name              = "/app"\n  retention_in_days = 90\n}\n' },
  ],
  fail: [
    { name: 'not set', terraform: 'resource "aws_cloudwatch_log_group" "g" {\n  name = "/app"\n}\n', findings: [{ line: 1, column: 1, message: /does not set retention_in_days/ }] },
    { name: 'value from tfvars', terraform: { 'main.tf': 'variable "days" {\n  type = number\n}\n\nresource "aws_cloudwatch_log_group" "g" {\n  name              = "/app"\n  retention_in_days = var.days\n}\n', 'terraform.tfvars': 'days = 7\n' }, findings: [{ line: 7, message: /keeps logs for 7 days/ }] },
  ],
  unknown: [{ name: 'days from a variable without a value', terraform: 'variable "days" {\n  type = number\n}\n\nresource "aws_cloudwatch_log_group" "g" {\n  name              = "/app"\n  retention_in_days = var.days\n}\n' }],
});
