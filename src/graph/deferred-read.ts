// Whether Terraform reads a data source only at apply. It reads one at plan, so its attributes are
// known then (the scan does not read it, and says only that); but terraform plan 1.11.4 defers the
// read to apply, its attributes then unknown at plan like a new resource's id, where
//  - it refers to a managed resource, or names one in depends_on, or a module that creates one
//    ("depends on a resource or a module with changes pending"): references to managed resources
//    count as depends_on for a data source (Terraform's ReferenceMap.dataDependsOn), even
//    `aws_s3_bucket.b.bucket` written out;
//  - the module call it is in names one in depends_on (parentModuleDependsOn, one call up);
//  - its configuration holds a value known only at apply ("config refers to values not yet known").
// A plan with no state is meant (what the scan checks: a first apply); a resource created earlier
// with nothing to change would not defer it.
import type { DeferredRead } from '../model/unknown-cause.js';
import { applyTimeOf, describeApplyTime } from './apply-time.js';
import type { EvaluatedBody } from './body.js';
import type { ModuleInstance, ResourceInstance } from './instance.js';
import { forEachTraversal } from './traversals.js';
import { unknownsIn, type Val } from './value.js';

const memos = new WeakMap<ModuleInstance, Map<string, DeferredRead | null | 'pending'>>();

/** Why Terraform reads data source instance `ri` of `inst` only at apply, or undefined where it reads it at plan (or the scan cannot tell). */
export function deferredRead(inst: ModuleInstance, ri: ResourceInstance): DeferredRead | undefined {
  if (ri.mode !== 'data') return undefined;
  let memo = memos.get(inst);
  if (memo === undefined) memos.set(inst, (memo = new Map()));
  const cached = memo.get(ri.address);
  // Asked again while deciding (a cycle through the data source, refused elsewhere): not deferred.
  if (cached === 'pending') return undefined;
  if (cached !== undefined) return cached ?? undefined;
  memo.set(ri.address, 'pending');
  const dependsOn = ri.decl.node.body.attributes.find((a) => a.name === 'depends_on');
  const found = managedDependency(inst, ri.decl.node.body) ?? (dependsOn && moduleDependency(inst, dependsOn.expr)) ?? callDependency(inst) ?? applyTimeConfiguration(inst, ri);
  memo.set(ri.address, found ?? null);
  return found;
}

/**
 * The first managed resource of `inst`'s module a block's body or an expression refers to (anywhere
 * in it, depends_on included) that has instances to create: a resource with count = 0 has no change
 * to wait for, and one whose instances the scan does not know is left out (Terraform refuses its
 * count, or not).
 */
function managedDependency(inst: ModuleInstance, node: object): DeferredRead | undefined {
  const names = namesIn(node);
  for (let i = 0; i < names.length; i++) {
    const { root, name } = names[i]!;
    const decl = inst.mod.byTypeName.get(root)?.get(name);
    if (decl === undefined) continue;
    const slot = inst.plan.resourceSlots.get(decl);
    if (slot === undefined) continue;
    const { expansion, instances } = inst.resourceInstances(slot);
    if (expansion.kind !== 'unknown' && instances.length > 0) return { certain: true, because: `depends on ${root}.${name}, a managed resource with changes to apply` };
  }
  return undefined;
}

interface NamePair {
  readonly root: string;
  readonly name: string;
}

const namesFound = new WeakMap<object, readonly NamePair[]>();

/**
 * The `root.name` pairs a syntax node's traversals start with, in the order forEachTraversal visits
 * them: once per node, as they depend on the syntax only, where managedDependency walked a data
 * source's whole body (every field of every node, through Object.values) again for each instance of
 * each module instance: 538 walks of 50 000 nodes for a cold evaluation of bench corpus (a), over
 * two thirds of all the nodes forEachTraversal visited. Callgrind: see the commit.
 */
function namesIn(node: object): readonly NamePair[] {
  let names = namesFound.get(node);
  if (names === undefined) {
    const found: NamePair[] = [];
    forEachTraversal(node, (t) => {
      if (t.type !== 'traversal') return;
      const first = t.steps[0];
      if (first?.kind === 'attr') found.push({ root: t.root, name: first.name });
    });
    namesFound.set(node, (names = found));
  }
  return names;
}

/**
 * The managed resource (or module with resources) a call enclosing `inst` names in its depends_on:
 * its own call's or any call further up, as a module's depends_on holds for every module in it
 * (terraform plan 1.11.4: a data source in module.a.module.b, with `depends_on = [aws_s3_bucket.x]`
 * or `[module.c]` on module "a" only, "will be read during apply").
 */
function callDependency(inst: ModuleInstance): DeferredRead | undefined {
  for (let at: ModuleInstance | undefined = inst; at !== undefined; at = at.options.parent) {
    const parent = at.options.parent;
    const name = /module\.([^.[]+)$/.exec(at.options.configPath)?.[1];
    if (parent === undefined || name === undefined) return undefined;
    const call = parent.mod.moduleCalls.get(name);
    const dependsOn = call?.node.body.attributes.find((a) => a.name === 'depends_on');
    if (dependsOn === undefined) continue;
    const found = managedDependency(parent, dependsOn.expr) ?? moduleDependency(parent, dependsOn.expr);
    if (found !== undefined) return { certain: true, because: `is in module.${name}, whose call ${found.because}` };
  }
  return undefined;
}

/**
 * The first module call of `inst` a depends_on names whose module has a managed resource to create
 * (terraform plan 1.11.4: `depends_on = [module.m]`, m holding a terraform_data, "will be read during
 * apply"; m holding only a data source, read at plan). A reference to a module's output elsewhere
 * defers nothing by itself (only a value known only at apply does).
 */
function moduleDependency(inst: ModuleInstance, dependsOn: object): DeferredRead | undefined {
  let found: string | undefined;
  forEachTraversal(dependsOn, (t) => {
    const name = t.type === 'traversal' && t.root === 'module' && t.steps[0]?.kind === 'attr' ? t.steps[0].name : undefined;
    if (found === undefined && name !== undefined && createsResources(inst, name, 0)) found = `module.${name}`;
  });
  return found === undefined ? undefined : { certain: true, because: `depends on ${found}, a module with resources to create` };
}

/** Whether an instance of call `name` of `inst`, or of a call in it, has a managed resource with instances (known) to create. */
function createsResources(inst: ModuleInstance, name: string, depth: number): boolean {
  const call = inst.childCalls().get(name);
  if (call === undefined || depth > 8 || call.expandingNow || call.expansion().kind === 'unknown') return false;
  return call.instances().some((child) => {
    for (let slot = 0; slot < child.mod.resources.length; slot++) {
      if (child.plan.resourceShapes[slot]!.mode !== 'managed') continue;
      const { expansion, instances } = child.resourceInstances(slot);
      if (expansion.kind !== 'unknown' && instances.length > 0) return true;
    }
    return [...child.childCalls().keys()].some((inner) => createsResources(child, inner, depth + 1));
  });
}

/** A value known only at apply in the data source's arguments or nested blocks. */
function applyTimeConfiguration(inst: ModuleInstance, ri: ResourceInstance): DeferredRead | undefined {
  const body = inst.body(ri);
  if (body === undefined) return undefined;
  const values: Val[] = [];
  collect(body, values);
  const part = applyTimeOf(unknownsIn(values));
  return part === undefined ? undefined : { certain: part.certain, because: `has a configuration value known only at apply (${describeApplyTime(part.cause)})` };
}

function collect(body: EvaluatedBody, out: Val[]): void {
  for (const a of body.attrs.values()) out.push(a.value);
  for (const b of body.blocks) collect(b, out);
}
