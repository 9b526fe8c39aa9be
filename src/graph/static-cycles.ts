// Cycles between a module's resources, data sources, locals and variable validations, read from
// the references each writes, as Terraform builds its graph before it plans ("Cycle: terraform_data.b,
// terraform_data.a"). The evaluator reads a value it is already computing as unknown, so such a
// configuration was scanned as if Terraform could plan it. Through a module call the graph goes on
// as Terraform's does: a call's inputs and its count/for_each, and each output of the module
// depending on the inputs it reads inside (moduleCycles, once the called modules are loaded). A
// block referring to itself is config-structure.ts's, and a cycle of locals alone the evaluator's
// (eval/cycle at the local).
import type { Body, Expression } from '../parsers/hcl/ast.js';
import { moduleOutputAt } from './declarations.js';
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

/** A resource, data source or local with what it reads: read once per module, for every question below. */
interface OwnNode extends GraphNode {
  /** Module outputs it reads: [call, output] (output undefined when the call is read whole). */
  readonly calls: readonly (readonly [string, string | undefined])[];
  /** Input variables it reads. */
  readonly vars: readonly string[];
}

const graphs = new WeakMap<ModuleSource, ReadonlyMap<string, OwnNode>>();

/** The module's resources, data sources and locals in source order, each with the references it writes. */
function ownGraph(mod: ModuleSource): ReadonlyMap<string, OwnNode> {
  const cached = graphs.get(mod);
  if (cached !== undefined) return cached;
  // The declarations as merged with override files (load.ts), first declarations only, in source order.
  const declared: { address: string; file: string; start: number; end: number; exprs: () => readonly Expression[] }[] = [];
  for (const { file, node } of mod.resources) {
    const [l0, l1] = node.labels;
    if (!l0 || !l1) continue;
    declared.push({ address: `${node.type === 'data' ? 'data.' : ''}${l0.value}.${l1.value}`, file, start: node.start, end: node.openBrace.start, exprs: () => expressionsOf(node.body) });
  }
  for (const [name, { file, node }] of mod.locals) declared.push({ address: `local.${name}`, file, start: node.start, end: node.nameRange.end, exprs: () => [node.expr] });
  for (const [name, { file, node }] of mod.variables) {
    const rules = node.body.blocks.filter((b) => b.type === 'validation');
    if (rules.length > 0) declared.push({ address: validationOf(name), file, start: node.start, end: node.openBrace.start, exprs: () => rules.flatMap((b) => b.body.attributes.map((a) => a.expr)) });
  }
  declared.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  const nodes = new Map<string, OwnNode>();
  let order = 0;
  for (const d of declared) {
    const { edges, calls, vars } = referencesOf(mod, d.exprs(), d.address);
    nodes.set(d.address, { address: d.address, file: d.file, start: d.start, end: d.end, order: order++, edges, calls, vars });
  }
  // Terraform 1.9+ validates a variable before anything that reads it, in a node of its own that
  // reads what the conditions and messages read: "Cycle: var.env (validation), terraform_data.x"
  // (terraform validate 1.11.4) when the resource reads var.env and the validation reads the
  // resource. So what reads a variable with validations depends on that node.
  for (const n of nodes.values()) {
    for (const v of n.vars) {
      const to = validationOf(v);
      if (to !== n.address && nodes.has(to) && !n.edges.includes(to)) n.edges.push(to);
    }
  }
  graphs.set(mod, nodes);
  return nodes;
}

/** The graph node of a variable's validations, named as Terraform's cycle errors name it. */
function validationOf(name: string): string {
  return `var.${name} (validation)`;
}

/** What expressions read: declared nodes of the module (not `self`), module outputs, input variables. */
function referencesOf(mod: ModuleSource, exprs: readonly Expression[], self: string | undefined): { edges: string[]; calls: [string, string | undefined][]; vars: string[] } {
  const edges: string[] = [];
  const calls: [string, string | undefined][] = [];
  const vars: string[] = [];
  for (const e of exprs) {
    for (const t of freeTraversals(e)) {
      const steps = t.steps.map((x) => (x.kind === 'attr' ? x.name : undefined));
      if (t.root === 'module') {
        // Past an instance key (module.c["a"].out; module.c.a.out of a call with for_each); module.k.a
        // of a call with count is an error (said by the evaluation), and reads nothing. Not
        // moduleOutputStepAt: an index is an instance key in Terraform's graph even where its value is
        // an output (module.db["out"] of a call with neither depends on the whole call: a cycle there,
        // terraform plan 1.11.4).
        const at = moduleOutputAt(mod, t.steps);
        if (steps[0] !== undefined && at !== undefined) calls.push([steps[0], steps.slice(at).find((x) => x !== undefined)]);
      } else if (t.root === 'var') {
        if (steps[0] !== undefined) vars.push(steps[0]);
      } else {
        const target = targetOf(mod, t.root, steps);
        if (target !== undefined && target !== self) edges.push(target);
      }
    }
  }
  return { edges, calls, vars };
}

const found = new WeakMap<ModuleSource, readonly StaticCycle[]>();

/** The cycles of two or more members with a resource, data source or validation among them; once per module. */
export function staticCycles(mod: ModuleSource): readonly StaticCycle[] {
  const cached = found.get(mod);
  if (cached !== undefined) return cached;
  const cycles = cyclesOf(ownGraph(mod), (members) => members.some((m) => !m.address.startsWith('local.')));
  found.set(mod, cycles);
  return cycles;
}

const members = new WeakMap<ModuleSource, ReadonlySet<string>>();

/**
 * Whether `address` (`local.prefix`) is on a cycle staticCycles reports. The evaluator meets a cycle
 * of locals through a variable's validation as one of locals alone (reading var.env runs its
 * validation, which reads local.prefix again), and leaves it to the report here, which names it as
 * Terraform does ("Cycle: var.env (validation), local.prefix (expand)", terraform validate 1.11.4).
 */
export function inStaticCycle(mod: ModuleSource, address: string): boolean {
  let set = members.get(mod);
  if (set === undefined) members.set(mod, (set = new Set(staticCycles(mod).flatMap((c) => c.members))));
  return set.has(address);
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
  let cycles: readonly StaticCycle[] = [];
  const children = new Map<string, ModuleSource>();
  for (const name of mod.moduleCalls.keys()) {
    const child = childOf(name);
    if (child !== undefined) children.set(name, child);
  }
  if (children.size > 0) cycles = cyclesOf(withCalls(mod, children), (members) => members.some((m) => m.address.startsWith('module.')));
  throughCalls.set(mod, cycles);
  return cycles;
}

/** A module call's arguments that are no inputs of the module. */
const CALL_META = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

/**
 * The module's own graph with its calls of loaded modules: each input, the call's expansion, and
 * each output read (with the inputs it reads inside). An output nothing reads, and an input no such
 * output reads, cannot be on a cycle, and are left out: a root calling a module sixty times with
 * sixty outputs each would make thousands of nodes for nothing.
 */
function withCalls(mod: ModuleSource, children: ReadonlyMap<string, ModuleSource>): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const read = new Set<string>();
  /** Edges to the outputs read, by [call, output]; a call read whole reads every output. */
  const toOutputs = (calls: readonly (readonly [string, string | undefined])[]): string[] => {
    const out: string[] = [];
    for (const [call, output] of calls) {
      const child = children.get(call);
      if (child === undefined) continue;
      for (const o of output !== undefined ? (child.outputs.has(output) ? [output] : []) : child.outputs.keys()) out.push(`module.${call}.output.${o}`);
    }
    for (const o of out) read.add(o);
    return out;
  };
  let order = 0;
  for (const n of ownGraph(mod).values()) nodes.set(n.address, { ...n, order: order++, edges: [...n.edges, ...toOutputs(n.calls)] });
  const validationsOf = (vars: readonly string[]): string[] => vars.map(validationOf).filter((v) => nodes.has(v));
  // Inputs and expansions first (what they read counts as read), then the outputs read, then the inputs those reach.
  const inputs: GraphNode[] = [];
  const calls: { name: string; child: ModuleSource; expand: string; at: { file: string; start: number; end: number }; set: ReadonlySet<string> }[] = [];
  for (const [name, child] of children) {
    const { file, node } = mod.moduleCalls.get(name)!;
    const expand = `module.${name} (expand)`;
    const at = { file, start: node.start, end: node.openBrace.start };
    const meta = referencesOf(mod, node.body.attributes.filter((a) => a.name === 'count' || a.name === 'for_each').map((a) => a.expr), undefined);
    nodes.set(expand, { address: expand, ...at, order: order++, edges: [...meta.edges, ...toOutputs(meta.calls), ...validationsOf(meta.vars)] });
    const set = new Set<string>();
    for (const a of node.body.attributes) {
      if (CALL_META.has(a.name)) continue;
      set.add(a.name);
      const refs = referencesOf(mod, [a.expr], undefined);
      inputs.push({ address: `module.${name}.var.${a.name}`, file, start: a.start, end: a.nameRange.end, order: order++, edges: [...refs.edges, ...toOutputs(refs.calls), ...validationsOf(refs.vars), expand] });
    }
    calls.push({ name, child, expand, at, set });
  }
  const reachedInputs = new Set<string>();
  for (const { name, child, expand, at, set } of calls) {
    for (const [output, vars] of inputsRead(child)) {
      const address = `module.${name}.output.${output}`;
      if (!read.has(address)) continue;
      // An input the call does not set (the module's default) depends on nothing here.
      const edges = [expand];
      for (const v of vars) {
        if (!set.has(v)) continue;
        edges.push(`module.${name}.var.${v}`);
        reachedInputs.add(`module.${name}.var.${v}`);
      }
      nodes.set(address, { address, ...at, order: order++, edges });
    }
  }
  for (const input of inputs) if (reachedInputs.has(input.address)) nodes.set(input.address, input);
  // Edges to outputs and inputs left out lead nowhere.
  for (const n of nodes.values()) if (n.edges.some((e) => !nodes.has(e))) nodes.set(n.address, { ...n, edges: n.edges.filter((e) => nodes.has(e)) });
  return nodes;
}

const inputsReadBy = new WeakMap<ModuleSource, ReadonlyMap<string, ReadonlySet<string>>>();

/** For each output of a module, the input variables its value depends on inside it (through locals, resources and data sources). */
function inputsRead(child: ModuleSource): ReadonlyMap<string, ReadonlySet<string>> {
  const cached = inputsReadBy.get(child);
  if (cached !== undefined) return cached;
  const graph = ownGraph(child);
  // The variables each node reaches, each node once (a depth-first walk, not a recursion: chains may
  // be long; a node on a cycle, which Terraform refuses anyway, counts what was reached before it).
  const reached = new Map<string, Set<string>>();
  const varsOf = (start: string): ReadonlySet<string> => {
    const done = reached.get(start);
    if (done !== undefined) return done;
    const stack: [string, number][] = [[start, 0]];
    reached.set(start, new Set(graph.get(start)?.vars ?? []));
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edges = graph.get(frame[0])?.edges ?? [];
      if (frame[1] < edges.length) {
        const next = edges[frame[1]++]!;
        if (!reached.has(next)) {
          reached.set(next, new Set(graph.get(next)?.vars ?? []));
          stack.push([next, 0]);
        }
        continue;
      }
      stack.pop();
      const own = reached.get(frame[0])!;
      for (const e of edges) for (const v of reached.get(e)!) own.add(v);
    }
    return reached.get(start)!;
  };
  const result = new Map<string, ReadonlySet<string>>();
  for (const [name, { node }] of child.outputs) {
    const value = node.body.attributes.find((a) => a.name === 'value');
    const refs = referencesOf(child, value !== undefined ? [value.expr] : [], undefined);
    const all = new Set(refs.vars);
    for (const n of refs.edges) for (const v of varsOf(n)) all.add(v);
    result.set(name, all);
  }
  inputsReadBy.set(child, result);
  return result;
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
