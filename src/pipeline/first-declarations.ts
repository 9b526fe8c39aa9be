// The evaluator gives one VariableDecl per module instance: a module called from forty roots declares
// each of its variables forty times, at the same span. The rules read a variable declaration only
// once, the first in scan order (rules/terraform/declarations.ts, uniqueVariables), so the merged
// scan model keeps only that one. On corpus (b) of the bench 173 000 declarations became 10 750
// (~17 MB less heap while the rules ran), and a worker that drops them clones less back.
//
// Outputs are not filtered: their values differ between instances, and the literal scans judge
// each instance's value.
import type { VariableDecl } from '../model/resource.js';
import type { Sourced } from '../model/sourced.js';
import { sameSpan, type Span } from '../source/span.js';

/** A variable's value as the model places a -var or TF_VAR_ value: known, at the block itself. */
export function setAtRunTime(value: Sourced, block: Span): boolean {
  return value.provenance === 'explicit' && sameSpan(value.span, block);
}

/**
 * The variable declarations seen so far, by span (file, start and end offset: the key
 * uniqueVariables uses). Fed units in increasing unit order (one thread's units, or the merge), a
 * declaration it drops always has an earlier one at the same span, so the first at each span is
 * what stays, whichever thread saw it.
 */
export class FirstDeclarations {
  private readonly seen = new Map<string, Map<number, number[]>>();

  /** Is this the first declaration at `span`? It is remembered either way. */
  first(span: Span): boolean {
    const { file, start, end } = span;
    let inFile = this.seen.get(file);
    if (!inFile) this.seen.set(file, (inFile = new Map()));
    const ends = inFile.get(start.offset);
    if (ends?.includes(end.offset)) return false;
    if (ends) ends.push(end.offset);
    else inFile.set(start.offset, [end.offset]);
    return true;
  }

  /**
   * `variables` without those at a span already seen; the kept ones are remembered. A value set at
   * run time (-var, TF_VAR_; placed at the block itself) always stays: the literal scans read every
   * such value (literal-scan.ts runtimeStrings), not only the first declaration's.
   */
  keep(variables: readonly VariableDecl[]): VariableDecl[] {
    return variables.filter((v) => this.first(v.span) || setAtRunTime(v.value, v.span));
  }
}
