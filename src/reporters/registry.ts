// Output formats by name. A new format (sarif, junit, markdown…) is one entry here.
import { renderCsv, renderCsvChunks } from './csv.js';
import { renderGithubAnnotations, renderGithubAnnotationsChunks } from './github-annotations.js';
import { renderGitlabCodeQuality, renderGitlabCodeQualityChunks, renderGitlabSast, renderGitlabSastChunks } from './gitlab.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderJunit, renderJunitChunks } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Reporter } from './report-input.js';
import { renderSarif, renderSarifChunks } from './sarif.js';
import { renderText, renderTextChunks } from './text.js';

export interface ReporterEntry {
  readonly render: Reporter;
  /**
   * The same report in pieces, for formats that may be too large for one string (writeReports streams
   * them); a piece of bytes is UTF-8 (the JSON report's remembered findings), valid only until the
   * next piece is asked for, and may end inside a character.
   */
  readonly chunks?: (input: Parameters<Reporter>[0], context: Parameters<Reporter>[1]) => Iterable<string | Uint8Array>;
  readonly description: string;
  /** Whether colour applies (never for machine formats). */
  readonly colored: boolean;
}

export const REPORTERS: Readonly<Record<string, ReporterEntry>> = {
  text: { render: renderText, chunks: renderTextChunks, description: 'human-readable, grouped by HIPAA safeguard', colored: true },
  json: { render: renderJson, chunks: renderJsonChunks, description: 'machine-readable, schema in docs/json-schema.md', colored: false },
  sarif: { render: renderSarif, chunks: renderSarifChunks, description: 'SARIF 2.1.0 for GitHub code scanning (docs/reports.md)', colored: false },
  junit: { render: renderJunit, chunks: renderJunitChunks, description: 'JUnit XML for Jenkins and GitLab test reports', colored: false },
  markdown: { render: renderMarkdown, description: 'pull-request comment or job summary', colored: false },
  csv: { render: renderCsv, chunks: renderCsvChunks, description: 'one row per finding, for spreadsheets and auditors', colored: false },
  gitlab: { render: renderGitlabCodeQuality, chunks: renderGitlabCodeQualityChunks, description: 'GitLab Code Quality report (every tier)', colored: false },
  'gitlab-sast': { render: renderGitlabSast, chunks: renderGitlabSastChunks, description: 'GitLab SAST security report, schema 15.2.1', colored: false },
  github: { render: renderGithubAnnotations, chunks: renderGithubAnnotationsChunks, description: 'GitHub Actions annotations (workflow commands)', colored: false },
};

export const REPORTER_NAMES = Object.keys(REPORTERS);

export function findReporter(name: string): ReporterEntry | undefined {
  return Object.hasOwn(REPORTERS, name) ? REPORTERS[name] : undefined;
}
