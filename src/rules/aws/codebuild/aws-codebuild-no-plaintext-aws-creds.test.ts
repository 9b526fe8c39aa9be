import rule from './aws-codebuild-no-plaintext-aws-creds.js';
import { testRule } from '../../../testing/rule-tester.js';

const project = (variables: string): string =>
  `resource "aws_codebuild_project" "b" {\n  name         = "b"\n  service_role = "arn:aws:iam::123456789012:role/cb"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n${variables}  }\n  source {\n    type = "NO_SOURCE"\n    buildspec = "version: 0.2"\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'ordinary plaintext variable', terraform: project('    environment_variable {\n      name  = "STAGE"\n      value = "prod"\n    }\n') },
    { name: 'key id from Secrets Manager', terraform: project('    environment_variable {\n      name  = "AWS_ACCESS_KEY_ID"\n      value = "build/aws:access_key_id"\n      type  = "SECRETS_MANAGER"\n    }\n') },
  ],
  fail: [
    { name: 'explicit PLAINTEXT key id, value never printed', terraform: project('    environment_variable {\n      name  = "AWS_ACCESS_KEY_ID"\n      value = "AKIAEXAMPLEEXAMPLE00"\n      type  = "PLAINTEXT"\n    }\n'), findings: [{ line: 11, message: /^(?!.*AKIA).*AWS_ACCESS_KEY_ID as a PLAINTEXT/ }] },
  ],
  unknown: [
    { name: 'variable type from a variable', terraform: `variable "kind" {\n  type = string\n}\n${project('    environment_variable {\n      name  = "AWS_SECRET_ACCESS_KEY"\n      value = "build/aws"\n      type  = var.kind\n    }\n')}` },
  ],
});
