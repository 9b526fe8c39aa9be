// The managed policies a role, user or group gets attached, however the configuration attaches them:
// an aws_iam_*_policy_attachment's policy_arn, an aws_iam_*_policy_attachments_exclusive's
// policy_arns (provider 5.71+, the successor of managed_policy_arns), or a role's
// managed_policy_arns; and each ARN as an AWS managed policy's name where it can be told, from the
// ARN's text or from the `data "aws_iam_policy"` that reads it by name.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asList, asString } from '../../../model/read.js';
import { computedFromValue } from '../../../model/computed-from.js';
import { isUnknown, knownText, type Plain } from '../../../model/value.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';

/** Resources whose one policy_arn attaches a policy. */
export const POLICY_ATTACHMENT_TYPES: readonly string[] = ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'];

/** Resources whose policy_arns list is the exact set of managed policies of a role, user or group. */
export const EXCLUSIVE_ATTACHMENT_TYPES: readonly string[] = ['aws_iam_role_policy_attachments_exclusive', 'aws_iam_user_policy_attachments_exclusive', 'aws_iam_group_policy_attachments_exclusive'];

/** Whether a rule target is an attachment resource (judged by its ARNs alone). */
export function isAttachment(r: Resource): boolean {
  return POLICY_ATTACHMENT_TYPES.includes(r.type) || EXCLUSIVE_ATTACHMENT_TYPES.includes(r.type);
}

/** What one attached ARN is. */
export type AttachedPolicy =
  | { readonly kind: 'aws-managed'; readonly name: string }
  /** A policy of the configuration (aws_iam_policy.x.arn): its document is judged with it. */
  | { readonly kind: 'configuration' }
  | { readonly kind: 'other'; readonly arn: string }
  | { readonly kind: 'unknown' };

/** The ARN-bearing argument of a target, or undefined: policy_arn, policy_arns or managed_policy_arns. */
export function attachmentArgument(target: Resource): Sourced | undefined {
  if (POLICY_ATTACHMENT_TYPES.includes(target.type)) return target.attributes.get('policy_arn');
  if (EXCLUSIVE_ATTACHMENT_TYPES.includes(target.type)) return target.attributes.get('policy_arns');
  if (target.type === 'aws_iam_role') return target.attributes.get('managed_policy_arns');
  return undefined;
}

const MANAGED_NAME = /iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** Each ARN an argument attaches, as what it is; [] when the whole list is known only at apply time (see `wholeUnknown`). */
export function attachedPolicies(model: InfraModel, target: Resource, argument: Sourced): AttachedPolicy[] {
  const values: readonly Plain[] = POLICY_ATTACHMENT_TYPES.includes(target.type) ? [argument.value] : isUnknown(argument.value) ? [] : asList(argument.value);
  return values.map((v) => classify(model, target, v));
}

/** Whether the argument's list itself is known only at apply time (not one ARN of it). */
export function wholeUnknown(target: Resource, argument: Sourced): boolean {
  return !POLICY_ATTACHMENT_TYPES.includes(target.type) && isUnknown(argument.value);
}

function classify(model: InfraModel, target: Resource, value: Plain): AttachedPolicy {
  const text = typeof value === 'string' ? value : knownText(value);
  // "arn:${partition}:iam::aws:policy/ReadOnlyAccess": the partition is unknown, the policy's name is not.
  const named = text !== undefined ? MANAGED_NAME.exec(text)?.[1] : undefined;
  if (named !== undefined && !named.includes('$')) return { kind: 'aws-managed', name: named };
  if (typeof value === 'string') return { kind: 'other', arn: value };
  if (!isUnknown(value)) return { kind: 'unknown' };
  const address = computedFromValue(value);
  if (address === undefined) return { kind: 'unknown' };
  if (/^(?:module\.[^.]+(?:\[[^\]]*\])?\.)*aws_iam_policy\.[^.]+$/.test(address.replace(/\[[^\]]*\]$/, ''))) return { kind: 'configuration' };
  // data "aws_iam_policy" "admin" { name = "AdministratorAccess" } (or its arn): the policy it reads.
  if (/(^|\.)data\.aws_iam_policy\.[^.]+$/.test(address.replace(/\[[^\]]*\]$/, ''))) {
    const source = model.related(target, 'aws_iam_policy').find((r) => r.mode === 'data' && address.endsWith(r.address.replace(/^.*?(data\.)/, '$1')));
    const name = asString(source?.attributes.get('name')?.value) ?? MANAGED_NAME.exec(asString(source?.attributes.get('arn')?.value) ?? '')?.[1];
    // An AWS managed policy is found by name at aws's path; a customer policy of that name is also possible, but
    // the names the rules ask about are AWS's own.
    if (name !== undefined) return { kind: 'aws-managed', name };
  }
  return { kind: 'unknown' };
}

/**
 * Judges the managed policies a target attaches against `flagged` (AWS managed policy name → what
 * it allows): a fail naming them, unknown when an ARN cannot be told, else a pass. undefined when
 * the target attaches nothing this way (a role without managed_policy_arns).
 */
export function judgeAttachedManaged(model: InfraModel, target: Resource, flagged: Readonly<Record<string, string>>, passMessage: string): Outcome | undefined {
  const argument = attachmentArgument(target);
  if (argument === undefined) return undefined;
  const name = POLICY_ATTACHMENT_TYPES.includes(target.type) ? 'policy_arn' : EXCLUSIVE_ATTACHMENT_TYPES.includes(target.type) ? 'policy_arns' : 'managed_policy_arns';
  if (wholeUnknown(target, argument)) return unknown(argument, `${target.address}: ${name} is known only at apply time (${reasonText(argument)}).`);
  const policies = attachedPolicies(model, target, argument);
  const hits = policies.flatMap((p) => (p.kind === 'aws-managed' && flagged[p.name] !== undefined ? [p.name] : []));
  if (hits.length > 0) {
    const described = hits.map((h) => `the AWS managed ${h} policy, which allows ${flagged[h]}`).join('; ');
    return fail(argument, { message: `${target.address} ${name === 'policy_arn' ? 'attaches' : `lists in ${name}`} ${described}.` });
  }
  if (policies.some((p) => p.kind === 'unknown')) return unknown(argument, `${target.address}: an attached policy is known only at apply time (${reasonText(argument)}).`);
  return pass(argument, passMessage);
}


function reasonText(s: Sourced): string {
  const v = s.value;
  if (isUnknown(v)) return v.reason;
  const inner = Array.isArray(v) ? v.find((x) => isUnknown(x)) : undefined;
  return inner !== undefined && isUnknown(inner) ? inner.reason : 'a value known only at apply time';
}
