// Presence rules judge account-level baseline resources (GuardDuty, account public-access block,
// EBS encryption by default...). Such resources usually live in a separate "baseline" stack, so a
// workload repository that lacks them proves nothing: judge them only when the baseline is in the
// scanned scope, otherwise report "not evidenced" (catalog: "How to read the tables", Kind presence).
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import type { Span } from '../../source/span.js';
import type { Subject } from '../define-rule.js';
import { weakMemo } from '../../util/weak-memo.js';
import { accountOf, accountOfView, accountView, namedAccounts } from './account.js';

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
  // One account of several (accountView): its own baseline, the resources whose providers name it.
  // Those naming no account may be any account's, and a missing service is then not evidenced here
  // (the scan's subject, which judges them, reports it once).
  const account = accountOfView(model);
  const has = (type: string): boolean => (account === undefined ? model.ofType(type).length > 0 : model.ofType(type).some((r) => accountOf(r) === account));
  if (has('aws_cloudtrail')) return true;
  return BASELINE_TYPES.filter(has).length >= 2;
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

const subjectsCache = new WeakMap<InfraModel, readonly Subject[]>();
const scopes = new WeakMap<Subject, InfraModel>();
const labels = new WeakMap<Subject, string>();

/**
 * The accounts presence rules judge, each a pseudo-subject: the scan (baselineSubject) when no
 * provider names an AWS account; else one per named account (`aws-account-baseline[111122223333]`,
 * in every scan that names it, so shards and later scans agree), judged on what may be in it
 * (account.ts accountView), and the scan's subject too, for the stacks whose providers name none.
 */
export function baselineSubjects(model: InfraModel): readonly Subject[] {
  return weakMemo(subjectsCache, model, (m) => {
    const whole = baselineSubject(m);
    const accounts = namedAccounts(m);
    if (accounts.length === 0 || whole === undefined) return whole ? [whole] : [];
    const out: Subject[] = [];
    for (const account of accounts) {
      const view = accountView(m, account);
      const own = m.resources.filter((r) => isAws(r.type) && r.mode === 'managed' && accountOf(r) === account);
      const first = own.find((r) => r.provider.account !== undefined)!;
      const named = first.provider.account!;
      // The account id names the subject, unless it came from a sensitive value (never printed): then
      // the provider configuration that names it, which stays the same when other accounts come and go.
      const label = named.sensitive ? `${first.provider.alias !== undefined ? `${first.provider.name}.${first.provider.alias}` : first.provider.name} in ${first.root || '.'}` : account;
      const baseline = BASELINE_TYPES.map((type) => view.ofType(type).find((r) => accountOf(r) === account)).find((r) => r !== undefined);
      const subject: Subject = {
        address: `aws-account-baseline[${label}]`,
        type: 'account',
        span: baseline?.span ?? named.span,
        ...(baseline?.comments ? { comments: baseline.comments } : {}),
        ...((baseline ?? own[0])?.root !== undefined ? { root: (baseline ?? own[0])!.root! } : {}),
      };
      scopes.set(subject, view);
      labels.set(subject, named.sensitive ? `the baseline of the AWS account named by provider ${label}` : `the baseline of AWS account ${label}`);
      out.push(subject);
    }
    // The scan's subject, for the stacks naming no account, is placed at one of theirs (not at a named account's trail).
    const unnamed = m.resources.filter((r) => isAws(r.type) && r.mode === 'managed' && accountOf(r) === undefined);
    if (unnamed.length > 0) {
      const at = BASELINE_TYPES.map((type) => m.ofType(type).find((r) => accountOf(r) === undefined)).find((r) => r !== undefined) ?? unnamed[0]!;
      const subject: Subject = { address: whole.address, type: whole.type, span: at.span, ...(at.comments.length > 0 ? { comments: at.comments } : {}) };
      labels.set(subject, 'the account baseline of the stacks that name no AWS account');
      out.push(subject);
    }
    return out;
  });
}

/** What a presence rule judges an account subject on: the account's view, or the whole model for the scan's subject. */
export function accountScope(model: InfraModel, subject: Subject): InfraModel {
  return scopes.get(subject) ?? model;
}

/**
 * The account subjects for which `lacks(scope)` holds, scope being what the subject is judged on
 * (accountScope): the accounts a rule that judges declared resources where they exist must still
 * judge as a whole, as it judges the scan when it declares none (one account: the scan's subject
 * exactly when the model lacks them).
 */
export function subjectsWhere(model: InfraModel, lacks: (scope: InfraModel) => boolean): Subject[] {
  return baselineSubjects(model).filter((s) => lacks(accountScope(model, s)));
}

/** The account subjects whose scope declares no resource of any of `types`. */
export function subjectsLacking(model: InfraModel, types: readonly string[]): Subject[] {
  return subjectsWhere(model, (scope) => types.every((type) => scope.ofType(type).length === 0));
}

/**
 * "the account baseline", or for a named account "the baseline of AWS account 111122223333" (and
 * beside named ones, "the account baseline of the stacks that name no AWS account"): the words a
 * presence rule's message names its subject with.
 */
export function baselineWords(subject: Subject, capital = false): string {
  const words = labels.get(subject) ?? 'the account baseline';
  return capital ? words[0]!.toUpperCase() + words.slice(1) : words;
}

/**
 * For one named account of several (a member stack), what an organization configuration elsewhere
 * in the scan says of a service the account does not declare itself: GuardDuty's or Security Hub's
 * delegated administrator enables it for member accounts (`auto_enable_organization_members = "ALL"`
 * for every member: 'on'; for new members only, or by central policies: 'maybe'). Undefined for the
 * scan's own subject, or when the scan has no such configuration.
 */
export function organizationEnables(model: InfraModel, subject: Subject, type: string, reading: (config: Resource) => 'on' | 'maybe' | 'off'): { readonly config: Resource; readonly on: 'on' | 'maybe' } | undefined {
  if (!scopes.has(subject)) return undefined;
  let maybe: Resource | undefined;
  for (const config of model.ofType(type)) {
    const on = reading(config);
    if (on === 'on') return { config, on };
    if (on === 'maybe') maybe ??= config;
  }
  return maybe ? { config: maybe, on: 'maybe' } : undefined;
}
