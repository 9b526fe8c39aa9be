import rule from './aws-analytics-store-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'Glue catalog and security configuration',
      terraform:
        'resource "aws_glue_data_catalog_encryption_settings" "c" {\n  data_catalog_encryption_settings {\n    encryption_at_rest {\n      catalog_encryption_mode = "SSE-KMS"\n    }\n    connection_password_encryption {\n      return_connection_password_encrypted = true\n    }\n  }\n}\n\nresource "aws_glue_security_configuration" "s" {\n  name = "phi"\n  encryption_configuration {\n    cloudwatch_encryption {\n      cloudwatch_encryption_mode = "SSE-KMS"\n    }\n    job_bookmarks_encryption {\n      job_bookmarks_encryption_mode = "CSE-KMS"\n    }\n    s3_encryption {\n      s3_encryption_mode = "SSE-KMS"\n    }\n  }\n}\n',
    },
    { name: 'CodeBuild artifacts encrypted by default', terraform: 'resource "aws_codebuild_project" "p" {\n  name         = "build"\n  service_role = "arn:aws:iam::123456789012:role/codebuild"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n  source {\n    type = "NO_SOURCE"\n    buildspec = "version: 0.2"\n  }\n}\n' },
  ],
  fail: [
    {
      name: 'Athena workgroup lets clients override',
      terraform: 'resource "aws_athena_workgroup" "w" {\n  name = "w"\n  configuration {\n    enforce_workgroup_configuration = false\n    result_configuration {\n      encryption_configuration {\n        encryption_option = "SSE_S3"\n      }\n    }\n  }\n}\n',
      findings: [{ line: 4, message: /clients can override/ }],
    },
    { name: 'WorkSpace with unencrypted volumes', terraform: 'resource "aws_workspaces_workspace" "w" {\n  directory_id = "d-1234567890"\n  bundle_id    = "wsb-0123456789"\n  user_name    = "clinician"\n}\n', findings: [{ line: 1, message: /root_volume_encryption_enabled/ }, { line: 1, message: /user_volume_encryption_enabled/ }] },
  ],
  unknown: [{ name: 'Athena option from a variable without a value', terraform: 'variable "opt" {\n  type = string\n}\n\nresource "aws_athena_database" "d" {\n  name   = "claims"\n  bucket = "example-athena"\n  encryption_configuration {\n    encryption_option = var.opt\n  }\n}\n' }],
});
