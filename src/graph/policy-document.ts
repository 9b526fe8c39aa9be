// data "aws_iam_policy_document": rendered into the JSON string AWS receives, as the AWS provider
// does (internal/service/iam/policy_model.go): statement keys in the order Sid, Effect, Action,
// NotAction, Resource, NotResource, Principal, NotPrincipal, Condition; a single-item list becomes
// a string and longer lists are sorted in reverse; the `json` attribute is indented by two spaces.
// Unknown parts are rendered as "${unknown}" so the known rest of the policy stays inspectable.
import type { EvaluatedBlock, EvaluatedBody } from './body.js';
import { ListV, UNKNOWN_TEXT, Unk, unk, type Val } from './value.js';
import { weakMemo } from '../util/weak-memo.js';
import { CALLER_ACCOUNT_PRINCIPAL, isCallerAccountCause } from '../model/caller-account.js';

type Json = string | Json[] | { [k: string]: Json };

const UNKNOWN = UNKNOWN_TEXT;

/** An item as policy text: an apply-time template keeps its known text ("arn:aws:s3:::${unknown}/*"). */
function textOf(x: Val): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return x instanceof Unk && typeof x.partial === 'string' ? x.partial : UNKNOWN;
}

/**
 * The provider writes `&{aws:username}` as the policy variable `${aws:username}` (its documented way
 * to write one without escaping Terraform's own `${`).
 */
const policyVariables = (text: string): string => (text.includes('&{') ? text.replaceAll('&{', '${') : text);

function strings(v: Val | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof ListV) return v.items.map((item) => policyVariables(textOf(item)));
  return [policyVariables(textOf(v))];
}

/**
 * One value as a string, several as a list, as the provider writes them: actions, resources and
 * principal identifiers are sets (each once, in reverse order); a condition's values a list, kept
 * as written, repeats included (checked with terraform plan, hashicorp/aws 5.100).
 */
function stringOrList(values: string[], kind: 'set' | 'list' = 'set'): Json {
  const shown = kind === 'set' ? [...new Set(values)] : values;
  if (shown.length === 1) return shown[0]!;
  return kind === 'set' ? shown.sort().reverse() : [...shown];
}

function attrValue(body: EvaluatedBody, name: string): Val | undefined {
  return body.attrs.get(name)?.value;
}

/** AWS identifiers: the caller's account id known only at apply time is that account's root (caller-account.ts). */
function awsIdentifiers(v: Val | undefined): string[] | undefined {
  const one = (x: Val): string => (x instanceof Unk && x.partial === undefined && isCallerAccountCause(x.cause) ? CALLER_ACCOUNT_PRINCIPAL : policyVariables(textOf(x)));
  if (v === undefined || v === null) return undefined;
  return v instanceof ListV ? v.items.map(one) : [one(v)];
}

/** CRC-32 (IEEE) of a text's UTF-8 bytes, as Go's crc32.ChecksumIEEE. */
let crcTable: Uint32Array | undefined;
function crc32(text: string): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A set's elements in the order the provider's SDK lists them: by the decimal text of each one's hash, sorted as text; one of each. */
function sdkSetOrder<T>(items: readonly T[], hashText: (item: T) => string): T[] {
  const byCode = new Map<string, T>();
  for (const item of items) {
    const code = String(crc32(hashText(item)));
    if (!byCode.has(code)) byCode.set(code, item);
  }
  return [...byCode.keys()].sort().map((code) => byCode.get(code)!);
}

/** Known strings, or undefined when a part is not (the SDK's order is then not ours to tell). */
function knownStrings(v: Val | undefined): string[] | undefined {
  if (v === undefined || v === null) return [];
  const items = v instanceof ListV ? v.items : [v];
  return items.every((x) => typeof x === 'string') ? (items as string[]) : undefined;
}

/**
 * Principals and condition blocks are sets of blocks in the data source's schema: the provider reads
 * them in its SDK's set order (each block's hash is the CRC-32 of its fields serialized as
 * `identifiers:{a;b;};type:AWS;`, a set's strings in their own hash order; codes sorted as text),
 * and identical blocks are one. terraform plan 1.11.4 (hashicorp/aws 5.100): principals { AWS = ["c"] },
 * { AWS = ["b"] }, { AWS = ["a"] } give "AWS": ["a", "b", "c"] in any written order. Blocks with an
 * unknown part keep the written order.
 */
function inSdkSetOrder(blocks: readonly EvaluatedBlock[], fields: readonly [string, 'string' | 'set' | 'list'][]): readonly EvaluatedBlock[] {
  if (blocks.length < 2) return blocks;
  const texts: string[] = [];
  for (const b of blocks) {
    let text = '';
    for (const [name, kind] of fields) {
      const values = knownStrings(attrValue(b, name));
      if (values === undefined || (kind === 'string' && values.length !== 1)) return blocks;
      const items = kind === 'set' ? sdkSetOrder(values, (x) => x) : values;
      const inner = kind === 'string' ? items[0]! : items.map((x) => `${x};`).join('');
      text += `${name}:${kind === 'set' ? `{${inner}}` : kind === 'list' ? `(${inner})` : inner};`;
    }
    texts.push(text);
  }
  const order = sdkSetOrder(blocks.map((_, i) => i), (i) => texts[i]!);
  return order.map((i) => blocks[i]!);
}

const PRINCIPAL_FIELDS: readonly [string, 'string' | 'set' | 'list'][] = [['identifiers', 'set'], ['type', 'string']];
const CONDITION_FIELDS: readonly [string, 'string' | 'set' | 'list'][] = [['test', 'string'], ['values', 'list'], ['variable', 'string']];

/**
 * Principals of one type from several blocks, as the provider's MarshalJSON joins them: each block's
 * identifiers (a set: once each, in reverse order) after the last block's, a string when only one.
 */
function principalSet(written: readonly EvaluatedBlock[]): Json | undefined {
  if (written.length === 0) return undefined;
  const byType = new Map<string, string[]>();
  for (const b of inSdkSetOrder(written, PRINCIPAL_FIELDS)) {
    const t = attrValue(b, 'type');
    const type = typeof t === 'string' ? t : UNKNOWN;
    const value = attrValue(b, 'identifiers');
    const ids = (type === 'AWS' ? awsIdentifiers(value) : strings(value)) ?? [];
    const shown = stringOrList(ids);
    byType.set(type, [...(byType.get(type) ?? []), ...(typeof shown === 'string' ? [shown] : (shown as string[]))]);
  }
  if (byType.size === 1 && byType.get('*')?.every((x) => x === '*')) return '*';
  const out: { [k: string]: Json } = {};
  for (const type of [...byType.keys()].sort()) {
    const ids = byType.get(type)!;
    out[type] = ids.length === 1 ? ids[0]! : ids;
  }
  return out;
}

function conditionSet(blocks: readonly EvaluatedBlock[]): Json | undefined {
  if (blocks.length === 0) return undefined;
  const tests = new Map<string, Map<string, string[]>>();
  for (const b of inSdkSetOrder(blocks, CONDITION_FIELDS)) {
    const t = attrValue(b, 'test');
    const v = attrValue(b, 'variable');
    // A key known only in part keeps its known text ("${unknown}:sub", the IRSA claim of a provider
    // known at apply time): written "${unknown}" whole, the subject and audience conditions merged
    // into one key that pinned neither.
    const test = t === undefined ? UNKNOWN : textOf(t);
    const variable = v === undefined ? UNKNOWN : textOf(v);
    if (!tests.has(test)) tests.set(test, new Map());
    const vars = tests.get(test)!;
    vars.set(variable, [...(vars.get(variable) ?? []), ...(strings(attrValue(b, 'values')) ?? [])]);
  }
  const out: { [k: string]: Json } = {};
  for (const test of [...tests.keys()].sort()) {
    const inner: { [k: string]: Json } = {};
    const vars = tests.get(test)!;
    for (const variable of [...vars.keys()].sort()) inner[variable] = stringOrList(vars.get(variable)!, 'list');
    out[test] = inner;
  }
  return out;
}

function statementOf(block: EvaluatedBlock): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  const sid = attrValue(block, 'sid');
  if (typeof sid === 'string' && sid !== '') out.Sid = sid;
  else if (sid instanceof Unk) out.Sid = UNKNOWN;
  const effect = attrValue(block, 'effect');
  out.Effect = typeof effect === 'string' ? effect : effect instanceof Unk ? UNKNOWN : 'Allow';
  const lists: [string, string][] = [['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];
  for (const [attr, key] of lists) {
    const values = strings(attrValue(block, attr));
    if (values && values.length > 0) out[key] = stringOrList(values);
  }
  const principals = principalSet(block.blocks.filter((b) => b.type === 'principals'));
  if (principals !== undefined) out.Principal = principals;
  const notPrincipals = principalSet(block.blocks.filter((b) => b.type === 'not_principals'));
  if (notPrincipals !== undefined) out.NotPrincipal = notPrincipals;
  const conditions = conditionSet(block.blocks.filter((b) => b.type === 'condition'));
  if (conditions !== undefined) out.Condition = conditions;
  return out;
}

const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];

function normaliseStatement(raw: unknown): { [k: string]: Json } {
  const source = (raw ?? {}) as Record<string, Json>;
  const out: { [k: string]: Json } = {};
  for (const k of STATEMENT_KEYS) if (source[k] !== undefined) out[k] = source[k]!;
  for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
  if (out.Condition !== undefined) {
    const condition = providerCondition(out.Condition);
    if (condition === undefined) delete out.Condition;
    else out.Condition = condition;
  }
  return out;
}

/**
 * A source or override document's Condition as the provider reads it (checked with terraform plan
 * and hashicorp/aws 5.100): a boolean value becomes its text ("false"), and a key whose value holds a
 * number is dropped, with its operator and the Condition when nothing is left. The policy AWS then
 * receives has no such condition, so it is judged without it.
 */
function providerCondition(condition: Json): Json | undefined {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return condition;
  const out: { [k: string]: Json } = {};
  for (const [operator, keys] of Object.entries(condition)) {
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) {
      out[operator] = keys;
      continue;
    }
    const kept: { [k: string]: Json } = {};
    for (const [key, value] of Object.entries(keys)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'number')) continue;
      kept[key] = Array.isArray(value) ? value.map(asText) : asText(value);
    }
    if (Object.keys(kept).length > 0) out[operator] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function asText(v: Json): Json {
  return typeof v === 'boolean' ? String(v) : v;
}

function mergeBySid(into: { [k: string]: Json }[], statement: { [k: string]: Json }): void {
  const sid = statement.Sid;
  if (typeof sid === 'string' && sid !== '') {
    const at = into.findIndex((s) => s.Sid === sid);
    if (at >= 0) {
      into[at] = statement;
      return;
    }
  }
  into.push(statement);
}

function documentStatements(text: Val): { [k: string]: Json }[] | Unk | undefined {
  // A document read at apply (readAtApply) whose text is known but for its "${unknown}" parts: its
  // statements are known in the same way, and the merged document is read at apply too.
  if (text instanceof Unk) return typeof text.partial === 'string' ? (documentStatements(text.partial) ?? text) : text;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const st = doc.Statement;
    return (Array.isArray(st) ? st : st === undefined ? [] : [st]).map(normaliseStatement);
  } catch {
    return undefined;
  }
}

/** A policy document text's `Id`, when it has one (a merged document adopts it, as the provider's Merge does). */
function documentId(text: Val): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const id = (JSON.parse(text) as { Id?: unknown }).Id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

function goEscape(json: string): string {
  return json.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const rendered = new WeakMap<EvaluatedBody, { json: Val; minified: Val; duplicateSid?: string }>();

/**
 * The `json` and `minified_json` attributes of an aws_iam_policy_document, rendered once per
 * evaluated body: the model, a reference to its json and the instance object each ask for it.
 */
export function renderPolicyDocument(body: EvaluatedBody): { json: Val; minified: Val; duplicateSid?: string } {
  return weakMemo(rendered, body, () => renderDocument(body));
}

function renderDocument(body: EvaluatedBody): { json: Val; minified: Val; duplicateSid?: string } {
  const statements: { [k: string]: Json }[] = [];
  let duplicateSid: string | undefined;
  const docs = (name: string): Val[] => {
    const v = attrValue(body, name);
    if (v instanceof ListV) return [...v.items];
    // compact() of documents some of which are read at apply: the documents it keeps (compact's partial).
    if (v instanceof Unk && v.partial instanceof ListV) return [...v.partial.items];
    if (v instanceof Unk) return [v];
    return [];
  };
  // Sids repeat across source_policy_documents at the provider's refusal ("Found duplicate sid");
  // statement blocks and override documents may replace one, which is what they are for.
  const sourceSids = new Set<string>();
  for (const src of docs('source_policy_documents')) {
    const st = documentStatements(src);
    if (st instanceof Unk) return { json: st, minified: st };
    for (const s of st ?? []) {
      if (typeof s.Sid === 'string' && s.Sid !== '') {
        if (sourceSids.has(s.Sid)) {
          duplicateSid ??= s.Sid;
          statements.push(s);
          continue;
        }
        sourceSids.add(s.Sid);
      }
      mergeBySid(statements, s);
    }
  }
  // Deprecated single-document forms behave like a one-element list.
  for (const name of ['source_json', 'override_json']) {
    const v = attrValue(body, name);
    if (v instanceof Unk) return { json: v, minified: v };
  }
  const sourceJson = documentStatements(attrValue(body, 'source_json') ?? null);
  if (Array.isArray(sourceJson)) for (const s of sourceJson) mergeBySid(statements, s);
  // The document's own statements may not share a Sid: the provider refuses it ("Found duplicate
  // sid"). All are kept (not merged, which hid the second of them from the rules) and the Sid said.
  const own = new Set<string>();
  for (const block of body.blocks) {
    if (block.type !== 'statement') continue;
    const statement = statementOf(block);
    const sid = statement.Sid;
    if (typeof sid === 'string' && sid !== '' && sid !== UNKNOWN) {
      if (own.has(sid)) {
        duplicateSid ??= sid;
        statements.push(statement);
        continue;
      }
      own.add(sid);
    }
    mergeBySid(statements, statement);
  }
  for (const ov of [...docs('override_policy_documents'), attrValue(body, 'override_json') ?? null]) {
    const st = documentStatements(ov);
    if (st instanceof Unk) return { json: st, minified: st };
    for (const s of st ?? []) mergeBySid(statements, s);
  }
  const version = attrValue(body, 'version');
  const id = attrValue(body, 'policy_id');
  const doc: { [k: string]: Json } = { Version: typeof version === 'string' ? version : '2012-10-17' };
  if (id instanceof Unk) return { json: unk(id.cause), minified: unk(id.cause) };
  // The Id the provider's merges leave: the last source document's, then the document's own
  // policy_id, then the last override document's.
  const ids = [...docs('source_policy_documents').map(documentId), documentId(attrValue(body, 'source_json') ?? null), typeof id === 'string' && id !== '' ? id : undefined, ...docs('override_policy_documents').map(documentId), documentId(attrValue(body, 'override_json') ?? null)];
  const adopted = ids.filter((x) => x !== undefined).pop();
  if (adopted !== undefined) doc.Id = adopted;
  if (statements.length > 0) doc.Statement = statements;
  const rendered = { json: goEscape(JSON.stringify(doc, null, 2)), minified: goEscape(JSON.stringify(doc)) };
  return duplicateSid === undefined ? rendered : { ...rendered, duplicateSid };
}

