// terraform_data, the resource type built into Terraform (terraform.io/builtin/terraform, 1.4+):
// its schema is Terraform's own, not a provider's, so what `terraform validate` refuses against it
// is known without installing anything. Arguments input and triggers_replace, attributes id and
// output besides, no nested block types. A module that names its own "terraform" provider in
// required_providers maps terraform_data to that provider (terraform init 1.11.4 then looks for
// hashicorp/terraform), and a resource with another provider is another provider's: both are left
// alone. JSON syntax is read alike (parse-json.ts maps terraform_data's keys as Terraform does:
// input is an argument, dynamic a block); an ignore_changes entry there is a string, not read.
import type { Block, Body, Expression, TraversalExpr } from '../parsers/hcl/ast.js';
import { nearestName } from '../config/nearest-name.js';
import type { ModuleProblem } from './config-structure.js';
import { overrideFileOf } from './overrides.js';
import { freeTraversals } from './traversals.js';
import type { ModuleSource } from './load.js';
import type { ClosedSchema } from './value.js';

const TYPE = 'terraform_data';
const ARGUMENTS = ['input', 'triggers_replace'];
const ATTRIBUTES = [...ARGUMENTS, 'id', 'output'];
const META_ARGUMENTS = ['count', 'for_each', 'provider', 'depends_on'];
const META_BLOCKS = ['lifecycle', 'provisioner', 'connection'];

const found = new WeakMap<ModuleSource, readonly ModuleProblem[]>();

/**
 * What terraform validate 1.11.4 refuses against terraform_data's schema: an argument or a block
 * it has not ("Unsupported argument: An argument named "inputt" is not expected here. Did you mean
 * "input"?", "Unsupported block type: Blocks of type "timeouts" are not expected here."), an
 * ignore_changes entry naming no attribute of it (`[nope]`, `[var.env]`: "Unsupported attribute:
 * This object has no argument, nested block, or exported attribute named "var"."), and a reference
 * to an attribute it has not (`terraform_data.a.nope`, `terraform_data.c[0].nope`, in any
 * expression, even of a block with count = 0). Once per module, as merged with override files.
 */
export function terraformDataProblems(mod: ModuleSource): readonly ModuleProblem[] {
  const cached = found.get(mod);
  if (cached !== undefined) return cached;
  const out: ModuleProblem[] = [];
  const declared = mod.byTypeName.get(TYPE);
  if (declared !== undefined && !ownProvider(mod)) {
    const ours = new Map<string, Block>();
    for (const { file, node } of mod.resources) {
      if (node.type !== 'resource' || node.labels[0]?.value !== TYPE || !builtIn(node)) continue;
      if (node.labels[1] !== undefined) ours.set(node.labels[1].value, node);
      checkBody(file, node, out);
    }
    for (const f of mod.files) if (f.text.includes(TYPE)) checkReferences(f.path, f.body, ours, out);
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  found.set(mod, out);
  return out;
}

/** No provider argument, or one naming the built-in provider's local name. */
function builtIn(block: Block): boolean {
  const provider = block.body.attributes.find((a) => a.name === 'provider');
  return provider === undefined || (provider.expr.type === 'traversal' && provider.expr.root === 'terraform');
}

function checkBody(file: string, block: Block, out: ModuleProblem[]): void {
  // An override file's arguments and blocks unknown to the schema are dropped in the merge, not
  // refused (validate 1.11.4 accepts `inputt = 1` and `timeouts {}` in main_override.tf); its
  // ignore_changes is read (and `[nope]` there refused).
  for (const attr of block.body.attributes) {
    if (ARGUMENTS.includes(attr.name) || META_ARGUMENTS.includes(attr.name) || overrideFileOf(attr) !== undefined) continue;
    const near = nearestName(attr.name, ARGUMENTS);
    out.push({
      file: overrideFileOf(attr) ?? file,
      code: 'config/argument',
      message: `Unsupported argument: ${TYPE} has no argument named "${attr.name}" (only input and triggers_replace), so Terraform refuses it.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
      start: attr.start,
      end: attr.nameRange.end,
    });
  }
  for (const b of block.body.blocks) {
    const at = overrideFileOf(b) ?? file;
    if (b.type === 'lifecycle') {
      checkIgnoreChanges(at, b.body, out);
      for (const post of b.body.blocks) if (post.type === 'postcondition') checkSelf(at, post.body, out);
      continue;
    }
    if (b.type === 'provisioner' || b.type === 'connection') checkSelf(at, b.body, out);
    if (META_BLOCKS.includes(b.type) || overrideFileOf(b) !== undefined) continue;
    // A dynamic block makes blocks of the type its label names: Terraform names that type.
    const type = b.type === 'dynamic' ? b.labels[0]?.value ?? b.type : b.type;
    out.push({ file: at, code: 'config/block', message: `Unsupported block type: ${TYPE} has no nested blocks of type "${type}" (it has no nested blocks at all), so Terraform refuses this one.`, start: b.start, end: b.typeRange.end });
  }
}

/**
 * `self.<name>` in a postcondition, provisioner or connection block of terraform_data: a name it has
 * not is refused (terraform validate 1.11.4 on `condition = self.nope == "x"`: "Unsupported
 * attribute: This object has no argument, nested block, or exported attribute named "nope".").
 */
function checkSelf(file: string, body: Body, out: ModuleProblem[]): void {
  for (const a of body.attributes) {
    for (const t of freeTraversals(a.expr)) {
      const name = t.root === 'self' ? attrAt(t, 0) : undefined;
      if (name !== undefined && !ATTRIBUTES.includes(name)) out.push({ file: overrideFileOf(t) ?? file, ...unsupported(name, t.start, t.end) });
    }
  }
  for (const b of body.blocks) checkSelf(file, b.body, out);
}

/** Each ignore_changes entry starts with an attribute of terraform_data; `all` is a keyword, and a quoted entry is left alone. */
function checkIgnoreChanges(file: string, lifecycle: Body, out: ModuleProblem[]): void {
  const ignore = lifecycle.attributes.find((a) => a.name === 'ignore_changes');
  if (ignore === undefined || ignore.expr.type !== 'tuple') return;
  for (const item of ignore.expr.items) {
    if (item.type !== 'traversal' || ATTRIBUTES.includes(item.root)) continue;
    out.push({ file: overrideFileOf(item) ?? file, ...unsupported(item.root, item.start, item.end) });
  }
}

function unsupported(name: string, start: number, end: number): Omit<ModuleProblem, 'file'> {
  return { code: 'config/reference', message: unsupportedMessage(name), start, end };
}

function unsupportedMessage(name: string): string {
  const near = nearestName(name, ATTRIBUTES);
  return `Unsupported attribute: ${TYPE} has no argument, nested block, or exported attribute named "${name}" (only id, input, output and triggers_replace), so Terraform refuses it.${near !== undefined ? ` Did you mean "${near}"?` : ''}`;
}

/**
 * terraform_data's schema for its instance objects (value.ts markClosedSchema): a name it has not,
 * read through a splat or a for expression, is refused at plan (terraform plan 1.11.4 on
 * `terraform_data.c[*].idd`, `terraform_data.one[*].idd`, `values(terraform_data.e)[*].idd`,
 * `[for r in terraform_data.c : r.idd]`: "Unsupported attribute: This object does not have an
 * attribute named "idd"."), once per instance; with no instance (count = 0) there is nothing to read.
 */
export const TERRAFORM_DATA_SCHEMA: ClosedSchema = { names: ATTRIBUTES, unsupported: unsupportedMessage };

/** Whether a resource block of a module is the built-in terraform_data, whose schema is Terraform's own. */
export function isBuiltinTerraformData(mod: ModuleSource, block: Block): boolean {
  return block.type === 'resource' && block.labels[0]?.value === TYPE && builtIn(block) && !ownProvider(mod);
}

/** A module naming its own "terraform" provider in required_providers (terraform_data is then that provider's). */
function ownProvider(mod: ModuleSource): boolean {
  return mod.terraform.some((t) => t.node.body.blocks.some((b) => b.type === 'required_providers' && b.body.attributes.some((a) => a.name === 'terraform')));
}

/**
 * `terraform_data.<name>.<attr>` (no count or for_each) and `terraform_data.<name>[key].<attr>` (with
 * one) anywhere in the file but a resource's lifecycle arguments (validate 1.11.4 accepts
 * `replace_triggered_by = [terraform_data.b.nope]`) and the addresses of moved, import and removed
 * blocks. Other shapes (an instance key missing or extra, a splat) are left to the evaluation.
 */
function checkReferences(file: string, body: Body, ours: ReadonlyMap<string, Block>, out: ModuleProblem[]): void {
  const visitExpr = (expr: Expression): void => {
    for (const t of freeTraversals(expr)) {
      if (t.root !== TYPE) continue;
      const name = attrAt(t, 0);
      const block = name !== undefined ? ours.get(name) : undefined;
      if (block === undefined) continue;
      const repeated = block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
      const step = t.steps[repeated ? 2 : 1];
      if (repeated && t.steps[1]?.kind !== 'index') continue;
      if (step === undefined || step.kind !== 'attr' || ATTRIBUTES.includes(step.name)) continue;
      out.push({ file: overrideFileOf(t) ?? file, ...unsupported(step.name, t.start, t.end) });
    }
  };
  const visitBody = (b: Body, lifecycle: boolean): void => {
    if (!lifecycle) for (const a of b.attributes) visitExpr(a.expr);
    for (const nested of b.blocks) {
      if (nested.type === 'moved' || nested.type === 'import' || nested.type === 'removed') continue;
      visitBody(nested.body, nested.type === 'lifecycle');
    }
  };
  visitBody(body, false);
}

function attrAt(t: TraversalExpr, i: number): string | undefined {
  const step = t.steps[i];
  return step?.kind === 'attr' ? step.name : undefined;
}
