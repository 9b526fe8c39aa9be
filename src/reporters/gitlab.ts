// GitLab reports (../shared/research/ecosystem.md §2.3):
// - Code Quality (`artifacts:reports:codequality`, every tier): an array of CodeClimate-subset issues.
//   GitLab publishes no schema; fields follow doc/ci/testing/code_quality.md "Implement a custom tool".
// - SAST (`artifacts:reports:sast`, security widget and dashboard on Ultimate): schema 15.2.1,
//   shipped in test/fixtures/report-schemas/.
// Both use our content fingerprint as the stable id, so GitLab tracks a finding across pipelines
// instead of seeing a new one each run (Checkov's random UUIDs churn).
import { redactedContentFingerprint } from '../baseline/fingerprint.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { jsonWithList, listMarker, mapped } from './json-pieces.js';
import { fingerprintSources } from './redact.js';
import { messageWithRoot, repositoryPath, type ReportContext, type ReportInput } from './report-input.js';

const CODE_QUALITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor' };
const SAST_SEVERITY: Readonly<Record<Severity, string>> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const GITLAB_SAST_SCHEMA_VERSION = '15.2.1';
const TOOL_URL = 'https://github.com/safeguard-iac/safeguard';

/** Our content fingerprint of each finding, each file redacted once. */
function fingerprints(input: ReportInput, context: ReportContext): (f: Finding) => string {
  const redacted = fingerprintSources(context.sources);
  return (f) => redactedContentFingerprint(f, repositoryPath(input, f.span.file), redacted(f.span.file));
}

/** Failing findings (waived ones too when asked for, which GitLab cannot mark as such). */
function reported(input: ReportInput, context: ReportContext): Finding[] {
  return input.findings.filter((f) => f.status === 'fail' || (f.status === 'waived' && context.includeSuppressed === true));
}

export function renderGitlabCodeQuality(input: ReportInput, context: ReportContext): string {
  return [...renderGitlabCodeQualityChunks(input, context)].join('');
}

/** The Code Quality report in pieces, an issue at a time (json-pieces.ts). */
export function* renderGitlabCodeQualityChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const fingerprint = fingerprints(input, context);
  const issue = (f: Finding): object => {
    const doc = context.ruleDoc(f.ruleId);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: `${f.status === 'waived' ? '[waived] ' : ''}${messageWithRoot(input, f)}`,
      content: { body: [doc?.why, doc ? `How to fix: ${doc.howToFix}` : undefined, `HIPAA ${f.controls.join(', ')}`].filter((x) => x !== undefined).join('\n\n') },
      categories: ['Security'],
      fingerprint: fingerprint(f),
      severity: CODE_QUALITY_SEVERITY[f.severity],
      location: { path: repositoryPath(input, f.span.file), lines: { begin: f.span.start.line, end: f.span.end.line } },
    };
  };
  const marker = listMarker();
  yield* jsonWithList(marker, marker, mapped(reported(input, context), issue));
  yield '\n';
}

/** GitLab wants `yyyy-mm-ddThh:mm:ss` (UTC, no fraction, no zone). */
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** A UUID-shaped id derived from the fingerprint (stable across runs, as GitLab recommends a UUID). */
function uuidFrom(hex: string): string {
  const h = hex.padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function renderGitlabSast(input: ReportInput, context: ReportContext): string {
  return [...renderGitlabSastChunks(input, context)].join('');
}

/** The SAST report in pieces, a vulnerability at a time (json-pieces.ts). */
export function* renderGitlabSastChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const end = context.now ?? new Date(0);
  const start = new Date(end.getTime() - Math.round(input.timings.totalMs));
  const tool = { id: 'safeguard', name: 'Safeguard', url: TOOL_URL, vendor: { name: 'Safeguard' }, version: context.tool.version };
  const fingerprint = fingerprints(input, context);
  const vulnerability = (f: Finding): object => {
    const doc = context.ruleDoc(f.ruleId);
    const fp = fingerprint(f);
    return {
      // Unique in the report: the fingerprint holds the root module where the file does not tell it
      // (recipe 3), so findings of one module called from two root modules differ.
      id: uuidFrom(fp),
      name: f.title.slice(0, 255),
      description: [messageWithRoot(input, f), doc?.why].filter((x) => x !== undefined).join('\n\n'),
      severity: SAST_SEVERITY[f.severity],
      ...(doc ? { solution: doc.howToFix } : {}),
      identifiers: [
        { type: 'safeguard_rule_id', name: f.ruleId, value: f.ruleId, ...(doc?.links[0] ? { url: doc.links[0] } : {}) },
        ...f.controls.map((c) => ({ type: 'hipaa', name: `HIPAA ${c}`, value: c, url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C' })),
      ],
      ...(doc && doc.links.length > 0 ? { links: doc.links.map((url) => ({ url })) } : {}),
      location: { file: repositoryPath(input, f.span.file), start_line: f.span.start.line, end_line: f.span.end.line, class: f.resource.address },
      ...(f.status === 'waived' ? { flags: [{ type: 'flagged-as-likely-false-positive', origin: 'safeguard', description: `Waived: ${f.waiver?.reason ?? ''}`.trim() }] } : {}),
    };
  };
  const messages = input.diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => {
      const file = d.span?.file ?? d.file;
      return { level: d.severity === 'error' ? 'warn' : 'info', value: `${file !== undefined ? `${repositoryPath(input, file)}: ` : ''}${d.message}` };
    });
  const marker = listMarker();
  const report = {
    version: GITLAB_SAST_SCHEMA_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_SCHEMA_VERSION}/dist/sast-report-format.json`,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'sast',
      start_time: gitlabTime(start),
      end_time: gitlabTime(end),
      status: 'success',
      ...(messages.length > 0 ? { messages } : {}),
    },
    vulnerabilities: marker,
  };
  yield* jsonWithList(report, marker, mapped(reported(input, context), vulnerability));
  yield '\n';
}
