// Text files only: a NUL byte in the first 8 KB marks a binary file; invalid UTF-8 is refused
// rather than decoded with replacement characters (offsets would no longer match the file).
// Terraform files are the exception: Terraform reads such bytes in comments and strings, so
// discovery decodes them with decodeReplacing (terraform-encoding.ts), warns, and `safeguard fix`
// never writes them back (cli/fix-command.ts).

export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: 'binary' | 'invalid-utf8' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `nulIsBinary: false` skips the NUL test, for Terraform files whose NUL bytes were checked (terraform-encoding.ts). */
export function decodeText(bytes: Uint8Array, options: { readonly nulIsBinary?: boolean } = {}): DecodedText {
  if (options.nulIsBinary !== false && bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: decoder.decode(bytes) }; // a leading BOM is dropped
  } catch {
    return { ok: false, reason: 'invalid-utf8' };
  }
}

/** Line and column (1-based, counted in decoded characters) of the first byte that is not valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): { readonly line: number; readonly column: number } | undefined {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return { line, column };
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return { line, column };
    // Overlong forms and surrogates (the fatal decoder refuses them too).
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return { line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column += length === 4 ? 2 : 1; // JS columns count UTF-16 code units
    i += length;
  }
  return undefined;
}

const replacingDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Text decoded with U+FFFD for every sequence that is not valid UTF-8, and where those were. */
export interface ReplacedText {
  readonly text: string;
  /** Offset in `text` of the U+FFFD standing for each invalid sequence, in order (never empty). */
  readonly replaced: readonly number[];
  /**
   * Offsets in `text` where hcl's scanner (hashicorp/hcl hclsyntax scan_tokens.rl) finds a byte
   * that is not even shaped like UTF-8 (`BrokenUTF8`: a stray continuation byte, a lead byte
   * without its continuation bytes, F8..FF). hcl reports "Invalid character encoding" for those
   * outside comments; sequences that are shaped right but still invalid (overlong C0 AF,
   * surrogates ED A0 80, F4 90 80 80, F5..F7 leads) it reads without complaint, as it does any
   * byte inside a comment. One offset per run of such bytes.
   */
  readonly broken: readonly number[];
}

/**
 * Decodes as the WHATWG decoder does with `fatal: false` (the U+FFFD count and places are the
 * Encoding Standard's, which for the sequences hcl accepts is also Go's one U+FFFD per byte).
 * Only for text that `decodeText` refused as invalid UTF-8.
 */
export function decodeReplacing(bytes: Uint8Array): ReplacedText {
  const text = replacingDecoder.decode(bytes);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // the BOM the decoder drops
  // Walk 1: the Encoding Standard's UTF-8 decoder, to know the text offset of each U+FFFD it emits
  // (keyed by the byte where its sequence starts).
  const errorBytes: number[] = [];
  const replaced: number[] = [];
  let offset = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  const error = (at: number): void => {
    errorBytes.push(at);
    replaced.push(offset++);
  };
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    if (needed === 0) {
      sequenceStart = i++;
      if (b < 0x80) offset++;
      else if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else error(sequenceStart);
      seen = 0;
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one U+FFFD; this byte is read again as the start of the next.
      error(sequenceStart);
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    i++;
    if (++seen === needed) {
      offset += needed === 3 ? 2 : 1; // above U+FFFF: a surrogate pair
      needed = 0;
    }
  }
  if (needed > 0) error(sequenceStart);
  // Walk 2: hcl's scanner, one AnyUTF8 unit at a time; a byte that starts none is BrokenUTF8.
  const broken: number[] = [];
  let e = 0;
  let previousBroken = false;
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc0 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf7 ? 4 : 0;
    let shaped = length > 0 && i + length <= bytes.length;
    for (let k = 1; shaped && k < length; k++) shaped = (bytes[i + k]! & 0xc0) === 0x80;
    if (shaped) {
      i += length;
      previousBroken = false;
      continue;
    }
    if (!previousBroken) {
      // Every byte hcl finds broken lies in a sequence the decoder replaced: the last one starting at or before it.
      while (e + 1 < errorBytes.length && errorBytes[e + 1]! <= i) e++;
      broken.push(replaced[e]!);
    }
    previousBroken = true;
    i++;
  }
  return { text, replaced, broken };
}
