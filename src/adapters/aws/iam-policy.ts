// One IAM policy model for every rule: a policy written as a JSON heredoc, `jsonencode(...)` or a
// `data "aws_iam_policy_document"` (which the evaluator renders to the JSON AWS receives) all
// arrive here as a string or object and leave as normalised statements.
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { blocksOf } from '../../model/read.js';
import { CALLER_ACCOUNT_PRINCIPAL, isCallerAccount } from '../../model/caller-account.js';
import { UNKNOWN_TEXT, isUnknown, containsUnknown, knownText, isPlainObject, type Plain } from '../../model/value.js';
import { wildcardRegExp } from '../../util/wildcard.js';
import { weakMemo } from '../../util/weak-memo.js';

export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  readonly type: string; // AWS, Service, Federated, CanonicalUser, or '*'
  readonly ids: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  /** 'Allow' too when the Effect is known only at apply time (`effectUnknown`): the case to judge. */
  readonly effect: 'Allow' | 'Deny';
  /** The Effect is known only at apply time: it may turn out "Deny". */
  readonly effectUnknown: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  /** Principal "*" or {"AWS": "*"}: anyone. */
  readonly principalIsWildcard: boolean;
  readonly notPrincipals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
  /** Some part of the statement is known only at apply time. */
  readonly hasUnknown: boolean;
  /**
   * Why parts of the statement are known only at apply time, by part (from a jsonencode(...) policy,
   * whose apply-time leaves keep their reasons): a message names the cause of the part it is about,
   * not the first apply-time value anywhere in the policy.
   */
  readonly unknownReasons?: Readonly<Partial<Record<'effect' | 'principals' | 'actions' | 'resources' | 'conditions', readonly string[]>>>;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

function strings(value: Plain | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v));
  // Kept visible so wildcard checks never mistake it for "*"; a template's known text
  // ("arn:aws:iam::${unknown}:root") is kept with its unknown parts marked.
  if (isUnknown(value)) return [knownText(value) ?? UNKNOWN_TEXT];
  return [];
}

/** AWS principal ids: the caller's account id known only at apply time is that account (caller-account.ts). */
function awsIds(value: Plain | undefined): string[] {
  if (isCallerAccount(value)) return [CALLER_ACCOUNT_PRINCIPAL];
  if (Array.isArray(value)) return value.flatMap((v) => awsIds(v));
  return strings(value);
}

function principalsOf(value: Plain | undefined): PolicyPrincipal[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ type: value === '*' ? '*' : 'AWS', ids: [value] }];
  if (isPlainObject(value)) return Object.entries(value).map(([type, ids]) => ({ type, ids: type === 'AWS' ? awsIds(ids) : strings(ids) }));
  return [];
}

/**
 * The known structure of an object known only at apply time: an object with a key known only then
 * (`{ "${oidc_host}:sub" = … }`) keeps its entries, keys written with "${unknown}" (graph/evaluate.ts).
 */
function knownObject(value: Plain | undefined): { readonly [key: string]: Plain } | undefined {
  if (isPlainObject(value)) return value;
  return isUnknown(value) && isPlainObject(value.partial) ? value.partial : undefined;
}

/** A condition of which nothing is known: rules take its key as unknown, never as no condition at all. */
const UNKNOWN_CONDITION: PolicyCondition = { operator: UNKNOWN_TEXT, key: UNKNOWN_TEXT, values: [UNKNOWN_TEXT] };

function conditionsOf(value: Plain | undefined): PolicyCondition[] {
  // A Condition element known only at apply time (`Condition = var.conditions`) may narrow the
  // statement: dropping it judged the statement as if it had no condition (a trust or "*" grant failed).
  if (isUnknown(value) && !isPlainObject(value.partial)) return [UNKNOWN_CONDITION];
  const known = knownObject(value);
  if (!known) return [];
  const out: PolicyCondition[] = [];
  for (const [operator, entries] of Object.entries(known)) {
    const keyed = knownObject(entries);
    if (keyed) for (const [key, values] of Object.entries(keyed)) out.push({ operator, key, values: strings(values) });
    else if (isUnknown(entries)) out.push({ operator, key: UNKNOWN_TEXT, values: [UNKNOWN_TEXT] });
  }
  return out;
}

/** The reasons of the apply-time leaves of a value, in order (an unknown's known structure is walked). */
function reasonsIn(value: Plain | undefined, out: string[] = []): string[] {
  if (value === undefined || value === null) return out;
  if (isUnknown(value)) {
    if (value.partial !== undefined && typeof value.partial === 'object') reasonsIn(value.partial, out);
    // The caller's account id is a specific principal (caller-account.ts): no cause to name.
    else if (!isCallerAccount(value) && !out.includes(value.reason)) out.push(value.reason);
  } else if (Array.isArray(value)) for (const v of value) reasonsIn(v, out);
  else if (typeof value === 'object') for (const v of Object.values(value)) reasonsIn(v, out);
  return out;
}

function get(object: { readonly [k: string]: Plain }, name: string): Plain | undefined {
  // IAM element names are case-sensitive in AWS, but hand-written policies vary; accept any case.
  if (name in object) return object[name];
  // Most elements a statement is asked for are absent (NotAction, NotPrincipal, Condition): a key of
  // another length is not the name in any case (the names are ASCII, and no key lowered to ASCII
  // changes length), so it is passed without lowering it or listing the entries.
  const lower = name.toLowerCase();
  for (const k of Object.keys(object)) if (k.length === lower.length && k.toLowerCase() === lower) return object[k];
  return undefined;
}

function statementOf(raw: Plain): PolicyStatement | undefined {
  if (!isPlainObject(raw)) return undefined;
  const effect = get(raw, 'Effect');
  const principal = get(raw, 'Principal');
  const principals = principalsOf(principal);
  const sid = get(raw, 'Sid');
  return {
    ...(typeof sid === 'string' ? { sid } : {}),
    effect: effect === 'Deny' ? 'Deny' : 'Allow',
    effectUnknown: isUnknown(effect) || (typeof effect === 'string' && effect.includes(UNKNOWN_TEXT)),
    actions: strings(get(raw, 'Action')),
    notActions: strings(get(raw, 'NotAction')),
    resources: strings(get(raw, 'Resource')),
    notResources: strings(get(raw, 'NotResource')),
    principals,
    principalIsWildcard: principals.some((p) => p.type === '*' || p.ids.includes('*')),
    notPrincipals: principalsOf(get(raw, 'NotPrincipal')),
    conditions: conditionsOf(get(raw, 'Condition')),
    // The evaluator renders apply-time parts of a policy document as "${unknown}" strings.
    hasUnknown: containsUnknown(raw) || JSON.stringify(raw).includes('${unknown'),
    ...(containsUnknown(raw)
      ? {
          unknownReasons: {
            effect: reasonsIn(effect),
            principals: reasonsIn([principal ?? null, get(raw, 'NotPrincipal') ?? null]),
            actions: reasonsIn([get(raw, 'Action') ?? null, get(raw, 'NotAction') ?? null]),
            resources: reasonsIn([get(raw, 'Resource') ?? null, get(raw, 'NotResource') ?? null]),
            conditions: reasonsIn(get(raw, 'Condition')),
          },
        }
      : {}),
  };
}

/**
 * A policy from a JSON string or an object. 'unknown' when the text is known only at apply time;
 * undefined when it is absent or not a policy (the caller decides whether that is a finding).
 */
export function parsePolicy(value: Plain | undefined): PolicyDocument | 'unknown' | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) {
    // jsonencode(...) of a policy with apply-time parts: judge the known structure.
    if (value.partial !== undefined && value.partial !== null && typeof value.partial === 'object') return parsePolicy(value.partial);
    // A policy text with apply-time parts written "${unknown}" (replace() of a template): judge the known rest.
    if (typeof value.partial === 'string') return parsePolicy(value.partial) ?? 'unknown';
    return 'unknown';
  }
  let doc: Plain = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value) as Plain;
    } catch {
      return undefined;
    }
  }
  if (!isPlainObject(doc)) return undefined;
  const rawStatements = get(doc, 'Statement');
  if (isUnknown(rawStatements)) return 'unknown';
  const list = Array.isArray(rawStatements) ? rawStatements : rawStatements === undefined ? [] : [rawStatements];
  return { statements: list.map(statementOf).filter((s): s is PolicyStatement => s !== undefined) };
}

/**
 * Each policy attribute parsed once: the identity policies (policiesOf), a bucket's policies (s3.ts)
 * and the rules that read a trust or vault policy all parse the same attribute, and several rules
 * read each. Keyed by the Sourced object, whose value never changes; lives as long as the model.
 */
const parsedPolicies = new WeakMap<Sourced, PolicyDocument | 'unknown' | undefined>();

/** parsePolicy of a Sourced attribute's value, once per attribute (undefined: no attribute). */
export function policyOf(raw: Sourced | undefined): PolicyDocument | 'unknown' | undefined {
  return raw === undefined ? undefined : weakMemo(parsedPolicies, raw, () => parsePolicy(raw.value));
}

/** Patterns repeat across policies (`s3:*`, `kms:Decrypt`): each is compiled once (bounded memo). */
const MATCHER_LIMIT = 10_000;
const matchers = new Map<string, (action: string) => boolean>();

function matcherOf(pattern: string): (action: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    if (matchers.size >= MATCHER_LIMIT) matchers.clear();
    if (/^[\x20-\x7e]*$/.test(pattern) && !pattern.includes('*') && !pattern.includes('?')) {
      // Most patterns are whole action names: compared as text, which a rule checking 27 actions
      // against every action of a long policy does often (a regular expression cost ~3 % of a scan).
      const lower = pattern.toLowerCase();
      match = (action) => action.length === lower.length && action.toLowerCase() === lower;
    } else {
      const re = wildcardRegExp(pattern, 'i');
      match = (action) => re.test(action);
    }
    matchers.set(pattern, match);
  }
  return match;
}

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character). */
export function actionMatches(pattern: string, action: string): boolean {
  return matcherOf(pattern)(action);
}

export interface IdentityPolicy {
  readonly owner: Resource;
  readonly raw: Sourced;
  readonly document: PolicyDocument | 'unknown' | undefined;
}

const POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

const cache = new WeakMap<InfraModel, readonly IdentityPolicy[]>();

/** Every IAM identity policy in the model: managed, inline resources, and aws_iam_role inline_policy blocks. */
export function policiesOf(model: InfraModel): readonly IdentityPolicy[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const out: IdentityPolicy[] = [];
  for (const type of POLICY_TYPES) {
    for (const owner of model.ofType(type)) {
      const raw = owner.attributes.get('policy');
      if (raw) out.push({ owner, raw, document: policyOf(raw) });
    }
  }
  for (const role of model.ofType('aws_iam_role')) {
    for (const block of blocksOf(role, 'inline_policy')) {
      const raw = block.attributes.get('policy');
      if (raw) out.push({ owner: role, raw, document: policyOf(raw) });
    }
  }
  cache.set(model, out);
  return out;
}
