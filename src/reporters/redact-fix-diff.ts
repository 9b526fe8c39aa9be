// The file texts `fix --dry-run` prints as a diff: the literals the secret and PHI rules reported
// masked on both sides alike, so a line the fixes left alone prints the same before and after (not
// as a -/+ pair), a line they realigned or moved still hides the literal, and nothing else is
// masked on one side only (a name such as `client_id` that equals a masked value stays readable).
import { diffLines } from '../fixes/unified-diff.js';
import { maskRanges, QUOTED_STRING, reportedStrings } from './redact.js';

/** `text` with every occurrence of `literals` inside its quoted strings masked (same length); names and other bare text stay. */
function maskInQuotedStrings(text: string, literals: readonly string[]): string {
  if (literals.length === 0) return text;
  return text.replace(QUOTED_STRING, (quoted: string, inner: string) => {
    let masked = inner;
    for (const literal of literals) masked = masked.split(literal).join('*'.repeat(literal.length));
    return `"${masked}"`;
  });
}

/**
 * `line` with the masks of `maskedBefore` (the masked form of `before`) carried over, when the two
 * differ only in blanks (a fix realigned the `=`); undefined otherwise.
 */
function carryMasks(line: string, before: string, maskedBefore: string): string | undefined {
  let out = '';
  let i = 0;
  for (let j = 0; j < line.length; j++) {
    const c = line[j]!;
    while (i < before.length && before[i] !== c && /\s/.test(before[i]!)) i++;
    if (i < before.length && before[i] === c) {
      out += maskedBefore[i]!;
      i++;
    } else if (/\s/.test(c)) out += c;
    else return undefined;
  }
  return before.slice(i).trim() === '' ? out : undefined;
}

/**
 * The texts before and after a fix as the dry-run diff shows them. `ranges` are the reported
 * literals' offsets in `original`. The after text takes its masks from the line of `original` the
 * line diff pairs it with (unchanged, or changed only in blanks within the same change); then the
 * reported strings are masked inside quoted strings on both sides, so a literal a fix moved is
 * hidden wherever it lands, and shown the same on its - and + lines.
 */
export function maskFixDiffTexts(original: string, ranges: readonly (readonly [number, number])[], fixed: string, json = false): { readonly before: string; readonly after: string } {
  const maskedOriginal = maskRanges(original, ranges, json);
  const was = original.split('\n');
  const wasMasked = maskedOriginal.split('\n');
  const now = fixed.split('\n');
  const out: string[] = [];
  let a = 0;
  let removed: number[] = []; // the original lines of the current change not yet paired
  for (const op of diffLines(was, now)) {
    if (op.kind === ' ') {
      out.push(wasMasked[a++]!);
      removed = [];
    } else if (op.kind === '-') removed.push(a++);
    else {
      const line = op.line;
      const squashed = line.replace(/\s+/g, '');
      const pair = removed.findIndex((k) => was[k]!.replace(/\s+/g, '') === squashed);
      const carried = pair >= 0 ? carryMasks(line, was[removed[pair]!]!, wasMasked[removed[pair]!]!) : undefined;
      if (carried !== undefined) removed.splice(pair, 1);
      out.push(carried ?? line);
    }
  }
  const literals = reportedStrings(original, ranges, json);
  return { before: maskInQuotedStrings(maskedOriginal, literals), after: maskInQuotedStrings(out.join('\n'), literals) };
}
