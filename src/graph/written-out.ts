// A known collection written back as the constructor that gives it (["a", { k = 1 }]). The checks that
// read syntax (sensitive-outputs.ts, ephemeral.ts) read a `%{ for }` over a literal collection element
// by element; a collection whose value the evaluation knows (a variable's value, a local computed by
// a function, a module output; each.value or range(count.index), once per instance of its block) is
// read so too, written out. Its elements carry no mark: what marks the
// collection itself is still read from its own syntax, and an element's own mark is not known here.
import type { Expression, ObjectItem, Range } from '../parsers/hcl/ast.js';
import { formatNumber } from './number-format.js';
import { ListV, ObjV, Unk, type Val } from './value.js';

/** Elements past these are not written out: the checks read at most 64 elements of a collection. */
const MAX_ELEMENTS = 64;
/** Parts past this many (inside the elements) are written as unknown. */
const MAX_PARTS = 4096;

/**
 * The known collection `v` as a tuple or object constructor placed at `at`, its first elements
 * only; a part unknown at plan (or past the budget) is written as a name bound to nothing, which the
 * checks read as any value, unmarked. Undefined for anything but a list or an object.
 */
export function writtenOut(v: Val, at: Range): Expression | undefined {
  if (!(v instanceof ListV || v instanceof ObjV)) return undefined;
  return write(v, at, { left: MAX_PARTS }, MAX_ELEMENTS);
}

function write(v: Val, at: Range, budget: { left: number }, maxItems = Infinity): Expression {
  const { start, end } = at;
  if (--budget.left < 0 || v instanceof Unk) return { type: 'traversal', root: UNKNOWN_PART, steps: [], start, end };
  if (v === null || typeof v === 'boolean') return { type: 'literal', value: v, start, end };
  if (typeof v === 'number') return { type: 'literal', value: { number: formatNumber(v) }, start, end };
  if (typeof v === 'string') return text(v, at);
  if (v instanceof ListV) return { type: 'tuple', items: v.items.slice(0, maxItems).map((item) => write(item, at, budget)), start, end };
  const items: ObjectItem[] = [];
  for (const [key, value] of v.attrs) {
    if (items.length >= maxItems) break;
    items.push({ key: text(key, at), bareKey: false, value: write(value, at, budget) });
  }
  return { type: 'object', items, start, end };
}

/** A root no HCL name can spell: nothing binds or declares it. */
const UNKNOWN_PART = '\0unknown';

/** A quoted string: no part for the empty one, as the parser writes it. */
function text(value: string, { start, end }: Range): Expression {
  return { type: 'template', parts: value === '' ? [] : [{ kind: 'literal', value, start, end }], start, end };
}
