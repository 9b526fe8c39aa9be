import rule from './aws-config-recorder-all-resources.js';
import { testRule } from '../../../testing/rule-tester.js';

const recorder = '  name = "r"\n  role_arn = "arn:aws:iam::1:role/c"\n  recording_group {\n    all_supported = true\n    include_global_resource_types = true\n  }\n';

testRule(rule, {
  pass: [
    {
      name: 'complete setup with an all-region aggregator',
      terraform: `resource "aws_config_configuration_recorder" "r" {\n${recorder}}\nresource "aws_config_delivery_channel" "c" {\n  name = "c"\n  s3_bucket_name = "b"\n}\nresource "aws_config_configuration_recorder_status" "s" {\n  name = aws_config_configuration_recorder.r.name\n  is_enabled = true\n}\nresource "aws_config_configuration_aggregator" "a" {\n  name = "a"\n  account_aggregation_source {\n    account_ids = ["123456789012"]\n    all_regions = true\n  }\n}\n`,
    },
  ],
  fail: [
    { name: 'recorder never started nor delivered', terraform: `resource "aws_config_configuration_recorder" "r" {\n${recorder}}\n`, findings: [{ line: 1, message: /never started.*never delivered/ }] },
    { name: 'baseline without a recorder', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n}\n', findings: [{ line: 1, message: /no aws_config_configuration_recorder/ }] },
  ],
  unknown: [{ name: 'baseline not in scope', terraform: 'resource "aws_lb" "l" {\n  name = "l"\n}\n' }],
});
