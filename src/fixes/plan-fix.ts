// Turns one failing finding's FixRequest into text edits: the rule's operations are placed by the
// HCL editors, and a value that travelled from a variable is fixed where it lives (issue 10): in
// the tfvars entry or variable default when that variable is used only at this one place, else at
// the use site, and the note says which.
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import { parseHcl, type Attribute, type Block, type Expression, type HclFile } from '../parsers/hcl/index.js';
import { sameEdit } from './apply-edits.js';
import { fixBuilder, type FixOperation, type TextEdit } from './fix.js';
import { jsonOperationEdits } from './json-editor.js';
import { allAttributes, findBlock, FixEditError, insertAfterEdits, insertBlockEdits, parentBlockOf, setAttributesEdits, setObjectKeysEdits, appendBlockEdits, type Edit } from './hcl-editor.js';
import { findNode } from '../graph/traversals.js';

/** Parsed files of the current pass, parsed on first use. */
export class ParsedFiles {
  private readonly cache = new Map<string, HclFile | undefined>();

  constructor(readonly texts: ReadonlyMap<string, string>) {}

  get(file: string): HclFile | undefined {
    if (!this.cache.has(file)) {
      const text = this.texts.get(file);
      const parsed = text === undefined || file.endsWith('.json') ? undefined : parseHcl(text, file);
      this.cache.set(file, parsed && !parsed.diagnostics.some((d) => d.severity === 'error') ? parsed.file : undefined);
    }
    return this.cache.get(file);
  }

  /** The parsed .tf files of one directory (a module). */
  module(dir: string): HclFile[] {
    const out: HclFile[] = [];
    for (const file of this.texts.keys()) {
      if (file.endsWith('.tf') && path.posix.dirname(file) === dir) {
        const parsed = this.get(file);
        if (parsed) out.push(parsed);
      }
    }
    return out;
  }
}

export interface PlannedFix {
  readonly edits: readonly TextEdit[];
  /** Where the value was changed when that is not the flagged attribute, for the user. */
  readonly notes: readonly string[];
  /**
   * Where the fix is reported when its edit is in another module than the finding: a caller's
   * module input (the module's shared code, where the finding points, is not edited at all).
   */
  readonly at?: { readonly file: string; readonly offset: number };
}

/** `var.NAME` exactly (no further steps), or undefined. */
function variableName(expr: Expression): string | undefined {
  if (expr.type === 'template' && expr.parts.length === 1 && expr.parts[0]!.kind === 'interpolation') return variableName(expr.parts[0]!.expr);
  if (expr.type !== 'traversal' || expr.root !== 'var' || expr.steps.length !== 1) return undefined;
  const step = expr.steps[0]!;
  return step.kind === 'attr' ? step.name : undefined;
}

/** How many times `var.NAME` is referenced in the module's files (any expression, any depth). */
function countVariableUses(files: readonly HclFile[], name: string): number {
  let count = 0;
  const isUse = (n: { readonly type?: unknown; readonly [k: string]: unknown }): boolean => {
    const steps = n['steps'] as readonly { readonly kind: string; readonly name?: string }[] | undefined;
    if (n.type === 'traversal' && n['root'] === 'var' && steps?.[0]?.kind === 'attr' && steps[0].name === name) count++;
    return false; // visit every node
  };
  for (const f of files) findNode(f.body, isUse);
  return count;
}

/** The tfvars entry or variable default (from the finding's `via` spans) that set `var.NAME` for `useFile`. */
function valueSource(finding: Finding, name: string, useFile: string, parsed: ParsedFiles): { file: HclFile; attribute: Attribute; where: string; callerInput?: true } | undefined {
  const dir = path.posix.dirname(useFile);
  for (const related of finding.related) {
    if (related.message !== 'value comes from here') continue;
    const file = parsed.get(related.span.file);
    if (!file) continue;
    const attribute = allAttributes(file).find((a) => a.start === related.span.start.offset);
    if (!attribute) continue;
    const isTfvars = /\.tfvars$/.test(file.path);
    if (isTfvars && attribute.name === name && path.posix.dirname(file.path) === dir) return { file, attribute, where: file.path };
    if (isTfvars) continue;
    const parent = parentBlockOf(file, attribute);
    if (attribute.name === 'default' && path.posix.dirname(file.path) === dir && parent?.type === 'variable' && parent.labels[0]?.value === name) {
      return { file, attribute, where: `the default of variable "${name}" in ${file.path}` };
    }
    // A module input: the value lives in the calling module's `module "x" { name = ... }`.
    if (attribute.name === name && parent?.type === 'module' && file.body.blocks.includes(parent)) {
      return { file, attribute, where: `the input of module "${parent.labels[0]?.value ?? ''}" in ${file.path}`, callerInput: true };
    }
  }
  return undefined;
}

/**
 * Whether every use of `var.NAME` in the module sets the argument at `path` (nested block types,
 * then the argument: `point_in_time_recovery.enabled`) to exactly `var.NAME` in a resource of the
 * same service as `type` (aws_kms_key, aws_kms_external_key, aws_kms_replica_key): then the value
 * where the variable is set is this one setting, and changing it there changes nothing else. A use
 * anywhere else (an output, another argument, another service's resource, where the same argument
 * name may take other values) keeps the change at the use site.
 */
function everyUseSets(files: readonly HclFile[], name: string, path: string, type: string): boolean {
  const service = serviceOf(type);
  let direct = 0;
  for (const file of files) {
    for (const resource of file.body.blocks) {
      if (resource.type !== 'resource' || serviceOf(resource.labels[0]?.value ?? '') !== service) continue;
      for (const [at, a] of attributePaths(resource, '')) if (at === path && variableName(a.expr) === name) direct++;
    }
  }
  return direct === countVariableUses(files, name);
}

/** Each attribute of a block and of the blocks nested in it, with its path below `block` (`point_in_time_recovery.enabled`). */
function attributePaths(block: Block, prefix: string): [string, Attribute][] {
  return [
    ...block.body.attributes.map((a): [string, Attribute] => [prefix + a.name, a]),
    ...block.body.blocks.flatMap((b) => attributePaths(b, `${prefix}${b.type}.`)),
  ];
}

/** `aws_kms` of `aws_kms_external_key`: the provider and service words of a resource type. */
function serviceOf(type: string): string {
  return type.split('_').slice(0, 2).join('_');
}

/** The top-level block holding `block`, and the path of nested block types from it down to `block` (`point_in_time_recovery.`). */
function placeOf(file: HclFile, block: Block): { readonly top: Block; readonly path: string } | undefined {
  const top = file.body.blocks.find((b) => b.start <= block.start && block.end <= b.end);
  if (!top) return undefined;
  let path = '';
  for (let at = top; at !== block; ) {
    const inner = at.body.blocks.find((b) => b.start <= block.start && block.end <= b.end);
    if (!inner) return undefined;
    path += `${inner.type}.`;
    at = inner;
  }
  return { top, path };
}

/** Whether the finding's resource is in a module another module calls (its address starts `module.`). */
function inChildModule(finding: Finding): boolean {
  return finding.resource.address.startsWith('module.');
}

/** Whether an expression reads an input variable (`var.x`, `try(var.x.y, 7)`). */
function readsVariable(expr: Expression): boolean {
  return findNode(expr, (n) => n.type === 'traversal' && n['root'] === 'var') !== undefined;
}

/** Whether an expression reads `each` or `count` (differs between the instances of its block). */
function readsInstance(expr: Expression): boolean {
  return findNode(expr, (n) => n.type === 'traversal' && (n['root'] === 'each' || n['root'] === 'count')) !== undefined;
}

/**
 * The attributes a fix sets in place, by block: set together once every operation is planned, so
 * that new attributes of one block are inserted (and aligned) as one group.
 */
class PendingAttributes {
  private readonly byBlock = new Map<Block, { readonly file: HclFile; readonly entries: [string, string][] }>();

  add(file: HclFile, block: Block, name: string, valueText: string): void {
    const pending = this.byBlock.get(block) ?? { file, entries: [] };
    pending.entries.push([name, valueText]);
    this.byBlock.set(block, pending);
  }

  edits(): TextEdit[] {
    return [...this.byBlock].flatMap(([block, { file, entries }]) => setAttributesEdits(file, block, entries).map((e) => ({ file: file.path, ...e })));
  }
}

/** What planning a fix's operations collects beside their edits. */
interface PlanNotes {
  readonly notes: string[];
  at?: { readonly file: string; readonly offset: number };
}

function planOperation(finding: Finding, op: FixOperation, parsed: ParsedFiles, collected: PlanNotes, pending: PendingAttributes): TextEdit[] {
  const notes = collected.notes;
  const fileName = op.block.file;
  if (fileName.endsWith('.json')) {
    const text = parsed.texts.get(fileName);
    if (text === undefined) throw new FixEditError(`${fileName} could not be read`);
    return jsonOperationEdits(fileName, text, op).map((e) => ({ file: fileName, ...e }));
  }
  const file = parsed.get(fileName);
  if (!file) throw new FixEditError(`${fileName} could not be read or parsed`);
  const block = findBlock(file, op.block.start.offset, op.block.end.offset);
  if (!block) throw new FixEditError(`no block at ${fileName}:${op.block.start.line}`);
  const inFile = (edits: readonly Edit[], name = fileName): TextEdit[] => edits.map((e) => ({ file: name, ...e }));
  switch (op.op) {
    case 'setAttribute': {
      const existing = op.name.includes('.') ? undefined : block.body.attributes.find((a) => a.name === op.name);
      const variable = existing && variableName(existing.expr);
      if (variable !== undefined) {
        const source = valueSource(finding, variable, fileName, parsed);
        const files = parsed.module(path.posix.dirname(fileName));
        const uses = countVariableUses(files, variable);
        const place = placeOf(file, block);
        // Used only here, or every use is this same setting (a module's four KMS key types, one per
        // count, all taking deletion_window_in_days from one variable): fixed where it is set.
        const sameSetting = uses === 1 || (place?.top.type === 'resource' && everyUseSets(files, variable, place.path + op.name, place.top.labels[0]?.value ?? ''));
        if (source && sameSetting) {
          const current = source.file.text.slice(source.attribute.expr.start, source.attribute.expr.end);
          notes.push(`changed in ${source.where}, where var.${variable} gets its value (${uses === 1 ? 'it is used only here' : `each of its ${uses} uses sets ${place?.path ?? ''}${op.name}`})`);
          if (source.callerInput) collected.at = { file: source.file.path, offset: source.attribute.start };
          return current === op.valueText ? [] : inFile([{ start: source.attribute.expr.start, end: source.attribute.expr.end, text: op.valueText }], source.file.path);
        }
        if (source && !inChildModule(finding)) notes.push(`var.${variable} is used ${uses} times, so this use was changed and ${source.where} was left alone`);
      }
      // In a module other modules call, an expression reading its variables is what each caller
      // decides: a literal there overrides every caller (a prod input of 35 backup days cut to 15,
      // or SSE-SQS forced on a caller with a KMS key, which the provider then refuses).
      if (existing !== undefined && inChildModule(finding) && readsVariable(existing.expr)) {
        const from = variable !== undefined ? `var.${variable}` : 'the module\'s variables';
        const where = variable !== undefined ? valueSource(finding, variable, fileName, parsed)?.where : undefined;
        throw new FixEditError(`${op.name} takes its value from ${from}, which each caller of this module decides (its input, or the variable's default), so a literal here would override them all; set it ${where !== undefined ? `in ${where}` : 'in the calling module'}${variable !== undefined && where !== undefined ? ` (var.${variable} is used ${countVariableUses(parsed.module(path.posix.dirname(fileName)), variable)} times in the module)` : ''}`);
      }
      // One expression serves every instance of a counted or for_each block: when it reads each or
      // count, instances differ (`try(each.value.retention_in_days, var.default)`), and one literal
      // for all would change those that passed (a 3653-day audit log cut to 365).
      if (existing !== undefined && readsInstance(existing.expr)) {
        throw new FixEditError(`${op.name} is computed per instance, so one value for all would change the other instances too; set it where each instance's value comes from`);
      }
      pending.add(file, block, op.name, op.valueText);
      return [];
    }
    case 'insertBlock':
      return inFile(insertBlockEdits(file, block, op.text));
    case 'insertAfter':
      {
      const edits = insertAfterEdits(file, block, companionText(file, block, op.text), parsed.module(path.posix.dirname(fileName)));
      // Every block it would add is already declared under the same name, for another resource: nothing to add.
      if (edits.length === 0) throw new FixEditError('a resource with the name this fix would give is already declared (for another resource); add it by hand under another name');
      return inFile(edits);
    }
    case 'appendBlock':
      return inFile(appendBlockEdits(file, block, op.text));
    case 'setObjectKeys':
      return inFile(setObjectKeysEdits(file, block, op.name, op.entries));
  }
}

/**
 * The resources a fix adds beside `block` (an S3 bucket's versioning, a VPC's default security
 * group), fitted to it: they take its `provider` (a bucket in `aws.dr` gets its versioning there, not
 * in the default region) and, when they name it, its own `region` (AWS provider v6: a bucket with
 * region = "us-west-2" under a us-east-1 provider would get versioning managed in us-east-1, where
 * the bucket is not). Refused for a block with count or for_each, as one companion naming
 * `aws_s3_bucket.b.id` without an instance key is a configuration Terraform refuses.
 */
function companionText(file: HclFile, block: { readonly type: string; readonly labels: readonly { readonly value: string }[]; readonly body: { readonly attributes: readonly Attribute[] } }, snippet: string): string {
  const [type, name] = block.labels.map((l) => l.value);
  if (block.type === 'resource' && type !== undefined && name !== undefined && snippet.includes(`${type}.${name}.`) && block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each')) {
    throw new FixEditError(`${type}.${name} has count or for_each, so what this fix adds needs the same count or for_each and an instance key; add it by hand`);
  }
  const provider = block.body.attributes.find((a) => a.name === 'provider');
  const region = block.type === 'resource' && type !== undefined && name !== undefined && snippet.includes(`${type}.${name}.`) ? block.body.attributes.find((a) => a.name === 'region') : undefined;
  const regionText = region === undefined ? undefined : file.text.slice(region.expr.start, region.expr.end);
  const lines = [
    ...(provider !== undefined ? [`  provider = ${file.text.slice(provider.expr.start, provider.expr.end)}`] : []),
    // Aligned as terraform fmt aligns the `=` of consecutive arguments.
    ...(regionText !== undefined && regionText.trim() !== 'null' ? [`  region${provider !== undefined ? '  ' : ''} = ${regionText}`] : []),
  ];
  if (lines.length === 0) return snippet;
  // A blank line after them keeps terraform fmt's alignment of the attributes below.
  return snippet.replace(/^(resource "[^"]+" "[^"]+" \{\r?\n)(?![ \t]*(?:provider|region)\b)/gm, `$1${lines.join('\n')}\n\n`);
}

/** The edits for a failing finding's fix; throws FixEditError when the fix cannot be placed. */
export function planFix(finding: Finding, parsed: ParsedFiles): PlannedFix {
  const request = finding.fix?.terraform;
  if (!request) throw new FixEditError('the rule describes this fix but has no automatic edit for Terraform');
  // A module terraform init downloaded is not the repository's: an edit there is lost on the next init.
  if (/(^|\/)\.terraform\//.test(finding.span.file)) throw new FixEditError(`${finding.span.file} is in a module terraform init downloaded; change the module (or its version) at its source`);
  const ops = request(fixBuilder);
  const collected: PlanNotes = { notes: [] };
  const edits: TextEdit[] = [];
  const pending = new PendingAttributes();
  for (const op of Array.isArray(ops) ? ops : [ops as FixOperation]) edits.push(...planOperation(finding, op, parsed, collected, pending));
  edits.push(...pending.edits());
  refuseOverlaps(edits);
  // Named at the caller's input only when that is all the fix edits.
  const at = collected.at && edits.every((e) => e.file === collected.at!.file) ? collected.at : undefined;
  return { edits, notes: collected.notes, ...(at ? { at } : {}) };
}

/**
 * One fix's own edits may not overlap (applying them would throw, an internal error for the whole
 * run): a rule whose operations rewrite the same text twice gets its fix reported as failed instead.
 * Inserts at one offset are kept in the order the operations gave them.
 */
function refuseOverlaps(edits: readonly TextEdit[]): void {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i]!;
      const b = edits[j]!;
      if (a.file !== b.file || sameEdit(a, b)) continue;
      if (Math.max(a.start, b.start) < Math.min(a.end, b.end) || (a.start === a.end && b.start < a.start && a.start < b.end) || (b.start === b.end && a.start < b.start && b.start < a.end)) {
        throw new FixEditError('the edits of this fix overlap one another; make the change by hand');
      }
    }
  }
}
