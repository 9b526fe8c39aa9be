// The control matrix of the evidence pack (issue 9): each HIPAA Security Rule section → the rules
// that cover it → pass/fail/waived/unknown counts → the resources behind them. Sections and the
// rule → section mapping are the ones `safeguard controls` prints (src/cli/controls-command.ts).
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { Finding, FindingStatus } from '../engine/finding.js';
import { csvCell } from '../reporters/csv.js';
import { pushTo } from '../util/multi-map.js';

export type StatusCounts = Record<FindingStatus, number>;

/** What the matrix needs of a rule: the catalog entry, whether or not it ran. */
export interface MatrixRule {
  readonly id: string;
  readonly title: string;
  readonly controls: readonly string[];
}

export interface MatrixResource {
  readonly address: string;
  /** Finding.resource.root: the same address in two root modules is two resources. */
  readonly root?: string;
  readonly status: FindingStatus;
}

/**
 * How a resource of `row` is named: its address, with its root module in front (`envs/prod:module.x.y`)
 * when the row has the address in more than one root module (a module called from several roots).
 */
export function matrixResourceLabel(row: MatrixRuleRow): (x: MatrixResource) => string {
  const roots = new Map<string, number>();
  for (const x of row.resources) roots.set(x.address, (roots.get(x.address) ?? 0) + 1);
  return (x) => ((roots.get(x.address) ?? 0) > 1 && x.root !== undefined ? `${x.root}:${x.address}` : x.address);
}

export interface MatrixRuleRow {
  readonly id: string;
  readonly title: string;
  /** False when the rule was left out of this run (--rule, --skip-rule, config `off`). */
  readonly ran: boolean;
  readonly counts: StatusCounts;
  readonly resources: readonly MatrixResource[];
}

/**
 * What the results show of a section. failing: a result fails; undecided: none fails but some depend
 * on values known only at apply time; covered: every result passes (or is waived), and there is at
 * least one; not-assessed: no result at all (no rule ran for it, or the rules that ran found nothing
 * in scope); not-checkable: no rule can evidence it (policy or procedure evidence).
 */
export type SectionVerdict = 'failing' | 'undecided' | 'covered' | 'not-assessed' | 'not-checkable';

export interface MatrixSection {
  readonly id: string;
  readonly title: string;
  readonly part: string;
  readonly requirement: string;
  /** How far infrastructure code can show this section: direct, partial or none. */
  readonly iac: string;
  readonly verdict: SectionVerdict;
  readonly counts: StatusCounts;
  readonly rules: readonly MatrixRuleRow[];
}

export const emptyCounts = (): StatusCounts => ({ fail: 0, pass: 0, unknown: 0, waived: 0 });

const STATUS_ORDER: Readonly<Record<FindingStatus, number>> = { fail: 0, waived: 1, unknown: 2, pass: 3 };

export function buildControlMatrix(findings: readonly Finding[], catalog: readonly MatrixRule[], rulesRun: ReadonlySet<string>): MatrixSection[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) pushTo(byRule, f.ruleId, f);
  const rowOf = (r: MatrixRule, ruleFindings: readonly Finding[]): MatrixRuleRow => {
    const counts = emptyCounts();
    const resources = new Map<string, MatrixResource>(); // by root and address
    for (const f of ruleFindings) {
      counts[f.status]++;
      const key = `${f.resource.root ?? ''}\u0000${f.resource.address}`;
      const seen = resources.get(key);
      if (seen === undefined || STATUS_ORDER[f.status] < STATUS_ORDER[seen.status]) {
        resources.set(key, f.resource.root === undefined ? { address: f.resource.address, status: f.status } : { address: f.resource.address, root: f.resource.root, status: f.status });
      }
    }
    const sorted = [...resources.values()].sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.address < b.address ? -1 : a.address > b.address ? 1 : (a.root ?? '') < (b.root ?? '') ? -1 : 1),
    );
    return { id: r.id, title: r.title, ran: rulesRun.has(r.id), counts, resources: sorted };
  };
  // A rule's row is the same in every section its findings all cite (as a rule's findings cite its
  // controls): made once per rule, not once per section (a rule citing 5 sections counted, keyed
  // and sorted its findings 5 times; rn1000: ~1.1 s of the pack's ~4 s).
  const wholeRows = new Map<MatrixRule, MatrixRuleRow>();
  return HIPAA_SECTIONS.map((section) => {
    const rules = catalog
      .filter((r) => r.controls.includes(section.id))
      .map((r): MatrixRuleRow => {
        const all = byRule.get(r.id) ?? [];
        // A finding counts for each section its rule cites, the way `safeguard controls PATH` counts.
        const cited = all.filter((f) => f.controls.includes(section.id));
        if (cited.length < all.length) return rowOf(r, cited);
        let row = wholeRows.get(r);
        if (row === undefined) {
          row = rowOf(r, all);
          wholeRows.set(r, row);
        }
        return row;
      });
    const counts = emptyCounts();
    for (const r of rules) for (const s of Object.keys(counts) as FindingStatus[]) counts[s] += r.counts[s];
    return { id: section.id, title: section.title, part: section.part, requirement: section.requirement, iac: section.iac, verdict: sectionVerdict(counts, section.iac), counts, rules };
  });
}

/**
 * A section is covered by evidence, not by a rule having run: a rule that ran over a scan with nothing
 * in its scope (an empty stack, a scan without databases) evidences nothing, and a section whose only
 * results are unknown is not shown to hold. (A run was enough once: an empty configuration marked 40
 * sections covered, 164.312(a)(2)(iv) and 164.312(b) among them.)
 */
export function sectionVerdict(counts: StatusCounts, iac: string): SectionVerdict {
  if (counts.fail > 0) return 'failing';
  if (counts.unknown > 0) return 'undecided';
  if (counts.pass + counts.waived > 0) return 'covered';
  return iac === 'none' ? 'not-checkable' : 'not-assessed';
}

export const CONTROL_MATRIX_COLUMNS = ['HIPAA section', 'Title', 'Part', 'Requirement', 'IaC coverage', 'Section verdict', 'Rule', 'Rule title', 'Rule ran', 'Fail', 'Pass', 'Waived', 'Unknown', 'Failing resources', 'Waived resources'] as const;

/** One row per (section, rule); a section without rules gets one row with an empty rule. RFC 4180, CRLF. */
export function renderControlMatrixCsv(matrix: readonly MatrixSection[]): string {
  return [...controlMatrixCsvPieces(matrix)].join('');
}

/** renderControlMatrixCsv a row at a time, for the pack's writer. */
export function* controlMatrixCsvPieces(matrix: readonly MatrixSection[]): Generator<string> {
  const line = (row: readonly (string | number | boolean)[]): string => `${row.map(csvCell).join(',')}\r\n`;
  yield line(CONTROL_MATRIX_COLUMNS);
  // A rule's row is shared by the sections it cites (buildControlMatrix): its resource lists are made once.
  const listed = new Map<MatrixRuleRow, readonly [string, string]>();
  for (const s of matrix) {
    const head = [s.id, s.title, s.part, s.requirement, s.iac, s.verdict];
    if (s.rules.length === 0) yield line([...head, '', '', false, 0, 0, 0, 0, '', '']);
    for (const r of s.rules) {
      let lists = listed.get(r);
      if (lists === undefined) {
        const label = matrixResourceLabel(r);
        const with_ = (status: FindingStatus): string => r.resources.filter((x) => x.status === status).map(label).join(' ');
        lists = [with_('fail'), with_('waived')];
        listed.set(r, lists);
      }
      yield line([...head, r.id, r.title, r.ran, r.counts.fail, r.counts.pass, r.counts.waived, r.counts.unknown, lists[0], lists[1]]);
    }
  }
}
