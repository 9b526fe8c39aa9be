// `safeguard controls [PATH]`: each HIPAA Security Rule section with the rules that cover it; with a
// PATH, the scan's pass/fail/waived/unknown counts per section; and the catalog rows deliberately
// not implemented, with the reason.
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { FindingStatus } from '../engine/finding.js';
import { notImplemented } from '../rules/index.js';
import { createColors } from '../reporters/colors.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import type { AnyRule } from '../rules/define-rule.js';
import { listedPack } from './custom-rules.js';
import { UsageError } from './cli-error.js';
import { rulePack } from './rule-pack.js';
import { formatTable } from './rules-command.js';
import { reportWrittenMessage, writeReportFile } from './report-outputs.js';
import { executeScan, prepareScan, reportInput, uncachedSourceScan, type ScanFlags } from './scan-command.js';
import { useColor, type Terminal } from './terminal.js';
import type { ReportInput } from '../reporters/report-input.js';

type Counts = Record<FindingStatus, number>;

export async function runControlsCommand(context: ScanContext, scanPath: string | undefined, flags: ScanFlags, terminal: Terminal): Promise<number> {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format ${flags.format}: unknown format.`, 'Use --format text or --format json.');
  // With --policies / --plugin (or the config's policies) their rules cover sections too.
  let rules: readonly AnyRule[] = scanPath === undefined ? listedPack(context, flags) : rulePack();
  let counts: Map<string, Counts> | undefined;
  let outcome: Pick<ReportInput, 'diagnostics' | 'exitCode' | 'blocking'> | undefined;
  if (scanPath !== undefined) {
    const prepared = prepareScan(context, [scanPath], flags);
    rules = prepared.custom?.rules ?? rules;
    const result = await executeScan(context, prepared, flags, terminal, uncachedSourceScan(context, prepared));
    outcome = reportInput(result, prepared.failOn, prepared.selection.warnOnly);
    counts = new Map();
    for (const f of result.findings) {
      for (const control of f.controls) {
        const c = counts.get(control) ?? { fail: 0, pass: 0, unknown: 0, waived: 0 };
        c[f.status]++;
        counts.set(control, c);
      }
    }
  }
  const sections = HIPAA_SECTIONS.map((s) => {
    const covering = rules.filter((r) => (r.controls as readonly string[]).includes(s.id)).map((r) => r.id);
    return { id: s.id, title: s.title, part: s.part, requirement: s.requirement, iac: s.iac, rules: covering, ...(counts ? { results: counts.get(s.id) ?? { fail: 0, pass: 0, unknown: 0, waived: 0 } } : {}) };
  });
  // `-o FILE` writes the report there, as `scan -o` does (docs/cli.md): same file handling, errors and
  // "report written" line on stderr (not with --quiet), and no colour in the file.
  const report = flags.format === 'json' ? `${JSON.stringify({ schemaVersion: '1.0', sections, notImplemented }, null, 2)}\n` : controlsText(sections, flags.output === undefined && useColor(terminal, flags.color, 'stdout'));
  if (flags.output === undefined) terminal.out(report);
  else {
    const output = { format: flags.format, file: flags.output };
    writeReportFile(context, output, [report]);
    if (!flags.quiet) terminal.err(reportWrittenMessage(output, outcome));
  }
  return outcome?.exitCode ?? 0;
}

interface SectionRow {
  readonly id: string;
  readonly title: string;
  readonly part: string;
  readonly iac: string;
  readonly rules: readonly string[];
  readonly results?: Counts;
}

function controlsText(sections: readonly SectionRow[], color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  let part = '';
  for (const s of sections) {
    if (s.part !== part) {
      part = s.part;
      out.push('', c.bold(part));
    }
    const results = s.results && s.rules.length > 0 ? `  ${resultCells(s.results, c)}` : '';
    out.push(`  ${s.id.padEnd(22)} ${s.title}${results}`);
    out.push(c.dim(`    ${s.rules.length > 0 ? s.rules.join(', ') : s.iac === 'none' ? 'not checkable in infrastructure code' : 'no rule yet'}`));
  }
  if (notImplemented.length > 0) {
    out.push('', c.bold(`Catalog rows not implemented (${notImplemented.length})`));
    out.push(formatTable([['CATALOG', 'REASON'], ...notImplemented.map((g) => [g.catalogId, g.reason])]).replace(/^/gm, '  '));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}

function resultCells(r: Counts, c: ReturnType<typeof createColors>): string {
  const fail = r.fail > 0 ? c.red(`${r.fail} fail`) : `${r.fail} fail`;
  return `${fail}, ${r.pass} pass, ${r.waived} waived, ${r.unknown} unknown`;
}

