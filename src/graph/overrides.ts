// Terraform's override files (`override.tf`, `*_override.tf` and their `.tf.json` forms): loaded
// after a module's other files, in name order, each top-level block merged into the block of the
// same type and labels that an ordinary file declares. An argument of the override replaces the
// original's; a nested block type in the override replaces every original block of that type
// (`lifecycle` merges argument by argument); `locals` replace by name; in `terraform`,
// `required_providers` merge by provider and a `backend` or `cloud` block replaces the other.
// Without this an override that sets `publicly_accessible = true` went unseen.
import { posix } from 'node:path';
import type { Attribute, Block, Body } from '../parsers/hcl/ast.js';

export function isOverrideFile(path: string): boolean {
  return /^(override|.+_override)\.tf(\.json)?$/.test(posix.basename(path));
}

/**
 * The file each merged-in syntax node comes from, when it is not its block's: spans of those nodes
 * are read against that file's text (parse.ts SpanFactory). Only override files put nodes here.
 */
const overrideNodeFiles = new WeakMap<object, string>();
let anyOverride = false;

/** The override file a syntax node came from, or undefined for a node of its declaring file. */
export function overrideFileOf(node: object): string | undefined {
  return anyOverride ? overrideNodeFiles.get(node) : undefined;
}

/** Every node under `node` (attributes, blocks, labels, expressions, ranges) is from `file`. */
function markFrom(node: unknown, file: string): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) markFrom(item, file);
    return;
  }
  if (overrideNodeFiles.get(node) === file) return;
  overrideNodeFiles.set(node, file);
  anyOverride = true;
  for (const value of Object.values(node)) markFrom(value, file);
}

/** A nested block's kind for replacement: `dynamic "x"` counts as an `x` block. */
function nestedKind(block: Block): string {
  return block.type === 'dynamic' && block.labels[0] ? block.labels[0].value : block.type;
}

function mergeAttributes(base: readonly Attribute[], over: readonly Attribute[]): Attribute[] {
  const replaced = new Map(over.map((a) => [a.name, a]));
  const out = base.map((a) => replaced.get(a.name) ?? a);
  const had = new Set(base.map((a) => a.name));
  for (const a of over) if (!had.has(a.name)) out.push(a);
  return out;
}

/** `base` with `over` (a block of `overFile`) merged in, as Terraform merges an override into the block it overrides. */
export function mergeOverride(base: Block, over: Block, overFile: string): Block {
  markFrom(over.body, overFile);
  return { ...base, body: mergeBody(base.body, over.body, base.type === 'terraform') };
}

function mergeBody(base: Body, over: Body, isTerraform: boolean): Body {
  // Merged argument by argument (lifecycle) or provider by provider (terraform's required_providers);
  // every other nested block type in the override replaces all of that type.
  const mergesByEntry = (kind: string): boolean => kind === 'lifecycle' || (isTerraform && kind === 'required_providers');
  const overByKind = new Map<string, Block>();
  for (const o of over.blocks) if (!overByKind.has(nestedKind(o))) overByKind.set(nestedKind(o), o);
  const replaced = new Set(overByKind.keys());
  if (isTerraform && (replaced.has('backend') || replaced.has('cloud'))) replaced.add('backend').add('cloud');
  const blocks: Block[] = [];
  const mergedKinds = new Set<string>();
  for (const b of base.blocks) {
    const kind = nestedKind(b);
    if (!replaced.has(kind)) blocks.push(b);
    else if (mergesByEntry(kind)) {
      const o = overByKind.get(kind)!;
      blocks.push({ ...b, body: { ...b.body, attributes: mergeAttributes(b.body.attributes, o.body.attributes) } });
      mergedKinds.add(kind);
    }
  }
  for (const o of over.blocks) if (!mergedKinds.has(nestedKind(o))) blocks.push(o);
  return { ...base, attributes: mergeAttributes(base.attributes, over.attributes), blocks };
}
