// Which AWS account a resource is deployed to, for the rules that judge account-wide settings
// (GuardDuty, the account's S3 public-access block, EBS encryption by default, the trail covering
// a bucket). A monorepo often holds one stack per account (envs/dev, envs/prod): judged as one
// account, prod passed on dev's GuardDuty. The account is what the resource's provider
// configuration names (graph/materialize.ts providerAccount: `allowed_account_ids` of one id, an
// assumed role's ARN); a resource whose provider names none may be in any account, so it is never
// kept apart from anything (no false failure where the scan cannot tell).
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import { asBoolean } from '../../model/read.js';
import { weakMemo } from '../../util/weak-memo.js';

/** The account `r`'s provider configuration names, or undefined when it names none. */
export function accountOf(r: Resource): string | undefined {
  const v = r.provider.account?.value;
  return typeof v === 'string' ? v : undefined;
}

/**
 * An organization trail logs every member account's activity as well as its own, so it covers
 * resources in any account (the CloudTrail user guide, "Creating a trail for an organization").
 */
export function isOrganizationTrail(r: Resource): boolean {
  return r.type === 'aws_cloudtrail' && asBoolean(r.attributes.get('is_organization_trail')?.value) === true;
}

/**
 * Whether an account-wide setting declared by `setting` may apply to `r`: both in the same named
 * account, or either one's account not named (it may be the other's), or an organization trail.
 */
export function mayShareAccount(setting: Resource, r: Resource): boolean {
  const a = accountOf(setting);
  const b = accountOf(r);
  return a === undefined || b === undefined || a === b || isOrganizationTrail(setting);
}

const namedMemo = new WeakMap<InfraModel, readonly string[]>();

/** The accounts the scan's AWS resources name, sorted (empty when no provider names one). */
export function namedAccounts(model: InfraModel): readonly string[] {
  return weakMemo(namedMemo, model, (m) => {
    const out = new Set<string>();
    for (const r of m.resources) {
      if (r.mode !== 'managed' || !r.type.startsWith('aws_')) continue;
      const a = accountOf(r);
      if (a !== undefined) out.add(a);
    }
    return [...out].sort();
  });
}

/**
 * The model as one account sees it (one per model and account): its resources and those that may
 * be in it (no account named). Everything but the resource lists is the model's. Another account's organization trail is not in
 * it: it logs this account's activity (the trail rules count it, organizationTrails), but says
 * nothing of whether this account's baseline is in the scan.
 */
export function accountView(model: InfraModel, account: string): InfraModel {
  let memo = viewMemo.get(model);
  if (memo === undefined) viewMemo.set(model, (memo = new Map()));
  let view = memo.get(account);
  if (view === undefined) memo.set(account, (view = viewOf(model, account)));
  return view;
}

const viewMemo = new WeakMap<InfraModel, Map<string, InfraModel>>();

function viewOf(model: InfraModel, account: string): InfraModel {
  const sees = (r: Resource): boolean => {
    const a = accountOf(r);
    return a === undefined || a === account;
  };
  const byType = new Map<string, readonly Resource[]>();
  const view: InfraModel = {
    resources: model.resources.filter(sees),
    moduleCalls: model.moduleCalls,
    variables: model.variables,
    outputs: model.outputs,
    terraform: model.terraform,
    providers: model.providers,
    providerUses: model.providerUses,
    repo: model.repo,
    ...(model.changes !== undefined ? { changes: model.changes } : {}),
    ...(model.drift !== undefined ? { drift: model.drift } : {}),
    diagnostics: model.diagnostics,
    ofType(type) {
      let found = byType.get(type);
      if (found === undefined) byType.set(type, (found = model.ofType(type).filter(sees)));
      return found;
    },
    dataOfType: (type) => model.dataOfType(type).filter(sees),
    related: (target, type) => model.related(target, type).filter(sees),
    referrers: (target) => model.referrers(target).filter(sees),
    resolve: (from, configAddress) => model.resolve(from, configAddress),
  };
  viewAccounts.set(view, account);
  return view;
}

const viewAccounts = new WeakMap<InfraModel, string>();

/** The account an accountView is of; undefined for a whole model. */
export function accountOfView(model: InfraModel): string | undefined {
  return viewAccounts.get(model);
}

/** Organization trails in any account of the scan (isOrganizationTrail). */
export function organizationTrails(model: InfraModel): readonly Resource[] {
  return model.ofType('aws_cloudtrail').filter(isOrganizationTrail);
}

const loggingTrailsMemo = new WeakMap<InfraModel, readonly Resource[]>();

/**
 * The resources of `type` whose account-wide setting may apply to `r` (mayShareAccount): all of
 * them when `r`'s provider names no account, else its account's view (accountView), and for trails
 * the organization trails of other accounts too, in model order.
 */
export function ofTypeFor(model: InfraModel, r: Resource, type: string): readonly Resource[] {
  const account = accountOf(r);
  if (account === undefined) return model.ofType(type);
  const view = accountView(model, account);
  if (type !== 'aws_cloudtrail') return view.ofType(type);
  return weakMemo(loggingTrailsMemo, view, () => model.ofType(type).filter((t) => mayShareAccount(t, r)));
}

/** What an account-wide setting declared by `r` is judged against: its account's view (accountView), or the model when `r`'s provider names no account. */
export function scopeOfResource(model: InfraModel, r: Resource): InfraModel {
  const account = accountOf(r);
  return account === undefined ? model : accountView(model, account);
}
