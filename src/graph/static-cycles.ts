// Cycles between a module's resources, data sources and locals, read from the references each
// writes, as Terraform builds its graph before it plans ("Cycle: terraform_data.b,
// terraform_data.a"). The evaluator reads a value it is already computing as unknown, so such a
// configuration was scanned as if Terraform could plan it. Module calls are left out: whether a
// call's input and output form a cycle depends on what the module does inside, so an edge through
// one could be a false cycle. A block referring to itself is config-structure.ts's, and a cycle of
// locals alone the evaluator's (eval/cycle at the local).
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
  const nodes = new Map<string, GraphNode>();
  let order = 0;
  const add = (address: string, file: string, start: number, end: number, exprs: readonly Expression[]): void => {
    const edges: string[] = [];
    for (const e of exprs) for (const t of freeTraversals(e)) {
      const target = targetOf(mod, t.root, t.steps.map((s) => (s.kind === 'attr' ? s.name : undefined)));
      if (target !== undefined && target !== address) edges.push(target);
    }
    nodes.set(address, { address, file, start, end, order: order++, edges });
  };
  // The declarations as merged with override files (load.ts), first declarations only, in source order.
  const declared: { address: string; file: string; start: number; end: number; exprs: () => readonly Expression[] }[] = [];
  for (const { file, node } of mod.resources) {
    const [l0, l1] = node.labels;
    if (!l0 || !l1) continue;
    declared.push({ address: `${node.type === 'data' ? 'data.' : ''}${l0.value}.${l1.value}`, file, start: node.start, end: node.openBrace.start, exprs: () => expressionsOf(node.body) });
  }
  for (const [name, { file, node }] of mod.locals) declared.push({ address: `local.${name}`, file, start: node.start, end: node.nameRange.end, exprs: () => [node.expr] });
  declared.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  for (const d of declared) add(d.address, d.file, d.start, d.end, d.exprs());
  const cycles = stronglyConnected(nodes)
    .filter((members) => members.length > 1 && members.some((m) => !m.address.startsWith('local.')))
    .map((members): StaticCycle => {
      const sorted = [...members].sort((a, b) => a.order - b.order);
      const first = sorted[0]!;
      return { members: sorted.map((m) => m.address), file: first.file, start: first.start, end: first.end };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  found.set(mod, cycles);
  return cycles;
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
