// Variable and output declarations, each once. The model holds one VariableDecl per module instance
// (a module called ten times declares its variables ten times, at the same span); rules that judge
// the declaration itself want it once, the first time it appears.
//
// "The same place" is the start offset for the rules that judge the declaration (sensitive
// variables and outputs) and the whole span for the literal scans. They differ in JSON
// configuration, where two objects' spans can share a start and differ in their ends.
import type { InfraModel } from '../../model/infra-model.js';
import type { OutputDecl, VariableDecl } from '../../model/resource.js';
import type { Span } from '../../source/span.js';
import { weakMemo } from '../../util/weak-memo.js';

export type SamePlace = 'start' | 'span';

/** The first item at each place; nested maps spare building a string key per item. */
function firstAt<T extends { readonly span: Span }>(items: readonly T[], place: SamePlace): T[] {
  const seen = new Map<string, Map<number, number[]>>();
  const out: T[] = [];
  for (const item of items) {
    const { file, start, end } = item.span;
    const endKey = place === 'span' ? end.offset : -1;
    let inFile = seen.get(file);
    if (!inFile) seen.set(file, (inFile = new Map()));
    const ends = inFile.get(start.offset);
    if (ends?.includes(endKey)) continue;
    if (ends) ends.push(endKey);
    else inFile.set(start.offset, [endKey]);
    out.push(item);
  }
  return out;
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
