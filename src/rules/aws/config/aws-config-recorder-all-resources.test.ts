import rule from './aws-config-recorder-all-resources.js';
import { testRule } from '../../../testing/rule-tester.js';

const recorder = '  name = "r"\n  role_arn = "arn:aws:iam::1:role/c"\n  recording_group {\n    all_supported = true\n    include_global_resource_types = true\n  }\n';

/** A module holding a region's recorder, delivery channel and status; the caller says whether it records global types. */
const regionModule =
  'variable "name" {\n  type = string\n}\nvariable "global" {\n  type = bool\n}\nresource "aws_config_configuration_recorder" "this" {\n  name     = var.name\n  role_arn = "arn:aws:iam::123456789012:role/config"\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = var.global\n  }\n}\nresource "aws_config_delivery_channel" "this" {\n  name           = var.name\n  s3_bucket_name = "example-config"\n  depends_on     = [aws_config_configuration_recorder.this]\n}\nresource "aws_config_configuration_recorder_status" "this" {\n  name       = aws_config_configuration_recorder.this.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.this]\n}\n';
const twoRegions = (useast1Global: boolean): Record<string, string> => ({
  'main.tf': `provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "usw2"\n  region = "us-west-2"\n}\nmodule "config_use1" {\n  source = "./modules/config"\n  name   = "use1"\n  global = ${useast1Global}\n}\nmodule "config_usw2" {\n  source    = "./modules/config"\n  providers = { aws = aws.usw2 }\n  name      = "usw2"\n  global    = false\n}\n`,
  'modules/config/main.tf': regionModule,
});

testRule(rule, {
  pass: [
    { name: 'two regions, global types recorded in us-east-1 only (probe cr2)', terraform: twoRegions(true) },
    {
      name: 'complete setup with an all-region aggregator',
      terraform: `resource "aws_config_configuration_recorder" "r" {\n${recorder}}\nresource "aws_config_delivery_channel" "c" {\n  name = "c"\n  s3_bucket_name = "b"\n}\nresource "aws_config_configuration_recorder_status" "s" {\n  name = aws_config_configuration_recorder.r.name\n  is_enabled = true\n}\nresource "aws_config_configuration_aggregator" "a" {\n  name = "a"\n  account_aggregation_source {\n    account_ids = ["123456789012"]\n    all_regions = true\n  }\n}\n`,
    },
  ],
  fail: [
    {
      name: "another stack's delivery channel does not deliver for this recorder",
      terraform: {
        'a/main.tf': rule.examples.terraform!.good[0]!,
        'b/main.tf': rule.examples.terraform!.good[0]!.replace(/resource "aws_config_delivery_channel" "main" \{[\s\S]*?\n\}\n\n/, '').replace('  depends_on = [aws_config_delivery_channel.main]\n', ''),
      },
      findings: [{ file: 'b/main.tf', line: 1, message: /has no aws_config_delivery_channel/ }],
    },
    {
      name: 'two regions, neither records global types',
      terraform: twoRegions(false),
      findings: [
        { file: 'modules/config/main.tf', line: 12, message: /include_global_resource_types to false, so changes to IAM users, roles and policies are not recorded \(and no other recorder/ },
        { file: 'modules/config/main.tf', line: 12, message: /include_global_resource_types to false/ },
      ],
    },
    { name: 'recorder never started nor delivered', terraform: `resource "aws_config_configuration_recorder" "r" {\n${recorder}}\n`, findings: [{ line: 1, message: /never started.*never delivered/ }] },
    { name: 'baseline without a recorder', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n}\n', findings: [{ line: 1, message: /no aws_config_configuration_recorder/ }] },
  ],
  unknown: [{ name: 'baseline not in scope', terraform: 'resource "aws_lb" "l" {\n  name = "l"\n}\n' }],
});
