import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { everyResourcePattern, type ArnResourceType } from './resource-coverage.js';
import { allowsAction, identityPolicyOwners, judgeIdentityPolicies, onAllResources, type PolicyStatement, type StatementVerdict } from './policy-statements.js';

/** The pack's blockedActionsPatterns: kms:Decrypt and kms:ReEncryptFrom (kms:ReEncrypt*, kms:* match them too). */
const BLOCKED = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/** KMS keys: a pattern covering them all (`arn:aws:kms:*:111122223333:key/*`, `arn:aws:kms:*`) is Resource "*" for decryption. */
const KMS_KEY: ArnResourceType = { service: 'kms', prefix: 'key/', sample: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' };

/**
 * Operators that hold only when the request carries a matching value. Negated and ...IfExists ones
 * scope nothing (IfExists holds where the key is absent, as on a direct call to KMS), nor does
 * ForAllValues (also true when the request has no value for the key: a direct call, or a key
 * without aliases), nor Null "false" (any service, any alias).
 */
const SCOPING_OPERATOR = /^(?:ForAnyValue:)?String(?:Equals(?:IgnoreCase)?|Like)$/i;

/**
 * Whether a value names specific services or aliases: `s3.us-east-1.amazonaws.com` or
 * `s3.*.amazonaws.com` one service, `alias/phi-*` some aliases; `*`, `*.amazonaws.com` every
 * service and `alias/*` every aliased key do not.
 */
function scopingValue(key: string, value: string): boolean {
  const named = /^kms:ViaService$/i.test(key) ? value.split('.')[0]! : value.replace(/^alias\//i, '');
  return named !== '' && !/^[*?]/.test(named);
}

/**
 * Conditions that scope the keys as the howToFix says: the service calling KMS for the principal
 * (kms:ViaService) or the key's aliases (kms:ResourceAliases), tested against specific values.
 */
function scopedByCondition(s: PolicyStatement): boolean {
  return s.conditions.some((c) => /^kms:(?:ViaService|ResourceAliases)$/i.test(c.key) && SCOPING_OPERATOR.test(c.operator) && c.values.length > 0 && c.values.every((v) => scopingValue(c.key, v)));
}

function verdict(s: PolicyStatement, label: string): StatementVerdict {
  if (s.effect !== 'Allow') return { kind: 'ok' };
  const hits = BLOCKED.map((a) => [a, allowsAction(s, a)] as const);
  const allowed = hits.filter(([, v]) => v === true).map(([a]) => a);
  const maybe = hits.some(([, v]) => v === 'unknown');
  if (allowed.length === 0 && !maybe) return { kind: 'ok' };
  if (scopedByCondition(s)) return { kind: 'ok' };
  const every = everyResourcePattern(s.resources, KMS_KEY);
  const onAll = every !== undefined ? true : onAllResources(s);
  if (onAll === false) return { kind: 'ok' };
  if (onAll === 'unknown' || allowed.length === 0) return { kind: 'unknown', message: `${label}: its KMS actions or resources are known only at apply time.` };
  return { kind: 'fail', message: `${label} allows ${allowed.join(' and ')} on Resource "${every ?? '*'}", so it can decrypt data under every KMS key in the account.`, field: 'actions' };
}

export default defineRule<Resource>({
  id: 'aws-iam-kms-decrypt-scoped',
  title: 'IAM policies do not allow KMS decryption on every key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kind: 'attr',
  why: 'kms:Decrypt on Resource "*" lets the principal decrypt ePHI protected by any key in the account, defeating the separation that per-dataset keys provide.',
  howToFix: 'List the key ARNs the workload needs in Resource (or use a kms:ResourceAliases / kms:ViaService condition) instead of "*".',
  links: ['https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html'],
  references: {
    awsConfig: ['iam-customer-policy-blocked-kms-actions', 'iam-inline-policy-blocked-kms-actions'],
    checkov: ['CKV_AWS_355', 'CKV_AWS_356'],
  },
  targets: (model) => identityPolicyOwners(model),
  check: (owner, { model }) => judgeIdentityPolicies(model, owner, verdict, `${owner.address} does not allow KMS decryption on every key.`),
  examples: {
    terraform: {
      bad: [
        'resource "aws_iam_role_policy" "reader" {\n  name = "reader"\n  role = "reader"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_iam_role_policy" "reader" {\n  name = "reader"\n  role = "reader"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" }]\n  })\n}\n',
      ],
    },
  },
});
