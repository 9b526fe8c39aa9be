// Where the elements of one array of a JSON document are, as byte ranges, found without parsing the
// document: `safeguard merge` reads shard reports of hundreds of MB a finding at a time instead of
// holding every shard's findings parsed (issue 11). JSON's structural characters are ASCII and
// UTF-8 never has an ASCII byte inside a multi-byte character, so the bytes are scanned as they
// are. Only the structure is followed here; each element is still parsed (and so checked) by
// JSON.parse when it is read.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export interface ArrayElements {
  /** Offset of the array's `[` and just past its `]`. */
  readonly start: number;
  readonly end: number;
  /** Each element's start and end offset, one after the other. */
  readonly ranges: readonly number[];
}

/** Not the document expected: the caller parses it whole, which says what is wrong with it. */
class Unexpected extends Error {}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  return at;
}

/** Just past the string that starts at `at` (its opening quote). */
function skipString(bytes: Uint8Array, at: number): number {
  for (let i = at + 1; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === BACKSLASH) i++;
    else if (b === QUOTE) return i + 1;
  }
  throw new Unexpected('unterminated string');
}

/** Just past the value that starts at `at`. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let i = at; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === QUOTE) i = skipString(bytes, i) - 1;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    throw new Unexpected('unclosed object or array');
  }
  let i = at;
  while (i < bytes.length && !isSpace(bytes[i]!) && bytes[i] !== COMMA && bytes[i] !== CLOSE_OBJECT && bytes[i] !== CLOSE_ARRAY) i++;
  if (i === at) throw new Unexpected('a value was expected');
  return i;
}

function expect(bytes: Uint8Array, at: number, b: number): void {
  if (bytes[at] !== b) throw new Unexpected(`expected ${String.fromCharCode(b)}`);
}

function elementsOf(bytes: Uint8Array, open: number): ArrayElements {
  const ranges: number[] = [];
  let at = skipSpace(bytes, open + 1);
  if (bytes[at] === CLOSE_ARRAY) return { start: open, end: at + 1, ranges };
  for (;;) {
    const end = skipValue(bytes, at);
    ranges.push(at, end);
    at = skipSpace(bytes, end);
    if (bytes[at] === CLOSE_ARRAY) return { start: open, end: at + 1, ranges };
    expect(bytes, at, COMMA);
    at = skipSpace(bytes, at + 1);
  }
}

/**
 * The elements of the array under `key` in the document's top-level object (the last, when the key
 * is repeated, as JSON.parse keeps the last); undefined when the document is not an object whose
 * `key` is an array, or is not well formed enough to tell (the caller then parses it whole).
 */
export function topLevelArrayElements(bytes: Uint8Array, key: string): ArrayElements | undefined {
  try {
    let found: ArrayElements | undefined;
    let at = skipSpace(bytes, 0);
    expect(bytes, at, OPEN_OBJECT);
    at = skipSpace(bytes, at + 1);
    if (bytes[at] !== CLOSE_OBJECT) {
      for (;;) {
        expect(bytes, at, QUOTE);
        const keyEnd = skipString(bytes, at);
        const name = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + at, keyEnd - at).toString('utf8')) as string;
        at = skipSpace(bytes, keyEnd);
        expect(bytes, at, COLON);
        at = skipSpace(bytes, at + 1);
        if (name === key && bytes[at] === OPEN_ARRAY) {
          found = elementsOf(bytes, at);
          at = found.end;
        } else {
          if (name === key) found = undefined;
          at = skipValue(bytes, at);
        }
        at = skipSpace(bytes, at);
        if (bytes[at] === CLOSE_OBJECT) break;
        expect(bytes, at, COMMA);
        at = skipSpace(bytes, at + 1);
      }
    }
    return skipSpace(bytes, at + 1) === bytes.length ? found : undefined;
  } catch (error) {
    if (error instanceof Unexpected || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
