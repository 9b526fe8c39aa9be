import type { Diagnostic } from './diagnostic.js';

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

export function ok<T>(value: T, warnings: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function err<T = never>(...errors: Diagnostic[]): Result<T> {
  return { ok: false, errors };
}
