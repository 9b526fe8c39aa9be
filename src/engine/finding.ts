import type { ControlId } from '../controls/hipaa-sections.js';
import type { FixRequest } from '../fixes/fix.js';
import type { Span } from '../source/span.js';
import type { Severity } from './severity.js';

export type FindingStatus = 'fail' | 'pass' | 'unknown' | 'waived';

export interface AppliedWaiver {
  /** 'inline' for a source comment, else the waiver id from the register. */
  readonly source: 'inline' | 'register';
  readonly id: string;
  /** The marker as written, e.g. `checkov:skip=CKV_AWS_20` or `safeguard:ignore aws-...`. */
  readonly marker?: string;
  readonly reason: string;
  readonly expires?: string; // YYYY-MM-DD
  readonly span?: Span;
}

/**
 * The related list of every finding that has none: one frozen list shared by all (most failures and
 * every pass relate to nothing; ~107 000 findings on ten times bench corpus (a), one empty array
 * each before), so nothing can push onto one finding's list and change them all.
 */
export const NO_RELATED: Finding['related'] = Object.freeze([]);

/** Finding.resource.instance: where a declaration judged once per scan is, and the root module it was judged under. */
export interface FirstInstance {
  readonly root: string;
  readonly file: string;
  readonly offset: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  /**
   * The resource judged. `root` is the root module (or plan or state file) it was evaluated for, when
   * that is not the scan root itself: a module called from several roots has the same address and
   * location in each, and only the root tells those findings apart. `constructPath` is where a CDK for
   * Terraform user finds the resource in their code.
   */
  readonly resource: {
    readonly address: string;
    readonly kind: string;
    readonly root?: string;
    /** CDK for Terraform's construct path (Resource.constructPath): shown beside the address, never part of its identity. */
    readonly constructPath?: string;
    /**
     * In a sharded scan only, on a declaration the scan judges once (a called module's variable or
     * output, under the first module instance that declares it, pipeline/first-declarations.ts): the
     * declaration (its file and start offset; the finding's own span may be a value in the caller)
     * and the root module of that instance. Each shard judges it under its own first instance;
     * `merge` keeps the first root module's, as the unsharded scan does, and drops this field. Never
     * part of the finding's identity (fingerprints, baselines, waivers); a shard's `--baseline` reads
     * it to match an entry made under another instance of the declaration (baseline-file.ts).
     */
    readonly instance?: FirstInstance;
  };
  readonly span: Span;
  readonly related: readonly { readonly span: Span; readonly message: string }[];
  readonly controls: readonly ControlId[];
  readonly fix?: FixRequest;
  readonly waiver?: AppliedWaiver;
}
