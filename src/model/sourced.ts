import type { Span } from '../source/span.js';
import type { Plain } from './value.js';

export type Provenance =
  | 'explicit' // written in the file (possibly through a variable, local or module input: see `via`)
  | 'default' // absent: the value is the provider default, span is the enclosing block
  | 'unresolved'; // unknowable here: variable without a value, plan "after_unknown"

export interface Sourced<T = Plain> {
  readonly value: T;
  /** Where the value is set: the attribute (name to end of expression), or the enclosing block when absent. */
  readonly span: Span;
  readonly provenance: Provenance;
  /** Where it travelled from, nearest first: e.g. the tfvars line, then the variable's default. */
  readonly via: readonly Span[];
  /** Marked sensitive (a `sensitive = true` variable or output, or plan `after_sensitive`). */
  readonly sensitive: boolean;
  /**
   * Set (true) only when the sensitive mark came only through one-way functions
   * (`sha256(var.pw)`, bcrypt): the value is a digest of a secret, not the secret.
   */
  readonly onlyHashedMarks?: true;
}
