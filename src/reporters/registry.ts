// Output formats by name. A new format (sarif, junit, markdown…) is one entry here.
import { renderJson } from './json.js';
import type { Reporter } from './report-input.js';
import { renderText } from './text.js';

export interface ReporterEntry {
  readonly render: Reporter;
  readonly description: string;
  /** Whether colour applies (never for machine formats). */
  readonly colored: boolean;
}

export const REPORTERS: Readonly<Record<string, ReporterEntry>> = {
  text: { render: renderText, description: 'human-readable, grouped by HIPAA safeguard', colored: true },
  json: { render: renderJson, description: 'machine-readable, schema in docs/json-schema.md', colored: false },
};

export const REPORTER_NAMES = Object.keys(REPORTERS);

export function findReporter(name: string): ReporterEntry | undefined {
  return Object.hasOwn(REPORTERS, name) ? REPORTERS[name] : undefined;
}
