// Go's case mapping, which Terraform's upper(), lower() and title() use: one code point to one code
// point (Unicode's simple mappings), never JavaScript's full ones, which expand a letter ("ß" to
// "SS", "ﬁ" to "FI") or read its context (a final "Σ" to "ς"). terraform console 1.11.4:
// upper("ß") is "ß", lower("İstanbul") is "istanbul", title("ǆ") is "ǅ".

/** Greek letters with a iota subscript: their simple upper case is the titlecase letter 8 code points on (ᾀ to ᾈ). */
function greekIotaUpper(code: number): number | undefined {
  if ((code >= 0x1f80 && code <= 0x1f87) || (code >= 0x1f90 && code <= 0x1f97) || (code >= 0x1fa0 && code <= 0x1fa7)) return code + 8;
  if (code === 0x1fb3 || code === 0x1fc3 || code === 0x1ff3) return code + 9;
  return undefined;
}

function upperChar(c: string): string {
  const u = c.toUpperCase();
  if (u.length === c.length) return u;
  const code = greekIotaUpper(c.codePointAt(0)!);
  // Any other full mapping that expands has no simple one: the letter stays (ß, ﬁ, ŉ, ῼ).
  return code === undefined ? c : String.fromCodePoint(code);
}

function lowerChar(c: string): string {
  // İ alone lower-cases to two code points in full (i and a combining dot); its simple mapping is i.
  return c === '\u0130' ? 'i' : c.toLowerCase();
}

export function goUpper(s: string): string {
  const full = s.toUpperCase();
  // No letter expanded: the full mapping is the simple one (upper case has no context rule).
  if (full.length === s.length) return full;
  let out = '';
  for (const c of s) out += upperChar(c);
  return out;
}

export function goLower(s: string): string {
  if (!/[\u0130\u03a3]/.test(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) out += lowerChar(c);
  return out;
}

/** Go's unicode.ToTitle of one character: upper case but for digraphs (ǆ to ǅ) and Georgian letters (they stay). */
export function goTitleChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (code >= 0x01c4 && code <= 0x01cc) return String.fromCodePoint(code - ((code - 0x01c4) % 3) + 1);
  if (code >= 0x01f1 && code <= 0x01f3) return '\u01f2';
  if ((code >= 0x10d0 && code <= 0x10fa) || (code >= 0x10fd && code <= 0x10ff)) return c;
  return upperChar(c);
}
