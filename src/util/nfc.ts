// Unicode normal form C, as Terraform and HCL keep every string (cty.StringVal normalizes): "e\u0301"
// is "é", one code point, and equal to it (terraform console 1.11.4: sha256("e\u0301") is sha256("é"),
// startswith("e\u0301", "e") is false). Shared by the parser, its canonical form and the evaluator.

/** Characters from U+0300 on: below it every text is already in NFC (the quick check). */
const MAYBE_NOT_NFC = /[\u0300-\uffff]/;

/** `s` in NFC; `s` itself when nothing in it can change (most configuration text is ASCII). */
export function nfc(s: string): string {
  return MAYBE_NOT_NFC.test(s) ? s.normalize('NFC') : s;
}
