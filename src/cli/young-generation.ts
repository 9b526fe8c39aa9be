// V8's young generation, for the CLI process only (v8-tuning.ts sets the other flags). No side
// effects: the CLI's core imports growYoungGeneration, and only the launcher's v8-tuning.ts sets flags
// on import.
import { setFlagsFromString } from 'node:v8';

/** Sets a V8 flag unless node's command line gave it. */
export function setUnlessGiven(flag: string, value: number): void {
  if (!process.execArgv.some((a) => a.startsWith(flag))) setFlagsFromString(`${flag}=${value}`);
}

// How fast the young generation grows toward its (unchanged) maximum: each scavenge copies what
// survives it, and a scan keeps most of what it makes (file texts, the model, findings), so a young
// generation growing by 2× at a time is copied through many small scavenges, and on a warm re-scan
// it pushed enough into the old generation that about half the runs also paid a full collection.
// Growing by 8×, counted with callgrind on --single-threaded warm re-scans of the bench's corpus (a),
// five runs each: 1 734-1 742 M instructions every time against 1 728-1 920 M (two at ~1 729, three
// at ~1 918); a cold scan 10.04 against 10.03 G. Unlike the semi-space sizes, V8 reads this one
// each time it grows the space, so setting it here takes effect.
// But only once a scan evaluates (growYoungGeneration): until then it does not grow at all. A warm
// re-scan whose every result comes from the cache then keeps the first, small young generation, and
// touches ~13 MB fewer pages (the whole new space grew to 16 MB, each fresh page a fault): on the
// bench machine, where a page's first touch costs ~10 µs (a virtual machine's memory), corpus (a)'s
// warm scan took ~3 300 fewer faults (11 200 against 14 500 for the process) and peaked at 70 MB
// against 92 MB.
/** V8's factor for growing the new space (its default is 2), once a scan evaluates. */
export const CLI_SEMI_SPACE_GROWTH_FACTOR = 8;
/** Before: no growth. */
const UNTIL_EVALUATION_GROWTH_FACTOR = 1;

/** The process starts (v8-tuning.ts): the young generation keeps its first size. */
export function holdYoungGeneration(): void {
  setUnlessGiven('--semi-space-growth-factor', UNTIL_EVALUATION_GROWTH_FACTOR);
}

/** A scan is about to evaluate (not all its results come from the cache): the young generation may grow. */
export function growYoungGeneration(): void {
  setUnlessGiven('--semi-space-growth-factor', CLI_SEMI_SPACE_GROWTH_FACTOR);
}

