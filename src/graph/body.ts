// Evaluating a block body: each attribute with its span and provenance, nested blocks with
// `dynamic` blocks expanded. Evaluation errors become diagnostics and unknown values, so one bad
// expression never hides the rest of the resource.
import type { Attribute, Block, Body } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { sameSpan, type Span } from '../source/span.js';
import { entriesOf, Trace, type Evaluator, type Scope } from './evaluate.js';
import type { SpanFactory } from './parse.js';
import { isMaskedName } from '../detectors/names.js';
import { labelNamesSecret, refersToSecretName } from './secret-names.js';
import { EvalError, ListV, ObjV, Unk, evalErrorSeverity, obj, severityByOrigin, unk, untyped, withoutValues, type Val } from './value.js';

export interface AttrResult {
  readonly value: Val;
  /** The attribute: name through end of expression. */
  readonly span: Span;
  /** Origin first, then each hop (tfvars line, variable default, local, module input). */
  readonly via: readonly Span[];
  readonly sensitive: boolean;
  /** Marked only through one-way functions (`sha256(var.pw)`, Trace.onlyHashedMarks). */
  readonly onlyHashedMarks?: boolean;
}

export interface EvaluatedBody {
  readonly span: Span;
  readonly attrs: ReadonlyMap<string, AttrResult>;
  readonly blocks: readonly EvaluatedBlock[];
}

export interface EvaluatedBlock extends EvaluatedBody {
  readonly type: string;
  readonly labels: readonly string[];
}

export interface BodyContext {
  readonly evaluator: Evaluator;
  readonly spans: SpanFactory;
  readonly file: string;
  report(d: Diagnostic): void;
  /** Resource references collected across the body (configAddress form). */
  readonly refs: Set<string>;
}

const spanKeys = new WeakMap<Span, string>();

function spanKey(s: Span): string {
  let k = spanKeys.get(s);
  if (k === undefined) {
    k = `${s.file}:${s.start.offset}:${s.end.offset}`;
    spanKeys.set(s, k);
  }
  return k;
}

/** One empty provenance list for every value that travelled nowhere (most of them): lists are never changed. */
const NO_SPANS: readonly Span[] = Object.freeze([]);

/**
 * Spans in first-seen order without repeats (SpanFactory shares span objects, so keys are cached per
 * span). Returns `spans` itself when nothing is dropped: callers pass a list they no longer change
 * (a finished trace's hops), and most lists have no repeats.
 */
export function dedupeSpans(spans: readonly Span[], exclude?: Span): readonly Span[] {
  if (spans.length === 0) return NO_SPANS;
  if (spans.length <= 8) {
    // Most provenance lists are short: compare directly rather than build a set of keys (indexed
    // loops without closures: this runs for every evaluated attribute).
    if (!needsDedupe(spans, exclude)) return spans;
    const out: Span[] = [];
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      if ((exclude === undefined || !sameSpan(s, exclude)) && !containsSpan(out, s)) out.push(s);
    }
    return out;
  }
  const seen = new Set<string>();
  const out: Span[] = [];
  if (exclude) seen.add(spanKey(exclude));
  for (const s of spans) {
    const k = spanKey(s);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

function containsSpan(spans: readonly Span[], s: Span, end = spans.length): boolean {
  for (let i = 0; i < end; i++) if (sameSpan(spans[i]!, s)) return true;
  return false;
}

/** Whether a short list has a repeat or the excluded span. */
function needsDedupe(spans: readonly Span[], exclude: Span | undefined): boolean {
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if ((exclude !== undefined && sameSpan(s, exclude)) || containsSpan(spans, s, i)) return true;
  }
  return false;
}

/** Evaluate one expression, turning errors into a diagnostic and an unknown. */
export function evaluateGuarded(ctx: BodyContext, expr: Attribute['expr'], scope: Scope, trace: Trace, what: string): Val {
  return guarded(ctx, expr, scope, trace, what, undefined);
}

/** evaluateGuarded, saying `attribute name` when `what` is undefined: that text is made only for a diagnostic, not per attribute. */
function guarded(ctx: BodyContext, expr: Attribute['expr'], scope: Scope, trace: Trace, what: string | undefined, attr: Attribute | undefined): Val {
  try {
    return ctx.evaluator.evaluate(expr, scope, trace);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    const range = e.range ?? expr;
    // An undeclared reference's message quotes names, never values.
    // The unknown reference itself is quoted: a bare word under a secret's name (`auth_token = s3cr3t`) may be the secret.
    const label = what ?? attr!.name;
    const secretNamed = e.code === 'eval/unknown-reference' ? labelNamesSecret(label) : refersToSecretName(expr) || labelNamesSecret(label) || trace.via.some((hop) => hopNamesSecret(ctx.spans.textOf(hop)));
    const message = withoutValues(e.message, trace.sensitive || secretNamed);
    ctx.report({
      code: e.code,
      severity: evalErrorSeverity(e.code, trace.readsConfigurationOnly()),
      message: `${what ?? `attribute ${attr!.name}`}: ${message}`,
      span: ctx.spans.span(ctx.file, range),
    });
    return unk(`evaluation failed: ${message.replace(/\.$/, '')}`);
  }
}

/** Whether a hop's text (`creds = { admin = var.db_password }`) names a secret: the value may have travelled from it. */
function hopNamesSecret(text: string | undefined): boolean {
  if (text === undefined) return false;
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_-]*/g)) if (isMaskedName(m[0])) return true;
  return false;
}

/** The span of an attribute: its name through the end of its expression. */
export function attributeSpan(spans: SpanFactory, file: string, attr: Attribute): Span {
  return spans.spanBetween(file, attr, attr.start, Math.max(attr.expr.end, attr.nameRange.end));
}

export function evaluateAttribute(ctx: BodyContext, attr: Attribute, scope: Scope, what?: string): AttrResult {
  const trace = new Trace();
  const value = guarded(ctx, attr.expr, scope, trace, what, attr);
  trace.copyRefsTo(ctx.refs);
  const span = attributeSpan(ctx.spans, ctx.file, attr);
  return { value, span, via: dedupeSpans(trace.via, span), sensitive: trace.sensitive, onlyHashedMarks: trace.onlyHashedMarks };
}

const SKIPPED_BLOCKS = new Set(['provisioner', 'connection']);
/** lifecycle arguments that name attributes or resources rather than hold values. */
const LIFECYCLE_REFERENCES = new Set(['ignore_changes', 'replace_triggered_by']);
/**
 * Terraform 1.14's `lifecycle { action_trigger { events = [after_create], actions = [action.t.n] } }`:
 * `events` are keywords and `actions` names action blocks, neither a value. Evaluated, each was an
 * "unknown reference" error on configurations Terraform 1.14 plans (only `condition` is a value).
 */
const ACTION_TRIGGER_REFERENCES = new Set(['events', 'actions']);
const LIFECYCLE_OPTIONS: BodyOptions = { skipAttributes: LIFECYCLE_REFERENCES, blockOptions: new Map([['action_trigger', { skipAttributes: ACTION_TRIGGER_REFERENCES }]]) };

export interface BodyOptions {
  /** Attribute names not to evaluate (meta-arguments such as count, for_each, provider). */
  readonly skipAttributes?: ReadonlySet<string>;
  readonly skipBlocks?: ReadonlySet<string>;
  /** Options for nested blocks of a type (one level down), e.g. a lifecycle's action_trigger. */
  readonly blockOptions?: ReadonlyMap<string, BodyOptions>;
}

/** One shared default: a `= {}` default made an object per body and nested block. */
const NO_OPTIONS: BodyOptions = Object.freeze({});

export function evaluateBody(ctx: BodyContext, body: Body, span: Span, scope: Scope, options: BodyOptions = NO_OPTIONS): EvaluatedBody {
  const attrs = new Map<string, AttrResult>();
  for (const attr of body.attributes) {
    if (options.skipAttributes?.has(attr.name)) continue;
    attrs.set(attr.name, evaluateAttribute(ctx, attr, scope));
  }
  const blocks: EvaluatedBlock[] = [];
  for (const block of body.blocks) {
    if (SKIPPED_BLOCKS.has(block.type) || options.skipBlocks?.has(block.type)) continue;
    if (block.type === 'dynamic') blocks.push(...expandDynamic(ctx, block, scope));
    else if (block.type === 'lifecycle') blocks.push(evaluateBlock(ctx, block, scope, LIFECYCLE_OPTIONS));
    else blocks.push(evaluateBlock(ctx, block, scope, options.blockOptions?.get(block.type)));
  }
  return { span, attrs, blocks };
}

export function evaluateBlock(ctx: BodyContext, block: Block, scope: Scope, options: BodyOptions = NO_OPTIONS): EvaluatedBlock {
  const span = ctx.spans.span(ctx.file, block);
  const labels = block.labels.map((l) => l.value);
  const body = evaluateBody(ctx, block.body, span, scope, options);
  return { type: block.type, labels, span: body.span, attrs: body.attrs, blocks: body.blocks };
}

/** `dynamic "name" { for_each = ..., iterator = it, labels = [...], content { ... } }`. */
function expandDynamic(ctx: BodyContext, block: Block, scope: Scope): EvaluatedBlock[] {
  const type = block.labels[0]?.value;
  const content = block.body.blocks.find((b) => b.type === 'content');
  // Terraform refuses a dynamic block without its label, for_each or content: config-structure.ts says so.
  if (!type || !content) return [];
  const forEachAttr = block.body.attributes.find((a) => a.name === 'for_each');
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
  const labelsAttr = block.body.attributes.find((a) => a.name === 'labels');
  const iterator = iteratorAttr?.expr.type === 'traversal' ? iteratorAttr.expr.root : type;
  const span = ctx.spans.span(ctx.file, content);
  if (!forEachAttr) return [];
  const trace = new Trace(false); // read for its references only
  const collection = evaluateGuarded(ctx, forEachAttr.expr, scope, trace, `dynamic "${type}" for_each`);
  trace.copyRefsTo(ctx.refs);
  const one = (key: Val, value: Val): EvaluatedBlock => {
    const inner = scope.bind(iterator, obj([['key', key], ['value', value]]));
    let labels: string[] = [];
    if (labelsAttr) {
      const l = evaluateGuarded(ctx, labelsAttr.expr, inner, new Trace(), `dynamic "${type}" labels`);
      if (l instanceof ListV) labels = l.items.map((x) => (typeof x === 'string' ? x : ''));
    }
    const body = evaluateBody(ctx, content.body, span, inner);
    return { type, labels, span: body.span, attrs: body.attrs, blocks: body.blocks };
  };
  if (collection instanceof Unk) {
    // The number of blocks is known only at apply time: keep one block with unknown iterator values.
    // Of no type, as HCL's dynblock has them (cty.DynamicVal): not the collection's, whose type an
    // element does not have (`.value.subnet_id` of a typed list(object) is no "list of objects" error).
    const u = untyped(collection);
    return [one(u, u)];
  }
  if (collection === null || !(collection instanceof ListV || collection instanceof ObjV)) {
    // Terraform refuses both ("Invalid dynamic for_each value"): an error when the configuration alone decides it.
    const message = collection === null ? `dynamic "${type}" for_each is null, and Terraform cannot use a null value in for_each.` : `dynamic "${type}" for_each must be a collection.`;
    ctx.report({ code: 'eval/dynamic', severity: severityByOrigin(trace.readsConfigurationOnly()), message, span: ctx.spans.span(ctx.file, forEachAttr) });
    return [];
  }
  const out: EvaluatedBlock[] = [];
  // Generated blocks share the scan's instance budget: nested dynamic blocks multiply (issue 12).
  const budget = ctx.evaluator.env.fn.budget;
  const { keys, values } = entriesOf(collection);
  for (let i = 0; i < values.length; i++) {
    if (--budget.instances < 0) {
      ctx.report({ code: 'eval/budget', severity: 'error', message: `dynamic "${type}" generates more blocks than the evaluation budget allows; the rest are not checked.`, span: ctx.spans.span(ctx.file, block) });
      break;
    }
    out.push(one(keys[i]!, values[i]!));
  }
  return out;
}
