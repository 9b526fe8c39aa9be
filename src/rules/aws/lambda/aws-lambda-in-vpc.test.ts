import rule from './aws-lambda-in-vpc.js';
import { testRule } from '../../../testing/rule-tester.js';

const fn = (vpc: string): string =>
  `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/f"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "f.zip"\n${vpc}}\n`;

testRule(rule, {
  pass: [{ name: 'subnets listed', terraform: fn('  vpc_config {\n    subnet_ids         = ["subnet-a"]\n    security_group_ids = ["sg-a"]\n  }\n') }],
  fail: [{ name: 'empty subnet list', terraform: fn('  vpc_config {\n    subnet_ids         = []\n    security_group_ids = []\n  }\n'), findings: [{ line: 8, message: /empty list/ }] }],
  unknown: [{ name: 'subnets from a variable', terraform: `variable "subnets" {\n  type = list(string)\n}\n${fn('  vpc_config {\n    subnet_ids         = var.subnets\n    security_group_ids = ["sg-a"]\n  }\n')}` }],
});
