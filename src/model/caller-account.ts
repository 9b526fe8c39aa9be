// `data.aws_caller_identity.<name>.account_id` is known only at apply time, yet it is always the
// 12-digit id of the account Terraform runs in, never "*". IAM takes an account id as a principal to
// mean that account's root ("arn:aws:iam::123456789012:root"; IAM JSON policy reference, "AWS account
// principals"), so a policy principal reading it is written as such an ARN with its unknown parts
// marked: a specific principal, where a bare "${unknown}" could be anyone.
import { leadCause, type UnknownCause } from './unknown-cause.js';
import { UNKNOWN_TEXT, isUnknown, type Plain } from './value.js';

/** The caller's account as an "AWS" principal whose account is known only at apply time. */
export const CALLER_ACCOUNT_PRINCIPAL = `arn:${UNKNOWN_TEXT}:iam::${UNKNOWN_TEXT}:root`;

/**
 * Whether an apply-time value's cause is the caller's account id: the account_id or the id of a
 * data.aws_caller_identity, in a module too, instance keys allowed. The AWS provider sets the data
 * source's id to the account id too ("id - Account ID", data source aws_caller_identity), whether the
 * evaluator tells it as computed (ids are) or the plan adapter as read; the text once decided, and
 * only the plan's id was recognised.
 */
export function isCallerAccountCause(told: UnknownCause | undefined): boolean {
  const cause = told === undefined ? undefined : leadCause(told);
  return cause?.kind === 'attribute' && cause.mode === 'data' && cause.type === 'aws_caller_identity' && cause.nulled !== true && (cause.attribute === 'account_id' || cause.attribute === 'id');
}

/** Whether `value` is the caller's account id known only at apply time (a whole value, not part of a template). */
export function isCallerAccount(value: Plain | undefined): boolean {
  return isUnknown(value) && value.partial === undefined && isCallerAccountCause(value.cause);
}
