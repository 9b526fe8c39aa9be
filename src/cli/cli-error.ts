// Errors the user can act on (exit 2: one line and a hint) versus bugs (exit 2 with "this is a bug",
// version and a redacted stack: frames only, no message, since messages can carry file contents).
import type { Diagnostic } from '../source/diagnostic.js';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A scan that could not start: config errors and the like, already rendered as diagnostics. */
export class SetupError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics[0]?.message ?? 'setup failed');
    this.name = 'SetupError';
  }
}

export const ISSUES_URL = 'https://github.com/safeguard-iac/safeguard/issues';

/** A stack trace without the error message and with paths made relative to the package. */
export function redactedStack(error: unknown, packageRoot: string): string[] {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const frames =
    error instanceof Error && typeof error.stack === 'string'
      ? error.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .slice(0, 12)
          .map((line) => `    ${line.trim().split(packageRoot).join('<safeguard>').replace(/file:\/\/</g, '<')}`)
      : [];
  return [`  ${name}`, ...frames];
}
