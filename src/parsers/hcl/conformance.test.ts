// Differential conformance with hclref (Terraform's hclsyntax). The bar is 100% agreement: for a
// file hclsyntax rejects we must report errors too; for any other file the whole canonical record
// (ranges, vars, values) must match. Runs against committed expected output, and live against the
// Go binary when .cache/hclref exists (scripts/hclref-build.sh builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalLine, listTfFiles } from './canonical-cli.js';
import { HCLREF_BIN, ROOT, SHARED, readJsonl, type Record } from './conformance-support.js';

function ours(dir: string): Map<string, Record> {
  const out = new Map<string, Record>();
  for (const f of listTfFiles(dir)) out.set(f.label, JSON.parse(canonicalLine(f.label, readFileSync(f.path))) as Record);
  return out;
}

function compare(expected: Record[], actual: Map<string, Record>): { agree: number; problems: string[] } {
  let agree = 0;
  const problems: string[] = [];
  for (const e of expected) {
    const a = actual.get(e.file);
    if (!a) {
      problems.push(`${e.file}: missing`);
      continue;
    }
    if (e.errors > 0) {
      if (a.errors > 0) agree++;
      else problems.push(`${e.file}: hclsyntax reports ${e.errors} error(s), we report none`);
      continue;
    }
    try {
      assert.deepStrictEqual(a, e);
      agree++;
    } catch (err) {
      problems.push(`${e.file}: ${(err as Error).message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  return { agree, problems };
}

const sets = [
  { name: 'hclref testdata', dir: join(SHARED, 'tools', 'hclref', 'testdata'), expected: join(SHARED, 'tools', 'hclref', 'testdata', 'expected.jsonl') },
  { name: 'edge-case fixtures', dir: join(ROOT, 'test', 'fixtures', 'hcl'), expected: join(ROOT, 'test', 'fixtures', 'hcl', 'expected.jsonl') },
  { name: 'terraform corpus', dir: join(SHARED, 'corpora', 'terraform'), expected: join(ROOT, 'test', 'fixtures', 'hcl', 'corpora-expected.jsonl') },
];

for (const set of sets) {
  test(`conformance with committed hclref output: ${set.name}`, (t) => {
    if (!existsSync(set.dir)) {
      t.skip(`${set.dir} not found`);
      return;
    }
    const expected = readJsonl(set.expected);
    const { agree, problems } = compare(expected, ours(set.dir));
    t.diagnostic(`${set.name}: files=${expected.length} agree=${agree}`);
    assert.equal(problems.length, 0, problems.slice(0, 10).join('\n\n'));
    assert.ok(expected.length > 0);
  });

  test(`conformance with live hclref: ${set.name}`, (t) => {
    if (!existsSync(HCLREF_BIN)) {
      t.skip('hclref not built (.cache/hclref missing): run scripts/hclref-build.sh to compare against Go live');
      return;
    }
    if (!existsSync(set.dir)) {
      t.skip(`${set.dir} not found`);
      return;
    }
    const out = execFileSync(HCLREF_BIN, ['-dir', set.dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const expected = out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record);
    const { agree, problems } = compare(expected, ours(set.dir));
    t.diagnostic(`${set.name} (live Go): files=${expected.length} agree=${agree}`);
    assert.equal(problems.length, 0, problems.slice(0, 10).join('\n\n'));
  });
}

test('canonical form: invalid UTF-8 counts as an error only where hclsyntax refuses it (not in comments)', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));
  const errors = (b: Uint8Array): number => (JSON.parse(canonicalLine('x.tf', b)) as Record).errors;
  assert.equal(errors(bytes('# caf', [0xe9], '\na = 1\n')), 0); // Latin-1 in a comment: hclref says 0
  assert.equal(errors(bytes('a = "', [0xed, 0xa0, 0x80], '"\n')), 0); // a surrogate, shaped like UTF-8, in a string
  assert.equal(errors(bytes('a = "caf', [0xe9], '"\n')), 1); // not shaped like UTF-8, in a string: "Invalid character encoding"
});
