// JUnit XML for Jenkins' `junit` step and GitLab's `artifacts:reports:junit`
// (../shared/research/ecosystem.md §2.2): one <testsuite> per HIPAA section, one <testcase> per
// checked resource: <failure> for a failing finding, <skipped> for waived or undecidable ones, and
// passing cases for passes so the counts mean something. Unparsable files are <error> cases.
// classname is the rule id (no dots, so Jenkins does not split it into packages).
//
// A test case's name is what Jenkins, GitLab and Azure DevOps track history by (with classname), so
// it holds what identifies the finding and nothing that moves: the severity, the resource address and
// the root module when the file does not tell it. A line inserted above a resource used to rename every
// test case below it (the name ended in file:line:col), and CI showed each as a new test with no
// history. Two findings of one rule that would share a name (two literal keys in one provider block,
// the same address in two root modules' files) take the file, then our content fingerprint, which
// survive line moves too (baseline/fingerprint.ts). The location is in the body: the failure text, or
// <system-out> for passes and skips. The XSD (schemas/junit-10.xsd, Jenkins xUnit) has no file or
// line attribute on <testcase>, so none is written there.
import { createHash } from 'node:crypto';
import { redactedContentFingerprint } from '../baseline/fingerprint.js';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { groupBySafeguard, hipaaSection } from './by-safeguard.js';
import { pushTo } from '../util/multi-map.js';
import { fingerprintSources } from './redact.js';
import { displayPath, rootNotShownByFile, type ReportContext, type ReportInput } from './report-input.js';

/** Characters escapeXml changes: most strings (names, addresses, paths) have none, and are returned as they are. */
const XML_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF<>&"']/;
const XML_ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => XML_ENTITIES[c]!);
}

const attrs = (pairs: Record<string, string | number | undefined>): string => {
  let out = '';
  for (const k in pairs) {
    const v = pairs[k];
    if (v !== undefined) out += ` ${k}="${escapeXml(String(v))}"`;
  }
  return out;
};

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
    const names = testcaseNames(findings, input, context);
    for (let j = 0; j < findings.length; j++) yield testcase(findings[j]!, names[j]!, input, context);
    yield '  </testsuite>\n';
  }
  if (problems.length > 0) {
    yield `  <testsuite${attrs({ name: 'Files safeguard could not check', tests: problems.length, failures: 0, errors: problems.length, skipped: 0, time: '0' })}>\n`;
    // Named by code and file, as test cases are (no line, which an edit above it moves); two errors in
    // one file of one code keep their line to be told apart.
    const named = problems.map((d) => `${d.code} ${shownFile(d, input)}`);
    const counted = new Map<string, number>();
    for (const n of named) counted.set(n, (counted.get(n) ?? 0) + 1);
    for (let i = 0; i < problems.length; i++) yield errorCase(problems[i]!, counted.get(named[i]!)! > 1, input);
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

/**
 * Each finding's test case name within one suite (module comment): unique by classname (the rule)
 * and name, free of line numbers. A discriminator is added only where names would collide, so the
 * common case reads `[HIGH] aws_s3_bucket.logs`.
 */
function testcaseNames(findings: readonly Finding[], input: ReportInput, context: ReportContext): string[] {
  const base = findings.map((f) => {
    const root = rootNotShownByFile(input, f);
    return `[${f.severity.toUpperCase()}] ${f.resource.address}${root !== undefined ? ` in root module ${root}` : ''}`;
  });
  let fingerprint: ((f: Finding) => string) | undefined;
  const content = (f: Finding): string => {
    if (fingerprint === undefined) {
      const redacted = fingerprintSources(context.sources);
      fingerprint = (g) => redactedContentFingerprint(g, displayPath(input, g.span.file), redacted(g.span.file));
    }
    return `#${fingerprint(f).slice(0, 12)}`;
  };
  // Each step tells apart what the one before could not. Two findings at one block with different
  // messages hash alike (the fingerprint of a whole block is its header), so the message follows;
  // the report order is the last resort, for findings alike in everything.
  const steps: ((f: Finding, i: number) => string)[] = [
    (f) => displayPath(input, f.span.file),
    content,
    (f) => `#${createHash('sha256').update(f.message).digest('hex').slice(0, 8)}`,
    (_f, i) => `#${i + 1}`,
  ];
  const parts = findings.map((): string[] => []);
  const nameOf = (i: number): string => (parts[i]!.length > 0 ? `${base[i]!} (${parts[i]!.join(' ')})` : base[i]!);
  const keyOf = (i: number): string => `${findings[i]!.ruleId}\0${nameOf(i)}`;
  const byName = new Map<string, number[]>();
  for (let i = 0; i < findings.length; i++) pushTo(byName, keyOf(i), i);
  let collisions = [...byName.values()].filter((at) => at.length > 1);
  // Only the names that collided change, so only they are keyed again (every finding was, each step:
  // two thirds of the report's time for ten copies of corpus (a), whose copies of one module collide
  // down to the last step); a changed name that meets an unchanged one makes both collide, as before.
  for (const step of steps) {
    if (collisions.length === 0) break;
    const touched = new Set<string>();
    for (const at of collisions) {
      byName.delete(keyOf(at[0]!));
      for (const i of at) {
        parts[i]!.push(step(findings[i]!, i));
        const key = keyOf(i);
        pushTo(byName, key, i);
        touched.add(key);
      }
    }
    collisions = [];
    for (const key of touched) {
      const at = byName.get(key)!;
      if (at.length > 1) collisions.push(at.sort((a, b) => a - b));
    }
  }
  return findings.map((_f, i) => nameOf(i));
}

function testcase(f: Finding, name: string, input: ReportInput, context: ReportContext): string {
  const file = displayPath(input, f.span.file);
  const where = `${file}:${f.span.start.line}:${f.span.start.column}`;
  const root = rootNotShownByFile(input, f);
  const open = `    <testcase${attrs({ name, classname: f.ruleId, time: '0' })}`;
  const located = `      <system-out>${escapeXml(`Location: ${where}`)}</system-out>\n`;
  if (f.status === 'pass') return `${open}>\n${located}    </testcase>\n`;
  if (f.status === 'waived') {
    const w = f.waiver;
    // Register waivers are named by id, so a CI reader can find the accepted risk behind the skip.
    const message = w ? `Waived${w.source === 'register' ? ` by ${w.id}` : ''}: ${w.reason}${w.expires ? ` (until ${w.expires})` : ''}` : 'Waived';
    return `${open}>\n      <skipped${attrs({ message })}/>\n${located}    </testcase>\n`;
  }
  if (f.status === 'unknown') return `${open}>\n      <skipped${attrs({ message: `Could not be decided: ${f.message}` })}/>\n${located}    </testcase>\n`;
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

function shownFile(d: Diagnostic, input: ReportInput): string {
  const file = d.span?.file ?? d.file;
  return file !== undefined ? displayPath(input, file) : '(scan)';
}

function errorCase(d: Diagnostic, withLine: boolean, input: ReportInput): string {
  const shown = shownFile(d, input);
  const where = d.span ? `${shown}:${d.span.start.line}:${d.span.start.column}` : shown;
  const name = withLine ? `${d.code} ${where}` : `${d.code} ${shown}`;
  const text = [d.message, ...(d.hint ? [d.hint] : []), `Location: ${where}`].join('\n');
  return `    <testcase${attrs({ name, classname: 'safeguard-parse', time: '0' })}>\n      <error${attrs({ message: d.message, type: d.code })}>${escapeXml(text)}</error>\n    </testcase>\n`;
}
