// Presence rules judge account-level baseline resources (GuardDuty, account public-access block,
// EBS encryption by default...). Such resources usually live in a separate "baseline" stack, so a
// workload repository that lacks them proves nothing: judge them only when the baseline is in the
// scanned scope, otherwise report "not evidenced" (catalog: "How to read the tables", Kind presence).
import type { InfraModel } from '../../model/infra-model.js';
import type { Span } from '../../source/span.js';
import type { Subject } from '../define-rule.js';

/** Resource types whose presence says "this scan includes the account baseline". */
export const BASELINE_TYPES: readonly string[] = [
  'aws_cloudtrail',
  'aws_guardduty_detector',
  'aws_securityhub_account',
  'aws_config_configuration_recorder',
  'aws_iam_account_password_policy',
  'aws_s3_account_public_access_block',
  'aws_ebs_encryption_by_default',
];

const isAws = (type: string): boolean => type.startsWith('aws_');

/**
 * True when the scan holds the account baseline: a CloudTrail trail (the account's audit log, the
 * core of every baseline), or two of the other account-wide services. One alone is a component
 * module (a GuardDuty or AWS Config module), which says nothing of the account's other services:
 * judged as a baseline, it failed "no CloudTrail" and blocked CI on a correct module.
 */
export function accountBaselineInScope(model: InfraModel): boolean {
  if (model.ofType('aws_cloudtrail').length > 0) return true;
  return BASELINE_TYPES.filter((type) => model.ofType(type).length > 0).length >= 2;
}

const cache = new WeakMap<InfraModel, Subject | null>();

function subjectSpan(model: InfraModel): { span: Span; comments?: Subject['comments'] } | undefined {
  for (const type of BASELINE_TYPES) {
    const found = model.ofType(type)[0];
    if (found) return { span: found.span, comments: found.comments };
  }
  const settings = model.terraform[0];
  if (settings) return { span: settings.span };
  const provider = model.providers.find((p) => p.name === 'aws') ?? model.providers[0];
  if (provider) return { span: provider.body.span };
  const first = model.resources.find((r) => isAws(r.type));
  return first ? { span: first.span, comments: first.comments } : undefined;
}

/**
 * The single pseudo-subject presence rules judge: the account baseline. Its span is the first
 * baseline resource when the baseline is in scope, otherwise the first terraform or provider block.
 * undefined when the model has no AWS resources at all (nothing to say about an AWS account).
 */
export function baselineSubject(model: InfraModel): Subject | undefined {
  const cached = cache.get(model);
  if (cached !== undefined) return cached ?? undefined;
  let subject: Subject | null = null;
  if (model.resources.some((r) => isAws(r.type))) {
    const where = subjectSpan(model);
    if (where) {
      subject = {
        address: 'aws-account-baseline',
        type: 'account',
        span: where.span,
        ...(where.comments ? { comments: where.comments } : {}),
      };
    }
  }
  cache.set(model, subject);
  return subject ?? undefined;
}
