// GitHub's `primaryLocationLineHash`, computed the way github/codeql-action's `upload-sarif` does
// (src/fingerprints.ts there): a rolling hash (base 37, 64-bit wrap-around) of the first 100
// characters from the start of each line, spaces and tabs skipped, CR/CRLF read as LF, with an
// end-of-file marker (65535) and zero padding; identical hashes get `:1`, `:2`… in file order.
// We emit it ourselves because the REST upload API does not compute it, and results without it are
// duplicated on every push (see ../shared/research/ecosystem.md §2.1).

const BLOCK_SIZE = 100;
const MOD = 37;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EOF = 65535;

// The hash is a 64-bit integer wrapping around, kept as four 16-bit limbs (little end first) in small
// integers, so every step is integer arithmetic on locals: a BigInt per character made this the
// costliest part of a SARIF report (0.74 s of the 2.9 s that ten times corpus (a) of the bench took).

/** 37^BLOCK_SIZE mod 2^64, as four 16-bit limbs. */
function computeFirstMod(): readonly [number, number, number, number] {
  const limbs = [1, 0, 0, 0];
  for (let i = 0; i < BLOCK_SIZE; i++) {
    let carry = 0;
    for (let k = 0; k < 4; k++) {
      const t = limbs[k]! * MOD + carry;
      limbs[k] = t & 0xffff;
      carry = t >>> 16;
    }
  }
  return [limbs[0]!, limbs[1]!, limbs[2]!, limbs[3]!];
}
const [F0, F1, F2, F3] = computeFirstMod();

/** The hash of every line of `text`: element `i` is line `i + 1` (plus one for the line after a final newline). */
export function githubLineHashes(text: string): string[] {
  // One loop with local variables: helpers assigning the hash made V8 keep it in a context.
  const window = new Uint16Array(BLOCK_SIZE);
  const lineNumbers = new Int32Array(BLOCK_SIZE).fill(-1);
  const hashes: string[] = [];
  const counts = new Map<string, number>();
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const end = text.length;
  // The text's characters, the end-of-file marker at `end`, then BLOCK_SIZE zeros that flush the window.
  for (let i = 0; i <= end + BLOCK_SIZE; i++) {
    let current = 0;
    if (i <= end) {
      current = i < end ? text.charCodeAt(i) : EOF;
      if (current === SPACE || current === TAB || (prevCR && current === LF)) {
        prevCR = false;
        continue;
      }
      if (current === CR) {
        current = LF;
        prevCR = true;
      } else prevCR = false;
    }
    const pending = lineNumbers[index]!;
    if (pending !== -1) {
      hashes[pending - 1] = labelled(h0, h1, h2, h3, counts);
      lineNumbers[index] = -1;
    }
    if (i <= end) {
      if (lineStart) {
        lineStart = false;
        lineNumber++;
        lineNumbers[index] = lineNumber;
      }
      if (current === LF) lineStart = true;
    }
    // hash = 37 × hash + current − 37^BLOCK_SIZE × (the code leaving the window), mod 2^64. Each
    // limb's product is below 2^32 (16 bits × 16 bits, plus a carry under 2^16), so >>> reads it whole.
    const begin = window[index]!;
    window[index] = current;
    let a = h0 * MOD + current;
    const a0 = a & 0xffff;
    a = (a >>> 16) + h1 * MOD;
    const a1 = a & 0xffff;
    a = (a >>> 16) + h2 * MOD;
    const a2 = a & 0xffff;
    a = (a >>> 16) + h3 * MOD;
    const a3 = a & 0xffff;
    let p = F0 * begin;
    const p0 = p & 0xffff;
    p = (p >>> 16) + F1 * begin;
    const p1 = p & 0xffff;
    p = (p >>> 16) + F2 * begin;
    const p2 = p & 0xffff;
    p = (p >>> 16) + F3 * begin;
    const p3 = p & 0xffff;
    let d = a0 - p0;
    h0 = d & 0xffff;
    d = a1 - p1 - (d < 0 ? 1 : 0);
    h1 = d & 0xffff;
    d = a2 - p2 - (d < 0 ? 1 : 0);
    h2 = d & 0xffff;
    d = a3 - p3 - (d < 0 ? 1 : 0);
    h3 = d & 0xffff;
    index = index === BLOCK_SIZE - 1 ? 0 : index + 1;
  }
  return hashes;
}

/** The hash in hex as codeql-action prints a BigInt (no leading zeros), with its occurrence in the file so far. */
function labelled(h0: number, h1: number, h2: number, h3: number, counts: Map<string, number>): string {
  const value =
    h3 !== 0
      ? h3.toString(16) + hex4(h2) + hex4(h1) + hex4(h0)
      : h2 !== 0
        ? h2.toString(16) + hex4(h1) + hex4(h0)
        : h1 !== 0
          ? h1.toString(16) + hex4(h0)
          : h0.toString(16);
  const count = (counts.get(value) ?? 0) + 1;
  counts.set(value, count);
  return `${value}:${count}`;
}

const hex4 = (limb: number): string => limb.toString(16).padStart(4, '0');
