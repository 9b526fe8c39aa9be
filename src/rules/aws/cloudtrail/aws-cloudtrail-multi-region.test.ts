import rule from './aws-cloudtrail-multi-region.js';
import { testRule } from '../../../testing/rule-tester.js';

const advanced = (...readOnly: string[]): string =>
  `resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n${readOnly
    .map((r) => `  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Management"]\n    }\n${r === '' ? '' : `    field_selector {\n      field = "readOnly"\n      ${r}\n    }\n`}  }\n`)
    .join('')}}\n`;

testRule(rule, {
  pass: [
    { name: 'advanced selector for management events without a readOnly field', terraform: advanced('') },
    { name: 'advanced selectors for read and for write management events', terraform: advanced('equals = ["true"]', 'equals = ["false"]') },
    {
      name: 'a narrow data-event trail next to a multi-region baseline trail',
      terraform: 'resource "aws_cloudtrail" "baseline" {\n  name                  = "baseline"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n}\n\nresource "aws_cloudtrail" "phi_objects" {\n  name           = "phi-objects"\n  s3_bucket_name = "example-audit-logs"\n}\n',
    },
    // A second selector keeps the KMS events the first leaves out.
    { name: 'one of two basic selectors excludes KMS events', terraform: 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  event_selector {\n    exclude_management_event_sources = ["kms.amazonaws.com"]\n  }\n  event_selector {\n  }\n}\n' },
  ],
  fail: [
    // Excluding kms.amazonaws.com drops every Decrypt of ePHI keys from the trail (probe ct11).
    { name: 'basic selector excluding KMS management events', terraform: 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  event_selector {\n    exclude_management_event_sources = ["kms.amazonaws.com"]\n  }\n}\n', findings: [{ line: 6, message: /excludes management events from kms.amazonaws.com, so KMS Decrypt and GenerateDataKey calls/ }] },
    { name: 'advanced selector excluding KMS management events', terraform: 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Management"]\n    }\n    field_selector {\n      field      = "eventSource"\n      not_equals = ["kms.amazonaws.com"]\n    }\n  }\n}\n', findings: [{ line: 5, message: /keep only some management event sources \(eventSource not_equals kms.amazonaws.com\), so KMS Decrypt/ }] },
    { name: 'advanced selector for write-only management events', terraform: advanced('equals = ["false"]'), findings: [{ line: 5, message: /record only write management events/ }] },
    { name: 'advanced selector excluding read-only management events', terraform: advanced('not_equals = ["true"]'), findings: [{ line: 5, message: /record only write management events/ }] },
    { name: 'global service events off', terraform: 'resource "aws_cloudtrail" "t" {\n  name                          = "t"\n  s3_bucket_name                = "example-audit-logs"\n  is_multi_region_trail         = true\n  include_global_service_events = false\n}\n', findings: [{ line: 5, message: /global service events/ }] },
    {
      name: 'only write management events',
      terraform: 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  event_selector {\n    read_write_type = "WriteOnly"\n  }\n}\n',
      findings: [{ line: 5, message: /both read and write management events/ }],
    },
    {
      // A stopped trail records nothing: the regional trail is the only one logging.
      name: 'a regional trail next to a multi-region trail that is stopped',
      terraform:
        'resource "aws_cloudtrail" "regional" {\n  name           = "regional"\n  s3_bucket_name = "example-audit-logs"\n}\n\nresource "aws_cloudtrail" "org" {\n  name                  = "org"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  enable_logging        = false\n}\n',
      findings: [{ line: 1, message: /aws_cloudtrail.regional does not set is_multi_region_trail/ }],
    },
  ],
  unknown: [
    { name: 'flag from a variable without a value', terraform: 'variable "multi" {\n  type = bool\n}\n\nresource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = var.multi\n}\n' },
    {
      name: 'a regional trail next to a multi-region trail whose logging is known only at apply time',
      terraform:
        'variable "logging" {\n  type = bool\n}\n\nresource "aws_cloudtrail" "regional" {\n  name           = "regional"\n  s3_bucket_name = "example-audit-logs"\n}\n\nresource "aws_cloudtrail" "org" {\n  name                  = "org"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n  enable_logging        = var.logging\n}\n',
    },
  ],
});
