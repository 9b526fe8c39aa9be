// Cycles between a module's resources, data sources and locals, read from the references each
// writes, as Terraform builds its graph before it plans ("Cycle: terraform_data.b,
// terraform_data.a"). The evaluator reads a value it is already computing as unknown, so such a
// configuration was scanned as if Terraform could plan it. Through a module call the graph goes on
// as Terraform's does: a call's inputs and its count/for_each, and each output of the module
// depending on the inputs it reads inside (moduleCycles, once the called modules are loaded). A
// block referring to itself is config-structure.ts's, and a cycle of locals alone the evaluator's
// (eval/cycle at the local).
import type { Body, Expression } from '../parsers/hcl/ast.js';
import { freeTraversals } from './traversals.js';
import type { ModuleSource } from './load.js';
import { NOT_RESOURCE_TYPES } from './static-references.js';

export interface StaticCycle {
  /** Addresses in the module (`terraform_data.a`, `data.t.n`, `local.x`), in source order. */
  readonly members: readonly string[];
  /** Where the first member is declared. */
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

interface GraphNode {
  readonly address: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly order: number;
  readonly edges: string[];
}

const found = new WeakMap<ModuleSource, readonly StaticCycle[]>();

/** The cycles of two or more members with a resource or data source among them; once per module. */
export function staticCycles(mod: ModuleSource): readonly StaticCycle[] {
  const cached = found.get(mod);
  if (cached !== undefined) return cached;
  const cycles = cyclesOf(declaredNodes(mod, undefined), (members) => members.some((m) => !m.address.startsWith('local.')));
  found.set(mod, cycles);
  return cycles;
}

const throughCalls = new WeakMap<ModuleSource, readonly StaticCycle[]>();

/**
 * The cycles that pass through a call of a local module (`terraform_data.a` reads `module.m.out`,
 * whose value inside the module reads `var.in`, which the call sets from `terraform_data.a`), which
 * staticCycles leaves out. `childOf` gives the module a call loads, when it is loaded; an output is
 * followed inside it through locals, resources and data sources, not through the module's own
 * calls (a cycle through two levels is not found, none is made up). Once per module.
 */
export function moduleCycles(mod: ModuleSource, childOf: (call: string) => ModuleSource | undefined): readonly StaticCycle[] {
  const cached = throughCalls.get(mod);
  if (cached !== undefined) return cached;
  const cycles = mod.moduleCalls.size === 0 ? [] : cyclesOf(declaredNodes(mod, childOf), (members) => members.some((m) => m.address.startsWith('module.')));
  throughCalls.set(mod, cycles);
  return cycles;
}

/** A module call's arguments that are no inputs of the module. */
const CALL_META = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

interface Declared {
  readonly address: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly exprs: () => readonly Expression[];
  /** Extra edges, by address (an output's inputs inside the module). */
  readonly also?: readonly string[];
}

/** The graph's nodes in source order: resources, data sources and locals, and with `childOf` the module calls' inputs and outputs. */
function declaredNodes(mod: ModuleSource, childOf: ((call: string) => ModuleSource | undefined) | undefined): Map<string, GraphNode> {
  // The declarations as merged with override files (load.ts), first declarations only, in source order.
  const declared: Declared[] = [];
  for (const { file, node } of mod.resources) {
    const [l0, l1] = node.labels;
    if (!l0 || !l1) continue;
    declared.push({ address: `${node.type === 'data' ? 'data.' : ''}${l0.value}.${l1.value}`, file, start: node.start, end: node.openBrace.start, exprs: () => expressionsOf(node.body) });
  }
  for (const [name, { file, node }] of mod.locals) declared.push({ address: `local.${name}`, file, start: node.start, end: node.nameRange.end, exprs: () => [node.expr] });
  const children = new Map<string, ModuleSource>();
  if (childOf !== undefined) {
    for (const [name, { file, node }] of mod.moduleCalls) {
      const child = childOf(name);
      if (child === undefined) continue;
      children.set(name, child);
      const expand = `module.${name} (expand)`;
      const at = { file, start: node.start, end: node.openBrace.start };
      declared.push({ address: expand, ...at, exprs: () => node.body.attributes.filter((a) => a.name === 'count' || a.name === 'for_each').map((a) => a.expr) });
      for (const a of node.body.attributes) {
        if (CALL_META.has(a.name)) continue;
        declared.push({ address: `module.${name}.var.${a.name}`, file, start: a.start, end: a.nameRange.end, exprs: () => [a.expr], also: [expand] });
      }
      const reads = inputsRead(child);
      for (const output of child.outputs.keys()) {
        declared.push({ address: `module.${name}.output.${output}`, ...at, exprs: () => [], also: [expand, ...[...(reads.get(output) ?? [])].map((v) => `module.${name}.var.${v}`)] });
      }
    }
  }
  declared.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  const nodes = new Map<string, GraphNode>();
  let order = 0;
  for (const d of declared) {
    const edges: string[] = [];
    for (const e of d.exprs()) {
      for (const t of freeTraversals(e)) {
        const steps = t.steps.map((x) => (x.kind === 'attr' ? x.name : undefined));
        for (const target of t.root === 'module' ? outputsNamed(children, steps) : [targetOf(mod, t.root, steps)]) if (target !== undefined && target !== d.address) edges.push(target);
      }
    }
    for (const a of d.also ?? []) edges.push(a);
    nodes.set(d.address, { address: d.address, file: d.file, start: d.start, end: d.end, order: order++, edges });
  }
  // An edge to an input the call does not set (a default inside) leads nowhere.
  for (const n of nodes.values()) for (let i = n.edges.length - 1; i >= 0; i--) if (!nodes.has(n.edges[i]!)) n.edges.splice(i, 1);
  return nodes;
}

/** `module.m.out` (or `module.m[0].out`): that output; `module.m` read whole: every output. Calls not followed name nothing. */
function outputsNamed(children: ReadonlyMap<string, ModuleSource>, steps: readonly (string | undefined)[]): (string | undefined)[] {
  const name = steps[0];
  const child = name !== undefined ? children.get(name) : undefined;
  if (child === undefined) return [];
  const output = steps.slice(1).find((s) => s !== undefined);
  if (output !== undefined) return child.outputs.has(output) ? [`module.${name}.output.${output}`] : [];
  return [...child.outputs.keys()].map((o) => `module.${name}.output.${o}`);
}

const inputsReadBy = new WeakMap<ModuleSource, ReadonlyMap<string, ReadonlySet<string>>>();

/** For each output of a module, the input variables its value depends on inside it (through locals, resources and data sources). */
function inputsRead(child: ModuleSource): ReadonlyMap<string, ReadonlySet<string>> {
  const cached = inputsReadBy.get(child);
  if (cached !== undefined) return cached;
  const inner = declaredNodes(child, undefined);
  const direct = (exprs: readonly Expression[]): { vars: Set<string>; nodes: string[] } => {
    const vars = new Set<string>();
    const nodes: string[] = [];
    for (const e of exprs) {
      for (const t of freeTraversals(e)) {
        const first = t.steps[0]?.kind === 'attr' ? t.steps[0].name : undefined;
        if (t.root === 'var' && first !== undefined) vars.add(first);
        else {
          const target = targetOf(child, t.root, t.steps.map((x) => (x.kind === 'attr' ? x.name : undefined)));
          if (target !== undefined) nodes.push(target);
        }
      }
    }
    return { vars, nodes };
  };
  const varsOfNode = new Map<string, ReadonlySet<string>>();
  const nodeVars = (start: string): ReadonlySet<string> => {
    const known = varsOfNode.get(start);
    if (known !== undefined) return known;
    // Every node reached from `start` (a walk, not a recursion: chains may be long), and the variables each reads.
    const out = new Set<string>();
    const seen = new Set<string>([start]);
    const work = [start];
    while (work.length > 0) {
      const address = work.pop()!;
      const decl = declaredExprs(child, address);
      const { vars, nodes } = direct(decl);
      for (const v of vars) out.add(v);
      for (const n of nodes) if (!seen.has(n) && inner.has(n)) {
        seen.add(n);
        work.push(n);
      }
    }
    varsOfNode.set(start, out);
    return out;
  };
  const result = new Map<string, ReadonlySet<string>>();
  for (const [name, { node }] of child.outputs) {
    const value = node.body.attributes.find((a) => a.name === 'value');
    const { vars, nodes } = direct(value !== undefined ? [value.expr] : []);
    const all = new Set(vars);
    for (const n of nodes) for (const v of nodeVars(n)) all.add(v);
    result.set(name, all);
  }
  inputsReadBy.set(child, result);
  return result;
}

/** The expressions of a resource, data source or local by its address in the graph. */
function declaredExprs(mod: ModuleSource, address: string): readonly Expression[] {
  if (address.startsWith('local.')) {
    const local = mod.locals.get(address.slice(6));
    return local !== undefined ? [local.node.expr] : [];
  }
  const parts = address.split('.');
  const [mode, type, name] = parts[0] === 'data' ? ['data', parts[1]!, parts[2]!] : ['managed', parts[0]!, parts[1]!];
  const decl = (mode === 'data' ? mod.dataByTypeName : mod.byTypeName).get(type)?.get(name);
  return decl !== undefined ? expressionsOf(decl.node.body) : [];
}

function cyclesOf(nodes: ReadonlyMap<string, GraphNode>, keep: (members: readonly GraphNode[]) => boolean): readonly StaticCycle[] {
  return stronglyConnected(nodes)
    .filter((members) => members.length > 1 && keep(members))
    .map((members): StaticCycle => {
      const sorted = [...members].sort((a, b) => a.order - b.order);
      const first = sorted[0]!;
      return { members: sorted.map((m) => m.address), file: first.file, start: first.start, end: first.end };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}

/** The declared node a traversal names, if any. */
function targetOf(mod: ModuleSource, root: string, steps: readonly (string | undefined)[]): string | undefined {
  const [s0, s1] = steps;
  if (s0 === undefined) return undefined;
  if (root === 'local') return mod.locals.has(s0) ? `local.${s0}` : undefined;
  if (root === 'data') return s1 !== undefined && mod.dataByTypeName.get(s0)?.has(s1) ? `data.${s0}.${s1}` : undefined;
  if (NOT_RESOURCE_TYPES.has(root)) return undefined;
  return mod.byTypeName.get(root)?.has(s0) ? `${root}.${s0}` : undefined;
}

/** Every expression of a resource or data body, nested blocks included; not ignore_changes, whose entries are attribute names. */
function expressionsOf(body: Body): Expression[] {
  const out: Expression[] = [];
  const visit = (b: Body, inLifecycle: boolean): void => {
    for (const a of b.attributes) if (!(inLifecycle && a.name === 'ignore_changes')) out.push(a.expr);
    for (const nested of b.blocks) visit(nested.body, nested.type === 'lifecycle');
  };
  visit(body, false);
  return out;
}

/** Tarjan's algorithm, iterative (a module may hold thousands of resources in one chain). */
function stronglyConnected(nodes: ReadonlyMap<string, GraphNode>): GraphNode[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: GraphNode[][] = [];
  let next = 0;
  for (const startKey of nodes.keys()) {
    if (index.has(startKey)) continue;
    const work: [string, number][] = [[startKey, 0]];
    index.set(startKey, next);
    low.set(startKey, next++);
    stack.push(startKey);
    onStack.add(startKey);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [key, i] = frame;
      const edges = nodes.get(key)!.edges;
      if (i < edges.length) {
        frame[1] = i + 1;
        const to = edges[i]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(key, Math.min(low.get(key)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(key)!));
      if (low.get(key) === index.get(key)) {
        const members: GraphNode[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(nodes.get(member)!);
        } while (member !== key);
        out.push(members);
      }
    }
  }
  return out;
}
