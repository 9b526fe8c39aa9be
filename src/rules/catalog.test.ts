// Catalog tests (STYLE.md §7): ids are unique, every rule maps to a control and to the peers' ids,
// and every row of the HIPAA rule catalog is either implemented or explained.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import { allRules, notImplemented } from './index.js';

const CATALOG = new URL('../../../shared/catalog/hipaa-rule-catalog.md', import.meta.url);

interface CatalogRow {
  readonly id: string;
  readonly crossRefs: string;
}

function catalogRows(): CatalogRow[] {
  const rows: CatalogRow[] = [];
  // Fails rather than skips: the catalog is what these tests check against, and CI always has it.
  if (!existsSync(CATALOG)) throw new Error(`The HIPAA rule catalog is not at ${fileURLToPath(CATALOG)}: clone this repository beside the shared reference material (../shared), as CI does.`);
  const text = readFileSync(CATALOG, 'utf8');
  const appendix = text.indexOf('## Appendix A');
  for (const line of text.slice(0, appendix).split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \|(.*)\|$/.exec(line);
    if (!m) continue;
    const cells = m[2]!.split(' | ');
    rows.push({ id: m[1]!, crossRefs: cells[cells.length - 1] ?? '' });
  }
  return rows;
}

const ruleIdFor = (row: CatalogRow): string => (/^(tf|phi|az|gcp|k8s)-/.test(row.id) ? row.id : `aws-${row.id}`);
const inScope = (row: CatalogRow): boolean => !/^(az|gcp|k8s)-/.test(row.id);

test('rule ids are unique, including aliases', () => {
  const ids = allRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, []);
});

test('every rule names known HIPAA controls', () => {
  const known = new Set<string>(HIPAA_SECTIONS.map((s) => s.id));
  for (const rule of allRules) {
    assert.ok(rule.controls.length > 0, `${rule.id} has no control`);
    for (const c of rule.controls) assert.ok(known.has(c), `${rule.id} cites unknown section ${c}`);
  }
});

test('every rule carries the peers ids its catalog row lists', () => {
  const rows = new Map(catalogRows().map((r) => [ruleIdFor(r), r]));
  for (const rule of allRules) {
    const row = rows.get(rule.id);
    if (!row) continue; // extra rules beyond the catalog are allowed
    const listed = [...row.crossRefs.matchAll(/CKV2?_[A-Z0-9]+_\d+|AVD-[A-Z0-9]+-\d+/g)].map((m) => m[0]);
    const ours = new Set([...(rule.references.checkov ?? []), ...(rule.references.trivy ?? [])]);
    const missing = listed.filter((id) => !ours.has(id));
    assert.deepEqual(missing, [], `${rule.id} is missing peer ids from its catalog row`);
    const hasAnyPeer = listed.length > 0 || /Config: `/.test(row.crossRefs);
    if (hasAnyPeer) {
      const count = (rule.references.checkov?.length ?? 0) + (rule.references.trivy?.length ?? 0) + (rule.references.awsConfig?.length ?? 0);
      assert.ok(count > 0, `${rule.id} has no references though its catalog row lists some`);
    }
  }
});

test('every AWS and Terraform catalog row is implemented or explained', () => {
  const implemented = new Set(allRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]));
  const explained = new Set(notImplemented.map((g) => g.catalogId));
  const missing = catalogRows()
    .filter(inScope)
    .filter((row) => !implemented.has(ruleIdFor(row)) && !explained.has(row.id));
  assert.deepEqual(missing.map((r) => r.id), []);
  for (const gap of notImplemented) assert.ok(gap.reason.length > 10, `${gap.catalogId} needs a real reason`);
});

test('at least 130 of the AWS catalog rows are implemented', () => {
  const implemented = new Set(allRules.map((r) => r.id));
  const awsRows = catalogRows().filter((r) => !/^(tf|phi|az|gcp|k8s)-/.test(r.id));
  const covered = awsRows.filter((r) => implemented.has(ruleIdFor(r)));
  assert.ok(awsRows.length >= 140, `the catalog parser found only ${awsRows.length} AWS rows`);
  assert.ok(covered.length >= 130, `${covered.length} of ${awsRows.length} AWS rows implemented`);
});
