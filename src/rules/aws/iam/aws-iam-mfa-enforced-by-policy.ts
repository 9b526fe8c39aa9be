import { actionMatches, policyOf, type PolicyDocument, type PolicyStatement } from '../../../adapters/aws/iam-policy.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { UNKNOWN_MARK, statementLabel } from './policy-statements.js';

const MFA_KEYS = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);

type Condition = PolicyStatement['conditions'][number];

/**
 * How far a Deny's condition reaches sessions without a second factor. 'all': MultiFactorAuthPresent
 * false with BoolIfExists, an absent MultiFactorAuthAge (Null true), or an age over a limit with
 * IfExists. 'console': the same without IfExists, which misses requests signed with long-term
 * access keys, where the key is absent (AWS's own example uses BoolIfExists for this reason).
 */
function denyWithoutMfa(c: Condition): 'all' | 'console' | false {
  const key = c.key.toLowerCase();
  const values = c.values.map((v) => v.toLowerCase());
  if (key === 'aws:multifactorauthpresent') {
    if (!values.includes('false')) return false;
    if (/^BoolIfExists$/i.test(c.operator)) return 'all';
    return /^Bool$/i.test(c.operator) ? 'console' : false;
  }
  if (key === 'aws:multifactorauthage') {
    if (/^Null$/i.test(c.operator)) return values.includes('true') ? 'all' : false;
    if (/^NumericGreaterThan(Equals)?IfExists$/i.test(c.operator)) return 'all';
    return /^NumericGreaterThan(Equals)?$/i.test(c.operator) ? 'console' : false;
  }
  return false;
}

/**
 * An Allow's condition that holds only for a session with MFA: MultiFactorAuthPresent true with Bool
 * (not IfExists, which also holds when the key is absent, as it is with long-term keys), an age
 * under a limit (absent: false), or an age that is present (Null false).
 */
function allowsOnlyWithMfa(c: Condition): boolean {
  const key = c.key.toLowerCase();
  const values = c.values.map((v) => v.toLowerCase());
  if (key === 'aws:multifactorauthpresent') return /^Bool$/i.test(c.operator) && values.length > 0 && values.every((v) => v === 'true');
  if (key === 'aws:multifactorauthage') return /^NumericLessThan(Equals)?$/i.test(c.operator) || (/^Null$/i.test(c.operator) && values.length > 0 && values.every((v) => v === 'false'));
  return false;
}

type Reach = 'all' | 'console' | false;

const isUnknownCondition = (c: Condition): boolean => c.key.includes(UNKNOWN_MARK) || c.operator.includes(UNKNOWN_MARK);

/** The narrower of two reaches: IAM ANDs a statement's conditions, so the Deny reaches no further than its narrowest test. */
const narrower = (a: Reach, b: Reach): Reach => (a === false || b === false ? false : a === 'console' || b === 'console' ? 'console' : 'all');

/**
 * A test that holds for every request a member signs with its own credentials: aws:ViaAWSService
 * or aws:PrincipalIsAWSService false only spares the calls AWS services make on the principal's
 * behalf after a request of its own, which the Deny has already judged.
 */
function holdsForOwnRequests(c: Condition): boolean {
  return /^(aws:ViaAWSService|aws:PrincipalIsAWSService)$/i.test(c.key) && /^Bool(IfExists)?$/i.test(c.operator) && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === 'false');
}

/**
 * How far a Deny's conditions reach sessions without MFA, and the first condition on another key.
 * IAM evaluates a statement's condition operators and keys with a logical AND (IAM User Guide,
 * "Creating a condition with multiple context keys or values"), so a Deny that also tests
 * aws:SourceIp denies sessions without MFA only where that test holds, and nowhere else.
 */
function conditionReach(s: PolicyStatement): { readonly reach: Reach; readonly narrowedBy?: Condition } {
  const mfa = s.conditions.filter((c) => MFA_KEYS.has(c.key.toLowerCase()));
  if (mfa.length === 0) return { reach: false };
  const reach = mfa.map(denyWithoutMfa).reduce<Reach>(narrower, 'all');
  const other = s.conditions.find((c) => !MFA_KEYS.has(c.key.toLowerCase()) && !holdsForOwnRequests(c));
  return other === undefined ? { reach } : { reach: false, narrowedBy: reach === false ? undefined : other };
}

/**
 * NotAction entries of a Deny that leave another service than IAM and STS out of it (`s3:*`,
 * `dynamodb:*`, `*`): members reach those without MFA. The MFA self-management actions AWS's
 * example exempts are all iam: and sts: ones; an entry known only at apply time is not judged here.
 */
const exemptedServices = (s: PolicyStatement): string[] => s.notActions.filter((a) => !a.includes(UNKNOWN_MARK) && !/^(?:iam|sts):/i.test(a));

/**
 * A Deny of every action (Action "*", or NotAction exempting only IAM and STS actions, on every
 * resource): the statement the howToFix describes.
 */
const deniesEverything = (s: PolicyStatement): boolean =>
  s.effect === 'Deny' && ((s.notActions.length > 0 && exemptedServices(s).length === 0) || s.actions.includes('*')) && (s.resources.includes('*') || s.notResources.length > 0);

/** A Deny without MFA (on every resource) whose NotAction also exempts other services, for the message. */
function exemptingDeny(doc: PolicyDocument): PolicyStatement | undefined {
  return doc.statements.find((s) => s.effect === 'Deny' && exemptedServices(s).length > 0 && (s.resources.includes('*') || s.notResources.length > 0) && conditionReach(s).reach !== false);
}

/** How far a statement denies every action (Action "*" or NotAction, on every resource) to sessions without MFA. */
function mfaDenyReach(s: PolicyStatement): Reach {
  return deniesEverything(s) ? conditionReach(s).reach : false;
}

/**
 * The policy the howToFix describes: a Deny of every action (Action "*", or NotAction listing the
 * MFA self-management ones) on every resource, when the session has no MFA. A statement that only
 * mentions the key (an Allow without MFA, a Deny of one action) enforces nothing.
 */
function requiresMfa(doc: PolicyDocument): Reach {
  const reaches = doc.statements.map(mfaDenyReach);
  return reaches.includes('all') ? 'all' : reaches.includes('console') ? 'console' : false;
}

/** The other condition that keeps a Deny of every action without MFA to part of the sessions, if a statement has one. */
function narrowingCondition(doc: PolicyDocument): Condition | undefined {
  for (const s of doc.statements) {
    const narrowedBy = deniesEverything(s) ? conditionReach(s).narrowedBy : undefined;
    if (narrowedBy) return narrowedBy;
  }
  return undefined;
}

/** The actions that assume a role (a trust policy statement allowing only sts:TagSession or sts:SetSourceIdentity assumes nothing). */
const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** Whether a trust policy statement is about assuming the role: an action, wildcard or NotAction that covers an assume action. */
function assumesRole(s: PolicyStatement): boolean {
  if (s.notActions.length > 0) return ASSUME_ACTIONS.some((a) => !s.notActions.some((p) => actionMatches(p, a)));
  return ASSUME_ACTIONS.some((a) => s.actions.some((p) => actionMatches(p, a)));
}

/** A trust policy Deny of assuming the role without MFA (BoolIfExists false, or no MultiFactorAuthAge), with no other condition. */
function trustDeniesWithoutMfa(doc: PolicyDocument): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === 'Deny' &&
      (s.actions.some((a) => a === '*' || /^sts:(\*|AssumeRole\*?)$/i.test(a)) || s.notActions.length > 0) &&
      (s.principalIsWildcard || s.principals.some((p) => p.type === 'AWS')) &&
      conditionReach(s).reach === 'all',
  );
}

/** Whether any statement mentions an MFA key: for a message that says the policy is there but enforces nothing. */
function mentionsMfa(doc: PolicyDocument): boolean {
  return doc.statements.some((s) => s.conditions.some((c) => MFA_KEYS.has(c.key.toLowerCase())));
}

/** A role is assumed by people when its trust policy lets AWS principals (users, accounts) assume it. */
function humanTrust(doc: PolicyDocument): boolean {
  return doc.statements.some(humanAllow);
}

/**
 * Whether people may assume the role through this statement: an Allow of an assume action to any
 * AWS principal, but not a third party's account under an sts:ExternalId (an integration's service,
 * which has no second factor). A role principal stays judged: people federated into it may be the
 * ones assuming (the baseline's operator role is assumed from identity-account roles, with MFA).
 * sts:TagSession or sts:SetSourceIdentity alone assumes nothing: they only go with an AssumeRole call.
 */
function humanAllow(s: PolicyStatement): boolean {
  if (s.effect !== 'Allow' || !assumesRole(s)) return false;
  if (s.conditions.some((c) => c.key.toLowerCase() === 'sts:externalid')) return false;
  return s.principalIsWildcard || s.principals.some((p) => p.type === 'AWS');
}

interface Evidence {
  readonly raw: Sourced;
  readonly document: PolicyDocument | 'unknown' | undefined;
}

/** The policies a group carries: inline group policies and attached managed policies defined in the code. */
function groupPolicies(model: InfraModel, group: Resource): Evidence[] {
  const out: Evidence[] = [];
  for (const inline of model.related(group, 'aws_iam_group_policy')) {
    const raw = inline.attributes.get('policy');
    if (raw) out.push({ raw, document: policyOf(raw) });
  }
  const attachments = [...model.related(group, 'aws_iam_group_policy_attachment'), ...model.related(group, 'aws_iam_policy_attachment')];
  for (const attachment of attachments) {
    for (const policy of model.related(attachment, 'aws_iam_policy')) {
      const raw = policy.attributes.get('policy');
      if (raw) out.push({ raw, document: policyOf(raw) });
    }
  }
  return out;
}

function isHumanRole(role: Resource): boolean | 'unknown' {
  const trust = role.attributes.get('assume_role_policy');
  const doc = policyOf(trust);
  if (doc === 'unknown') return 'unknown';
  return doc !== undefined && humanTrust(doc);
}

export default defineRule<Resource>({
  id: 'aws-iam-mfa-enforced-by-policy',
  title: 'Human IAM groups and roles require MFA',
  severity: 'medium',
  controls: ['164.312(d)', '164.308(a)(3)(ii)(A)'],
  kind: 'graph',
  why: 'A password or access key alone is one stolen secret away from ePHI; a policy that denies actions without aws:MultiFactorAuthPresent makes every human session prove a second factor.',
  howToFix:
    'Attach to each human group a policy that denies all actions (except MFA self-management) when aws:MultiFactorAuthPresent is false (BoolIfExists), and add a Bool aws:MultiFactorAuthPresent = true condition to the trust policy of roles people assume.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html'],
  references: { awsConfig: ['iam-user-mfa-enabled', 'mfa-enabled-for-iam-console-access'], trivy: ['AVD-AWS-0123', 'aws-iam-enforce-group-mfa'] },
  targets: (model) => [...model.ofType('aws_iam_group'), ...model.ofType('aws_iam_role').filter((r) => isHumanRole(r) !== false)],
  check(subject, { model }) {
    if (subject.type === 'aws_iam_role') {
      const trust = subject.attributes.get('assume_role_policy')!;
      const doc = policyOf(trust);
      if (doc === 'unknown' || doc === undefined) return unknown(trust, `${subject.address}: the trust policy is known only at apply time, so whether people assume it with MFA cannot be judged.`);
      const loosely = doc.statements.filter((s) => humanAllow(s) && !s.conditions.some(allowsOnlyWithMfa));
      if (loosely.length === 0 || trustDeniesWithoutMfa(doc)) return pass(trust);
      // A condition known only at apply time (`Condition = var.conditions`) may be the MFA test.
      const open = loosely.filter((s) => !s.conditions.some(isUnknownCondition));
      if (open.length === 0) return unknown(trust, `${subject.address}: a condition of its trust policy is known only at apply time, so whether people assume it with MFA cannot be judged.`);
      // Judged on the statements that let people in without MFA, not on another one that requires it.
      const loose = open.find((s) => s.conditions.some((c) => MFA_KEYS.has(c.key.toLowerCase())));
      const label = (s: PolicyStatement): string => statementLabel(s, doc.statements.indexOf(s));
      return fail(trust, {
        message: loose
          ? `${subject.address} can be assumed by IAM principals without MFA: its trust policy's MFA condition also holds for a session without a second factor (${label(loose)}; require Bool aws:MultiFactorAuthPresent "true" or a NumericLessThan aws:MultiFactorAuthAge; BoolIfExists, Null and negated tests let such sessions through).`
          : doc.statements.some((s) => s.conditions.some((c) => MFA_KEYS.has(c.key.toLowerCase())))
            ? `${subject.address} can be assumed by IAM principals without MFA: its trust policy's ${label(open[0]!)} allows assuming it with no aws:MultiFactorAuthPresent condition.`
            : `${subject.address} can be assumed by IAM principals without MFA (its trust policy has no aws:MultiFactorAuthPresent condition).`,
      });
    }
    const policies = groupPolicies(model, subject);
    const enforcing = policies.find((p) => p.document !== 'unknown' && p.document !== undefined && requiresMfa(p.document) === 'all');
    if (enforcing) return pass(enforcing.raw, `${subject.address} carries a policy that denies every action to sessions without MFA.`);
    const pending = policies.find((p) => p.document === 'unknown');
    if (pending) return unknown(pending.raw, `${subject.address}: a policy attached to the group is known only at apply time, so MFA enforcement cannot be judged.`);
    const name = asString(subject.attributes.get('name')?.value) ?? subject.name;
    const consoleOnly = policies.find((p) => p.document !== 'unknown' && p.document !== undefined && requiresMfa(p.document) === 'console');
    if (consoleOnly) {
      return fail(consoleOnly.raw, {
        message: `${subject.address} denies actions without MFA only where the MFA key is present (Bool or NumericGreaterThan without IfExists), so requests signed with its members' access keys, which carry no such key, are not denied (group "${name}"); use BoolIfExists.`,
      });
    }
    for (const p of policies) {
      const narrowedBy = p.document !== 'unknown' && p.document !== undefined ? narrowingCondition(p.document) : undefined;
      if (narrowedBy) {
        // One known only at apply time may narrow the Deny, or hold for every session.
        if (isUnknownCondition(narrowedBy)) return unknown(p.raw, `${subject.address}: a condition beside its Deny without MFA is known only at apply time, so whether the Deny reaches every session cannot be judged.`);
        return fail(p.raw, {
          message: `${subject.address} denies actions without MFA only when ${narrowedBy.operator} ${narrowedBy.key} also holds (IAM requires every condition of a statement), so its members (group "${name}") act without MFA wherever that condition does not hold.`,
        });
      }
    }
    for (const p of policies) {
      const exempting = p.document !== 'unknown' && p.document !== undefined ? exemptingDeny(p.document) : undefined;
      if (exempting) {
        return fail(p.raw, {
          message: `${subject.address} denies actions without MFA except ${exemptedServices(exempting).map((a) => `"${a}"`).join(', ')} (NotAction), so its members (group "${name}") use those without MFA; exempt only the MFA self-management actions (iam:..., sts:GetSessionToken).`,
        });
      }
    }
    const mentioning = policies.find((p) => p.document !== 'unknown' && p.document !== undefined && mentionsMfa(p.document));
    if (mentioning) {
      return fail(mentioning.raw, {
        message: `${subject.address} has a policy that mentions aws:MultiFactorAuthPresent, but no statement denies every action (Action "*" or NotAction, on Resource "*") when MFA is absent, so its members (group "${name}") can act with a password or access key alone.`,
      });
    }
    return fail(subject, {
      message: `${subject.address} has no policy that requires MFA (aws:MultiFactorAuthPresent), so its members (group "${name}") can act with a password or access key alone.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_iam_group" "clinicians" {\n  name = "clinicians"\n}\n'],
      good: [
        `resource "aws_iam_group" "clinicians" {
  name = "clinicians"
}

resource "aws_iam_group_policy" "require_mfa" {
  name  = "require-mfa"
  group = aws_iam_group.clinicians.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyWithoutMFA"
      Effect    = "Deny"
      NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
`,
      ],
    },
  },
});
