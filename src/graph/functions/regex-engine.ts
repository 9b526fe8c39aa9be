// Regular expressions come from the scanned files, so a pattern like `(a+)+$` must not hang the scan
// (issue 12). Terraform uses Go's RE2, which runs in linear time and has no backreferences or
// lookarounds; V8 has a linear-time engine for exactly that subset. These flags make V8 switch a
// regular expression to it once backtracking runs away, with the same results. The linear engine
// does not take the `u` flag, so patterns are compiled without it whenever that means the same.
import v8 from 'node:v8';

let enabled = false;

/** Idempotent; V8 flags are process-wide and apply to regular expressions compiled afterwards. */
export function enableLinearRegexFallback(): void {
  if (enabled) return;
  enabled = true;
  v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  v8.setFlagsFromString('--regexp-backtracks-before-fallback=10000');
}

/**
 * Whether the `u` flag changes the meaning: `\p{…}` classes, `\u{…}` escapes, or characters outside
 * the BMP in the pattern or the subject (surrogate pairs, which `.` and classes must take whole).
 * Other characters are one UTF-16 unit either way.
 */
export function needsUnicodeFlag(source: string, subject: string | undefined): boolean {
  if (/[\uD800-\uDFFF]/.test(source) || /\\[pP]\{|\\u\{/.test(source)) return true;
  return subject !== undefined && /[\uD800-\uDFFF]/.test(subject);
}
