import rule from './aws-iam-role-session-duration-bounded.js';
import { testRule } from '../../../testing/rule-tester.js';

const role = (principal: string, extra: string): string =>
  `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = ${principal} }]\n  })\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'role default one hour', terraform: role('{ AWS = "arn:aws:iam::123456789012:root" }', '') },
    { name: 'service role may keep long sessions', terraform: role('{ Service = "ec2.amazonaws.com" }', '  max_session_duration = 43200\n') },
    { name: 'permission set default', terraform: 'resource "aws_ssoadmin_permission_set" "ps" {\n  name         = "ReadOnly"\n  instance_arn = "arn:aws:sso:::instance/ssoins-0123456789abcdef"\n}\n' },
  ],
  fail: [
    { name: 'human-assumable role with 12 hours', terraform: role('{ AWS = "arn:aws:iam::123456789012:root" }', '  max_session_duration = 43200\n'), findings: [{ line: 6, message: /12 h, longer than the 8 h limit/ }] },
    { name: 'PHI-tagged role above one hour', terraform: role('{ AWS = "arn:aws:iam::123456789012:root" }', '  max_session_duration = 7200\n  tags = {\n    DataClassification = "phi"\n  }\n'), findings: [{ line: 6, message: /1 h limit/ }] },
  ],
  unknown: [
    { name: 'duration from a variable', terraform: `variable "hours" {\n  type = number\n}\n${role('{ AWS = "arn:aws:iam::123456789012:root" }', '  max_session_duration = var.hours * 3600\n')}` },
  ],
});
