// Markdown for a pull-request comment or a job summary (../shared/research/ecosystem.md §2.6): a
// verdict line, counts by severity and by HIPAA section, the top findings linked to their lines,
// and the rest in collapsed <details>. GitHub rejects comment bodies over 65,536 characters, so
// the report stops adding findings before MARKDOWN_LIMIT and says how many it left out. The first
// line is a marker so a workflow can update one sticky comment instead of posting new ones.
import type { Finding } from '../engine/finding.js';
import { SEVERITIES, severityRank, type Severity } from '../engine/severity.js';
import type { Span } from '../source/span.js';
import { groupBySafeguard, hipaaSection } from './by-safeguard.js';
import { constructNote, messageWithRoot, repositoryPath, rootForHost, type ReportContext, type ReportInput } from './report-input.js';
import { summarize } from './summary.js';

export const MARKDOWN_LIMIT = 65_000;
export const MARKDOWN_MARKER = '<!-- safeguard-report -->';
const TOP_FINDINGS = 10;
const SEVERITY_ICON: Readonly<Record<Severity, string>> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦' };

/** Text safe inside a table cell or a line: no HTML, no table breaks, no accidental emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}

/**
 * `text` as a code span: a file name may hold backticks (`a\`b.tf`), which end a one-backtick span
 * early and let the rest render as markdown or HTML; the fence is one backtick longer than the
 * longest run inside, padded when the text starts or ends with one (CommonMark 6.1).
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 && (oneLine.startsWith('`') || oneLine.endsWith('`')) ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export function renderMarkdown(input: ReportInput, context: ReportContext, limit = MARKDOWN_LIMIT): string {
  const summary = summarize(input);
  const failing = input.findings.filter((f) => f.status === 'fail');
  const blocking = new Set(input.blocking);
  const link = (span: Span): string => {
    const file = repositoryPath(input, span.file);
    const label = `${file}:${span.start.line}`;
    if (context.sourceLinkBase === undefined) return codeSpan(label);
    const lines = span.end.line > span.start.line ? `#L${span.start.line}-L${span.end.line}` : `#L${span.start.line}`;
    return `[${escapeMarkdown(label)}](${context.sourceLinkBase}${file.split('/').map(encodeURIComponent).join('/')}${lines})`;
  };

  const head: string[] = [MARKDOWN_MARKER];
  const verdict =
    input.exitCode === 0
      ? `## ✅ Safeguard: no blocking HIPAA findings`
      : `## ❌ Safeguard: ${plural(summary.blocking, 'blocking finding')}${summary.errors > 0 ? `, ${plural(summary.errors, 'file')} not parsed` : ''}`;
  head.push(
    verdict,
    '',
    `${plural(failing.length, 'failing check')} · ${summary.byStatus.waived} waived · ${summary.byStatus.pass} passed · ${summary.byStatus.unknown} undecided · ${plural(summary.filesScanned, 'file')} · fails on **${input.failOn}** and above`,
    '',
  );
  if (failing.length > 0) {
    head.push('| Severity | Failing | Blocking |', '| --- | ---: | ---: |');
    for (const s of SEVERITIES) {
      const count = summary.failingBySeverity[s];
      if (count > 0) head.push(`| ${SEVERITY_ICON[s]} ${s} | ${count} | ${failing.filter((f) => f.severity === s && blocking.has(f)).length} |`);
    }
    head.push('');
    head.push('| HIPAA section | Safeguard | Failing | Waived | Passed |', '| --- | --- | ---: | ---: | ---: |');
    for (const [control, findings] of groupBySafeguard(input.findings)) {
      const section = hipaaSection(control);
      const count = (status: Finding['status']): number => findings.filter((f) => f.status === status).length;
      if (count('fail') === 0) continue;
      head.push(`| ${escapeMarkdown(section ? `${section.id} ${section.title}` : control)} | ${escapeMarkdown(section?.part.replace(/^\S+\s/, '') ?? '')} | ${count('fail')} | ${count('waived')} | ${count('pass')} |`);
    }
    head.push('');
  }

  const ordered = [...failing].sort((a, b) => Number(blocking.has(b)) - Number(blocking.has(a)) || severityRank(b.severity) - severityRank(a.severity));
  const top = ordered.slice(0, TOP_FINDINGS);
  if (top.length > 0) {
    head.push(`### Top findings`, '');
    for (const f of top) {
      head.push(`- ${SEVERITY_ICON[f.severity]} **${f.severity}**${blocking.has(f) ? '' : ' (not blocking)'} \`${f.ruleId}\` ${link(f.span)}  \n  ${escapeMarkdown(messageWithRoot(input, f))}`);
    }
    head.push('');
  }

  // The JSON report holds every result; SARIF holds no passes, and waived findings only with --include-suppressed.
  const footer = ['', `<sub>${escapeMarkdown(context.tool.name)} ${escapeMarkdown(context.tool.version)} · ${plural(summary.rulesRun, 'rule')} · waived findings and passes are in the JSON report</sub>`, ''];
  const out: string[] = [...head];
  let size = out.join('\n').length + footer.join('\n').length + 200; // room for the "left out" line
  const add = (block: string[]): boolean => {
    const length = block.join('\n').length + 1;
    if (size + length > limit) return false;
    out.push(...block);
    size += length;
    return true;
  };

  // Each section's entries are rendered one at a time, only while they fit: a scan of a monorepo has
  // tens of thousands of findings, and a comment holds a few dozen (rendering them all made this
  // format's cost grow faster than the findings: 21 ms for corpus (a) of the bench, 270-590 ms for
  // ten times it, 77 ms now).
  const waived = input.findings.filter((f) => f.status === 'waived');
  const sections: Section[] = [
    { title: `All ${plural(ordered.length, 'failing finding')}`, count: ordered.length, entry: (i) => findingDetails(ordered[i]!, context, link, rootForHost(input, ordered[i]!)) },
    {
      title: `Waived (${summary.byStatus.waived})`,
      count: waived.length,
      entry: (i) => {
        const f = waived[i]!;
        return [`- \`${f.ruleId}\` ${escapeMarkdown(f.resource.address)}${escapeMarkdown(constructNote(f))} ${link(f.span)}: ${escapeMarkdown(f.waiver?.reason ?? 'waived')}${f.waiver?.expires ? ` (until ${f.waiver.expires})` : ''}`];
      },
    },
    {
      title: `Problems (${input.diagnostics.length})`,
      count: input.diagnostics.length,
      entry: (i) => {
        const d = input.diagnostics[i]!;
        return [`- **${d.severity}** \`${d.code}\` ${d.span ? link(d.span) : d.file ? codeSpan(repositoryPath(input, d.file)) : ''} ${escapeMarkdown(d.message)}`];
      },
    },
    { title: `Skipped files (${input.skipped.length})`, count: input.skipped.length, entry: (i) => [`- ${codeSpan(repositoryPath(input, input.skipped[i]!.path))} ${escapeMarkdown(input.skipped[i]!.detail)}`] },
  ];
  let leftOut = 0;
  for (const { title, count, entry } of sections) {
    if (count === 0) continue;
    if (!add(['<details>', `<summary>${title}</summary>`, ''])) {
      leftOut += count;
      continue;
    }
    for (let i = 0; i < count; i++) {
      if (!add(entry(i))) {
        leftOut += count - i;
        break;
      }
    }
    out.push('', '</details>', '');
  }
  if (leftOut > 0) out.push(`_${plural(leftOut, 'more entry', 'more entries')} left out to stay under GitHub's comment size limit; see the full report artifact._`);
  return `${[...out, ...footer].join('\n')}`;
}

/** A collapsed section of the comment: its entries, rendered on demand. */
interface Section {
  readonly title: string;
  readonly count: number;
  readonly entry: (index: number) => string[];
}

function findingDetails(f: Finding, context: ReportContext, link: (span: Span) => string, root: string | undefined): string[] {
  const doc = context.ruleDoc(f.ruleId);
  const lines = [
    `#### ${SEVERITY_ICON[f.severity]} ${escapeMarkdown(f.title)}`,
    '',
    `\`${f.ruleId}\` · ${escapeMarkdown(f.resource.address)}${root !== undefined ? ` (root module ${escapeMarkdown(root)})` : ''}${escapeMarkdown(constructNote(f))} · ${link(f.span)} · HIPAA ${f.controls.map(escapeMarkdown).join(', ')}`,
    '',
    escapeMarkdown(f.message),
    ...f.related.map((r) => `- ${link(r.span)}: ${escapeMarkdown(r.message)}`),
  ];
  if (doc) lines.push('', `**Why:** ${escapeMarkdown(doc.why)}`, '', `**Fix:** ${escapeMarkdown(doc.howToFix)}${f.fix ? ` (${f.fix.safety === 'safe' ? '`--fix` can apply it' : 'unsafe: review before applying'})` : ''}`);
  lines.push('');
  return lines;
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
