import type { Resource } from '../../../model/resource.js';
import { asList, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-lambda-in-vpc',
  title: 'Lambda functions run inside a VPC',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A function outside the VPC reaches ePHI stores over public endpoints and can send data anywhere on the internet; inside the VPC, security groups and endpoints control both.',
  howToFix: 'Add vpc_config { subnet_ids = [...private subnets...], security_group_ids = [...] } and give the role AWSLambdaVPCAccessExecutionRole permissions.',
  links: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
  references: { awsConfig: ['lambda-inside-vpc'], checkov: ['CKV_AWS_117'] },
  targets: (model) => model.ofType('aws_lambda_function'),
  check(fn, { model }) {
    // Lambda@Edge runs at CloudFront's edge locations, where VPC access is not supported: not applicable.
    const edge = model.related(fn, 'aws_cloudfront_distribution')[0];
    if (edge !== undefined && !blockOf(fn, 'vpc_config')) return pass(fn, `${fn.address} runs as Lambda@Edge for ${edge.address}, where functions cannot be attached to a VPC.`);
    const vpc = blockOf(fn, 'vpc_config');
    const subnets = vpc?.attributes.get('subnet_ids');
    if (!vpc || !subnets) return fail(vpc ?? fn, { message: `${fn.address} has no vpc_config.subnet_ids, so it runs outside your VPC.` });
    if (isApplyTime(subnets)) return unknown(subnets, `${fn.address}: vpc_config.subnet_ids is known only at apply time (${reasonOf(subnets)}).`);
    if (asList(subnets.value).length === 0) return fail(subnets, { message: `${fn.address} sets vpc_config.subnet_ids to an empty list, so it runs outside your VPC.` });
    return pass(subnets, `${fn.address} runs in VPC subnets.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_lambda_function" "export" {\n  function_name = "phi-export"\n  role          = "arn:aws:iam::123456789012:role/export"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "export.zip"\n}\n'],
      good: [
        'resource "aws_lambda_function" "export" {\n  function_name = "phi-export"\n  role          = "arn:aws:iam::123456789012:role/export"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "export.zip"\n  vpc_config {\n    subnet_ids         = ["subnet-0123456789abcdef0"]\n    security_group_ids = ["sg-0123456789abcdef0"]\n  }\n}\n',
      ],
    },
  },
});
