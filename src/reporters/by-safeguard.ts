// Findings grouped by their primary HIPAA section (the first control a rule cites), in catalog
// order: the grouping the text report, JUnit suites and the Markdown summary share.
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import { pushTo } from '../util/multi-map.js';

export type HipaaSection = (typeof HIPAA_SECTIONS)[number];
const SECTION_ORDER = new Map<string, number>(HIPAA_SECTIONS.map((s, i) => [s.id, i]));
const SECTION_BY_ID = new Map<string, HipaaSection>(HIPAA_SECTIONS.map((s) => [s.id, s]));

export function hipaaSection(id: string): HipaaSection | undefined {
  return SECTION_BY_ID.get(id);
}

export function primaryControl(f: Pick<Finding, 'controls'>): string {
  return f.controls[0] ?? 'unmapped';
}

export function groupBySafeguard(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = primaryControl(f);
    pushTo(groups, key, f);
  }
  const rank = (id: string): number => SECTION_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
