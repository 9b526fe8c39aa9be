// A module's variables, locals and outputs, numbered once per loaded module (loaded modules are
// shared by the units of a scan, see moduleOf in load.ts, so nothing here depends on a unit). Each
// instance keeps its memos in arrays indexed by these slots, instead of a Map per instance that
// grows with each name it memoises, and reads each declaration's shape from here instead of
// looking it up by syntax node (every caller instantiates the module, and each instance
// materialises every variable and output).
import type { Attribute, Block, TraversalExpr } from '../parsers/hcl/ast.js';
import { outputShape, resourceShape, variableShape, type OutputShape, type ResourceShape, type VariableShape } from './declarations.js';
import type { Declared, ModuleSource } from './load.js';
import type { KeptReading } from './sensitive-outputs.js';
import type { Span } from '../source/span.js';

/*
 * The spans below are filled in on first use. A node's span is the same object for every unit and
 * instance (SpanFactory keeps spans per parsed file and node), so the slot keeps it instead of each
 * instance looking it up again in the file's map of node spans.
 */

export interface VariableSlot {
  readonly name: string;
  readonly decl: Declared<Block>;
  readonly shape: VariableShape;
  /** The variable block's span. */
  span: Span | undefined;
}

export interface LocalSlot {
  readonly name: string;
  readonly decl: Declared<Attribute>;
  /** `local.name`, for diagnostics: made once, not per evaluation. */
  readonly what: string;
  /** The local's attribute span (name through value). */
  span: Span | undefined;
}

export interface OutputSlot extends KeptReading {
  readonly name: string;
  readonly decl: Declared<Block>;
  readonly shape: OutputShape;
  /** `output "name"`, for diagnostics. */
  readonly what: string;
  /** The resource attributes the value refers to, filled in on first use. */
  referencedAttributes: readonly string[] | undefined;
  /** The module's variables the value reads, directly or through locals, filled in on first use. */
  readsVariables: readonly string[] | undefined;
  /** The output block's span. */
  blockSpan: Span | undefined;
  /** The value attribute's span (name through value). */
  valueSpan: Span | undefined;
}

/** What kind of declaration a traversal's root names (see Reference). */
export const enum RefKind {
  Resource,
  /** A declared module call: `module.name...`. */
  Module,
  /** Anything else (path, terraform, self, an undeclared resource, ...): the evaluator's general path. */
  Other,
}

/**
 * What a traversal written in the module refers to: found on its first evaluation and the same for
 * every instance (it depends on the module's declarations only). One shape for every kind.
 */
export interface Reference {
  readonly kind: RefKind;
  /** The resource's slot: its position in ModuleSource.resources. */
  readonly slot: number;
  /** The steps the name used: 1 for `aws_s3_bucket.b`, 2 for `data.aws_iam_policy_document.p`. */
  readonly from: number;
  /** The module call's name ('' for other kinds). */
  readonly name: string;
}

export interface ModulePlan {
  /** In declaration order, as ModuleSource keeps them. */
  readonly variables: readonly VariableSlot[];
  readonly variableSlots: ReadonlyMap<string, number>;
  readonly locals: readonly LocalSlot[];
  readonly localSlots: ReadonlyMap<string, number>;
  /** The variables without a default (a caller must set them), in declaration order. */
  readonly required: readonly VariableSlot[];
  readonly outputs: readonly OutputSlot[];
  readonly outputSlots: ReadonlyMap<string, number>;
  /**
   * Traversals of resources, data sources, module calls and other roots (not `var` and `local`) by
   * syntax node, filled in as they are first resolved: every later evaluation (each instance, each
   * count index) skips the root's string switch and the name lookups.
   */
  readonly references: Map<TraversalExpr, Reference>;
  /** Each resource and data block's shape, by slot (its position in ModuleSource.resources). */
  readonly resourceShapes: readonly ResourceShape[];
  /** Resource and data blocks by declaration: their position in ModuleSource.resources. */
  readonly resourceSlots: ReadonlyMap<Declared<Block>, number>;
}

const plans = new WeakMap<ModuleSource, ModulePlan>();

/** Once per loaded module (a scan loads its modules once; each unit of a scan loads its own). */
export function modulePlan(mod: ModuleSource): ModulePlan {
  let plan = plans.get(mod);
  if (plan === undefined) {
    plan = buildPlan(mod);
    plans.set(mod, plan);
  }
  return plan;
}

function buildPlan(mod: ModuleSource): ModulePlan {
  const variables: VariableSlot[] = [];
  const variableSlots = new Map<string, number>();
  for (const [name, decl] of mod.variables) {
    variableSlots.set(name, variables.length);
    variables.push({ name, decl, shape: variableShape(decl.node), span: undefined });
  }
  const locals: LocalSlot[] = [];
  const localSlots = new Map<string, number>();
  for (const [name, decl] of mod.locals) {
    localSlots.set(name, locals.length);
    locals.push({ name, decl, what: `local.${name}`, span: undefined });
  }
  const outputs: OutputSlot[] = [];
  const outputSlots = new Map<string, number>();
  for (const [name, decl] of mod.outputs) {
    outputSlots.set(name, outputs.length);
    outputs.push({ name, decl, shape: outputShape(decl.node), what: `output "${name}"`, referencedAttributes: undefined, readsVariables: undefined, blockSpan: undefined, valueSpan: undefined, contained: undefined });
  }
  const resourceShapes: ResourceShape[] = [];
  const resourceSlots = new Map<Declared<Block>, number>();
  for (let slot = 0; slot < mod.resources.length; slot++) {
    resourceShapes.push(resourceShape(mod.resources[slot]!.node));
    resourceSlots.set(mod.resources[slot]!, slot);
  }
  const required = variables.filter((v) => v.shape.defaultAttr === undefined);
  return { variables, variableSlots, required, locals, localSlots, outputs, outputSlots, references: new Map(), resourceShapes, resourceSlots };
}
