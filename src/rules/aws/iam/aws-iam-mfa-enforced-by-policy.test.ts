import rule from './aws-iam-mfa-enforced-by-policy.js';
import { testRule } from '../../../testing/rule-tester.js';

const trust = (condition: string): string =>
  `resource "aws_iam_role" "admin" {\n  name = "admin"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Action = "sts:AssumeRole"\n      Principal = { AWS = "arn:aws:iam::123456789012:root" }\n${condition}    }]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'role trust requires MFA', terraform: trust('      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }\n') },
    {
      name: 'managed policy attached to the group',
      terraform: `resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_policy" "mfa" {\n  name = "mfa"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }]\n  })\n}\nresource "aws_iam_group_policy_attachment" "a" {\n  group = aws_iam_group.g.name\n  policy_arn = aws_iam_policy.mfa.arn\n}\n`,
    },
    {
      name: 'role trust: an Allow and a Deny of assuming it when MFA is absent (BoolIfExists false)',
      terraform: `resource "aws_iam_role" "admin" {\n  name = "admin"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } },\n      { Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } },\n    ]\n  })\n}\n`,
    },
    {
      name: 'a third party\'s account under sts:ExternalId is an integration, not people: not judged; people\'s roles are',
      terraform: `resource "aws_iam_role" "vendor" {\n  name = "vendor"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::464622532012:root" }, Condition = { StringEquals = { "sts:ExternalId" = "abc123" } } }]\n  })\n}\n${trust('      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }\n')}`,
    },
    { name: 'service roles are not judged, groups are', terraform: `resource "aws_iam_role" "svc" {\n  name = "svc"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]\n  })\n}\n${trust('      Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" } }\n')}` },
    {
      name: 'group Deny without MFA that spares only calls AWS services make on the member\'s behalf (aws:ViaAWSService false)',
      terraform: `resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = ["iam:EnableMFADevice"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }, Bool = { "aws:ViaAWSService" = "false" } } }]\n  })\n}\n`,
    },
    {
      name: 'role trust: AssumeRole requires MFA; a statement allowing only sts:TagSession assumes nothing',
      terraform: `resource "aws_iam_role" "ops" {\n  name = "ops"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },\n      { Effect = "Allow", Action = ["sts:TagSession", "sts:SetSourceIdentity"], Principal = { AWS = "arn:aws:iam::123456789012:root" } },\n    ]\n  })\n}\n`,
    },
  ],
  fail: [
    {
      // NotAction exempting S3 and DynamoDB lets members read those ePHI stores with a password or access key alone.
      name: 'group Deny without MFA whose NotAction also exempts data services',
      terraform: `resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = ["iam:EnableMFADevice", "s3:*", "dynamodb:*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }]\n  })\n}\n`,
      findings: [{ line: 6, message: /except "s3:\*", "dynamodb:\*" \(NotAction\)/ }],
    },
    {
      name: 'group Deny without MFA ANDed with a source IP condition: members need no MFA from the office range',
      terraform: `resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = ["iam:EnableMFADevice", "sts:GetSessionToken"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }, NotIpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } } }]\n  })\n}\n`,
      findings: [{ line: 6, message: /denies actions without MFA only when NotIpAddress aws:SourceIp also holds/ }],
    },
    {
      name: 'role trust Deny without MFA ANDed with a source IP condition does not stand in for MFA on the Allow',
      terraform: `resource "aws_iam_role" "admin" {\n  name = "admin"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } },\n      { Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }, NotIpAddress = { "aws:SourceIp" = "203.0.113.0/24" } } },\n    ]\n  })\n}\n`,
      findings: [{ line: 3, message: /statement 1 allows assuming it with no aws:MultiFactorAuthPresent condition/ }],
    },
    {
      name: 'role trust: one AssumeRole statement requires MFA, another (sts:*) does not: the message is about the open one',
      terraform: `resource "aws_iam_role" "ops" {\n  name = "ops"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },\n      { Effect = "Allow", Action = "sts:*", Principal = { AWS = "arn:aws:iam::123456789012:user/ci" } },\n    ]\n  })\n}\n`,
      findings: [{ line: 3, message: /without MFA: its trust policy's statement 2 allows assuming it with no aws:MultiFactorAuthPresent condition/ }],
    },
    ...[
      ['an Allow granted without MFA', '{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }'],
      ['a Deny of one action without MFA', '{ Effect = "Deny", Action = ["ec2:TerminateInstances"], Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }'],
      ['a Deny of those who have MFA', '{ Effect = "Deny", NotAction = ["iam:*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } } }'],
    ].map(([name, statement]) => ({
      name: `group policy that mentions MFA but enforces nothing: ${name}`,
      terraform: `resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [${statement}]\n  })\n}\n`,
      findings: [{ line: 6, message: /mentions aws:MultiFactorAuthPresent, but no statement denies every action/ }],
    })),
    { name: 'human role without MFA condition', terraform: trust(''), findings: [{ line: 3, message: /without MFA/ }] },
    ...[
      ['Null MultiFactorAuthPresent true (holds only when MFA is absent)', 'Null = { "aws:MultiFactorAuthPresent" = "true" }'],
      ['BoolIfExists true (holds for long-term keys, which carry no key)', 'BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" }'],
      ['StringNotEquals true', 'StringNotEquals = { "aws:MultiFactorAuthPresent" = "true" }'],
      ['Null MultiFactorAuthAge true', 'Null = { "aws:MultiFactorAuthAge" = "true" }'],
    ].map(([name, condition]) => ({
      name: `role trust whose MFA condition lets sessions without MFA through: ${name}`,
      terraform: trust(`      Condition = { ${condition} }\n`),
      findings: [{ line: 3, message: /MFA condition also holds for a session without a second factor/ }],
    })),
    {
      name: 'group Deny with Bool false: requests signed with access keys carry no MFA key and are not denied',
      terraform: 'resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = ["iam:*"], Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }]\n  })\n}\n',
      findings: [{ line: 6, message: /only where the MFA key is present .* use BoolIfExists/ }],
    },
    { name: 'group whose only policy lacks MFA', terraform: 'resource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]\n  })\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [
    // A condition known only at apply time may be the MFA test: it was dropped, and the trust failed as having none.
    { name: 'role trust whose Condition is known only at apply time', terraform: `variable "conditions" {\n  type = any\n}\n${trust('      Condition = var.conditions\n')}` },
    {
      // It may narrow the Deny to some sessions, or not: it was dropped, and the Deny judged to reach every session (a pass).
      name: 'group Deny without MFA beside a condition known only at apply time',
      terraform: `variable "scope" {\n  type = map(string)\n}\nresource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "mfa" {\n  group = aws_iam_group.g.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }, StringEquals = var.scope } }]\n  })\n}\n`,
    },
    { name: 'group policy from a variable', terraform: 'variable "doc" {\n  type = string\n}\nresource "aws_iam_group" "g" {\n  name = "g"\n}\nresource "aws_iam_group_policy" "p" {\n  group = aws_iam_group.g.name\n  policy = var.doc\n}\n' },
  ],
});
