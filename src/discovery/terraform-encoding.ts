// Terraform files that are not valid UTF-8. Terraform (hcl v2) reads any byte inside a comment
// (#, // and /* */), and inside strings, heredocs and quoted keys or labels every sequence shaped
// like UTF-8 even when it is not valid (overlong, surrogate, above U+10FFFF); only a byte not even
// shaped like UTF-8 outside a comment makes it fail ("Invalid character encoding"). JSON syntax
// (.tf.json, .tfvars.json) reads invalid bytes in strings as U+FFFD (checked with Terraform 1.11:
// `terraform plan` prints "Jos" and U+FFFD for a Latin-1 "Jos" and E9). A Latin-1 comment above a resource is
// therefore correct code, and refusing the file would block CI on it; such files are read with
// U+FFFD in place of the bad sequences (what Terraform's own diagnostics show there) and a warning.
import { parseHcl } from '../parsers/hcl/index.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { LineIndex } from '../source/line-index.js';
import type { Position } from '../source/span.js';
import { decodeReplacing, decodeText, type DecodedText } from './decode-text.js';
import type { InputFormat } from './input-format.js';

export type NonUtf8Terraform =
  /** Read as Terraform reads it; `firstReplaced` is where the first invalid byte was. */
  | { readonly ok: true; readonly text: string; readonly firstReplaced: Position }
  /** Terraform refuses the file too: a byte not shaped like UTF-8 outside a comment, at `refusedAt`. */
  | { readonly ok: false; readonly refusedAt: Position };

/** The Terraform formats Terraform reads with hcl, native or JSON syntax (not the modules manifest, plans or states). */
export function readsInvalidUtf8(format: InputFormat | 'json-document' | 'yaml-document' | 'other'): 'native' | 'json' | undefined {
  if (format === 'terraform' || format === 'terraform-vars' || format === 'terraform-lock') return 'native';
  if (format === 'terraform-json' || format === 'terraform-vars-json') return 'json';
  return undefined;
}

/** For bytes decodeText refused as invalid UTF-8 (not binary). */
export function decodeNonUtf8Terraform(bytes: Uint8Array, syntax: 'native' | 'json'): NonUtf8Terraform {
  const { text, replaced, broken } = decodeReplacing(bytes);
  const lines = new LineIndex(text);
  if (syntax === 'native' && broken.length > 0) {
    // Comments as the parser sees them (a `#` inside a string or heredoc is no comment); the file
    // is parsed again later, only these rare files twice.
    const comments = parseHcl(text, '').file.comments;
    const outside = broken.find((offset) => !comments.some((c) => c.start <= offset && offset < c.end));
    if (outside !== undefined) return { ok: false, refusedAt: lines.position(outside) };
  }
  return { ok: true, text, firstReplaced: lines.position(replaced[0] ?? 0) };
}

/** Native-syntax bytes decodeText called binary for a NUL byte: read as Terraform reads them, or refused. */
export type NulTerraform =
  /** Every NUL is where Terraform reads it; `decoded` may still be invalid UTF-8 (decodeNonUtf8Terraform next). */
  | { readonly ok: true; readonly decoded: DecodedText }
  /** A NUL where Terraform refuses it too ("Invalid character"), at `refusedAt`. */
  | { readonly ok: false; readonly refusedAt: Position };

/**
 * hcl reads NUL as it reads any other character: inside a comment, a string, a heredoc or a quoted
 * key or label it is accepted, anywhere else it is "Invalid character" (hcl v2.14 and Terraform
 * read `# a<NUL>b` above a resource without complaint). So a NUL does not make a .tf file binary
 * when our parser, which refuses NUL where hcl does, reports no error at any NUL; a file refused
 * here is still reported as binary, now with where its first such NUL is.
 */
export function decodeNulTerraform(bytes: Uint8Array): NulTerraform {
  const decoded = decodeText(bytes, { nulIsBinary: false });
  const text = decoded.ok ? decoded.text : decodeReplacing(bytes).text;
  const errorStarts = new Set<number>();
  for (const d of parseHcl(text, '').diagnostics) if (d.severity === 'error' && d.span) errorStarts.add(d.span.start.offset);
  for (let i = text.indexOf('\0'); i >= 0; i = text.indexOf('\0', i + 1)) {
    if (errorStarts.has(i)) return { ok: false, refusedAt: new LineIndex(text).position(i) };
  }
  return { ok: true, decoded };
}

/**
 * The warning for a file read with U+FFFD: a warning, since the file is checked as Terraform reads
 * it and the run's verdict stands. The bytes are never printed (they may be anything); the span
 * shows the line with U+FFFD. `shown` is the name the message uses (a --var-file as it was typed).
 */
export function replacedUtf8Warning(file: string, at: Position, shown = file): Diagnostic {
  return {
    code: 'discovery/invalid-utf8-replaced',
    severity: 'warning',
    message: `${shown} is not valid UTF-8 (first invalid byte at line ${at.line}, column ${at.column}): its invalid bytes were read as replacement characters (U+FFFD), as Terraform reads them.`,
    hint: 'Save the file as UTF-8 (a Latin-1 file: `iconv -f latin1 -t utf-8`); until then `safeguard fix` leaves it unchanged.',
    span: { file, start: at, end: { line: at.line, column: at.column + 1, offset: at.offset + 1 } },
  };
}
