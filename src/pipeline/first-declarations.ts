// The evaluator gives one VariableDecl per module instance: a module called from forty roots declares
// each of its variables forty times, at the same span. The rules read a variable declaration only
// once, the first in scan order (rules/terraform/declarations.ts, uniqueVariables), so the merged
// scan model keeps only that one. On corpus (b) of the bench the repeats were 173 000 declarations
// and ~75 MB of the heap while the rules ran; a worker that drops them also clones less back.
//
// Outputs are not filtered: their values differ between instances, and the literal scans judge
// each instance's value.
import type { VariableDecl } from '../model/resource.js';

/**
 * The variable declarations seen so far, by span (file, start and end offset: the key
 * uniqueVariables uses). Fed units in increasing unit order (one thread's units, or the merge), a
 * declaration it drops always has an earlier one at the same span, so the first at each span is
 * what stays, whichever thread saw it.
 */
export class FirstDeclarations {
  private readonly seen = new Map<string, Map<number, number[]>>();

  /** `variables` without those at a span already seen; the kept ones are remembered. */
  keep(variables: readonly VariableDecl[]): VariableDecl[] {
    const out: VariableDecl[] = [];
    for (const v of variables) {
      const { file, start, end } = v.span;
      let inFile = this.seen.get(file);
      if (!inFile) this.seen.set(file, (inFile = new Map()));
      const ends = inFile.get(start.offset);
      if (ends?.includes(end.offset)) continue;
      if (ends) ends.push(end.offset);
      else inFile.set(start.offset, [end.offset]);
      out.push(v);
    }
    return out;
  }
}
