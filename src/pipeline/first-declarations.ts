// The evaluator gives one VariableDecl per module instance: a module called from forty roots declares
// each of its variables forty times, at the same span. The rules read a variable declaration only
// once, the first in scan order (rules/terraform/declarations.ts, uniqueVariables), so the merged
// scan model keeps only that one. On corpus (b) of the bench 173 000 declarations became 10 750
// (~17 MB less heap while the rules ran), and a worker that drops them clones less back.
//
// Outputs likewise: the built-in rules read an output declaration once (uniqueOutputs, for
// tf-sensitive-outputs; the literal scans read none), so the first at each span stays. Corpus (a)
// of the bench keeps 2 087 of its 6 887 output declarations.
import type { OutputDecl, VariableDecl } from '../model/resource.js';
import type { Span } from '../source/span.js';
import { setAtRunTime } from '../rules/terraform/declarations.js';
import { SpanPlaces } from '../source/span-places.js';

/**
 * The variable declarations seen so far, by span (file, start and end offset: the key
 * uniqueVariables uses). Fed units in increasing unit order (one thread's units, or the merge), a
 * declaration it drops always has an earlier one at the same span, so the first at each span is
 * what stays, whichever thread saw it.
 */
export class FirstDeclarations {
  private readonly places = new SpanPlaces('span');
  private readonly outputPlaces = new SpanPlaces('span');

  /**
   * Does `v` stay: the first declaration at its span, or a value set at run time (which the literal
   * scans read at every declaration, declarations.ts setAtRunTime)? It is remembered either way.
   */
  readonly keeps = (v: Pick<VariableDecl, 'span' | 'value'>): boolean => this.places.first(v.span) || setAtRunTime(v);

  /** `variables` without the repeats of those seen before. */
  keep(variables: readonly VariableDecl[]): VariableDecl[] {
    return variables.filter(this.keeps);
  }

  /** Does the output declared at `span` stay: the first there? It is remembered either way. */
  readonly keepsOutput = (span: Span): boolean => this.outputPlaces.first(span);

  /** `outputs` without the repeats of those seen before. */
  keepOutputs(outputs: readonly OutputDecl[]): OutputDecl[] {
    return outputs.filter((o) => this.keepsOutput(o.span));
  }
}
