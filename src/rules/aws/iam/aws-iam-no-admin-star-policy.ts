import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString } from '../../../model/read.js';
import { isUnknown, knownText } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { POLICY_ATTACHMENT_TYPES, hasUnknownPart, judgeIdentityPolicies, onAllResources, policyAndAttachmentTargets, type StatementVerdict, type PolicyStatement } from './policy-statements.js';

const ADMIN_POLICY = /:policy\/AdministratorAccess$/;

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

function judgeAttachment(model: InfraModel, attachment: Resource): Outcome {
  const arn = attachment.attributes.get('policy_arn');
  if (!arn) return pass(attachment);
  // "arn:${partition}:iam::aws:policy/ReadOnlyAccess": the partition is unknown, the policy's name is not.
  const text = knownText(arn.value);
  if (isUnknown(arn.value) && text !== undefined && /:policy\/[^$]*$/.test(text)) {
    return ADMIN_POLICY.test(text)
      ? fail(arn, { message: `${attachment.address} attaches the AWS managed AdministratorAccess policy, which allows every action on every resource.` })
      : pass(arn, `${attachment.address} does not attach AdministratorAccess.`);
  }
  if (isApplyTime(arn)) {
    // A customer-managed policy declared here is judged on its own statements.
    const declared = model.related(attachment, 'aws_iam_policy')[0];
    if (declared) return pass(arn, `${attachment.address} attaches ${declared.address}, whose statements are judged on their own.`);
    return unknown(arn, `${attachment.address}: the attached policy is known only at apply time (${reasonOf(arn)}).`);
  }
  if (ADMIN_POLICY.test(asString(arn.value) ?? '')) {
    return fail(arn, { message: `${attachment.address} attaches the AWS managed AdministratorAccess policy, which allows every action on every resource.` });
  }
  return pass(arn, `${attachment.address} does not attach AdministratorAccess.`);
}

function judgeManagedArns(role: Resource): Outcome | undefined {
  const arns = role.attributes.get('managed_policy_arns');
  if (!arns) return undefined;
  if (isApplyTime(arns)) return unknown(arns, `${role.address}: managed_policy_arns is known only at apply time (${reasonOf(arns)}).`);
  const list = asList(arns.value);
  if (list.some((a) => typeof a === 'string' && ADMIN_POLICY.test(a))) {
    return fail(arns, { message: `${role.address} lists the AWS managed AdministratorAccess policy in managed_policy_arns, which allows every action on every resource.` });
  }
  if (list.some((a) => isUnknown(a))) return unknown(arns, `${role.address}: some managed policy ARN is known only at apply time.`);
  return pass(arns);
}

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
    if (POLICY_ATTACHMENT_TYPES.includes(target.type)) return judgeAttachment(model, target);
    const outcomes = judgeIdentityPolicies(model, target, adminVerdict, `${target.address} grants no Action "*" on Resource "*".`);
    const managed = target.type === 'aws_iam_role' ? judgeManagedArns(target) : undefined;
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
