import type { Resource } from '../../../model/resource.js';
import { asBoolean, asNumber } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineWords, subjectsLacking } from '../account-baseline.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { BASELINE_READS } from '../across-roots-types.js';

interface Params {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly maxAgeDays: number;
  [key: string]: number;
}

const REQUIRED_FLAGS = ['require_uppercase_characters', 'require_lowercase_characters', 'require_numbers', 'require_symbols'];

export default defineRule<Subject, Params>({
  id: 'aws-iam-password-policy',
  title: 'The account password policy is strong',
  severity: 'medium',
  controls: ['164.308(a)(5)(ii)(D)', '164.312(d)', '164.308(a)(4)(ii)(C)'],
  kind: 'presence',
  why: 'Short, simple, reused or never-expiring IAM passwords are easy to guess or replay, and each one can open the console to ePHI.',
  howToFix:
    'Declare aws_iam_account_password_policy with minimum_password_length >= 14, all four require_* flags true, password_reuse_prevention >= 24 and max_password_age <= 90.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  references: {
    awsConfig: ['iam-password-policy'],
    checkov: ['CKV_AWS_9', 'CKV_AWS_10', 'CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_13', 'CKV_AWS_14', 'CKV_AWS_15'],
    trivy: [
      'AVD-AWS-0063',
      'aws-iam-set-minimum-password-length',
      'AVD-AWS-0058',
      'aws-iam-require-lowercase-in-passwords',
      'AVD-AWS-0059',
      'aws-iam-require-numbers-in-passwords',
      'AVD-AWS-0060',
      'aws-iam-require-symbols-in-passwords',
      'AVD-AWS-0061',
      'aws-iam-require-uppercase-in-passwords',
      'AVD-AWS-0056',
      'aws-iam-no-password-reuse',
      'AVD-AWS-0062',
      'aws-iam-set-max-password-age',
    ],
  },
  params: { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 },
  targets(model) {
    // And each account that declares none (account-baseline.ts): one account's policy does not govern another's users.
    return [...model.ofType('aws_iam_account_password_policy'), ...subjectsLacking(model, ['aws_iam_account_password_policy'])];
  },
  check(target, { model, params }) {
    if (target.type !== 'aws_iam_account_password_policy') {
      if (!accountBaselineInScope(accountScope(model, target))) return unknown(target, `Not evidenced: ${baselineWords(target)} is not in the scanned scope, so the IAM password policy cannot be judged.`);
      return fail(target, { message: `${baselineWords(target, true)} declares no aws_iam_account_password_policy, so IAM users get the AWS default (8 characters, no complexity, no expiry).` });
    }
    const policy = target as Resource;
    const shortfalls: string[] = [];
    const length = policy.attributes.get('minimum_password_length');
    const reuse = policy.attributes.get('password_reuse_prevention');
    const age = policy.attributes.get('max_password_age');
    for (const v of [length, reuse, age, ...REQUIRED_FLAGS.map((f) => policy.attributes.get(f))]) {
      if (v && isApplyTime(v)) return unknown(v, `${policy.address}: a password policy setting is known only at apply time (${reasonOf(v)}).`);
    }
    const len = length ? asNumber(length.value) ?? 0 : 6;
    if (len < params.minimumLength) shortfalls.push(length ? `minimum_password_length is ${len} (< ${params.minimumLength})` : `minimum_password_length is unset (default 6)`);
    for (const flag of REQUIRED_FLAGS) {
      const v = policy.attributes.get(flag);
      if (asBoolean(v?.value) !== true) shortfalls.push(v ? `${flag} is false` : `${flag} is unset (default false)`);
    }
    const r = reuse ? asNumber(reuse.value) ?? 0 : 0;
    if (r < params.reusePrevention) shortfalls.push(reuse ? `password_reuse_prevention is ${r} (< ${params.reusePrevention})` : 'password_reuse_prevention is unset (reuse allowed)');
    const a = age ? asNumber(age.value) ?? 0 : 0;
    if (a <= 0 || a > params.maxAgeDays) shortfalls.push(age && a > 0 ? `max_password_age is ${a} (> ${params.maxAgeDays})` : 'max_password_age is unset (passwords never expire)');
    if (shortfalls.length === 0) return pass(policy);
    return fail(policy, { message: `${policy.address} is weaker than required: ${shortfalls.join('; ')}.` });
  },
  acrossRoots: {
    why: 'an account has one password policy, declared in any of its stacks',
    reads: [...BASELINE_READS],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = 8\n}\n'],
      good: [
        'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length        = 14\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  require_numbers                = true\n  require_symbols                = true\n  password_reuse_prevention      = 24\n  max_password_age               = 90\n  allow_users_to_change_password = true\n}\n',
      ],
    },
  },
});
