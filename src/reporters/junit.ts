// JUnit XML for Jenkins' `junit` step and GitLab's `artifacts:reports:junit`
// (../shared/research/ecosystem.md §2.2): one <testsuite> per HIPAA section, one <testcase> per
// checked resource: <failure> for a failing finding, <skipped> for waived or undecidable ones, and
// passing cases for passes so the counts mean something. Unparsable files are <error> cases.
// classname is the rule id (no dots, so Jenkins does not split it into packages); the XSD has no
// file/line attributes on <testcase>, so the location is in the name and the failure text.
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { groupBySafeguard, hipaaSection } from './by-safeguard.js';
import { displayPath, rootNotShownByFile, type ReportContext, type ReportInput } from './report-input.js';

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const attrs = (pairs: Record<string, string | number | undefined>): string =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

export function renderJunit(input: ReportInput, context: ReportContext): string {
  return [...renderJunitChunks(input, context)].join('');
}

/**
 * The report in pieces, a test case at a time. The counts that open <testsuites> and each
 * <testsuite> are taken first, in a pass that makes no text.
 */
export function* renderJunitChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const seconds = (input.timings.totalMs / 1000).toFixed(3);
  const groups = groupBySafeguard(input.findings);
  const problems = input.diagnostics.filter((d) => d.severity === 'error');
  let tests = problems.length + input.skipped.length;
  let failures = 0;
  const counts = groups.map(([, findings]) => {
    const c = { tests: findings.length, failures: 0, skipped: 0 };
    for (const f of findings) {
      if (f.status === 'fail') c.failures++;
      if (f.status === 'waived' || f.status === 'unknown') c.skipped++;
    }
    tests += c.tests;
    failures += c.failures;
    return c;
  });
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: `${context.tool.name} ${context.tool.version} HIPAA scan`, tests, failures, errors: problems.length, time: seconds })}>\n`;
  for (let i = 0; i < groups.length; i++) {
    const [control, findings] = groups[i]!;
    const c = counts[i]!;
    const section = hipaaSection(control);
    const name = section ? `HIPAA ${section.id} ${section.title}` : `HIPAA ${control}`;
    yield `  <testsuite${attrs({ name, tests: c.tests, failures: c.failures, errors: 0, skipped: c.skipped, time: '0', group: section?.part })}>\n`;
    for (const f of findings) yield testcase(f, input, context);
    yield '  </testsuite>\n';
  }
  if (problems.length > 0) {
    yield `  <testsuite${attrs({ name: 'Files safeguard could not check', tests: problems.length, failures: 0, errors: problems.length, skipped: 0, time: '0' })}>\n`;
    for (const d of problems) yield errorCase(d, input);
    yield '  </testsuite>\n';
  }
  // Skipped files (issue 12), so the scope of the run is in the report; failed inputs are errors above too.
  if (input.skipped.length > 0) {
    yield `  <testsuite${attrs({ name: 'Files skipped', tests: input.skipped.length, failures: 0, errors: 0, skipped: input.skipped.length, time: '0' })}>\n`;
    for (const s of input.skipped) yield `    <testcase${attrs({ name: displayPath(input, s.path), classname: 'safeguard-skipped', time: '0' })}>\n      <skipped${attrs({ message: `${s.reason}: ${s.detail}` })}/>\n    </testcase>\n`;
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function testcase(f: Finding, input: ReportInput, context: ReportContext): string {
  const file = displayPath(input, f.span.file);
  const where = `${file}:${f.span.start.line}:${f.span.start.column}`;
  const root = rootNotShownByFile(input, f);
  const open = `    <testcase${attrs({ name: `[${f.severity.toUpperCase()}] ${f.resource.address}${root !== undefined ? ` in root module ${root}` : ''} (${where})`, classname: f.ruleId, time: '0' })}`;
  if (f.status === 'pass') return `${open}/>\n`;
  if (f.status === 'waived') {
    const w = f.waiver;
    // Register waivers are named by id, so a CI reader can find the accepted risk behind the skip.
    const message = w ? `Waived${w.source === 'register' ? ` by ${w.id}` : ''}: ${w.reason}${w.expires ? ` (until ${w.expires})` : ''}` : 'Waived';
    return `${open}>\n      <skipped${attrs({ message })}/>\n    </testcase>\n`;
  }
  if (f.status === 'unknown') return `${open}>\n      <skipped${attrs({ message: `Could not be decided: ${f.message}` })}/>\n    </testcase>\n`;
  const doc = context.ruleDoc(f.ruleId);
  const body = [
    f.message,
    '',
    `Rule: ${f.ruleId} (${f.title})`,
    `Resource: ${f.resource.address}`,
    ...(root !== undefined ? [`Root module: ${root}`] : []),
    `Location: ${where}`,
    ...f.related.map((r) => `Related: ${displayPath(input, r.span.file)}:${r.span.start.line}:${r.span.start.column} ${r.message}`),
    `HIPAA: ${f.controls.join(', ')}`,
    ...(doc ? [`Why: ${doc.why}`, `Fix: ${doc.howToFix}`, ...doc.links.map((l) => `See: ${l}`)] : []),
  ].join('\n');
  return `${open}>\n      <failure${attrs({ message: f.message, type: f.severity })}>${escapeXml(body)}</failure>\n    </testcase>\n`;
}

function errorCase(d: Diagnostic, input: ReportInput): string {
  const file = d.span?.file ?? d.file;
  const shown = file !== undefined ? displayPath(input, file) : '(scan)';
  const where = d.span ? `${shown}:${d.span.start.line}:${d.span.start.column}` : shown;
  return `    <testcase${attrs({ name: `${d.code} ${where}`, classname: 'safeguard-parse', time: '0' })}>\n      <error${attrs({ message: d.message, type: d.code })}>${escapeXml(d.hint ? `${d.message}\n${d.hint}` : d.message)}</error>\n    </testcase>\n`;
}
