// GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on the pull
// request's changed lines without uploading SARIF. GitHub shows at most 10 errors and 10 warnings
// per step, so the most severe come first.
import { severityRank, type Severity } from '../engine/severity.js';
import { messageWithRoot, repositoryPath, type ReportContext, type ReportInput } from './report-input.js';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** Escaping from @actions/core's command.ts: data escapes % CR LF; properties also : and ,. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithubAnnotations(input: ReportInput, context: ReportContext): string {
  return [...renderGithubAnnotationsChunks(input, context)].join('');
}

/** The workflow commands in pieces, a line at a time. */
export function* renderGithubAnnotationsChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const failing = input.findings
    .filter((f) => f.status === 'fail')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  for (const f of failing) {
    const doc = context.ruleDoc(f.ruleId);
    const props = [
      `file=${escapeProperty(repositoryPath(input, f.span.file))}`,
      `line=${f.span.start.line}`,
      `endLine=${f.span.end.line}`,
      ...(f.span.start.line === f.span.end.line ? [`col=${f.span.start.column}`, `endColumn=${f.span.end.column}`] : []),
      `title=${escapeProperty(`${f.ruleId} (HIPAA ${f.controls.join(', ')})`)}`,
    ];
    const said = messageWithRoot(input, f);
    // An annotation has one location: the related ones (where the value was set) are named in its text,
    // so a reviewer sees why a module's line fails from the caller's file the change touched.
    const related = f.related.map((r) => `${repositoryPath(input, r.span.file)}:${r.span.start.line}: ${r.message}`);
    const explained = related.length > 0 ? `${said}\n${related.join('\n')}` : said;
    const message = doc ? `${explained}\nFix: ${doc.howToFix}` : explained;
    yield `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}\n`;
  }
  for (const d of input.diagnostics) {
    if (d.severity === 'info') continue;
    const file = d.span?.file ?? d.file;
    const props = [
      ...(file !== undefined ? [`file=${escapeProperty(repositoryPath(input, file))}`] : []),
      ...(d.span ? [`line=${d.span.start.line}`, `col=${d.span.start.column}`] : []),
      `title=${escapeProperty(d.code)}`,
    ];
    yield `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`;
  }
}
