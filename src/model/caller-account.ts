// `data.aws_caller_identity.<name>.account_id` is known only at apply time, yet it is always the
// 12-digit id of the account Terraform runs in, never "*". IAM takes an account id as a principal to
// mean that account's root ("arn:aws:iam::123456789012:root"; IAM JSON policy reference, "AWS account
// principals"), so a policy principal reading it is written as such an ARN with its unknown parts
// marked: a specific principal, where a bare "${unknown}" could be anyone.
import { UNKNOWN_TEXT, isUnknown, type Plain } from './value.js';

/** The reason the evaluator gives for the caller's account id (in a module too, instance keys allowed). */
const CALLER_ACCOUNT = /^(module\.[\w-]+(\[[^\]]*\])?\.)*data\.aws_caller_identity\.[\w-]+(\[[^\]]*\])?\.(account_id|id) is read from the provider\b/;

/** The caller's account as an "AWS" principal whose account is known only at apply time. */
export const CALLER_ACCOUNT_PRINCIPAL = `arn:${UNKNOWN_TEXT}:iam::${UNKNOWN_TEXT}:root`;

/** Whether an apply-time value is the caller's account id (by the reason the evaluator gives for it). */
export function isCallerAccountReason(reason: string): boolean {
  return CALLER_ACCOUNT.test(reason);
}

/** Whether `value` is the caller's account id known only at apply time (a whole value, not part of a template). */
export function isCallerAccount(value: Plain | undefined): boolean {
  return isUnknown(value) && value.partial === undefined && isCallerAccountReason(value.reason);
}
