// How Terragrunt merges an included configuration (the parent) into the one that includes it (the
// child), as its reference documents `include` (docs/reference/hcl/blocks, "include" and "What is
// deep merge?"):
// - `merge_strategy` takes `no_merge` (the parent is read, and exposed if asked, but nothing of it
//   is merged), `shallow` (the default: the child's top-level keys replace the parent's) or `deep`.
//   Any other value is refused: Terragrunt stops with an invalid merge strategy error.
// - A deep merge: for simple types the child overrides the parent; lists are concatenated (the
//   parent's items, then the child's); maps are merged recursively, key by key.
// - `locals` are never merged, whatever the strategy: each file reads its own (and an exposed
//   include's, through include.<label>.locals).
// - `remote_state` and `generate` are not deep mergeable: even in a deep merge the child's block
//   replaces the parent's (generate blocks by name), as in a shallow merge.
// - `terraform.source`: the child's when it sets one.
// - With several includes the last one written wins over the earlier ones, the child over all
//   (Terragrunt merges them bottom up).
import { ListV, ObjV, Unk, obj, unk, type Val } from './value.js';

export type MergeStrategy = 'no_merge' | 'shallow' | 'deep';

const STRATEGIES: ReadonlySet<string> = new Set<MergeStrategy>(['no_merge', 'shallow', 'deep']);

export function isMergeStrategy(value: string): value is MergeStrategy {
  return STRATEGIES.has(value);
}

/** What merges of one configuration: its inputs (each with where it is written) and its blocks. */
export interface Mergeable<I extends { readonly value: Val }, G, R, S> {
  readonly inputs: Map<string, I>;
  readonly inputsValue: Val;
  readonly source?: S;
  readonly generate: Map<string, G>;
  readonly remoteState?: R;
}

/**
 * The child with the parent merged in by `strategy` (not no_merge). The child's own locals and
 * everything else it holds are kept; `withValue` gives an input with another value (a deep merge
 * of the parent's and the child's), where the child writes it.
 */
export function mergeIncluded<I extends { readonly value: Val }, G, R, S, C extends Mergeable<I, G, R, S>>(parent: Mergeable<I, G, R, S>, child: C, strategy: 'shallow' | 'deep', withValue: (input: I, value: Val) => I): C {
  const inputs = new Map(parent.inputs);
  for (const [k, v] of child.inputs) {
    const under = inputs.get(k);
    inputs.set(k, strategy === 'deep' && under !== undefined ? withValue(v, deepMerge(under.value, v.value)) : v);
  }
  const generate = new Map(parent.generate);
  for (const [k, g] of child.generate) generate.set(k, g);
  const source = child.source ?? parent.source;
  const remoteState = child.remoteState ?? parent.remoteState;
  return {
    ...child,
    inputs,
    inputsValue: mergeObjects(parent.inputsValue, child.inputsValue, strategy),
    generate,
    ...(source !== undefined ? { source } : {}),
    ...(remoteState !== undefined ? { remoteState } : {}),
  };
}

/** The attributes of a `dependency` block a merge reads, each evaluated where its block is written (absent: not set). */
export interface DependencyAttrs {
  readonly configPath?: Val;
  readonly skipOutputs?: Val;
  readonly mockOutputs?: Val;
  readonly allowedCommands?: Val;
  /** `enabled` (Terragrunt 0.55+): false skips the dependency. */
  readonly enabled?: Val;
}

/**
 * The dependency blocks of a child with those of a configuration it includes merged in. Terragrunt
 * merges them before it reads any outputs, so the child reads the parent's blocks as its own
 * (pkg/config/include.go, handleIncludeForDependency; the docs' deep merge example reads in the
 * child a dependency only the parent declares). Shallow: by name, the child's block replaces the
 * parent's ("Dependency blocks are shallow merged by name"). Deep: a block both declare has the
 * child's attributes over the parent's, mock_outputs deep merged and
 * mock_outputs_allowed_terraform_commands concatenated (Dependency.DeepMerge). A no_merge include
 * merges none of them: the caller leaves it out.
 */
export function mergeDependencies<D extends DependencyAttrs>(parent: ReadonlyMap<string, D>, child: ReadonlyMap<string, D>, strategy: 'shallow' | 'deep'): Map<string, D> {
  const merged = new Map(parent);
  for (const [name, block] of child) {
    const under = merged.get(name);
    if (strategy === 'shallow' || under === undefined) {
      merged.set(name, block);
      continue;
    }
    const both = (a: Val | undefined, b: Val | undefined): Val | undefined => (a === undefined ? b : b === undefined ? a : deepMerge(a, b));
    const mockOutputs = both(under.mockOutputs, block.mockOutputs);
    const allowedCommands = both(under.allowedCommands, block.allowedCommands);
    // Attributes are never set to undefined (absent instead): what the child leaves out stays the parent's.
    merged.set(name, { ...under, ...block, ...(mockOutputs !== undefined ? { mockOutputs } : {}), ...(allowedCommands !== undefined ? { allowedCommands } : {}) });
  }
  return merged;
}

/** Two `inputs` objects merged; an unknown one leaves the merged keys unknown. */
function mergeObjects(parent: Val, child: Val, strategy: 'shallow' | 'deep'): Val {
  if (child instanceof Unk) return child;
  if (parent instanceof Unk) return parent;
  if (!(parent instanceof ObjV) || !(child instanceof ObjV)) return child;
  if (strategy === 'deep') return deepMerge(parent, child);
  return withOpen(obj([...parent.attrs, ...child.attrs], child.kind), child.open ?? parent.open);
}

/**
 * Terragrunt's deep merge of one value: maps recursively, lists concatenated (the parent's items
 * first), anything else the child's. An unknown child may be a map or list the parent's would merge
 * with, so the result is unknown; an unknown parent under a child map or list likewise.
 */
export function deepMerge(parent: Val, child: Val): Val {
  if (child instanceof Unk) return child;
  if (parent instanceof ObjV && child instanceof ObjV) {
    const attrs = new Map(parent.attrs);
    for (const [k, v] of child.attrs) {
      const under = attrs.get(k);
      attrs.set(k, under === undefined ? v : deepMerge(under, v));
    }
    return withOpen(obj(attrs, child.kind), child.open ?? parent.open);
  }
  if (parent instanceof ListV && child instanceof ListV) return new ListV([...parent.items, ...child.items], 'tuple');
  if (parent instanceof Unk && (child instanceof ObjV || child instanceof ListV)) return unk(`a deep merge with an included value that is not known to this scan (${parent.reason})`);
  return child;
}

/** An object whose attributes not written are unknown (`open`: a dependency's outputs), kept so through a merge. */
function withOpen(o: ObjV, open: string | undefined): ObjV {
  return open === undefined ? o : new ObjV(o.attrs, o.kind, open);
}
