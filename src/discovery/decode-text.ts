// Text files only: a NUL byte in the first 8 KB marks a binary file; invalid UTF-8 is refused
// rather than decoded with replacement characters (offsets would no longer match the file).

export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: 'binary' | 'invalid-utf8' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary' };
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
