import type { Resource } from '../../../model/resource.js';
import { isAttachment, judgeAttachedManaged } from './attached-policies.js';
import type { InfraModel } from '../../../model/infra-model.js';
import { defineRule, pass, type Outcome } from '../../define-rule.js';
import { everyResourcePattern, type ArnResourceType } from './resource-coverage.js';
import { UNKNOWN_MARK, allowsAction, mayBeWildcard, judgeIdentityPolicies, onAllResources, policyAndAttachmentTargets, type PolicyStatement, type StatementVerdict } from './policy-statements.js';

const role: ArnResourceType = { service: 'iam', prefix: 'role/', sample: 'app' };
const user: ArnResourceType = { service: 'iam', prefix: 'user/', sample: 'alice' };
const group: ArnResourceType = { service: 'iam', prefix: 'group/', sample: 'admins' };
const policy: ArnResourceType = { service: 'iam', prefix: 'policy/', sample: 'app' };
const bucket: ArnResourceType = { service: 's3', prefix: '', sample: 'phi-records' };
const object: ArnResourceType = { service: 's3', prefix: '', sample: 'phi-records/2024/record.json' };
const key: ArnResourceType = { service: 'kms', prefix: 'key/', sample: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' };
const secret: ArnResourceType = { service: 'secretsmanager', prefix: 'secret:', sample: 'app-AbCdEf' };
const parameter: ArnResourceType = { service: 'ssm', prefix: 'parameter/', sample: 'app/db-password' };
const lambda: ArnResourceType = { service: 'lambda', prefix: 'function:', sample: 'app' };

/**
 * Permissions-management and privilege-escalation actions that support resource-level permissions,
 * so Resource "*" is never necessary (IAM Access Analyzer / Checkov CKV_AWS_355–356 and 289–290 family),
 * and the reads that copy data out: every object, parameter or secret of the account (CKV_AWS_288).
 * Each with the resource type it acts on (Service Authorization Reference), so that a pattern
 * covering every resource of that type (`arn:aws:iam::*:role/*`, `arn:aws:s3:::*` + `/*`) counts as "*".
 */
const RESTRICTABLE_SENSITIVE: Readonly<Record<string, ArnResourceType>> = {
  'iam:PassRole': role, 'iam:CreatePolicyVersion': policy, 'iam:SetDefaultPolicyVersion': policy, 'iam:AttachRolePolicy': role,
  'iam:AttachUserPolicy': user, 'iam:AttachGroupPolicy': group, 'iam:PutRolePolicy': role, 'iam:PutUserPolicy': user,
  'iam:PutGroupPolicy': group, 'iam:CreateAccessKey': user, 'iam:CreateLoginProfile': user, 'iam:UpdateLoginProfile': user,
  'iam:UpdateAssumeRolePolicy': role, 'iam:AddUserToGroup': group,
  's3:PutBucketPolicy': bucket, 's3:PutBucketAcl': bucket, 's3:PutObjectAcl': object, 'kms:PutKeyPolicy': key, 'kms:CreateGrant': key,
  'lambda:AddPermission': lambda, 'secretsmanager:PutResourcePolicy': secret, 'sts:AssumeRole': role,
  's3:GetObject': object, 'ssm:GetParameter': parameter, 'ssm:GetParameters': parameter, 'ssm:GetParametersByPath': parameter,
  'secretsmanager:GetSecretValue': secret,
};

function verdict(s: PolicyStatement, label: string): StatementVerdict {
  if (s.effect !== 'Allow') return { kind: 'ok' };
  // "<service>:*" whatever the service, even one known only at apply time ("${var.svc}:*").
  const full = s.actions.filter((a) => a === '*' || (/^[^:*]+:\*$/.test(a) && !mayBeWildcard(a)));
  const shown = (a: string): string => (a.includes(UNKNOWN_MARK) ? `"<service>:*" (the service is known only at apply time)` : `"${a}"`);
  if (full.length > 0) return { kind: 'fail', message: `${label} allows ${full.map(shown).join(', ')}, full access to ${full.includes('*') ? 'every service' : 'the service'}.`, field: 'actions' };
  if (s.notActions.length > 0) return { kind: 'fail', message: `${label} uses Allow with NotAction, which grants every action not listed.`, field: 'actions' };
  const everything = s.actions.some(mayBeWildcard);
  const allowed = Object.keys(RESTRICTABLE_SENSITIVE).filter((a) => allowsAction(s, a) === true);
  const onAll = onAllResources(s);
  if (onAll !== true) {
    // Resource "arn:aws:ssm:*:*:parameter/*" is Resource "*" for the parameter reads, not for iam:PassRole.
    const covered = allowed.map((a) => [a, everyResourcePattern(s.resources, RESTRICTABLE_SENSITIVE[a]!)] as const).filter(([, p]) => p !== undefined);
    if (covered.length > 0) {
      const byPattern = [...new Set(covered.map(([, p]) => p!))].map((p) => `${covered.filter(([, q]) => q === p).map(([a]) => a).join(', ')} on Resource "${p}"`);
      return { kind: 'fail', message: `${label} allows ${byPattern.join(' and ')}, every resource of its type, though these actions can be limited to specific resources.`, field: 'resources' };
    }
  }
  if (onAll === false) return everything ? { kind: 'unknown', message: `${label}: an action is known only at apply time.` } : { kind: 'ok' };
  if (allowed.length === 0) return everything ? { kind: 'unknown', message: `${label}: an action is known only at apply time.` } : { kind: 'ok' };
  if (onAll === 'unknown') return { kind: 'unknown', message: `${label} allows ${allowed.join(', ')} on a resource known only at apply time.` };
  return { kind: 'fail', message: `${label} allows ${allowed.join(', ')} on Resource "*" though these actions can be limited to specific resources.`, field: 'actions' };
}

/**
 * AWS managed policies that grant a whole service, or every read of one, on every resource: the
 * same grants written inline fail this rule (AdministratorAccess is aws-iam-no-admin-star-policy's).
 */
const BROAD_MANAGED: Readonly<Record<string, string>> = {
  ReadOnlyAccess: 's3:Get*, dynamodb:GetItem/Query/Scan and the reads of every other service on Resource "*" (every object and item of the account)',
  PowerUserAccess: 'every action but IAM and Organizations on Resource "*"',
  IAMFullAccess: 'iam:* on Resource "*" (administrator access one step away)',
  AmazonS3FullAccess: 's3:* on Resource "*"',
  AmazonS3ReadOnlyAccess: 's3:Get* and s3:List* on Resource "*" (every object of the account)',
  AmazonDynamoDBFullAccess: 'dynamodb:* on Resource "*"',
  AmazonDynamoDBReadOnlyAccess: 'dynamodb reads on Resource "*" (every item of the account)',
  AmazonRDSFullAccess: 'rds:* on Resource "*"',
  SecretsManagerReadWrite: 'secretsmanager:* on Resource "*" (every secret of the account)',
  AmazonSSMFullAccess: 'ssm:* on Resource "*" (every parameter, and commands on every managed instance)',
};

const judgeAttached = (model: InfraModel, target: Resource): Outcome | undefined => judgeAttachedManaged(model, target, BROAD_MANAGED, `${target.address} attaches no AWS managed policy with full-service or unscoped data access.`);

export default defineRule<Resource>({
  id: 'aws-iam-no-service-wildcard-actions',
  title: 'IAM policies do not grant full service access or sensitive actions on every resource',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  kind: 'attr',
  why: '"s3:*" or "kms:*" grants far more than any workload needs (deleting buckets, changing key policies), and permission-management actions on "*" let a principal escalate to read any ePHI, and s3:GetObject or secretsmanager:GetSecretValue on "*" reads every object and secret of the account.',
  howToFix: 'List the specific actions the workload uses instead of "<service>:*", and scope permission-management actions (iam:PassRole, s3:PutBucketPolicy, kms:CreateGrant...) and data reads (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue) to specific resource ARNs.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  references: {
    awsConfig: ['iam-policy-no-statements-with-full-access'],
    checkov: ['CKV_AWS_63', 'CKV_AWS_49', 'CKV_AWS_355', 'CKV_AWS_356', 'CKV_AWS_289', 'CKV_AWS_290', 'CKV_AWS_288'],
    trivy: ['AVD-AWS-0345', 'aws-iam-no-s3-full-access'],
  },
  targets: (model) => policyAndAttachmentTargets(model),
  check: (target, { model }) => {
    if (isAttachment(target)) return judgeAttached(model, target) ?? pass(target);
    const outcomes = judgeIdentityPolicies(model, target, verdict, `${target.address} grants no full-service or unscoped sensitive actions.`);
    // A role's managed_policy_arns attach AWS managed policies the same way an attachment does.
    const managed = judgeAttached(model, target);
    if (managed === undefined || managed.status === 'pass') return outcomes;
    return [...outcomes.filter((o) => o.status !== 'pass'), managed];
  },
  examples: {
    terraform: {
      bad: [
        // Reads every secret of the account (terraform-aws-iam's read-only policy example: secretsmanager:Get* on "*").
        'resource "aws_iam_policy" "reader" {\n  name = "reader"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["secretsmanager:Get*", "ssm:Describe*"], Resource = "*" }]\n  })\n}\n',
        'resource "aws_iam_policy" "app" {\n  name = "app"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_iam_policy" "app" {\n  name = "app"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n',
      ],
    },
  },
});
