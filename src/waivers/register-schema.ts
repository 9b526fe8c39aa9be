// Parses and validates `.safeguard/waivers.yaml`. Every error names the key path
// (`waivers[1].approved_by[0]`) and the file:line:col of the offending node (STYLE.md §8); a bad
// entry is rejected on its own and the rest of the register still applies.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { nearestName } from '../config/nearest-name.js';
import { describeNode as describe, quoteAll, rangeSpan } from '../config/yaml-node.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import type { LoadWaiverRegisterInput, RiskLevel, Waiver, WaiverPolicy, WaiverRegister } from './waiver.js';

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];
export const WAIVER_KEYS = ['id', 'rule', 'resources', 'paths', 'roots', 'justification', 'risk', 'compensating_controls', 'requested_by', 'approved_by', 'created', 'expires', 'ticket'] as const;
const TOP_LEVEL_KEYS = ['version', 'waivers'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;


/** Days since the epoch of a valid YYYY-MM-DD, else undefined (rejects 2026-02-30). */
export function dayNumber(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms / DAY_MS : undefined;
}

class RegisterReader {
  readonly lines = new LineCounter();
  readonly document: Document;
  readonly errors: Diagnostic[] = [];

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  span(node: Node | null | undefined, fallback?: Node | null): Span {
    return rangeSpan(this.lines, this.file, node?.range ?? fallback?.range ?? [0, 0, 0]);
  }

  error(into: Diagnostic[], code: string, node: Node | null | undefined, message: string, hint?: string, fallback?: Node | null): void {
    into.push({ code, severity: 'error', message, ...(hint ? { hint } : {}), span: this.span(node, fallback) });
  }
}

export function parseRegister(input: LoadWaiverRegisterInput, policy: WaiverPolicy): WaiverRegister {
  const r = new RegisterReader(input.file, input.text);
  const empty = (errors: Diagnostic[]): WaiverRegister => ({ file: input.file, waivers: [], invalid: [], errors, warnings: [] });
  for (const problem of r.document.errors) {
    const offset = problem.pos[0];
    r.errors.push({
      code: 'waiver/yaml',
      severity: 'error',
      message: `The waiver register is not valid YAML: ${problem.message.split('\n')[0]}`,
      hint: 'Fix the YAML syntax at this position; no waiver applies until it parses.',
      span: rangeSpan(r.lines, input.file, [offset, Math.min(offset + 1, input.text.length), Math.min(offset + 1, input.text.length)]),
    });
  }
  if (r.errors.length > 0) return empty(r.errors);
  const contents = r.document.contents as Node | null;
  if (contents === null || (isScalar(contents) && contents.value === null)) return empty([]);
  if (!isMap(contents)) {
    r.error(r.errors, 'waiver/schema', contents, `(top level): expected an object with a "waivers" list, got ${describe(contents)}`);
    return empty(r.errors);
  }
  let list: Node | null | undefined;
  for (const pair of contents.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : describe(key);
    if (name === 'waivers') list = pair.value as Node | null;
    else if (name === 'version') {
      const v = pair.value as Node | null;
      if (!isScalar(v) || v.value !== 1) r.error(r.errors, 'waiver/schema', v ?? key, `version: expected 1, got ${describe(v)}`);
    } else {
      const suggestion = nearestName(name, TOP_LEVEL_KEYS);
      r.error(r.errors, 'waiver/unknown-key', key, `${name}: unknown key; expected one of ${quoteAll(TOP_LEVEL_KEYS)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    }
  }
  if (list === undefined || (isScalar(list) && list.value === null)) return empty(r.errors);
  if (!isSeq(list)) {
    r.error(r.errors, 'waiver/schema', list, `waivers: expected a list of waivers, got ${describe(list)}`);
    return empty(r.errors);
  }

  const waivers: Waiver[] = [];
  const invalid: WaiverRegister['invalid'][number][] = [];
  const seen = new Map<string, number>();
  list.items.forEach((item, index) => {
    const node = item as Node;
    const problems: Diagnostic[] = [];
    const waiver = readWaiver(r, node, `waivers[${index}]`, input, policy, problems);
    if (waiver) {
      const earlier = seen.get(waiver.id);
      if (earlier !== undefined) {
        r.error(problems, 'waiver/duplicate-id', idNode(node), `waivers[${index}].id: "${waiver.id}" is already the id of waivers[${earlier}]`, 'Give every waiver its own id.');
      } else seen.set(waiver.id, index);
    }
    if (waiver && problems.length === 0) waivers.push(waiver);
    else {
      const id = isMap(node) ? scalarString(node.get('id', true) as Node | undefined) : undefined;
      invalid.push({ ...(id !== undefined ? { id } : {}), span: r.span(node), errors: problems });
      r.errors.push(...problems);
    }
  });
  return { file: input.file, waivers, invalid, errors: r.errors, warnings: [] };
}

function idNode(node: Node): Node | undefined {
  return isMap(node) ? (node.get('id', true) as Node | undefined) : undefined;
}

function scalarString(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function readWaiver(r: RegisterReader, node: Node, where: string, input: LoadWaiverRegisterInput, policy: WaiverPolicy, problems: Diagnostic[]): Waiver | undefined {
  if (!isMap(node)) {
    r.error(problems, 'waiver/schema', node, `${where}: expected an object with keys ${quoteAll(['id', 'rule', 'justification', 'expires'])} and the rest, got ${describe(node)}`);
    return undefined;
  }
  const map = node as YAMLMap;
  const values = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of map.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : describe(key);
    if ((WAIVER_KEYS as readonly string[]).includes(name)) values.set(name, { key, value: pair.value as Node | null });
    else {
      const suggestion = nearestName(name, WAIVER_KEYS);
      r.error(problems, 'waiver/unknown-key', key, `${where}.${name}: unknown key; expected one of ${quoteAll(WAIVER_KEYS)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    }
  }
  const missing = (name: string, what: string): undefined => {
    r.error(problems, 'waiver/missing-key', map, `${where}.${name}: required; expected ${what}`, undefined);
    return undefined;
  };
  const text = (name: string): string | undefined => {
    const entry = values.get(name);
    if (!entry) return missing(name, 'a string');
    const v = entry.value;
    if (isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '') return v.value.trim();
    r.error(problems, 'waiver/invalid-value', v, `${where}.${name}: expected a non-empty string, got ${describe(v)}`, undefined, entry.key);
    return undefined;
  };
  const strings = (name: string, required: boolean): { list: string[]; nodes: Node[] } | undefined => {
    const entry = values.get(name);
    if (!entry) return required ? missing(name, 'a string or a list of strings') : undefined;
    const v = entry.value;
    if (isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '') return { list: [v.value.trim()], nodes: [v] };
    if (!isSeq(v) || v.items.length === 0) {
      r.error(problems, 'waiver/invalid-value', v, `${where}.${name}: expected a string or a non-empty list of strings, got ${describe(v)}`, undefined, entry.key);
      return undefined;
    }
    const out: string[] = [];
    const nodes: Node[] = [];
    v.items.forEach((item, i) => {
      const n = item as Node;
      if (isScalar(n) && typeof n.value === 'string' && n.value.trim() !== '') {
        out.push(n.value.trim());
        nodes.push(n);
      } else r.error(problems, 'waiver/invalid-value', n, `${where}.${name}[${i}]: expected a non-empty string, got ${describe(n)}`);
    });
    return { list: out, nodes };
  };
  const day = (name: string): { day: string; node: Node } | undefined => {
    const entry = values.get(name);
    if (!entry) return missing(name, 'a date YYYY-MM-DD');
    const v = entry.value;
    const raw = isScalar(v) ? (v.value instanceof Date ? v.value.toISOString().slice(0, 10) : v.value) : undefined;
    if (typeof raw === 'string' && dayNumber(raw) !== undefined) return { day: raw, node: v! };
    r.error(problems, 'waiver/invalid-value', v, `${where}.${name}: expected a date YYYY-MM-DD, got ${describe(v)}`, undefined, entry.key);
    return undefined;
  };

  const id = text('id');
  if (id !== undefined && !ID.test(id)) r.error(problems, 'waiver/invalid-value', values.get('id')!.value, `${where}.id: expected letters, digits, ".", "_" or "-", got ${JSON.stringify(id)}`);
  const rule = text('rule');
  let ruleIds: readonly string[] = [];
  if (rule !== undefined) {
    ruleIds = input.resolveRule(rule);
    if (ruleIds.length === 0) {
      r.error(problems, 'waiver/unknown-rule', values.get('rule')!.value, `${where}.rule: unknown rule id ${JSON.stringify(rule)}`, 'Use a rule id, alias or peer id (CKV_AWS_20); `safeguard rules` lists them.');
    }
  }
  const resources = strings('resources', false);
  const paths = strings('paths', false);
  const roots = strings('roots', false);
  if (!values.has('resources') && !values.has('paths') && !values.has('roots')) {
    r.error(problems, 'waiver/missing-key', map, `${where}: needs "resources" (address globs), "paths" (file globs) and/or "roots" (root module globs) to say what it covers`, 'A waiver for every resource of a rule is better written as a rule setting in .safeguard.yaml.');
  }
  const justification = text('justification');
  const risk = readRisk(r, where, values.get('risk'), map, problems);
  const controls = strings('compensating_controls', true);
  const requestedBy = text('requested_by');
  const approvedBy = strings('approved_by', true);
  if (requestedBy !== undefined && approvedBy) {
    approvedBy.list.forEach((approver, i) => {
      if (approver.toLowerCase() === requestedBy.toLowerCase()) {
        r.error(
          problems,
          'waiver/self-approval',
          approvedBy.nodes[i],
          `${where}.approved_by${values.get('approved_by')?.value && isSeq(values.get('approved_by')!.value) ? `[${i}]` : ''}: ${approver} requested this waiver and cannot also approve it`,
          'Ask someone other than the requester to approve it.',
        );
      }
    });
  }
  const created = day('created');
  const expires = day('expires');
  if (created && expires) {
    const length = dayNumber(expires.day)! - dayNumber(created.day)!;
    if (length <= 0) r.error(problems, 'waiver/invalid-value', expires.node, `${where}.expires: ${expires.day} is not after created (${created.day})`);
    else if (length > policy.maxDurationDays) {
      r.error(
        problems,
        'waiver/too-long',
        expires.node,
        `${where}.expires: ${expires.day} is ${length} days after created (${created.day}); waivers may last at most ${policy.maxDurationDays} days`,
        'Choose an earlier expiry and renew the waiver when it is reviewed (waivers.max_duration_days in .safeguard.yaml sets the limit).',
      );
    }
  }
  let ticket: string | undefined;
  if (values.has('ticket')) {
    ticket = text('ticket');
    if (ticket !== undefined && !isUrl(ticket)) {
      r.error(problems, 'waiver/invalid-value', values.get('ticket')!.value, `${where}.ticket: expected an http(s) URL, got ${JSON.stringify(ticket)}`);
      ticket = undefined;
    }
  }
  if (problems.length > 0 || !id || !rule || !justification || !risk || !controls || !requestedBy || !approvedBy || !created || !expires) return undefined;
  return {
    id,
    rule,
    ruleIds,
    ...(resources ? { resources: resources.list } : {}),
    ...(paths ? { paths: paths.list } : {}),
    ...(roots ? { roots: roots.list } : {}),
    justification,
    risk,
    compensating_controls: controls.list,
    requested_by: requestedBy,
    approved_by: approvedBy.list,
    created: created.day,
    expires: expires.day,
    ...(ticket ? { ticket } : {}),
    span: r.span(map),
    expiresSpan: r.span(expires.node),
  };
}

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function readRisk(r: RegisterReader, where: string, entry: { key: Node; value: Node | null } | undefined, parent: Node, problems: Diagnostic[]): Waiver['risk'] | undefined {
  if (!entry) {
    r.error(problems, 'waiver/missing-key', parent, `${where}.risk: required; expected an object with likelihood and impact (${quoteAll(RISK_LEVELS)})`);
    return undefined;
  }
  const v = entry.value;
  if (!isMap(v)) {
    r.error(problems, 'waiver/invalid-value', v, `${where}.risk: expected an object with likelihood and impact, got ${describe(v)}`, undefined, entry.key);
    return undefined;
  }
  const out: Partial<Record<'likelihood' | 'impact', RiskLevel>> = {};
  for (const pair of v.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : describe(key);
    const value = pair.value as Node | null;
    if (name !== 'likelihood' && name !== 'impact') {
      r.error(problems, 'waiver/unknown-key', key, `${where}.risk.${name}: unknown key; expected "likelihood" | "impact"`);
      continue;
    }
    const raw = isScalar(value) ? value.value : undefined;
    if (typeof raw === 'string' && (RISK_LEVELS as readonly string[]).includes(raw)) out[name] = raw as RiskLevel;
    else r.error(problems, 'waiver/invalid-value', value, `${where}.risk.${name}: expected ${quoteAll(RISK_LEVELS)}, got ${describe(value)}`, undefined, key);
  }
  for (const name of ['likelihood', 'impact'] as const) {
    if (!(name in out) && !v.items.some((p) => isScalar(p.key) && p.key.value === name)) r.error(problems, 'waiver/missing-key', v, `${where}.risk.${name}: required; expected ${quoteAll(RISK_LEVELS)}`);
  }
  return out.likelihood && out.impact ? { likelihood: out.likelihood, impact: out.impact } : undefined;
}
