// moved and import blocks that name one instance of a resource (`aws_s3_bucket.b[0]`,
// `aws_s3_bucket.b["k"]`): whether it exists depends on the resource's count or for_each, so
// Terraform checks it when it plans (terraform plan 1.11.4), and so is it here, once the instances
// are known. A move from an instance still declared is refused ("Moved object still exists: This
// statement declares a move from terraform_data.c[0], but that resource instance is still
// declared"), and an import into one that is not ("Configuration for import target does not exist:
// The configuration for the given import terraform_data.c[9] does not exist."). The addresses
// themselves, and whole resources, are checked from the syntax (static-references.ts).
import type { Block, TraversalExpr } from '../parsers/hcl/ast.js';
import type { ModuleInstance, ResourceInstances } from './instance.js';
import type { ModuleSource } from './load.js';
import { importKeyMismatch } from './static-references.js';

/** The instance a moved block moves from, in any module instance, and an import's target, in the root only; not in an instance the scan assumes. */
export function checkInstanceAddresses(inst: ModuleInstance): void {
  if (inst.options.hypothetical === true) return;
  for (const { file, block } of addressBlocks(inst.mod)) {
    if (block.type === 'moved') checkMoved(inst, file, block);
    else if (inst.options.parent === undefined) checkImport(inst, file, block);
  }
}

const blocksByModule = new WeakMap<ModuleSource, readonly { readonly file: string; readonly block: Block }[]>();

/**
 * The module's moved and import blocks, in file order: once per module, where every instance walked
 * every block of every file to find the few there are (most modules have none). Callgrind: see the commit.
 */
function addressBlocks(mod: ModuleSource): readonly { readonly file: string; readonly block: Block }[] {
  let found = blocksByModule.get(mod);
  if (found === undefined) {
    const out: { file: string; block: Block }[] = [];
    for (const f of mod.files) for (const block of f.body.blocks) if (block.type === 'moved' || block.type === 'import') out.push({ file: f.path, block });
    blocksByModule.set(mod, (found = out));
  }
  return found;
}

function checkMoved(inst: ModuleInstance, file: string, block: Block): void {
  const from = traversalOf(block, 'from');
  const target = from === undefined ? undefined : keyedInstance(inst, from);
  if (target === undefined || !target.exists) return;
  const to = traversalOf(block, 'to');
  const toText = to === undefined ? 'elsewhere' : addressText(to);
  inst.reportHere({
    code: 'config/reference',
    severity: 'error',
    message: `Moved object still exists: this moves ${target.address} to ${toText}, but that instance of ${target.local} is still declared, so Terraform refuses the move.`,
    hint: `Remove the moved block, or change the configuration so that ${target.address} is declared as ${toText} instead.`,
    span: inst.span(file, from!),
  });
}

function checkImport(inst: ModuleInstance, file: string, block: Block): void {
  if (block.body.attributes.some((a) => a.name === 'for_each')) return;
  const to = traversalOf(block, 'to');
  const target = to === undefined ? undefined : keyedInstance(inst, to);
  if (target === undefined || target.exists) return;
  inst.reportHere({
    code: 'config/reference',
    severity: 'error',
    message: `Configuration for import target does not exist: ${target.address} is not an instance of ${target.local} (it has ${target.has}), so Terraform refuses the import.`,
    hint: 'Import into an instance the count or for_each declares.',
    span: inst.span(file, to!),
  });
}

function traversalOf(block: Block, name: string): TraversalExpr | undefined {
  const expr = block.body.attributes.find((a) => a.name === name)?.expr;
  return expr?.type === 'traversal' ? expr : undefined;
}

/**
 * `type.name[key]` of a managed resource this module declares with a count (a number key) or a
 * for_each (a string key) that is known here from the configuration alone (its expansion reads no
 * resource, data source or module output), and whether that instance exists.
 */
function keyedInstance(inst: ModuleInstance, t: TraversalExpr): { readonly address: string; readonly local: string; readonly exists: boolean; readonly has: string } | undefined {
  const [name, key] = t.steps;
  if (t.steps.length !== 2 || name?.kind !== 'attr' || key?.kind !== 'index') return undefined;
  return instanceOf(inst, t.root, name.name, key.key);
}

function instanceOf(inst: ModuleInstance, type: string, name: string, key: string | number): { readonly address: string; readonly local: string; readonly exists: boolean; readonly has: string } | undefined {
  const slot = inst.mod.resources.findIndex((d) => d.node.type === 'resource' && d.node.labels[0]?.value === type && d.node.labels[1]?.value === name);
  if (slot < 0) return undefined;
  const instances: ResourceInstances = inst.resourceInstances(slot);
  const { kind, refs } = instances.expansion;
  if (refs.length > 0 || !((kind === 'count' && typeof key === 'number') || (kind === 'for_each' && typeof key === 'string'))) return undefined;
  const keys = instances.instances.map((i) => JSON.stringify(i.key));
  const has = keys.length === 0 ? 'no instances' : `the instances ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
  return { address: `${type}.${name}[${JSON.stringify(key)}]`, local: instances.local, exists: instances.byKey.has(String(key)), has };
}

/**
 * What Terraform refuses of the instance `type.name[key]` an import with for_each names (its key
 * evaluated for one instance of the import: import-blocks.ts): a key its count or for_each does not
 * take (terraform validate 1.11.4, "Invalid import 'to' expression: The target resource does not use
 * count." for `for_each = ["a"]` and `to = terraform_data.e[each.key]`, each.key being 0), or an
 * instance it does not declare (terraform plan: "Configuration for import target does not exist:
 * The configuration for the given import terraform_data.each["zz"] does not exist."). Undefined for a
 * resource the module does not declare (static-references.ts says so).
 */
export function importInstanceProblem(inst: ModuleInstance, type: string, name: string, key: string | number | undefined): string | undefined {
  const target = inst.mod.byTypeName.get(type)?.get(name);
  if (target === undefined || target.node.type !== 'resource') return undefined;
  const mismatch = importKeyMismatch(target.node, `${type}.${name}`, key);
  if (mismatch !== undefined || key === undefined) return mismatch;
  const found = instanceOf(inst, type, name, key);
  if (found === undefined || found.exists) return undefined;
  return `Configuration for import target does not exist: ${found.address} is not an instance of ${found.local} (it has ${found.has}), so Terraform refuses the import.`;
}

function addressText(t: TraversalExpr): string {
  return t.root + t.steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${JSON.stringify(s.key)}]`)).join('');
}
