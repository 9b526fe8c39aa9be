// Parses and validates `.safeguard.yaml`. Errors name the key path and the accepted values, with
// the file:line:col of the offending node (STYLE.md §8), and unknown names suggest the nearest one.
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { describeNode as describe, quoteAll, rangeSpan } from './yaml-node.js';
import { isSeverity, SEVERITIES } from '../engine/severity.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { err, ok, type Result } from '../source/result.js';
import type { Span } from '../source/span.js';
import { nearestName } from './nearest-name.js';
import { FAIL_ON_VALUES, type ConfigParamValue, type FailOn, type RuleConfig, type SafeguardConfig, type WaiverConfig } from './safeguard-config.js';

/** What the validator needs to know about the rule pack, without importing it. */
export interface RuleCatalog {
  /** Canonical ids for an id, alias or peer id (Checkov, Trivy); [] when unknown. */
  resolve(idOrPeerId: string): readonly string[];
  /** Every canonical id, for suggestions. */
  readonly ids: readonly string[];
  /** The rule's default parameters (the names and types a config may override). */
  params(id: string): Readonly<Record<string, ConfigParamValue>> | undefined;
  /** What the rule says of a value of the right type (rules/define-rule.ts checkParam). */
  checkParam?(id: string, name: string, value: ConfigParamValue): { readonly severity: 'error' | 'warning'; readonly message: string; readonly hint?: string } | undefined;
}

export interface ConfigSource {
  readonly text: string;
  /** How messages name the file (relative to the working directory). */
  readonly displayPath: string;
  /** Absolute path, to resolve `var_files`. */
  readonly absolutePath: string;
}

const TOP_LEVEL_KEYS = ['rules', 'fail_on', 'inline_suppressions', 'var_files', 'exclude', 'max_file_bytes', 'waivers', 'audit_log', 'policies'] as const;
const WAIVER_CONFIG_KEYS = ['file', 'max_duration_days', 'warn_within_days'] as const;
const RULE_KEYS = ['enabled', 'severity', 'params'] as const;
const RULE_STRINGS = ['off', 'on', 'warn', 'error'] as const;


class Validator {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly lines = new LineCounter();
  readonly document: Document;

  constructor(private readonly source: ConfigSource) {
    this.document = parseDocument(source.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /** A one-character span at `offset` (an empty one at the end of the text). */
  spanAt(offset: number): Span {
    const at = Math.min(offset, this.source.text.length);
    return rangeSpan(this.lines, this.source.displayPath, [at, Math.min(at + 1, this.source.text.length), at]);
  }

  span(node: Node | null | undefined): Span | undefined {
    const range = node?.range;
    return range ? rangeSpan(this.lines, this.source.displayPath, range) : undefined;
  }

  error(code: string, node: Node | null | undefined, message: string, hint?: string): void {
    const span = this.span(node);
    this.errors.push({ code, severity: 'error', message, ...(hint ? { hint } : {}), ...(span ? { span } : { file: this.source.displayPath }) });
  }

  warn(code: string, node: Node | null | undefined, message: string, hint?: string): void {
    const span = this.span(node);
    this.warnings.push({ code, severity: 'warning', message, ...(hint ? { hint } : {}), ...(span ? { span } : { file: this.source.displayPath }) });
  }
}

export function validateConfig(source: ConfigSource, catalog: RuleCatalog): Result<SafeguardConfig> {
  const v = new Validator(source);
  const doc = v.document;
  // Each syntax error at its own line and column (the parser gives no line positions with
  // prettyErrors off: every one was reported at 1:1), and once: the parser can report one mistake
  // twice, and without positions the copies printed as the same line twice.
  const said = new Set<string>();
  for (const problem of doc.errors) {
    const span = v.spanAt(problem.pos[0]);
    const message = `The config file is not valid YAML: ${problem.message.split('\n')[0]}`;
    const key = `${span.start.line}:${message}`;
    if (said.has(key)) continue;
    said.add(key);
    v.errors.push({ code: 'config/yaml', severity: 'error', message, hint: 'Fix the YAML syntax at this position.', span });
  }
  if (v.errors.length > 0) return err(...v.errors);

  const contents = doc.contents;
  let failOn: FailOn | undefined;
  let inlineSuppressions: boolean | undefined;
  const rules = new Map<string, RuleConfig>();
  const varFiles: string[] = [];
  const exclude: string[] = [];
  const policies: string[] = [];
  let waivers: WaiverConfig | undefined;
  let auditLog: string | false | undefined;
  let maxFileBytes: number | undefined;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return ok({ path: source.absolutePath, rules, varFiles, exclude });
  }
  if (!isMap(contents)) {
    v.error('config/type', contents, `(top level): expected an object with keys ${quoteAll(TOP_LEVEL_KEYS)}, got ${describe(contents)}`);
    return err(...v.errors);
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : describe(keyNode);
    const value = pair.value as Node | null;
    switch (key) {
      case 'fail_on': {
        const raw = isScalar(value) ? value.value : undefined;
        if (typeof raw === 'string' && (FAIL_ON_VALUES as readonly string[]).includes(raw)) failOn = raw as FailOn;
        else v.error('config/invalid-value', value ?? keyNode, `fail_on: expected ${quoteAll(FAIL_ON_VALUES)}, got ${describe(value)}`);
        break;
      }
      case 'inline_suppressions': {
        const raw = isScalar(value) ? value.value : undefined;
        if (typeof raw === 'boolean') inlineSuppressions = raw;
        else v.error('config/invalid-value', value ?? keyNode, `inline_suppressions: expected true | false, got ${describe(value)}`);
        break;
      }
      case 'max_file_bytes': {
        const raw = isScalar(value) ? value.value : undefined;
        if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) maxFileBytes = raw;
        else v.error('config/invalid-value', value ?? keyNode, `max_file_bytes: expected a whole number of bytes above 0, got ${describe(value)}`);
        break;
      }
      case 'var_files':
      case 'policies':
      case 'exclude': {
        // An empty glob is no pattern: picomatch throws on it (an internal error), and it could only mean nothing.
        const list = readStringList(v, key, value ?? keyNode, key === 'exclude' ? 'a glob' : undefined);
        if (key === 'exclude') exclude.push(...list);
        else if (key === 'policies') policies.push(...list.map((f) => path.resolve(path.dirname(source.absolutePath), f)));
        else varFiles.push(...list.map((f) => path.resolve(path.dirname(source.absolutePath), f)));
        break;
      }
      case 'rules':
        readRules(v, value ?? keyNode, catalog, rules);
        break;
      case 'waivers':
        waivers = readWaiverConfig(v, value ?? keyNode, source);
        break;
      case 'audit_log': {
        const raw = isScalar(value) ? value.value : undefined;
        if (raw === false) auditLog = false;
        else if (typeof raw === 'string' && raw !== '') auditLog = path.resolve(path.dirname(source.absolutePath), raw);
        else v.error('config/invalid-value', value ?? keyNode, `audit_log: expected a file path | false, got ${describe(value)}`);
        break;
      }
      default: {
        const suggestion = nearestName(key, TOP_LEVEL_KEYS);
        v.error(
          'config/unknown-key',
          keyNode,
          `${key}: unknown key; expected one of ${quoteAll(TOP_LEVEL_KEYS)}`,
          suggestion ? `Did you mean "${suggestion}"?` : undefined,
        );
      }
    }
  }
  if (v.errors.length > 0) return err(...v.errors);
  return ok(
    {
      path: source.absolutePath,
      rules,
      ...(failOn ? { failOn } : {}),
      ...(inlineSuppressions !== undefined ? { inlineSuppressions } : {}),
      varFiles,
      exclude,
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
      ...(waivers ? { waivers } : {}),
      ...(auditLog !== undefined ? { auditLog } : {}),
      ...(policies.length > 0 ? { policies } : {}),
    },
    v.warnings,
  );
}

function readWaiverConfig(v: Validator, node: Node, source: ConfigSource): WaiverConfig | undefined {
  if (!isMap(node)) {
    v.error('config/invalid-value', node, `waivers: expected an object with keys ${quoteAll(WAIVER_CONFIG_KEYS)}, got ${describe(node)}`);
    return undefined;
  }
  const out: { file?: string; maxDurationDays?: number; warnWithinDays?: number } = {};
  for (const pair of node.items) {
    const k = pair.key as Node;
    const key = isScalar(k) ? String(k.value) : describe(k);
    const value = pair.value as Node | null;
    const raw = isScalar(value) ? value.value : undefined;
    if (key === 'file') {
      if (typeof raw === 'string' && raw !== '') out.file = path.resolve(path.dirname(source.absolutePath), raw);
      else v.error('config/invalid-value', value ?? k, `waivers.file: expected a file path, got ${describe(value)}`);
    } else if (key === 'max_duration_days' || key === 'warn_within_days') {
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= (key === 'max_duration_days' ? 1 : 0)) out[key === 'max_duration_days' ? 'maxDurationDays' : 'warnWithinDays'] = raw;
      else v.error('config/invalid-value', value ?? k, `waivers.${key}: expected a whole number of days${key === 'max_duration_days' ? ' (1 or more)' : ''}, got ${describe(value)}`);
    } else {
      const suggestion = nearestName(key, WAIVER_CONFIG_KEYS);
      v.error('config/unknown-key', k, `waivers.${key}: unknown key; expected one of ${quoteAll(WAIVER_CONFIG_KEYS)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    }
  }
  return out;
}

/** A string or a list of strings; with `nonEmpty` (what each is, "a glob"), an empty one is an error. */
function readStringList(v: Validator, key: string, node: Node, nonEmpty?: string): string[] {
  const empty = (n: Node, where: string): boolean => {
    if (nonEmpty === undefined || !isScalar(n) || n.value !== '') return false;
    v.error('config/invalid-value', n, `${where}: expected ${nonEmpty}, got an empty string`);
    return true;
  };
  if (isScalar(node) && typeof node.value === 'string') return empty(node, key) ? [] : [node.value];
  if (!isSeq(node)) {
    v.error('config/invalid-value', node, `${key}: expected a list of strings, got ${describe(node)}`);
    return [];
  }
  const out: string[] = [];
  node.items.forEach((item, i) => {
    const n = item as Node;
    if (empty(n, `${key}[${i}]`)) return;
    if (isScalar(n) && typeof n.value === 'string') out.push(n.value);
    else v.error('config/invalid-value', n, `${key}[${i}]: expected a string, got ${describe(n)}`);
  });
  return out;
}

function readRules(v: Validator, node: Node, catalog: RuleCatalog, into: Map<string, RuleConfig>): void {
  if (!isMap(node)) {
    v.error('config/invalid-value', node, `rules: expected an object of rule id to setting, got ${describe(node)}`);
    return;
  }
  // A rule named twice (its id and a peer id, or two peer ids of it) would keep whichever came last.
  const configuredBy = new Map<string, string>();
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const id = isScalar(keyNode) ? String(keyNode.value) : describe(keyNode);
    const value = pair.value as Node | null;
    const where = `rules.${id}`;
    const ids = catalog.resolve(id);
    const again = ids.find((canonical) => configuredBy.has(canonical));
    if (again !== undefined) {
      v.error('config/duplicate-rule', keyNode, `${where}: configures ${again}, which rules.${configuredBy.get(again)!} already configures`, 'Keep one entry per rule: its id or one of its peer ids.');
      continue;
    }
    for (const canonical of ids) configuredBy.set(canonical, id);
    if (ids.length === 0) {
      const suggestion = nearestName(id, catalog.ids);
      v.error(
        'config/unknown-rule',
        keyNode,
        `${where}: unknown rule id`,
        suggestion ? `Did you mean "${suggestion}"? Run \`safeguard rules\` to list every id.` : 'Run `safeguard rules` to list every rule id.',
      );
      continue;
    }
    const rule = ids.length === 1 ? ids[0]! : undefined;
    const check = rule !== undefined && catalog.checkParam ? (name: string, param: ConfigParamValue) => catalog.checkParam!(rule, name, param) : undefined;
    const setting = readRuleSetting(v, where, value, keyNode, rule !== undefined ? catalog.params(rule) : undefined, check);
    if (setting) for (const canonical of ids) into.set(canonical, setting);
  }
}

function readRuleSetting(
  v: Validator,
  where: string,
  node: Node | null,
  keyNode: Node,
  defaults: Readonly<Record<string, ConfigParamValue>> | undefined,
  check?: ParamCheck,
): RuleConfig | undefined {
  const expected = `expected ${quoteAll(RULE_STRINGS)} | a severity (${quoteAll(SEVERITIES)}) | an object`;
  if (isScalar(node)) {
    const raw = node.value;
    if (raw === 'off' || raw === false) return { enabled: false, mode: 'error' };
    if (raw === 'on' || raw === 'error' || raw === true) return { enabled: true, mode: 'error' };
    if (raw === 'warn') return { enabled: true, mode: 'warn' };
    if (isSeverity(raw)) return { enabled: true, mode: 'error', severity: raw };
    v.error('config/invalid-value', node, `${where}: ${expected}, got ${describe(node)}`);
    return undefined;
  }
  if (!isMap(node)) {
    v.error('config/invalid-value', node ?? keyNode, `${where}: ${expected}, got ${describe(node)}`);
    return undefined;
  }
  let enabled = true;
  let mode: RuleConfig['mode'] = 'error';
  let severity: RuleConfig['severity'];
  let params: Record<string, ConfigParamValue> | undefined;
  for (const pair of node.items) {
    const k = pair.key as Node;
    const key = isScalar(k) ? String(k.value) : describe(k);
    const value = pair.value as Node | null;
    if (key === 'enabled') {
      if (isScalar(value) && typeof value.value === 'boolean') enabled = value.value;
      else v.error('config/invalid-value', value ?? k, `${where}.enabled: expected true | false, got ${describe(value)}`);
    } else if (key === 'severity') {
      const raw = isScalar(value) ? value.value : undefined;
      if (isSeverity(raw)) severity = raw;
      else v.error('config/invalid-value', value ?? k, `${where}.severity: expected ${quoteAll(SEVERITIES)}, got ${describe(value)}`);
    } else if (key === 'mode') {
      const raw = isScalar(value) ? value.value : undefined;
      if (raw === 'warn' || raw === 'error') mode = raw;
      else v.error('config/invalid-value', value ?? k, `${where}.mode: expected "error" | "warn", got ${describe(value)}`);
    } else if (key === 'params') {
      params = readParams(v, `${where}.params`, value ?? k, defaults, check);
    } else {
      const suggestion = nearestName(key, [...RULE_KEYS, 'mode']);
      v.error('config/unknown-key', k, `${where}.${key}: unknown key; expected one of ${quoteAll([...RULE_KEYS, 'mode'])}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    }
  }
  return { enabled, mode, ...(severity ? { severity } : {}), ...(params ? { params } : {}) };
}

type ParamCheck = (name: string, value: ConfigParamValue) => ReturnType<NonNullable<RuleCatalog['checkParam']>>;

function readParams(
  v: Validator,
  where: string,
  node: Node,
  defaults: Readonly<Record<string, ConfigParamValue>> | undefined,
  check?: ParamCheck,
): Record<string, ConfigParamValue> | undefined {
  if (!isMap(node)) {
    v.error('config/invalid-value', node, `${where}: expected an object of parameter values, got ${describe(node)}`);
    return undefined;
  }
  const out: Record<string, ConfigParamValue> = {};
  const known = defaults ? Object.keys(defaults) : [];
  for (const pair of node.items) {
    const k = pair.key as Node;
    const name = isScalar(k) ? String(k.value) : describe(k);
    const value = pair.value as Node | null;
    if (defaults && !(name in defaults)) {
      const suggestion = nearestName(name, known);
      v.error(
        'config/unknown-param',
        k,
        `${where}.${name}: unknown parameter; ${known.length > 0 ? `expected one of ${quoteAll(known)}` : 'this rule takes no parameters'}`,
        suggestion ? `Did you mean "${suggestion}"?` : undefined,
      );
      continue;
    }
    const parsed = readParamValue(value);
    const wanted = defaults?.[name];
    if (parsed === undefined || (wanted !== undefined && kindOf(wanted) !== kindOf(parsed))) {
      const expectedKind = wanted === undefined ? 'a string, number, boolean or list' : kindOf(wanted);
      v.error('config/invalid-value', value ?? k, `${where}.${name}: expected ${expectedKind}, got ${describe(value)}`);
      continue;
    }
    const problem = check?.(name, parsed);
    if (problem?.severity === 'error') {
      v.error('config/invalid-value', value ?? k, `${where}.${name}: ${problem.message}`, problem.hint);
      continue;
    }
    if (problem) v.warn('config/param-warning', value ?? k, `${where}.${name}: ${problem.message}`, problem.hint);
    out[name] = parsed;
  }
  return out;
}

function readParamValue(node: Node | null): ConfigParamValue | undefined {
  if (isScalar(node)) {
    const raw = node.value;
    return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : undefined;
  }
  if (isSeq(node)) {
    const values = node.items.map((i) => (isScalar(i as Node) ? (i as { value: unknown }).value : undefined));
    if (values.every((x): x is string => typeof x === 'string')) return values;
    if (values.every((x): x is number => typeof x === 'number')) return values;
  }
  return undefined;
}

function kindOf(value: ConfigParamValue): string {
  if (Array.isArray(value)) return value.length > 0 && typeof value[0] === 'number' ? 'a list of numbers' : 'a list of strings';
  return `a ${typeof value}`;
}
