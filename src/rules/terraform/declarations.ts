// Variable and output declarations, each once. The evaluator gives one VariableDecl per module
// instance (a module called ten times declares its variables ten times, at the same span; a scan may
// have kept only the first of each already, pipeline/first-declarations.ts); rules that judge the
// declaration itself want it once, the first time it appears.
//
// "The same place" is the start offset for the rules that judge the declaration (sensitive
// variables and outputs) and the whole span for the literal scans. They differ in JSON
// configuration, where two objects' spans can share a start and differ in their ends.
import type { InfraModel } from '../../model/infra-model.js';
import type { OutputDecl, VariableDecl } from '../../model/resource.js';
import { sameSpan, type Span } from '../../source/span.js';
import { SpanPlaces, type SamePlace } from '../../source/span-places.js';
import { weakMemo } from '../../util/weak-memo.js';

export type { SamePlace };

/** The first item at each place, in order. */
function firstAt<T extends { readonly span: Span }>(items: readonly T[], place: SamePlace): T[] {
  const places = new SpanPlaces(place);
  return items.filter((item) => places.first(item.span));
}

/**
 * A variable whose value was set at run time (-var, TF_VAR_): the model places such a value at the
 * variable block itself. The literal scans read every such value, not only the first declaration's.
 */
export function setAtRunTime(v: Pick<VariableDecl, 'span' | 'value'>): boolean {
  return v.value.provenance === 'explicit' && sameSpan(v.value.span, v.span);
}

interface Declarations {
  variables?: Partial<Record<SamePlace, readonly VariableDecl[]>>;
  outputs?: Partial<Record<SamePlace, readonly OutputDecl[]>>;
}

const memo = new WeakMap<InfraModel, Declarations>();

function declarationsOf(model: InfraModel): Declarations {
  return weakMemo(memo, model, (): Declarations => ({}));
}

/** Each variable declaration once (the first module instance wins), in model order. */
export function uniqueVariables(model: InfraModel, place: SamePlace): readonly VariableDecl[] {
  const known = (declarationsOf(model).variables ??= {});
  const bySpan = (known.span ??= firstAt(model.variables, 'span'));
  // The first at each start is also the first at its span, so the short list gives the same answer.
  return place === 'span' ? bySpan : (known.start ??= firstAt(bySpan, 'start'));
}

/** Each output declaration once (the first module instance wins), in model order. */
export function uniqueOutputs(model: InfraModel, place: SamePlace): readonly OutputDecl[] {
  const known = (declarationsOf(model).outputs ??= {});
  return (known[place] ??= firstAt(model.outputs, place));
}
