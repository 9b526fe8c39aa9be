// Counts shared by every reporter, so text and JSON summaries always agree.
import type { SkipReason } from '../discovery/skipped-file.js';
import type { FindingStatus } from '../engine/finding.js';
import { SEVERITIES, type Severity } from '../engine/severity.js';
import type { ReportInput } from './report-input.js';

export interface ReportSummary {
  readonly byStatus: Readonly<Record<FindingStatus, number>>;
  /** Failing findings by severity (all of them, blocking or not). */
  readonly failingBySeverity: Readonly<Record<Severity, number>>;
  readonly blocking: number;
  readonly errors: number;
  readonly warnings: number;
  /** Files reported on: those read only as module context are counted apart. */
  readonly filesScanned: number;
  readonly filesForContext: number;
  readonly filesSkipped: number;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  readonly rulesRun: number;
}

export function summarize(input: ReportInput): ReportSummary {
  const byStatus: Record<FindingStatus, number> = { fail: 0, pass: 0, unknown: 0, waived: 0 };
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  // By index: over thousands of findings in code not yet optimised, for...of allocates a result per step (a warm scan's garbage).
  for (let i = 0; i < input.findings.length; i++) {
    const f = input.findings[i]!;
    byStatus[f.status]++;
    if (f.status === 'fail') failingBySeverity[f.severity]++;
  }
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const s of input.skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  return {
    byStatus,
    failingBySeverity,
    blocking: input.blocking.length,
    errors: input.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: input.diagnostics.filter((d) => d.severity === 'warning').length,
    filesScanned: input.files.length - (input.contextFiles?.length ?? 0),
    filesForContext: input.contextFiles?.length ?? 0,
    filesSkipped: input.skipped.length,
    skippedByReason,
    rulesRun: input.rulesRun.length,
  };
}
