import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { UNKNOWN_TEXT, knownText } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime } from '../judge-setting.js';

/** https://user:token@host/... or https://token@host/...: credentials in the authority part of the URL. */
const CREDENTIALS_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+@/i;

export default defineRule<Resource>({
  id: 'aws-codebuild-source-url-no-credentials',
  title: 'CodeBuild source URLs carry no credentials',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'A personal access token embedded in a source URL is stored in plaintext in the project, the Terraform state and build logs; whoever reads it gets the repository, and often the pipeline that deploys ePHI systems.',
  howToFix: 'Use a URL without user:token@ and authenticate with aws_codebuild_source_credential or a CodeConnections connection.',
  links: ['https://docs.aws.amazon.com/codebuild/latest/userguide/access-tokens.html'],
  references: { awsConfig: ['codebuild-project-source-repo-url-check'] },
  targets: (model) => model.ofType('aws_codebuild_project'),
  check(project) {
    const sources: NestedBlock[] = [...blocksOf(project, 'source'), ...blocksOf(project, 'secondary_sources')];
    const outcomes: Outcome[] = [];
    for (const source of sources) {
      const location = source.attributes.get('location');
      if (!location) continue;
      // A URL with apply-time parts ("https://user:token@github.com/${var.org}/app.git") is judged on its
      // known text when the scheme and authority, where credentials go, are known.
      const text = isApplyTime(location) ? knownText(location.value) : (asString(location.value) ?? '');
      const authority = text === undefined ? undefined : /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(text)?.[0];
      if (text === undefined || (isApplyTime(location) && (authority === undefined || authority.includes(UNKNOWN_TEXT)))) {
        outcomes.push(unknown(location, `${project.address}: a source location is known only at apply time.`));
        continue;
      }
      // Never print the URL: it contains the credential.
      if (CREDENTIALS_IN_URL.test(text)) {
        outcomes.push(fail(location, { message: `${project.address} embeds credentials in the ${source.type === 'source' ? 'source' : 'secondary source'} location URL.` }));
      }
    }
    return outcomes.length > 0 ? outcomes : pass(project, `${project.address} has no credentials in its source URLs.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_codebuild_project" "build" {\n  name         = "build"\n  service_role = "arn:aws:iam::123456789012:role/codebuild"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n  source {\n    type     = "GITHUB"\n    location = "https://builder:example-token@github.com/example-org/app.git"\n  }\n}\n',
      ],
      good: [
        'resource "aws_codebuild_project" "build" {\n  name         = "build"\n  service_role = "arn:aws:iam::123456789012:role/codebuild"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n  source {\n    type     = "GITHUB"\n    location = "https://github.com/example-org/app.git"\n  }\n}\n',
      ],
    },
  },
});
