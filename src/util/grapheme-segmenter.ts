// One grapheme segmenter for the process, made on first use. Making it loads ICU's break rules:
// 15-50 ms, measured on the bench machine, which every scan paid at startup (a warm re-scan of
// corpus (a) is ~90 ms in all) although only text outside printable ASCII ever needs it.

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`, by Unicode's rules (Intl.Segmenter, made once, when first asked for). */
export function segmentGraphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}
