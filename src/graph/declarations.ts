// What a declaration says about itself, read once per syntax node: every instance of a module (and
// every scan unit that loads it) asks the same questions of the same blocks.
import type { Attribute, Block, Body, Expression, TraversalStep } from '../parsers/hcl/ast.js';
import type { Sourced } from '../model/sourced.js';
import type { Span } from '../source/span.js';
import type { Memo } from './instance.js';
import type { Val } from './value.js';
import { literalString, type ModuleSource } from './load.js';

const attributeIndexes = new WeakMap<Body, ReadonlyMap<string, Attribute>>();

/**
 * The attribute `name` of a body (the first one, as the parser keeps it). Large bodies (a module
 * block with many inputs, looked up once per variable of the module) are indexed once.
 */
export function attributeOf(body: Body, name: string): Attribute | undefined {
  const attrs = body.attributes;
  if (attrs.length <= 8) {
    for (const a of attrs) if (a.name === name) return a;
    return undefined;
  }
  let index = attributeIndexes.get(body);
  if (index === undefined) {
    const byName = new Map<string, Attribute>();
    for (const a of attrs) if (!byName.has(a.name)) byName.set(a.name, a);
    index = byName;
    attributeIndexes.set(body, index);
  }
  return index.get(name);
}

/** A `variable` block's arguments that do not depend on the module instance. */
export interface VariableShape {
  readonly defaultAttr: Attribute | undefined;
  readonly typeAttr: Attribute | undefined;
  /** `sensitive = true`, as Terraform reads it without an evaluation context (constantBool). */
  readonly sensitive: boolean;
  /** false only for `nullable = false` written as a literal. */
  readonly nullable: boolean;
  /** `ephemeral = true` (Terraform 1.10): the value is kept out of plan and state files, and never displayed. */
  readonly ephemeral: boolean;
  readonly description: string | undefined;
  /** The `validation` blocks' conditions, with their error_message when it is a plain string. */
  readonly validations: readonly { readonly condition: Attribute; readonly message: string | undefined }[];
  /**
   * Filled in by the evaluator, once per declaration, in this one record (a WeakMap entry per
   * cache per declaration cost more than the lookups they saved): the default as written
   * (defaults are constants), the memo every instance without an input shares, and that memo's
   * model value and default.
   */
  written?: { readonly value: Val; readonly span: Span };
  sharedMemo?: Memo;
  sharedParts?: { readonly default: Sourced | undefined; readonly value: Sourced };
}

const variableShapes = new WeakMap<Block, VariableShape>();

function validationsOf(block: Block): VariableShape['validations'] {
  const out: { condition: Attribute; message: string | undefined }[] = [];
  for (const b of block.body.blocks) {
    if (b.type !== 'validation') continue;
    const condition = attributeOf(b.body, 'condition');
    if (condition) out.push({ condition, message: literalString(attributeOf(b.body, 'error_message')?.expr) });
  }
  return out;
}

export function variableShape(block: Block): VariableShape {
  let shape = variableShapes.get(block);
  if (shape === undefined) {
    // One pass over the arguments, keeping the first of each name (as attributeOf would), instead of a search per argument.
    let defaultAttr: Attribute | undefined;
    let typeAttr: Attribute | undefined;
    let sensitiveAttr: Attribute | undefined;
    let nullableAttr: Attribute | undefined;
    let ephemeralAttr: Attribute | undefined;
    let descriptionAttr: Attribute | undefined;
    const attrs = block.body.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i]!;
      switch (a.name) {
        case 'default':
          defaultAttr ??= a;
          break;
        case 'type':
          typeAttr ??= a;
          break;
        case 'sensitive':
          sensitiveAttr ??= a;
          break;
        case 'nullable':
          nullableAttr ??= a;
          break;
        case 'ephemeral':
          ephemeralAttr ??= a;
          break;
        case 'description':
          descriptionAttr ??= a;
          break;
        default:
          break;
      }
    }
    const sensitive = sensitiveAttr?.expr;
    const nullable = nullableAttr?.expr;
    shape = {
      defaultAttr,
      typeAttr,
      sensitive: sensitive !== undefined && constantBool(sensitive) === true,
      nullable: nullable === undefined || constantBool(nullable) !== false,
      ephemeral: ephemeralAttr !== undefined && constantBool(ephemeralAttr.expr) === true,
      description: literalString(descriptionAttr?.expr),
      validations: validationsOf(block),
      written: undefined,
      sharedMemo: undefined,
      sharedParts: undefined,
    };
    variableShapes.set(block, shape);
  }
  return shape;
}

/** A `resource` or `data` block's labels and the addresses made of them, which every instance shares. */
export interface ResourceShape {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `type.name` or `data.type.name`: the address inside its module. */
  readonly local: string;
  /** The provider the block names (or its type implies): one object, which every instance's model resource shares. */
  readonly provider: { readonly name: string; readonly alias?: string };
}

/**
 * Only for blocks in ModuleSource.resources, which have both labels. Read once per block by the
 * module's plan (module-plan.ts), where instances find it by slot: no memo by block of its own.
 */
export function resourceShape(block: Block): ResourceShape {
  const mode = block.type === 'data' ? 'data' : 'managed';
  const type = block.labels[0]!.value;
  const name = block.labels[1]!.value;
  return { mode, type, name, local: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`, provider: providerOf(block, type) };
}

/** The provider a resource, data source or ephemeral block names with `provider = name.alias`, else the one its type implies. */
export function providerOf(block: Block, type: string): { name: string; alias?: string } {
  const expr = block.body.attributes.find((a) => a.name === 'provider')?.expr;
  if (expr?.type === 'traversal') {
    const alias = expr.steps[0]?.kind === 'attr' ? expr.steps[0].name : undefined;
    return alias ? { name: expr.root, alias } : { name: expr.root };
  }
  const underscore = type.indexOf('_');
  return { name: underscore > 0 ? type.slice(0, underscore) : type };
}

/** A resource or module block's `count` and `for_each` arguments. */
export interface Repetition {
  readonly count: Attribute | undefined;
  readonly forEach: Attribute | undefined;
}

const NOT_REPEATED: Repetition = { count: undefined, forEach: undefined };
const repetitions = new WeakMap<Block, Repetition>();

/** Read once per block: every instance of its module expands it. */
export function repetitionOf(block: Block): Repetition {
  let found = repetitions.get(block);
  if (found === undefined) {
    const count = attributeOf(block.body, 'count');
    const forEach = attributeOf(block.body, 'for_each');
    found = count === undefined && forEach === undefined ? NOT_REPEATED : { count, forEach };
    repetitions.set(block, found);
  }
  return found;
}

/**
 * Where the output is among the steps of `module.<call>…` (steps[0] names the call): past an instance
 * key, written as an index (`module.c["a"].out`, `module.c[0].out`) or, of a call with for_each, as
 * an attribute. Terraform reads such a call as an object of its instances, so `module.c.a` is
 * instance "a" as `module.c["a"]` is (terraform plan 1.11.4 gives `module.c.a.out` as output "out" of
 * instance "a"). Of a call with count, `module.c.a` is an error ("Can't access attributes on a list
 * of objects", said by the evaluation), and undefined (no output is read); of one without either,
 * steps[1] is the output.
 */
export function moduleOutputAt(mod: ModuleSource, steps: readonly TraversalStep[]): number | undefined {
  const key = steps[1];
  if (key?.kind === 'index') return 2;
  const call = key === undefined || steps[0]?.kind !== 'attr' ? undefined : mod.moduleCalls.get(steps[0].name);
  if (call === undefined) return 1;
  const { count, forEach } = repetitionOf(call.node);
  return forEach !== undefined ? 2 : count !== undefined ? undefined : 1;
}

/**
 * moduleOutputAt, but of a call with neither count nor for_each an index is its output, as an
 * attribute is: the call is an object of its outputs (terraform plan 1.11.4 prints
 * `module.db["plain"]` and `local.x["plain"]` with `x = module.db`, and refuses them of an output
 * holding a sensitive or an ephemeral value).
 */
export function moduleOutputStepAt(mod: ModuleSource, steps: readonly TraversalStep[]): number | undefined {
  const call = steps[0]?.kind === 'attr' && steps[1]?.kind === 'index' ? mod.moduleCalls.get(steps[0].name) : undefined;
  if (call !== undefined) {
    const { count, forEach } = repetitionOf(call.node);
    if (count === undefined && forEach === undefined) return 1;
  }
  return moduleOutputAt(mod, steps);
}

/**
 * The output a called module's instance is read by: an attribute (`.out`), or an index written as a
 * string (`module.db["out"]` of a call without count or for_each, `module.c.a["out"]` of one with
 * for_each: plan 1.11.4 gives both as output "out"; `local.c["a"]["out"]` of `c = module.c` too).
 * Written in a reference, `module.c["a"]["out"]` is refused by Terraform ("Invalid reference: Module
 * instance objects do not support this operation"), which the evaluation says.
 */
export function outputNameAt(steps: readonly TraversalStep[], at: number): string | undefined {
  const step = steps[at];
  return step?.kind === 'attr' ? step.name : typeof step?.key === 'string' ? step.key : undefined;
}

/** An `output` block's value argument and whether `sensitive = true` is written (a constant, as Terraform requires: constantBool). */
export interface OutputShape {
  readonly valueAttr: Attribute | undefined;
  readonly sensitive: boolean;
  /** `ephemeral = true` (Terraform 1.10+), read as Terraform's loader reads it (a constant bool). */
  readonly ephemeral: boolean;
}

/**
 * Read once per block, by the module's plan (module-plan.ts), which every instance of the module
 * reads it from: no memo of its own (a WeakMap entry per output block cost more than reading it).
 */
export function outputShape(block: Block): OutputShape {
  const sensitive = attributeOf(block.body, 'sensitive')?.expr;
  const ephemeral = attributeOf(block.body, 'ephemeral')?.expr;
  return { valueAttr: attributeOf(block.body, 'value'), sensitive: sensitive !== undefined && constantBool(sensitive) === true, ephemeral: ephemeral !== undefined && constantBool(ephemeral) === true };
}

/**
 * A bool Terraform reads with no evaluation context (gohcl.DecodeExpression(expr, nil, &bool)):
 * `true`, `(true)`, `"true"`, `"1"`, `!false`, `"${true}"`, `1 == 1`, `true && true` and a
 * conditional of constants alike, converted as cty converts a string ("true", "false", "1", "0");
 * undefined for anything that needs evaluating or is no bool. Checked against terraform plan 1.11
 * (an output with `sensitive = "${true}"` is sensitive).
 */
export function constantBool(expr: Expression): boolean | undefined {
  const v = constantOf(expr);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** A folded constant: a number is boxed, so it compares by value and is never taken for a string. */
type Constant = boolean | string | { readonly number: number } | null;

/** The value of a constant expression of bools, strings and numbers, folded without an evaluator. */
function constantOf(expr: Expression): Constant | undefined {
  switch (expr.type) {
    case 'literal':
      return typeof expr.value === 'object' && expr.value !== null ? { number: Number(expr.value.number) } : expr.value;
    case 'parens':
      return constantOf(expr.expr);
    case 'unary': {
      const inner = constantOf(expr.operand);
      return expr.op === '!' && typeof inner === 'boolean' ? !inner : undefined;
    }
    case 'template': {
      // A template that is one interpolation is that value; otherwise its parts as text.
      if (expr.parts.length === 1 && expr.parts[0]!.kind === 'interpolation') return constantOf(expr.parts[0]!.expr);
      let text = '';
      for (const part of expr.parts) {
        if (part.kind === 'literal') text += part.value;
        else if (part.kind === 'interpolation') {
          const v = constantOf(part.expr);
          if (typeof v === 'string') text += v;
          else if (typeof v === 'boolean') text += String(v);
          else return undefined;
        } else return undefined;
      }
      return text;
    }
    case 'binary': {
      const [l, r] = [constantOf(expr.left), constantOf(expr.right)];
      if (l === undefined || r === undefined) return undefined;
      if (expr.op === '&&' || expr.op === '||') return typeof l === 'boolean' && typeof r === 'boolean' ? (expr.op === '&&' ? l && r : l || r) : undefined;
      if (expr.op === '==' || expr.op === '!=') {
        // Only like types are folded: Terraform's equality across types is left to the evaluator.
        if (typeof l !== typeof r || (l === null) !== (r === null)) return undefined;
        const same = l !== null && typeof l === 'object' ? l.number === (r as { number: number }).number : l === r;
        return expr.op === '==' ? same : !same;
      }
      return undefined;
    }
    case 'conditional': {
      const cond = constantOf(expr.cond);
      return typeof cond === 'boolean' ? constantOf(cond ? expr.then : expr.else) : undefined;
    }
    default:
      return undefined;
  }
}
