// GitHub's `primaryLocationLineHash`, computed the way github/codeql-action's `upload-sarif` does
// (src/fingerprints.ts there): a rolling hash (base 37, 64-bit wrap-around) of the first 100
// characters from the start of each line, spaces and tabs skipped, CR/CRLF read as LF, with an
// end-of-file marker (65535) and zero padding; identical hashes get `:1`, `:2`… in file order.
// We emit it ourselves because the REST upload API does not compute it, and results without it are
// duplicated on every push (see ../shared/research/ecosystem.md §2.1).

const BLOCK_SIZE = 100;
const MOD = 37n;
const MASK_BITS = 64;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EOF = 65535;

function computeFirstMod(): bigint {
  let firstMod = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) firstMod = BigInt.asUintN(MASK_BITS, firstMod * MOD);
  return firstMod;
}
const FIRST_MOD = computeFirstMod();

/** The hash of every line of `text`: element `i` is line `i + 1` (plus one for the line after a final newline). */
export function githubLineHashes(text: string): string[] {
  const window: number[] = new Array<number>(BLOCK_SIZE).fill(0);
  const lineNumbers: number[] = new Array<number>(BLOCK_SIZE).fill(-1);
  const hashes: string[] = [];
  const counts = new Map<string, number>();
  let hashRaw = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const outputHash = (): void => {
    const value = hashRaw.toString(16);
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    hashes[lineNumbers[index]! - 1] = `${value}:${count}`;
    lineNumbers[index] = -1;
  };
  const updateHash = (current: number): void => {
    const begin = window[index]!;
    window[index] = current;
    hashRaw = BigInt.asUintN(MASK_BITS, MOD * hashRaw + BigInt(current) - FIRST_MOD * BigInt(begin));
    index = (index + 1) % BLOCK_SIZE;
  };
  const processCharacter = (code: number): void => {
    let current = code;
    if (current === SPACE || current === TAB || (prevCR && current === LF)) {
      prevCR = false;
      return;
    }
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) outputHash();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    updateHash(current);
  };

  for (let i = 0; i < text.length; i++) processCharacter(text.charCodeAt(i));
  processCharacter(EOF);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    updateHash(0);
  }
  return hashes;
}
