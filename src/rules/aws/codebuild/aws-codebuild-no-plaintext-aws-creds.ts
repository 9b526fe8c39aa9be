import type { Resource } from '../../../model/resource.js';
import { asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime } from '../judge-setting.js';

const CREDENTIAL_NAMES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

export default defineRule<Resource>({
  id: 'aws-codebuild-no-plaintext-aws-creds',
  title: 'CodeBuild projects do not hold AWS credentials in plaintext environment variables',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'Plaintext environment variables are visible to anyone who can read the project or its build logs; AWS keys there give that access to whatever ePHI the keys can reach.',
  howToFix: 'Remove AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables and grant access through the project\'s service_role, or store them as type PARAMETER_STORE or SECRETS_MANAGER.',
  links: ['https://docs.aws.amazon.com/codebuild/latest/userguide/security-iam.html'],
  references: { awsConfig: ['codebuild-project-envvar-awscred-check'] },
  targets: (model) => model.ofType('aws_codebuild_project'),
  check(project) {
    const environment = blockOf(project, 'environment');
    const outcomes: Outcome[] = [];
    for (const variable of environment ? blocksOf(environment, 'environment_variable') : []) {
      const name = variable.attributes.get('name');
      if (!name) continue;
      if (isApplyTime(name)) {
        outcomes.push(unknown(variable, `${project.address}: an environment variable name is known only at apply time.`));
        continue;
      }
      const text = asString(name.value) ?? '';
      if (!CREDENTIAL_NAMES.has(text.toUpperCase())) continue;
      const type = variable.attributes.get('type');
      if (type && isApplyTime(type)) {
        outcomes.push(unknown(type, `${project.address}: the type of ${text} is known only at apply time.`));
        continue;
      }
      const typeText = asString(type?.value) ?? 'PLAINTEXT';
      if (typeText === 'PLAINTEXT') {
        // Never print the value: it is a credential.
        outcomes.push(fail(variable, { message: `${project.address} sets ${text} as a ${type ? '' : 'default-type '}PLAINTEXT environment variable, exposing AWS credentials to anyone who can read the project.` }));
      }
    }
    return outcomes.length > 0 ? outcomes : pass(environment ?? project, `${project.address} holds no AWS credentials in plaintext variables.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_codebuild_project" "build" {\n  name         = "build"\n  service_role = "arn:aws:iam::123456789012:role/codebuild"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n    environment_variable {\n      name  = "AWS_SECRET_ACCESS_KEY"\n      value = "redacted-example"\n    }\n  }\n  source {\n    type     = "CODECOMMIT"\n    location = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app"\n  }\n}\n',
      ],
      good: [
        'resource "aws_codebuild_project" "build" {\n  name         = "build"\n  service_role = "arn:aws:iam::123456789012:role/codebuild"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n    environment_variable {\n      name  = "AWS_SECRET_ACCESS_KEY"\n      value = "/build/aws-secret"\n      type  = "PARAMETER_STORE"\n    }\n  }\n  source {\n    type     = "CODECOMMIT"\n    location = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app"\n  }\n}\n',
      ],
    },
  },
});
