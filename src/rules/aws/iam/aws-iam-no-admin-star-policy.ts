import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { defineRule, pass, type Outcome } from '../../define-rule.js';
import { isAttachment, judgeAttachedManaged } from './attached-policies.js';
import { everyResourcePattern, type ArnResourceType } from './resource-coverage.js';
import { hasUnknownPart, judgeIdentityPolicies, onAllResources, policyAndAttachmentTargets, type StatementVerdict, type PolicyStatement } from './policy-statements.js';

/** Any IAM resource: roles, users, groups and policies are all `<type>/<name>`. */
const EVERY_IAM_RESOURCE: ArnResourceType = { service: 'iam', prefix: '', sample: 'role/app' };

function adminVerdict(s: PolicyStatement, label: string): StatementVerdict {
  if (s.effect !== 'Allow') return { kind: 'ok' };
  const everything = s.actions.some((a) => a === '*' || a === '*:*');
  const onAll = onAllResources(s);
  if (everything) {
    if (onAll === true) return { kind: 'fail', message: `${label} allows Action "*" on Resource "*", which is full administrator access.`, field: 'actions' };
    if (onAll === 'unknown') return { kind: 'unknown', message: `${label} allows Action "*" on a resource known only at apply time.` };
    return { kind: 'ok' };
  }
  // iam:* on every resource is administrator access one step away: the principal can attach
  // AdministratorAccess to itself, create a policy version or a user with any rights.
  if (s.actions.some((a) => /^iam:\*$/i.test(a))) {
    // `arn:aws:iam::*:*` (or the account's own `arn:aws:iam::111122223333:*`) is every IAM resource, as "*" is.
    const everyIam = onAll === true ? undefined : everyResourcePattern(s.resources, EVERY_IAM_RESOURCE);
    if (everyIam !== undefined) return { kind: 'fail', message: `${label} allows "iam:*" on Resource "${everyIam}", every IAM resource, so the principal can grant itself administrator access (attach AdministratorAccess, write any policy).`, field: 'actions' };
    if (onAll === true) return { kind: 'fail', message: `${label} allows "iam:*" on Resource "*", so the principal can grant itself administrator access (attach AdministratorAccess, write any policy).`, field: 'actions' };
    if (onAll === 'unknown') return { kind: 'unknown', message: `${label} allows "iam:*" on a resource known only at apply time.` };
  }
  // Allow with NotAction on every resource grants every action of every service but the listed ones
  // (PowerUserAccess is NotAction ["iam:*", "organizations:*"]): ePHI stores, CloudTrail and KMS included.
  if (s.notActions.length > 0 && onAll === true && !hasUnknownPart(s.notActions)) {
    return { kind: 'fail', message: `${label} allows every action except ${s.notActions.map((a) => `"${a}"`).join(', ')} (NotAction) on Resource "*", which is administrator access to every other service.`, field: 'actions' };
  }
  if (hasUnknownPart(s.actions) && onAll === true) return { kind: 'unknown', message: `${label} allows an action known only at apply time on Resource "*".` };
  return { kind: 'ok' };
}

/** AWS managed policies that are administrator access, or one step from it: what each allows. */
const ADMIN_MANAGED: Readonly<Record<string, string>> = {
  AdministratorAccess: 'every action on every resource',
  IAMFullAccess: 'iam:* on every resource, so the principal can grant itself administrator access',
  PowerUserAccess: 'every action but IAM and Organizations on every resource (administrator access to every other service)',
};

const judgeAttached = (model: InfraModel, target: Resource): Outcome | undefined => judgeAttachedManaged(model, target, ADMIN_MANAGED, `${target.address} attaches no AWS managed administrator policy (a policy of the configuration is judged with its document).`);

export default defineRule<Resource>({
  id: 'aws-iam-no-admin-star-policy',
  title: 'IAM policies do not grant full administrator access',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  kind: 'attr',
  why: 'A principal with Action "*" on Resource "*" can read every ePHI store, disable logging and grant itself anything; one leaked credential then compromises the whole account.',
  howToFix: 'Replace "*" with the specific actions and resource ARNs the workload needs, and do not attach AdministratorAccess to workload roles, users or groups (keep it for a monitored break-glass role).',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  references: {
    awsConfig: ['iam-policy-no-statements-with-admin-access'],
    checkov: ['CKV_AWS_62', 'CKV_AWS_1', 'CKV_AWS_274', 'CKV_AWS_275', 'CKV2_AWS_40', 'CKV2_AWS_56'],
    trivy: ['AVD-AWS-0057', 'aws-iam-no-policy-wildcards'],
  },
  targets: (model) => policyAndAttachmentTargets(model),
  check(target, { model }) {
    if (isAttachment(target)) return judgeAttached(model, target) ?? pass(target);
    const outcomes = judgeIdentityPolicies(model, target, adminVerdict, `${target.address} grants no Action "*" on Resource "*".`);
    const managed = judgeAttached(model, target);
    return managed ? [...outcomes, managed] : outcomes;
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_iam_policy" "ops" {\n  name = "ops"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_iam_policy" "ops" {\n  name = "ops"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n',
      ],
    },
  },
});
