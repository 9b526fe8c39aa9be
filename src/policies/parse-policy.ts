// Reads one custom policy file (YAML, Checkov's custom policy shape plus Safeguard metadata) and
// validates it. Every error names the file, line, column and key path (`definition.and[1].operator`)
// with the accepted values, so a team can fix its bundle without reading our source.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { describeNode as describe, quoteAll as quoteList, rangeSpan } from '../config/yaml-node.js';
import { HIPAA_SECTIONS, type ControlId } from '../controls/hipaa-sections.js';
import { nearestName } from '../config/nearest-name.js';
import { isSeverity, type Severity } from '../engine/severity.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { ATTRIBUTE_OPERATORS, isAttributeOperator, JSONPATH_PREFIX, valueShape } from './operators.js';
import { splitPath, unsupportedPathSyntax } from './attribute-path.js';
import type { Condition, Policy, PolicyExamples, PolicyValue, ResourceTypes } from './policy.js';

const TOP_KEYS = ['metadata', 'definition', 'scope', 'examples'] as const;
const METADATA_KEYS = ['id', 'name', 'title', 'category', 'severity', 'guideline', 'controls', 'why', 'how_to_fix', 'links'] as const;
const ATTRIBUTE_KEYS = ['cond_type', 'resource_types', 'attribute', 'operator', 'value'] as const;
const CONNECTION_KEYS = ['cond_type', 'resource_types', 'connected_resource_types', 'operator'] as const;
const FILTER_KEYS = ['cond_type', 'attribute', 'operator', 'value'] as const;
const COND_TYPES = ['attribute', 'connection', 'filter'] as const;
const EXAMPLE_KEYS = ['good', 'bad'] as const;
const CONTROL_IDS: readonly string[] = HIPAA_SECTIONS.map((s) => s.id);

/** Checkov categories → the HIPAA sections a guardrail of that kind serves (metadata.controls overrides). */
const CATEGORY_CONTROLS: Readonly<Record<string, readonly [ControlId, ...ControlId[]]>> = {
  ENCRYPTION: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  LOGGING: ['164.312(b)'],
  IAM: ['164.312(a)(1)'],
  NETWORKING: ['164.312(e)(1)'],
  BACKUP_AND_RECOVERY: ['164.308(a)(7)(ii)(A)'],
  SECRETS: ['164.308(a)(5)(ii)(D)'],
};
const DEFAULT_CONTROLS: readonly [ControlId, ...ControlId[]] = ['164.308(a)(1)(ii)(B)'];

/** Checkov severities (INFO…CRITICAL, any case) and ours. */
function severityOf(raw: unknown): Severity | undefined {
  if (typeof raw !== 'string') return undefined;
  const lower = raw.toLowerCase();
  if (lower === 'info') return 'low';
  return isSeverity(lower) ? lower : undefined;
}

export function controlsForCategory(category: string | undefined): readonly [ControlId, ...ControlId[]] {
  return (category && CATEGORY_CONTROLS[category.toUpperCase()]) || DEFAULT_CONTROLS;
}

const quoteAll = (values: readonly string[]): string => quoteList(values, ', ');

class Reader {
  readonly errors: Diagnostic[] = [];
  readonly lines = new LineCounter();

  constructor(readonly file: string) {}

  span(node: Node | null | undefined, fallback?: Node | null): Span {
    return rangeSpan(this.lines, this.file, node?.range ?? fallback?.range ?? [0, 0, 0]);
  }

  error(node: Node | null | undefined, where: string, message: string, hint?: string): void {
    this.errors.push({
      code: 'policy/invalid',
      severity: 'error',
      message: `${where}: ${message}`,
      hint: hint ?? 'Fix the policy file; docs/policies.md describes every key and operator. The built-in rules still ran.',
      span: this.span(node),
    });
  }

  /** Entries of a map, with unknown keys reported (and a suggestion). */
  entries(map: YAMLMap, where: string, allowed: readonly string[]): Map<string, { key: Node; value: Node | null }> {
    const out = new Map<string, { key: Node; value: Node | null }>();
    for (const pair of map.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : describe(key);
      const path = where === '' ? name : `${where}.${name}`;
      if (!allowed.includes(name)) {
        const suggestion = nearestName(name, allowed);
        this.error(key, path, `unknown key; expected one of ${quoteAll(allowed)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
        continue;
      }
      out.set(name, { key, value: (pair.value as Node | null) ?? null });
    }
    return out;
  }

  string(node: Node | null, where: string): string | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '') return String(node.value);
    this.error(node, where, `expected a non-empty string, got ${describe(node)}`);
    return undefined;
  }

  strings(node: Node | null, where: string): string[] | undefined {
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (!isSeq(node)) {
      this.error(node, where, `expected a list of strings, got ${describe(node)}`);
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    node.items.forEach((item, i) => {
      const n = item as Node;
      if (isScalar(n) && typeof n.value === 'string') out.push(n.value);
      else {
        this.error(n, `${where}[${i}]`, `expected a string, got ${describe(n)}`);
        ok = false;
      }
    });
    return ok ? out : undefined;
  }
}

function plainValue(node: Node | null): PolicyValue {
  if (node === null) return null;
  return (node.toJSON() ?? null) as PolicyValue;
}

export interface ParsedPolicy {
  readonly policy?: Policy;
  readonly errors: readonly Diagnostic[];
}

/** Parses one policy file. `file` is how messages name it. */
export function parsePolicy(text: string, file: string): ParsedPolicy {
  const r = new Reader(file);
  const doc = parseDocument(text, { lineCounter: r.lines, prettyErrors: false, uniqueKeys: true });
  for (const problem of doc.errors) {
    const offset = problem.pos[0];
    const { line, col } = r.lines.linePos(offset);
    r.errors.push({
      code: 'policy/yaml',
      severity: 'error',
      message: `The policy file is not valid YAML: ${problem.message.split('\n')[0]}`,
      hint: 'Fix the YAML syntax at this position. The built-in rules still ran.',
      span: { file, start: { line, column: col, offset }, end: { line, column: col + 1, offset: offset + 1 } },
    });
  }
  if (r.errors.length > 0) return { errors: r.errors };
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    r.error(root, '(top level)', `expected an object with keys ${quoteAll(TOP_KEYS)}, got ${describe(root)}`);
    return { errors: r.errors };
  }
  const top = r.entries(root, '', TOP_KEYS);
  const metadataNode = top.get('metadata')?.value ?? null;
  const definitionNode = top.get('definition')?.value ?? null;
  if (!isMap(metadataNode)) r.error(metadataNode ?? root, 'metadata', `expected an object with at least "id" and "name", got ${describe(metadataNode)}`);
  if (!top.has('definition')) r.error(root, 'definition', 'is missing: a policy needs a definition (an attribute, connection or filter block, or and/or/not)');

  const meta = isMap(metadataNode) ? readMetadata(r, metadataNode) : undefined;
  const definition = top.has('definition') ? readCondition(r, definitionNode, 'definition', top.get('definition')!.key) : undefined;
  const examples = top.has('examples') ? readExamples(r, top.get('examples')!.value, top.get('examples')!.key) : undefined;
  if (r.errors.length > 0 || !meta || !definition) return { errors: [...r.errors].sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0)) };
  return {
    errors: [],
    policy: { ...meta, definition, ...(examples ? { examples } : {}), file },
  };
}

function readMetadata(r: Reader, node: YAMLMap): Omit<Policy, 'definition' | 'examples' | 'file'> | undefined {
  const m = r.entries(node, 'metadata', METADATA_KEYS);
  const idEntry = m.get('id');
  const id = idEntry ? r.string(idEntry.value, 'metadata.id') : undefined;
  if (!idEntry) r.error(node, 'metadata.id', 'is missing: every policy needs a permanent id (e.g. "acme-s3-require-owner-tag" or "CKV2_ACME_1")');
  else if (id !== undefined && !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(id)) r.error(idEntry.value, 'metadata.id', `expected letters, digits, "-", "_" or "." starting with a letter, got ${JSON.stringify(id)}`);
  const titleEntry = m.get('title') ?? m.get('name');
  const title = titleEntry ? r.string(titleEntry.value, m.has('title') ? 'metadata.title' : 'metadata.name') : undefined;
  if (!titleEntry) r.error(node, 'metadata.name', 'is missing: give the policy a one-line name (or title)');
  const category = m.has('category') ? r.string(m.get('category')!.value, 'metadata.category') : undefined;
  let severity: Severity = 'medium';
  if (m.has('severity')) {
    const raw = m.get('severity')!.value;
    const parsed = severityOf(isScalar(raw) ? raw.value : undefined);
    if (parsed) severity = parsed;
    else r.error(raw, 'metadata.severity', `expected "critical", "high", "medium", "low" (or Checkov's INFO…CRITICAL), got ${describe(raw)}`);
  }
  let controls = controlsForCategory(category);
  if (m.has('controls')) {
    const entry = m.get('controls')!;
    const list = r.strings(entry.value, 'metadata.controls');
    if (list && list.length === 0) r.error(entry.value, 'metadata.controls', 'expected at least one HIPAA section, e.g. "164.312(b)"');
    else if (list) {
      const bad = list.findIndex((c) => !CONTROL_IDS.includes(c));
      if (bad >= 0) {
        const item = isSeq(entry.value) ? (entry.value.items[bad] as Node) : entry.value;
        const suggestion = nearestName(list[bad]!, CONTROL_IDS);
        r.error(item, `metadata.controls[${bad}]`, `unknown HIPAA section ${JSON.stringify(list[bad])}`, suggestion ? `Did you mean "${suggestion}"? \`safeguard controls\` lists every section.` : '`safeguard controls` lists every section.');
      } else controls = list as unknown as [ControlId, ...ControlId[]];
    }
  }
  const text = (key: string): string | undefined => (m.has(key) ? r.string(m.get(key)!.value, `metadata.${key}`) : undefined);
  const guideline = text('guideline');
  const links = m.has('links') ? (r.strings(m.get('links')!.value, 'metadata.links') ?? []) : [];
  if (id === undefined || title === undefined) return undefined;
  return {
    id,
    title,
    severity,
    controls,
    ...(category !== undefined ? { category } : {}),
    why: text('why') ?? `Organisation policy ${id}${category ? ` (${category})` : ''}: ${title}.`,
    howToFix: text('how_to_fix') ?? (guideline ? `See ${guideline}.` : `Change the resource so that it satisfies: ${title}.`),
    links: [...(guideline ? [guideline] : []), ...links],
    span: r.span(idEntry?.value ?? node),
  };
}

function readResourceTypes(r: Reader, node: Node | null, where: string): ResourceTypes | undefined {
  if (isScalar(node) && node.value === 'all') return 'all';
  const list = r.strings(node, where);
  if (list?.includes('all')) return 'all';
  if (list && list.length === 0) r.error(node, where, 'expected at least one resource type, or "all"');
  return list;
}

function readCondition(r: Reader, node: Node | null, where: string, parent: Node): Condition | undefined {
  if (!isMap(node)) {
    r.error(node ?? parent, where, `expected an object (an attribute, connection or filter block, or and/or/not), got ${describe(node)}`);
    return undefined;
  }
  const span = r.span(node);
  const keys = node.items.map((p) => (isScalar(p.key as Node) ? String((p.key as { value: unknown }).value) : ''));
  const logical = keys.find((k) => k === 'and' || k === 'or' || k === 'not');
  if (logical) {
    if (keys.length > 1) {
      const extra = node.items.find((p) => String((p.key as { value: unknown }).value) !== logical)!;
      r.error(extra.key as Node, `${where}.${String((extra.key as { value: unknown }).value)}`, `unexpected key beside "${logical}"; put each block inside the "${logical}" list`);
    }
    const logicalPair = node.items.find((p) => isScalar(p.key as Node) && String((p.key as { value: unknown }).value) === logical)!;
    const valueNode = (logicalPair.value as Node | null) ?? null;
    const path = `${where}.${logical}`;
    if (logical === 'not') {
      const inner = isSeq(valueNode) && valueNode.items.length === 1 ? (valueNode.items[0] as Node) : valueNode;
      const item = readCondition(r, inner, path, node);
      return item && keys.length === 1 ? { kind: 'not', item, span } : undefined;
    }
    if (!isSeq(valueNode) || valueNode.items.length === 0) {
      r.error(valueNode ?? (logicalPair.key as Node), path, `expected a non-empty list of blocks, got ${describe(valueNode)}`);
      return undefined;
    }
    const items = valueNode.items.map((item, i) => readCondition(r, item as Node, `${path}[${i}]`, valueNode));
    if (items.some((i) => i === undefined) || keys.length > 1) return undefined;
    return { kind: logical, items: items as Condition[], span };
  }
  const condTypeNode = (node.items.find((p) => keys[node.items.indexOf(p)] === 'cond_type')?.value as Node | null) ?? null;
  const condType = isScalar(condTypeNode) ? condTypeNode.value : undefined;
  if (condType === undefined) {
    r.error(node, `${where}.cond_type`, `is missing: expected "cond_type" (${quoteAll(COND_TYPES)}) or one of "and", "or", "not"`);
    return undefined;
  }
  if (!(COND_TYPES as readonly unknown[]).includes(condType)) {
    const suggestion = nearestName(String(condType), COND_TYPES);
    r.error(condTypeNode, `${where}.cond_type`, `unknown condition type ${JSON.stringify(condType)}; expected one of ${quoteAll(COND_TYPES)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    return undefined;
  }
  if (condType === 'attribute') return readAttribute(r, node, where, span);
  if (condType === 'connection') return readConnection(r, node, where, span);
  return readFilter(r, node, where, span);
}

function required(r: Reader, entries: Map<string, { key: Node; value: Node | null }>, node: Node, where: string, key: string): Node | null | undefined {
  const entry = entries.get(key);
  if (!entry) {
    r.error(node, `${where}.${key}`, 'is missing');
    return undefined;
  }
  return entry.value;
}

function readAttribute(r: Reader, node: YAMLMap, where: string, span: Span): Condition | undefined {
  const before = r.errors.length;
  const e = r.entries(node, where, ATTRIBUTE_KEYS);
  const typesNode = required(r, e, node, where, 'resource_types');
  const attributeNode = required(r, e, node, where, 'attribute');
  const operatorNode = required(r, e, node, where, 'operator');
  const resourceTypes = typesNode !== undefined ? readResourceTypes(r, typesNode, `${where}.resource_types`) : undefined;
  const attribute = attributeNode !== undefined ? r.string(attributeNode, `${where}.attribute`) : undefined;
  const rawOperator = operatorNode !== undefined ? r.string(operatorNode, `${where}.operator`) : undefined;
  if (rawOperator === undefined || attribute === undefined || resourceTypes === undefined) return undefined;
  const jsonpath = rawOperator.startsWith(JSONPATH_PREFIX);
  const operator = jsonpath ? rawOperator.slice(JSONPATH_PREFIX.length) : rawOperator;
  if (!isAttributeOperator(operator)) {
    const suggestion = nearestName(rawOperator, ATTRIBUTE_OPERATORS);
    const expected = suggestion ? 'docs/policies.md lists every operator' : `expected one of ${quoteAll(ATTRIBUTE_OPERATORS)} (or jsonpath_<operator>)`;
    r.error(operatorNode, `${where}.operator`, `unknown operator ${JSON.stringify(rawOperator)}; ${expected}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
    return undefined;
  }
  const shape = valueShape(operator);
  const valueEntry = e.get('value');
  const value = valueEntry ? plainValue(valueEntry.value) : undefined;
  const valueWhere = `${where}.value`;
  let pattern: RegExp | undefined;
  if (shape === 'none') {
    if (valueEntry) r.error(valueEntry.key, valueWhere, `operator "${rawOperator}" takes no value`);
  } else if (!valueEntry) {
    r.error(node, valueWhere, `is missing: operator "${rawOperator}" needs ${shape === 'list' ? 'a list of values' : shape === 'number' ? 'a number' : 'a value'}`);
  } else if (shape === 'list' && !Array.isArray(value)) {
    r.error(valueEntry.value, valueWhere, `operator "${rawOperator}" needs a list of values, got ${describe(valueEntry.value)}`);
  } else if (shape === 'number' && (typeof value !== 'number' && !(typeof value === 'string' && Number.isFinite(Number(value))))) {
    r.error(valueEntry.value, valueWhere, `operator "${rawOperator}" needs a number, got ${describe(valueEntry.value)}`);
  } else if ((shape === 'scalar' || shape === 'regex') && (value === null || typeof value === 'object')) {
    r.error(valueEntry.value, valueWhere, `operator "${rawOperator}" needs a string, got ${describe(valueEntry.value)}`);
  } else if (shape === 'regex') {
    const compiled = pythonRegex(String(value));
    if (compiled instanceof RegExp) pattern = compiled;
    else r.error(valueEntry.value, valueWhere, `not a valid regular expression: ${compiled}`);
  }
  const unsupported = unsupportedPathSyntax(attribute);
  if (unsupported) r.error(attributeNode, `${where}.attribute`, `cannot read the path ${JSON.stringify(attribute)}: ${unsupported}`, 'Attribute paths use dots, * for any element and numbers for one (ingress.*.cidr_blocks, ingress.0.from_port); docs/policies.md describes them.');
  if (r.errors.length > before) return undefined;
  const path = splitPath(attribute);
  if (path.length === 0) {
    r.error(attributeNode, `${where}.attribute`, 'expected an attribute path such as "tags.owner" or "ingress.*.cidr_blocks"');
    return undefined;
  }
  return { kind: 'attribute', resourceTypes, attribute, path, operator, jsonpath, ...(value !== undefined ? { value } : {}), ...(pattern ? { pattern } : {}), span };
}

/**
 * A Checkov pattern (Python's re.match: anchored at the start, not at the end) as a JavaScript
 * RegExp. Python accepts escapes the 'u' flag refuses (`phi\-data`, `arn\:aws`) and global inline
 * flags (`(?i)phi-`); Checkov policies written that way were invalid here, so they are read as
 * Python reads them: without 'u' when 'u' refuses the escape, leading flags as RegExp flags.
 * Returns the error message when neither reading compiles.
 */
export function pythonRegex(source: string): RegExp | string {
  const inline = /^\(\?([ims]+)\)/.exec(source);
  const flags = inline ? [...new Set(inline[1]!)].join('') : '';
  const body = `^(?:${inline ? source.slice(inline[0].length) : source})`;
  try {
    return new RegExp(body, `${flags}u`);
  } catch (error) {
    try {
      return new RegExp(body, flags);
    } catch {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

function readConnection(r: Reader, node: YAMLMap, where: string, span: Span): Condition | undefined {
  const before = r.errors.length;
  const e = r.entries(node, where, CONNECTION_KEYS);
  const typesNode = required(r, e, node, where, 'resource_types');
  const connectedNode = required(r, e, node, where, 'connected_resource_types');
  const operatorNode = required(r, e, node, where, 'operator');
  const resourceTypes = typesNode !== undefined ? readResourceTypes(r, typesNode, `${where}.resource_types`) : undefined;
  const connected = connectedNode !== undefined ? r.strings(connectedNode, `${where}.connected_resource_types`) : undefined;
  const operator = operatorNode !== undefined ? r.string(operatorNode, `${where}.operator`) : undefined;
  if (operator !== undefined && operator !== 'exists' && operator !== 'not_exists') {
    r.error(operatorNode, `${where}.operator`, `unknown connection operator ${JSON.stringify(operator)}; expected "exists", "not_exists"`);
  }
  if (r.errors.length > before || !resourceTypes || !connected || !operator) return undefined;
  return { kind: 'connection', resourceTypes, connectedResourceTypes: connected, operator: operator as 'exists' | 'not_exists', span };
}

function readFilter(r: Reader, node: YAMLMap, where: string, span: Span): Condition | undefined {
  const before = r.errors.length;
  const e = r.entries(node, where, FILTER_KEYS);
  const attributeNode = required(r, e, node, where, 'attribute');
  const operatorNode = required(r, e, node, where, 'operator');
  const valueNode = required(r, e, node, where, 'value');
  const attribute = attributeNode !== undefined ? r.string(attributeNode, `${where}.attribute`) : undefined;
  if (attribute !== undefined && attribute !== 'resource_type') r.error(attributeNode, `${where}.attribute`, `a filter selects by "resource_type", got ${JSON.stringify(attribute)}`);
  const operator = operatorNode !== undefined ? r.string(operatorNode, `${where}.operator`) : undefined;
  const operators = ['within', 'equals', 'not_within', 'not_equals'];
  if (operator !== undefined && !operators.includes(operator)) {
    const suggestion = nearestName(operator, operators);
    r.error(operatorNode, `${where}.operator`, `unknown filter operator ${JSON.stringify(operator)}; expected one of ${quoteAll(operators)}`, suggestion ? `Did you mean "${suggestion}"?` : undefined);
  }
  const types = valueNode !== undefined ? r.strings(valueNode, `${where}.value`) : undefined;
  if (r.errors.length > before || !types || !operator) return undefined;
  return { kind: 'filter', operator: operator as 'within' | 'equals' | 'not_within' | 'not_equals', types, span };
}

function readExamples(r: Reader, node: Node | null, keyNode: Node): PolicyExamples | undefined {
  if (!isMap(node)) {
    r.error(node ?? keyNode, 'examples', `expected an object with "good" and "bad" lists of Terraform snippets, got ${describe(node)}`);
    return undefined;
  }
  const e = r.entries(node, 'examples', EXAMPLE_KEYS);
  const good = e.has('good') ? r.strings(e.get('good')!.value, 'examples.good') : [];
  const bad = e.has('bad') ? r.strings(e.get('bad')!.value, 'examples.bad') : [];
  if (!good || !bad) return undefined;
  return { good, bad };
}
