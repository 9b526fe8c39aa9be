// docs/json-schema.md lists the families of diagnostic codes a JSON consumer may meet: every family
// the sources report must be there (the list had missed waiver/*, baseline/*, vars/*, eval/*,
// module/* and policy/*).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The families of the codes reported as `code: 'family/…'` or through a helper `diagnostic('family/…'`, `v.error('family/…'`. */
function reportedFamilies(): Map<string, string> {
  const families = new Map<string, string>();
  const written = /(?:\bcode:\s*|\b(?:diagnostic|error|warn|warning|info)\(\s*)['"`]([a-z]+)\/[a-z$]/g;
  for (const file of sourceFiles('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(written)) if (!families.has(m[1]!)) families.set(m[1]!, file);
  }
  return families;
}

test('docs/json-schema.md lists every diagnostic code family the sources report', () => {
  const families = reportedFamilies();
  for (const expected of ['parse', 'config', 'eval', 'vars', 'waiver', 'baseline', 'policy']) assert.ok(families.has(expected), `the extraction no longer finds ${expected}/*`);
  const doc = readFileSync('docs/json-schema.md', 'utf8');
  const missing = [...families].filter(([family]) => !doc.includes(`\`${family}/*\``)).map(([family, file]) => `${family}/* (reported in ${file})`);
  assert.deepEqual(missing, []);
});
