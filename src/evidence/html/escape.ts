// Every string that reaches the evidence page goes through `html` (text and attribute values alike);
// nothing is inserted raw except markup this module builds itself.
import { maskDetected } from '../../detectors/mask.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function html(value: string | number | boolean | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Free text from rules, waivers and diagnostics: detected secrets and PHI masked, then escaped. */
export function text(value: string | null | undefined): string {
  return html(maskDetected(value ?? ''));
}

/**
 * `text` with each answer kept: the findings section masks the same messages (a monorepo's root
 * modules repeat them) and the same rule texts (every finding of a rule) thousands of times.
 */
export function rememberedText(): (value: string | null | undefined) => string {
  const known = new Map<string, string>();
  return (value) => {
    const key = value ?? '';
    let out = known.get(key);
    if (out === undefined) {
      out = text(key);
      known.set(key, out);
    }
    return out;
  };
}

/** An id usable in a fragment link (#control-164-312-a-1). */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
