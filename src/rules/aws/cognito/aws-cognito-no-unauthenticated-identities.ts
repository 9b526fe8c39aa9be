import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean, requireOneOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-cognito-no-unauthenticated-identities',
  title: 'Cognito identity pools refuse guests and user pools require MFA',
  severity: 'medium',
  controls: ['164.312(d)'],
  kind: 'attr',
  why: 'Unauthenticated identities hand AWS credentials to anyone who asks, and a user pool without MFA lets a phished password reach ePHI.',
  howToFix: 'Set allow_unauthenticated_identities = false on aws_cognito_identity_pool and mfa_configuration = "ON" (with software_token_mfa_configuration or sms_configuration) on aws_cognito_user_pool.',
  links: ['https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html'],
  references: { awsConfig: ['cognito-user-pool-mfa-enabled'], checkov: ['CKV_AWS_366'] },
  targets: (model) => [...model.ofType('aws_cognito_identity_pool'), ...model.ofType('aws_cognito_user_pool')],
  check(pool) {
    if (pool.type === 'aws_cognito_identity_pool') {
      return requireBoolean(pool.address, pool, 'allow_unauthenticated_identities', false, {
        providerDefault: false,
        consequence: 'anyone can obtain AWS credentials from the pool without signing in',
        fix: { description: 'Refuse unauthenticated identities', safety: 'unsafe', fixValue: 'false' },
      });
    }
    return requireOneOf(pool.address, pool, 'mfa_configuration', ['ON'], {
      providerDefault: 'OFF',
      consequence: 'users can sign in with a password alone',
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cognito_user_pool" "clinicians" {\n  name = "clinicians"\n}\n'],
      good: [
        'resource "aws_cognito_user_pool" "clinicians" {\n  name              = "clinicians"\n  mfa_configuration = "ON"\n\n  software_token_mfa_configuration {\n    enabled = true\n  }\n}\n',
      ],
    },
  },
});
