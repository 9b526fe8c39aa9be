// Reading policies for the access rules (catalog A.1–A.2). The evaluator renders an
// aws_iam_policy_document with unknown parts as the string "${unknown}" so the known rest stays
// inspectable; parsePolicy gives up on such text, so this reader parses it anyway and lets each rule
// ask whether the part it judges is known (STYLE.md §3: never guess, but do not throw away what is known).
import { isDeepStrictEqual } from 'node:util';
import { EXCLUSIVE_ATTACHMENT_TYPES, POLICY_ATTACHMENT_TYPES } from './attached-policies.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { UNKNOWN_TEXT, isUnknown, knownText, type Plain, type Unknown } from '../../../model/value.js';
import { leadCause } from '../../../model/unknown-cause.js';
import { actionMatches, parsePolicy, policiesOf, policyOf, type IdentityPolicy, type PolicyDocument, type PolicyStatement } from '../../../adapters/aws/iam-policy.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import type { Span } from '../../../source/span.js';
import { weakMemo } from '../../../util/weak-memo.js';
import { isInternetCidr } from '../vpc/ingress-rules.js';

export type { PolicyDocument, PolicyStatement } from '../../../adapters/aws/iam-policy.js';

/** How the evaluator writes an apply-time part of a string (model/value.ts UNKNOWN_TEXT). */
export const UNKNOWN_MARK = UNKNOWN_TEXT;

/**
 * Known text that may still be "*": nothing but "*" and apply-time parts ("${unknown}", "${prefix}*").
 * A principal or an action written so could turn out to be anyone or everything.
 */
export function mayBeWildcard(text: string): boolean {
  return text.includes(UNKNOWN_MARK) && /^\*?$/.test(text.split(UNKNOWN_MARK).join(''));
}

/** The policy in `value`, tolerating apply-time parts; 'unknown' only when the whole text is unknown. */
export function readPolicy(value: Plain | undefined): PolicyDocument | 'unknown' | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return parsePolicy(value); // 'unknown', or the known structure of a jsonencode(...)
  if (typeof value === 'string') {
    let parsed: Plain;
    try {
      parsed = JSON.parse(value) as Plain;
    } catch {
      return value.includes(UNKNOWN_MARK) ? 'unknown' : undefined;
    }
    return parsePolicy(parsed);
  }
  return parsePolicy(value);
}

/**
 * Several rules judge the same policy attribute (admin star, service wildcards, KMS decrypt): each
 * is parsed once. Keyed by the Sourced object, whose value and provenance never change.
 */
const readPolicies = new WeakMap<Sourced, PolicyDocument | 'unknown' | undefined>();

/**
 * The policy of a Sourced attribute (also 'unknown' for an unresolved attribute). The adapters' parse
 * of the attribute (policyOf), shared with policiesOf and the bucket views, is readPolicy's answer
 * whenever it found a policy: readPolicy differs only where parsePolicy finds none (text that is not
 * JSON but has apply-time parts is 'unknown' here), so only then is the text read again.
 */
export function readSourcedPolicy(raw: Sourced): PolicyDocument | 'unknown' | undefined {
  return weakMemo(readPolicies, raw, () => (raw.provenance === 'unresolved' && !(isUnknown(raw.value) && raw.value.partial !== undefined) ? 'unknown' : (policyOf(raw) ?? readPolicy(raw.value))));
}

/** Known text for a message: each apply-time part written "…" (`arn:…:iam::…:oidc-provider/oidc.example.com`). */
export function shownText(text: string): string {
  return text.includes(UNKNOWN_MARK) ? text.split(UNKNOWN_MARK).join('…') : text;
}

export function hasUnknownPart(values: readonly string[]): boolean {
  return values.some((v) => v.includes(UNKNOWN_MARK));
}

/** Principal, action or resource known only at apply time. */
export function principalsUnknown(s: PolicyStatement): boolean {
  // An ARN with an unknown account ("arn:aws:iam::${unknown}:root") is still a specific principal;
  // only an identifier whose known text is nothing but "*" ("${unknown}", "${prefix}*") could be "*".
  return s.principals.some((p) => p.type.includes(UNKNOWN_MARK) || p.ids.some(mayBeWildcard));
}

/**
 * Condition keys that narrow a wildcard principal to the organisation, an account, a VPC endpoint
 * or a calling resource, as the AWS "public" evaluation treats them (IAM Access Analyzer,
 * S3 "Block public access" docs: "What does 'public' mean"). Not aws:username: a user name is
 * unique only within its account, so `aws:username = "deploy"` matches the user "deploy" of every
 * account. Not kms:ViaService: it names the service calling KMS, not whose principal, so any
 * account's principal can use the key through that service (kms:CallerAccount pins the account).
 * s3:DataAccessPointAccount and s3:DataAccessPointArn keep a bucket to requests made through the
 * account's (or one) access point, whose own policy then decides: S3's documented way to delegate
 * access control to access points, which S3 counts as fixed values.
 */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:SourceIp',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
    'lambda:FunctionArn',
    'sns:Endpoint',
  ].map((k) => k.toLowerCase()),
);

/** Negated operators (StringNotEquals...) narrow nothing for a public principal. */
const isNegated = (operator: string): boolean => /not/i.test(operator) && !/^Null$/i.test(operator);

export type Tri = true | false | 'unknown';

const PINNING_OPERATOR = /^(?:ForAnyValue:)?(?:StringEquals(?:IgnoreCase)?|StringLike|ArnEquals|ArnLike|IpAddress)$/i;

/**
 * Whether a condition value names fixed callers. AWS counts a grant to "*" as not public only when
 * its condition values are fixed: no wildcard and no policy variable (S3 Block Public Access, AWS
 * Config s3-bucket-public-read-prohibited). A wildcard after a fixed 12-digit account in an ARN
 * (`arn:aws:iam::123456789012:role/*`) or after a fixed organization id (`o-abc/r-x/ou-*`) still
 * keeps callers to one account or organization; `arn:aws:iam::*:*`, `arn:aws:s3:::*`, `*1*` do not.
 * Text known only at apply time (`${var.account}`) is taken as fixed, as it was before.
 */
export function pinsCaller(value: string): boolean {
  if (value.includes(UNKNOWN_MARK)) return value.split(UNKNOWN_MARK).join('') !== '*';
  if (!/[*?]|\$\{/.test(value)) return true;
  const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):/.exec(value);
  if (arn !== null) return !/[*?$]/.test(arn[1]! + arn[2]!) && /^\d{12}$/.test(arn[4]!);
  const org = /^(o-[a-z0-9]{4,32})\//.exec(value);
  return org !== null;
}

/** Does a condition narrow a wildcard principal to known callers? */
export function narrowingCondition(s: PolicyStatement): Tri {
  let sawUnknown = false;
  for (const c of s.conditions) {
    if (c.key.includes(UNKNOWN_MARK) || c.operator.includes(UNKNOWN_MARK)) {
      sawUnknown = true;
      continue;
    }
    if (!NARROWING_KEYS.has(c.key.toLowerCase()) || isNegated(c.operator)) continue;
    // Only a test that the key equals or matches fixed values narrows. ...IfExists holds where the
    // key is absent (a caller outside any organisation has no aws:PrincipalOrgID); ForAllValues
    // holds when the request has no value for the key at all; Null "false" only asks that the key
    // exist (any VPC endpoint, any organisation, other accounts' included).
    // ForAllValues pins only with a Null "false" guard on the same key, AWS's recommended pairing
    // (the request must carry the key, and every value it carries must match).
    const guarded = /^ForAllValues:/i.test(c.operator) && s.conditions.some((g) => /^Null$/i.test(g.operator) && g.key.toLowerCase() === c.key.toLowerCase() && g.values.some((v) => v.toLowerCase() === 'false'));
    if (!PINNING_OPERATOR.test(c.operator) && !(guarded && PINNING_OPERATOR.test(c.operator.replace(/^ForAllValues:/i, '')))) continue;
    if (c.values.length === 0) continue;
    if (!c.values.every(pinsCaller)) continue;
    // The internet however spelt (`::0/0`, `0:0:0:0:0:0:0:0/0`) or a /1 half of it restricts nothing.
    if (/IpAddress/i.test(c.operator) && c.values.some((v) => isInternetCidr(v))) continue;
    return true;
  }
  return sawUnknown ? 'unknown' : false;
}

/** Allow to anyone ("*", AWS:"*" or an Allow with NotPrincipal) with no narrowing condition. */
export function anonymousAllow(s: PolicyStatement): Tri {
  if (s.effect !== 'Allow') return false;
  const anyone = s.principalIsWildcard || s.notPrincipals.length > 0;
  if (!anyone) return principalsUnknown(s) ? 'unknown' : false;
  const narrowed = narrowingCondition(s);
  if (narrowed === true) return false;
  return narrowed === 'unknown' ? 'unknown' : true;
}

/**
 * The verdict on a statement anonymousAllow() leaves 'unknown': its principal (which may be "*"), or,
 * for an Allow to anyone, a condition that may narrow it, is known only at apply time.
 */
export function unknownPrincipalVerdict(s: PolicyStatement, label: string): StatementVerdict {
  if (principalsUnknown(s) && !(s.principalIsWildcard || s.notPrincipals.length > 0)) return { kind: 'unknown', message: `${label}: its principal, which may be "*", is known only at apply time.`, field: 'principals' };
  return { kind: 'unknown', message: `${label}: it allows any principal, and a condition that may restrict the caller is known only at apply time.`, field: 'conditions' };
}

/** Does any action of the statement match `action` (a concrete action name)? */
export function allowsAction(s: PolicyStatement, action: string): Tri {
  if (s.effect !== 'Allow') return false;
  if (s.notActions.length > 0) {
    // NotAction allows everything not listed.
    if (hasUnknownPart(s.notActions)) return 'unknown';
    return !s.notActions.some((p) => actionMatches(p, action));
  }
  if (s.actions.some((p) => !p.includes(UNKNOWN_MARK) && actionMatches(p, action))) return true;
  return hasUnknownPart(s.actions) ? 'unknown' : false;
}

/** Does the statement apply to every resource ("*")? */
export function onAllResources(s: PolicyStatement): Tri {
  if (s.notResources.length > 0) return true;
  if (s.resources.includes('*')) return true;
  // Only a wholly unknown resource could be "*"; "arn:...${unknown}..." is a specific resource.
  return s.resources.includes(UNKNOWN_MARK) ? 'unknown' : false;
}

/** Statement label for messages: its Sid or its position. */
export function statementLabel(s: PolicyStatement, index: number): string {
  // A Sid known only at apply time ("${unknown}") names nothing: the position does.
  return s.sid && !s.sid.includes(UNKNOWN_MARK) ? `statement "${s.sid}"` : `statement ${index + 1}`;
}

/** The part of a statement a verdict is about, used to point at it in a policy document data source. */
export type StatementField = 'principals' | 'actions' | 'resources' | 'conditions';

export type StatementVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'fail' | 'unknown'; readonly message: string; readonly field?: StatementField };

const FIELD_NAMES: Readonly<Record<StatementField, readonly string[]>> = {
  principals: ['principals', 'not_principals'],
  actions: ['actions', 'not_actions'],
  resources: ['resources', 'not_resources'],
  conditions: ['condition'],
};

/** documentSource per model and policy attribute (several rules ask for the same one, with the same owner). */
const documentSources = new WeakMap<InfraModel, Map<Sourced, { readonly owner: Resource; readonly doc: Resource | undefined }>>();

function memoDocumentSource(model: InfraModel, owner: Resource, raw: Sourced): Resource | undefined {
  let known = documentSources.get(model);
  if (!known) {
    known = new Map();
    documentSources.set(model, known);
  }
  const entry = known.get(raw);
  if (entry && entry.owner === owner) return entry.doc;
  const doc = documentSource(model, owner, raw);
  if (!entry) known.set(raw, { owner, doc });
  return doc;
}

/** The data "aws_iam_policy_document" whose rendered JSON is `raw`, when the policy was written that way. */
function documentSource(model: InfraModel, owner: Resource, raw: Sourced): Resource | undefined {
  // A document Terraform reads only at apply (it names a resource to be created) is unknown with its
  // text known but for those parts: compared by that text.
  const text = typeof raw.value === 'string' ? raw.value : knownText(raw.value);
  if (text === undefined) return undefined;
  const textOf = (v: Plain | undefined): string | undefined => (typeof v === 'string' ? v : knownText(v));
  for (const ref of owner.references) {
    if (!ref.startsWith('data.aws_iam_policy_document.') && !ref.includes('.data.aws_iam_policy_document.')) continue;
    for (const doc of model.resolve(owner, ref)) {
      if (textOf(doc.attributes.get('json')?.value) === text || textOf(doc.attributes.get('minified_json')?.value) === text) return doc;
    }
  }
  // The AWS provider plans a policy argument re-encoded (keys sorted, no spaces: graph/provider-json.ts),
  // so a document's known JSON is found again by its decoded value.
  const value = text.startsWith('{') ? decoded(text) : undefined;
  if (value === undefined) return undefined;
  for (const ref of owner.references) {
    if (!ref.startsWith('data.aws_iam_policy_document.') && !ref.includes('.data.aws_iam_policy_document.')) continue;
    for (const doc of model.resolve(owner, ref)) {
      const json = doc.attributes.get('minified_json')?.value;
      if (typeof json === 'string' && isDeepStrictEqual(decoded(json), value)) return doc;
    }
  }
  return undefined;
}

function decoded(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A document's statement blocks in order, and the first block written with each Sid. */
interface StatementBlocks {
  readonly blocks: readonly NestedBlock[];
  readonly bySid: ReadonlyMap<string, NestedBlock>;
}

/**
 * statementBlocks per document: statementBlock runs once per statement, and filtering and
 * searching the blocks each time made a document of n statements cost n² (4000 statements: 20 s).
 */
const statementBlocksOf = new WeakMap<Resource, StatementBlocks>();

function statementBlocks(doc: Resource): StatementBlocks {
  return weakMemo(statementBlocksOf, doc, () => {
    const blocks = doc.blocks.filter((b) => b.type === 'statement');
    const bySid = new Map<string, NestedBlock>();
    for (const b of blocks) {
      const sid = b.attributes.get('sid')?.value;
      // The first block with a Sid wins, as a search from the start found it.
      if (typeof sid === 'string' && !bySid.has(sid)) bySid.set(sid, b);
    }
    return { blocks, bySid };
  });
}

function statementBlock(doc: Resource, statement: PolicyStatement, index: number, count: number): NestedBlock | undefined {
  const { blocks, bySid } = statementBlocks(doc);
  const written = statement.sid ? bySid.get(statement.sid) : undefined;
  if (written) return written;
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((n) => doc.attributes.has(n));
  return !merged && blocks.length === count ? blocks[index] : undefined;
}

/** Where a statement's field is written in a policy document data source (by Sid, else by position). */
function fieldSpan(block: NestedBlock, field: StatementField | undefined): Span {
  for (const name of field ? FIELD_NAMES[field] : []) {
    const attribute = block.attributes.get(name);
    if (attribute) return attribute.span;
    const nestedBlock = block.blocks.find((b) => b.type === name);
    if (nestedBlock) {
      const inner = field === 'principals' ? nestedBlock.attributes.get('identifiers') : undefined;
      return (inner ?? nestedBlock).span;
    }
  }
  return block.span;
}

/** Attributes of another resource that are an ARN, id or name the provider computes: never "*". */
const IDENTIFIERS: ReadonlySet<string> = new Set(['arn', 'id', 'key_id', 'name']);

/** Whether an apply-time value is an ARN, id or name of a resource (not a data source) that the provider computes. */
function isComputedIdentifier(value: Unknown): boolean {
  const cause = value.cause === undefined ? undefined : leadCause(value.cause);
  return cause?.kind === 'attribute' && cause.how === 'computed' && IDENTIFIERS.has(cause.attribute);
}

/**
 * The renderer writes every unknown as "${unknown}", which could stand for "*". When the data source
 * shows that each unknown resource is a computed ARN or id (aws_kms_key.k.arn), mark it as a specific
 * resource ("arn:${unknown}") so rules do not have to report it as undecidable.
 */
function refineResources(statement: PolicyStatement, block: NestedBlock | undefined): PolicyStatement {
  if (!block || !statement.resources.includes(UNKNOWN_MARK)) return statement;
  const written = block.attributes.get('resources');
  if (!written || !Array.isArray(written.value)) return statement;
  const unknowns = written.value.filter((v) => isUnknown(v));
  if (unknowns.length === 0 || !unknowns.every((v) => isUnknown(v) && isComputedIdentifier(v))) return statement;
  return { ...statement, resources: statement.resources.map((r) => (r === UNKNOWN_MARK ? `arn:${UNKNOWN_MARK}` : r)) };
}

/**
 * Judge every statement of one policy attribute. The whole policy unknown → one unknown; a policy
 * that is not a document → one unknown; otherwise one outcome per failing or undecidable statement,
 * or a pass on the attribute. With `source`, a failure also points at the statement in the
 * data "aws_iam_policy_document" the policy was rendered from.
 */
export function judgePolicy(
  address: string,
  raw: Sourced,
  verdict: (statement: PolicyStatement, label: string) => StatementVerdict,
  passMessage: string,
  source?: { readonly model: InfraModel; readonly owner: Resource },
): Outcome[] {
  const doc = readSourcedPolicy(raw);
  if (doc === 'unknown') return [unknown(raw, `${address}: the policy is known only at apply time (${reasonOf(raw)}).`)];
  if (!doc) {
    // A known empty text grants nothing (AWS refuses it as a malformed document at apply): decided, not unknown.
    if (typeof raw.value === 'string' && raw.value.trim() === '') return [pass(raw, `${address}: the policy is empty, so it grants nothing (AWS refuses an empty policy document at apply).`)];
    return [unknown(raw, `${address}: the policy could not be read as an IAM policy document.`)];
  }
  const data = source ? memoDocumentSource(source.model, source.owner, raw) : undefined;
  const outcomes: Outcome[] = [];
  doc.statements.forEach((written, i) => {
    const block = data ? statementBlock(data, written, i, doc.statements.length) : undefined;
    const s = refineResources(written, block);
    const label = `${address} ${statementLabel(s, i)}`;
    const v = verdict(s, label);
    if (v.kind === 'ok') return;
    if (v.kind === 'unknown') {
      // Why: a variable without a value is no apply-time value, and the user can give it one. The
      // cause of the part the verdict is about when known; the policy's first apply-time value
      // (maybe in another statement or the Resource) only when not.
      const why = (v.field ? s.unknownReasons?.[v.field]?.[0] : undefined) ?? (isUnknown(raw.value) ? raw.value.reason : undefined);
      outcomes.push(unknown(raw, why !== undefined && /known only at apply time\.$/.test(v.message) ? `${v.message.slice(0, -1)} (${why}).` : v.message));
      return;
    }
    // Judged as an Allow, the worst case; an Effect known only at apply time may be "Deny".
    if (s.effectUnknown) {
      outcomes.push(unknown(raw, `${label}: its Effect is known only at apply time.`));
      return;
    }
    const where = block ? fieldSpan(block, v.field) : undefined;
    outcomes.push(fail(raw, where ? { message: v.message, related: [{ span: where, message: `the statement is written here in ${data!.address}` }] } : { message: v.message }));
  });
  return outcomes.length > 0 ? outcomes : [pass(raw, passMessage)];
}

/** Resources that attach a managed policy (AWS's or the account's) to a role, user or group. */
/** Rule targets for policies and their attachments: the identity-policy owners, roles listing managed_policy_arns, and attachments (exclusive ones too). */
export function policyAndAttachmentTargets(model: InfraModel): Resource[] {
  const owners = identityPolicyOwners(model);
  const owning = new Set(owners);
  const rolesWithArns = model.ofType('aws_iam_role').filter((r) => r.attributes.has('managed_policy_arns') && !owning.has(r));
  return [...owners, ...rolesWithArns, ...[...POLICY_ATTACHMENT_TYPES, ...EXCLUSIVE_ATTACHMENT_TYPES].flatMap((t) => model.ofType(t))];
}

/** Owners of identity policies (each once), as rule targets. */
export function identityPolicyOwners(model: InfraModel): Resource[] {
  const seen = new Set<Resource>();
  for (const p of policiesOf(model)) seen.add(p.owner);
  return [...seen];
}

/** Judge every identity policy an owner carries (one resource may hold several inline_policy blocks). */
export function judgeIdentityPolicies(
  model: InfraModel,
  owner: Resource,
  verdict: (statement: PolicyStatement, label: string) => StatementVerdict,
  passMessage: string,
): Outcome[] {
  return (policiesByOwner(model).get(owner) ?? []).flatMap((p) => judgePolicy(owner.address, p.raw, verdict, passMessage, { model, owner }));
}

const byOwner = new WeakMap<InfraModel, Map<Resource, IdentityPolicy[]>>();

/** policiesOf grouped by owner, in the same order (each rule asks per owner: a filter per owner was n²). */
function policiesByOwner(model: InfraModel): Map<Resource, IdentityPolicy[]> {
  return weakMemo(byOwner, model, () => {
    const grouped = new Map<Resource, IdentityPolicy[]>();
    for (const p of policiesOf(model)) {
      const list = grouped.get(p.owner);
      if (list) list.push(p);
      else grouped.set(p.owner, [p]);
    }
    return grouped;
  });
}
