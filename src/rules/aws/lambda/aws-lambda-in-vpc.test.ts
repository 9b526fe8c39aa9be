import rule from './aws-lambda-in-vpc.js';
import { testRule } from '../../../testing/rule-tester.js';

const fn = (vpc: string): string =>
  `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/f"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "f.zip"\n${vpc}}\n`;

testRule(rule, {
  pass: [
    { name: 'subnets listed', terraform: fn('  vpc_config {\n    subnet_ids         = ["subnet-a"]\n    security_group_ids = ["sg-a"]\n  }\n') },
    {
      name: 'Lambda@Edge (CloudFront runs it; no VPC possible)',
      terraform: `${fn('  publish = true\n')}\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  origin {\n    domain_name = "example.com"\n    origin_id   = "o"\n  }\n  default_cache_behavior {\n    target_origin_id       = "o"\n    viewer_protocol_policy = "redirect-to-https"\n    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n    lambda_function_association {\n      event_type = "viewer-request"\n      lambda_arn = aws_lambda_function.f.qualified_arn\n    }\n  }\n  restrictions {\n    geo_restriction {\n      restriction_type = "none"\n    }\n  }\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n`,
    },
  ],
  fail: [{ name: 'empty subnet list', terraform: fn('  vpc_config {\n    subnet_ids         = []\n    security_group_ids = []\n  }\n'), findings: [{ line: 8, message: /empty list/ }] }],
  unknown: [{ name: 'subnets from a variable', terraform: `variable "subnets" {\n  type = list(string)\n}\n${fn('  vpc_config {\n    subnet_ids         = var.subnets\n    security_group_ids = ["sg-a"]\n  }\n')}` }],
});
