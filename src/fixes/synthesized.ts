// Files CDK for Terraform synthesized (cdktf.out/stacks/<stack>/cdk.tf.json): a fix written there is
// lost, since `cdktf synth` rewrites the file and `cdktf deploy` synthesizes again before it plans
// (unless --skip-synth, terraform-cdk#671), so the "fixed" finding ships unfixed. Such a file is left
// alone; each finding's fix is said as the change to make in the construct: its construct path and
// the property the provider bindings name in camelCase (`enable_log_file_validation` is
// `enableLogFileValidation`).
import { weakMemo } from '../util/weak-memo.js';
import type { Finding } from '../engine/finding.js';
import { member, parseJsonTree, type JsonNode } from '../parsers/tf-plan/json-tree.js';
import { fixBuilder, type FixOperation } from './fix.js';
import { hclValueToJson } from './json-editor.js';

/** Why a file is taken for CDKTF's output, and its stack when known. */
export interface SynthesizedFile {
  readonly stack?: string;
  /** How it is known: the file's own metadata, or the manifest.json that lists it. */
  readonly evidence: string;
}

/**
 * The stack a .tf.json names in its top-level `"//": {"metadata": {"stackName": ..., "version": ...}}`,
 * which CDKTF writes in every synthesized stack (and nothing else does), or undefined.
 */
export function synthesizedStackOf(text: string): SynthesizedFile | undefined {
  // Cheap pre-test: most files are not CDKTF's.
  if (!text.includes('"stackName"')) return undefined;
  const tree = parseJsonTree('cdk.tf.json', text);
  if (!tree.ok || tree.value.kind !== 'object') return undefined;
  const metadata = member(member(tree.value, '//'), 'metadata');
  const stack = member(metadata, 'stackName');
  const version = member(metadata, 'version');
  if (stack?.kind !== 'string' || version?.kind !== 'string') return undefined;
  return { stack: stack.value, evidence: `its "//" metadata names CDK for Terraform ${version.value} stack ${stack.value}` };
}

/**
 * Whether CDKTF's manifest.json (`<outdir>/manifest.json`) lists `relativeToManifest` as a stack's
 * synthesizedStackPath (`stacks/phi-stack/cdk.tf.json`); the stack's name when it does.
 */
export function stackInManifest(manifestText: string, relativeToManifest: string): SynthesizedFile | undefined {
  const tree = parseJsonTree('manifest.json', manifestText);
  if (!tree.ok) return undefined;
  const stacks = member(tree.value, 'stacks');
  if (stacks?.kind !== 'object') return undefined;
  for (const entry of stacks.entries) {
    const synthesized = member(entry.value, 'synthesizedStackPath');
    if (synthesized?.kind === 'string' && synthesized.value.replace(/^\.\//, '') === relativeToManifest) {
      const name = member(entry.value, 'name');
      const stack = name?.kind === 'string' ? name.value : entry.key;
      return { stack, evidence: `the CDK for Terraform manifest.json beside its stacks lists it as stack ${stack}` };
    }
  }
  return undefined;
}

/** `enable_log_file_validation` → `enableLogFileValidation`, as the CDKTF provider bindings name arguments. */
export function camelCase(name: string): string {
  return name.replace(/[_-]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The keys from the file's root down to the object ending at `end` (array positions left out), or undefined. */
function keysTo(node: JsonNode, end: number): string[] | undefined {
  if (node.start > end || node.end < end) return undefined;
  if (node.kind === 'object' && node.end === end) return [];
  const children: [string | undefined, JsonNode][] = node.kind === 'object' ? node.entries.map((e) => [e.key, e.value]) : node.kind === 'array' ? node.items.map((i) => [undefined, i]) : [];
  for (const [key, child] of children) {
    const below = keysTo(child, end);
    if (below) return key === undefined ? below : [key, ...below];
  }
  return undefined;
}

type Parsed = { readonly text: string; readonly tree: ReturnType<typeof parseJsonTree> };
const parsedStacks = new WeakMap<ReadonlyMap<string, string>, Map<string, Parsed>>();

/**
 * A synthesized file of `texts` parsed, once for all the operations of all the findings in it (a
 * stack is one large file); again only if its text changed (`texts` is the fix's current files).
 */
function treeOf(texts: ReadonlyMap<string, string>, file: string): Parsed['tree'] | undefined {
  const text = texts.get(file);
  if (text === undefined) return undefined;
  const trees = weakMemo(parsedStacks, texts, () => new Map<string, Parsed>());
  let known = trees.get(file);
  if (known?.text !== text) trees.set(file, (known = { text, tree: parseJsonTree(file, text) }));
  return known.tree;
}

/** The nested block types from the resource down to the block an operation names (`versioning`), in JSON syntax. */
function nestedPath(texts: ReadonlyMap<string, string>, op: FixOperation): string[] {
  const tree = treeOf(texts, op.block.file);
  if (tree?.ok !== true) return [];
  const keys = keysTo(tree.value, op.block.end.offset) ?? [];
  // resource/data, the type, the name; then the nested blocks.
  return keys[0] === 'resource' || keys[0] === 'data' ? keys.slice(3) : [];
}

/** The value a fix sets, as a TypeScript-like literal of the construct's property. */
function valueOf(valueText: string): string {
  try {
    return hclValueToJson(valueText);
  } catch {
    return valueText;
  }
}

/**
 * What to change in the construct for a finding whose fix would edit a synthesized file: one line per
 * operation (`set enableLogFileValidation: true`), naming the construct path when the resource has one.
 */
export function constructAdvice(finding: Finding, texts: ReadonlyMap<string, string>): string[] {
  const request = finding.fix?.terraform;
  // A subject that is no resource (the account baseline, a root module's backend) has no construct: the stack does.
  const where = finding.resource.constructPath !== undefined ? `construct ${finding.resource.constructPath}` : 'the stack';
  if (!request) return [`in ${where}: ${finding.fix?.description ?? 'see the fix text'}`];
  const ops = request(fixBuilder);
  const out: string[] = [];
  for (const op of Array.isArray(ops) ? (ops as readonly FixOperation[]) : [ops as FixOperation]) out.push(`in ${where}: ${operationAdvice(op, texts)}`);
  return out;
}

function operationAdvice(op: FixOperation, texts: ReadonlyMap<string, string>): string {
  if (op.op === 'setAttribute' || op.op === 'setObjectKeys') {
    const path = [...nestedPath(texts, op), ...op.name.split('.')].map(camelCase).join('.');
    if (op.op === 'setAttribute') return `set ${path}: ${valueOf(op.valueText)}`;
    return `set ${path}: {${op.entries.map(([k, v]) => ` ${camelCase(k)}: ${valueOf(v)}`).join(',')} }`;
  }
  const first = op.text.trim().split('\n')[0]?.replace(/\s*\{\s*$/, '') ?? '';
  if (op.op === 'insertAfter') {
    const [, kind, type] = /^(resource|data)\s+"([^"]+)"/.exec(first) ?? [];
    const what = type === undefined ? first : kind === 'data' ? `a data source ${type}` : `an ${type} resource`;
    return `add ${what} (the fix would write: ${oneLine(op.text)})`;
  }
  return `add the ${camelCase(first.split(/\s/)[0] ?? '')} block (the fix would write: ${oneLine(op.text)})`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
