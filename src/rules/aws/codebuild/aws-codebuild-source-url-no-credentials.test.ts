import rule from './aws-codebuild-source-url-no-credentials.js';
import { testRule } from '../../../testing/rule-tester.js';

const project = (sources: string): string =>
  `resource "aws_codebuild_project" "b" {\n  name         = "b"\n  service_role = "arn:aws:iam::123456789012:role/cb"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n${sources}}\n`;

testRule(rule, {
  pass: [
    { name: 'S3 source', terraform: project('  source {\n    type     = "S3"\n    location = "builds/app.zip"\n  }\n') },
    {
      name: 'repository path known only at apply time, no credentials in the known host',
      terraform: `variable "org" {\n  type = string\n}\n${project('  source {\n    type     = "GITHUB"\n    location = "https://github.com/${var.org}/app.git"\n  }\n')}`,
    },
  ],
  fail: [
    {
      name: 'token in a URL whose path is known only at apply time',
      terraform: `variable "org" {\n  type = string\n}\n${project('  source {\n    type     = "GITHUB"\n    location = "https://builder:example-token@github.com/${var.org}/app.git"\n  }\n')}`,
      findings: [{ line: 17, message: /^(?!.*example-token).*embeds credentials/ }],
    },
    { name: 'token in a secondary source, url never printed', terraform: project('  source {\n    type     = "GITHUB"\n    location = "https://github.com/example-org/app.git"\n  }\n  secondary_sources {\n    type              = "BITBUCKET"\n    source_identifier = "lib"\n    location          = "https://x-token-auth:example-secret@bitbucket.org/example-org/lib.git"\n  }\n'), findings: [{ line: 19, message: /^(?!.*example-secret).*secondary source location/ }] },
  ],
  unknown: [
    { name: 'host known only at apply time', terraform: `variable "host" {\n  type = string\n}\n${project('  source {\n    type     = "GITHUB"\n    location = "https://${var.host}/org/app.git"\n  }\n')}` },
    { name: 'location from a variable', terraform: `variable "repo" {\n  type = string\n}\n${project('  source {\n    type     = "GITHUB"\n    location = var.repo\n  }\n')}` },
  ],
});
