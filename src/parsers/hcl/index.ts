// Public entry of the HCL parser: native syntax (parse-native via parser.ts) and JSON syntax
// (parse-json.ts), both producing the AST in ast.ts, plus the hclref canonical form.
import type { Diagnostic } from '../../source/diagnostic.js';
import type { HclFile } from './ast.js';
import { parseNative } from './parser.js';
import { collectComments, attachComments } from './comments.js';
import { toDiagnostics } from './diagnostics.js';

export type * from './ast.js';
export { parseHclJson } from './parse-json.js';
export { toCanonical } from './canonical.js';

export interface HclParseResult {
  readonly file: HclFile;
  readonly diagnostics: Diagnostic[];
}

/** Parses HCL native syntax (.tf, .tfvars, .hcl). Never throws: problems become diagnostics. */
export function parseHcl(text: string, path: string): HclParseResult {
  let raw;
  try {
    raw = parseNative(text);
  } catch (e) {
    // Defensive: a stack overflow on pathological input must not escape as an exception.
    const message = e instanceof RangeError ? 'the file is nested too deeply to parse' : `internal parser error: ${String(e)}`;
    const file: HclFile = { path, text, syntax: 'native', body: { start: 0, end: text.length, attributes: [], blocks: [] }, comments: [] };
    return { file, diagnostics: toDiagnostics(text, path, [{ start: 0, end: 0, message }]) };
  }
  const comments = collectComments(text, raw.tokens);
  attachComments(text, raw.body, comments);
  const file: HclFile = { path, text, syntax: 'native', body: raw.body, comments };
  return { file, diagnostics: toDiagnostics(text, path, raw.errors) };
}

/** Error diagnostics as hclref counts them (compat warnings count: hcl v2.14 rejects that syntax). */
export function hclrefErrorCount(diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) if (d.severity === 'error' || d.code === 'parse/hcl-compat') n++;
  return n;
}
