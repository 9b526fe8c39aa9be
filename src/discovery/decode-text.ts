// Text files only: a NUL byte in the first 8 KB marks a binary file; invalid UTF-8 is refused
// rather than decoded with replacement characters (offsets would no longer match the file).

export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: 'binary' | 'invalid-utf8' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): DecodedText {
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: decoder.decode(bytes) }; // a leading BOM is dropped
  } catch {
    return { ok: false, reason: 'invalid-utf8' };
  }
}
