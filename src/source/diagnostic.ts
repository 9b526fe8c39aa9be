import type { Span } from './span.js';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable machine code: 'parse/hcl', 'config/unknown-key', 'waiver/expired', 'rule/crashed'. */
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  /** What happened, one sentence. Never contains a secret value. */
  readonly message: string;
  /** What to do next. */
  readonly hint?: string;
  readonly span?: Span;
  /** A file the diagnostic is about when there is no precise span (e.g. an unreadable file). */
  readonly file?: string;
}

export function diagnostic(
  code: string,
  severity: DiagnosticSeverity,
  message: string,
  extra: { hint?: string; span?: Span; file?: string } = {},
): Diagnostic {
  return { code, severity, message, ...extra };
}
