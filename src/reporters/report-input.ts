// What every reporter receives: the scan's results and a context (sources for code frames, rule
// documentation, display options). Reporters are pure: (input, context) → string. They never read
// the file system (issue 2); the CLI hands them the file texts it already has.
import path from 'node:path';
import type { FailOn } from '../config/safeguard-config.js';
import type { SkippedFile } from '../discovery/skipped-file.js';
import type { ControlId } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import type { Diagnostic } from '../source/diagnostic.js';

export interface ReportInput {
  /** The scan root relative to the working directory ('' when they are the same). */
  readonly displayRoot: string;
  readonly files: readonly { readonly path: string }[];
  readonly skipped: readonly SkippedFile[];
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rulesRun: readonly { readonly id: string }[];
  readonly timings: { readonly discoverMs: number; readonly evaluateMs: number; readonly rulesMs: number; readonly totalMs: number };
  readonly failOn: FailOn;
  /** Failing findings that fail the run (at or above failOn, not in warn mode). */
  readonly blocking: readonly Finding[];
  readonly exitCode: 0 | 1;
  /** `--shard i/n`: this report covers one slice of the root modules. */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** The parts of a rule reports print beside a finding. */
export interface RuleDoc {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly howToFix: string;
  readonly links: readonly string[];
  /** Default severity and HIPAA sections: SARIF and Markdown describe every rule run, not only failing ones. */
  readonly severity?: Severity;
  readonly controls?: readonly ControlId[];
  readonly examples?: { readonly bad: readonly string[]; readonly good: readonly string[] };
}

export interface ReportContext {
  readonly tool: { readonly name: string; readonly version: string };
  /** A scanned file's text by its root-relative path. */
  sources(file: string): string | undefined;
  ruleDoc(id: string): RuleDoc | undefined;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  /** Waived findings in machine reports (SARIF `suppressions`); left out by default (GitHub shows them as open alerts). */
  readonly includeSuppressed?: boolean;
  /** The clock the CLI read once: report timestamps (GitLab's scan times). */
  readonly now?: Date;
  /** Where a file's lines can be linked, e.g. `https://github.com/o/r/blob/<sha>/` (Markdown reports). */
  readonly sourceLinkBase?: string;
}

export type Reporter = (input: ReportInput, context: ReportContext) => string;

/** A root-relative path as the user should see it: relative to the working directory. */
export function displayPath(input: Pick<ReportInput, 'displayRoot'>, file: string): string {
  if (input.displayRoot === '') return file;
  // Reporters ask once per finding and related span, of a few hundred distinct files: each is
  // normalised once per root (the last root's paths are kept; a scan has one root).
  if (memoRoot !== input.displayRoot) {
    memoRoot = input.displayRoot;
    memo.clear();
  }
  let shown = memo.get(file);
  if (shown === undefined) {
    shown = path.posix.normalize(`${input.displayRoot}/${file}`);
    memo.set(file, shown);
  }
  return shown;
}

let memoRoot = '';
const memo = new Map<string, string>();
