import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson, entryHash, GENESIS_HASH, sealEntry, verifyAuditLog, type AuditEntry } from './audit-log.js';

function buildLog(count: number): string[] {
  const lines: string[] = [];
  let last: AuditEntry | undefined;
  for (let i = 1; i <= count; i++) {
    const { entry, line } = sealEntry({ kind: 'scan', time: `2026-12-0${i}T10:00:00.000Z`, actor: 'dev@example.com', tool: 'safeguard 1.0.0', counts: { fail: i, pass: 10 } }, last);
    last = entry;
    lines.push(line);
  }
  return lines;
}

const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

describe('audit log chain', () => {
  test('entries chain from 64 zeros, each hash covers the canonical entry without its hash', () => {
    const lines = buildLog(3);
    const entries = lines.map((l) => JSON.parse(l) as AuditEntry);
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3]);
    assert.equal(entries[0]!.prev, GENESIS_HASH);
    assert.equal(entries[1]!.prev, entries[0]!.hash);
    assert.equal(entries[2]!.hash, entryHash(entries[2]!));
    assert.match(entries[2]!.hash, /^[0-9a-f]{64}$/);
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
    const result = verifyAuditLog(text(lines));
    assert.deepEqual(result.problems, []);
    assert.equal(result.entries, 3);
    assert.equal(result.head, entries[2]!.hash);
  });

  test('a changed entry is named by line and seq', () => {
    const lines = buildLog(5);
    lines[2] = lines[2]!.replace('"fail":3', '"fail":0');
    const { problems } = verifyAuditLog(text(lines));
    assert.equal(problems.length, 1);
    assert.deepEqual({ line: problems[0]!.line, seq: problems[0]!.seq, kind: problems[0]!.kind }, { line: 3, seq: 3, kind: 'edited' });
    assert.match(problems[0]!.message, /^line 3 \(seq 3\): edited/);
  });

  test('a changed entry with a recomputed hash is caught by the next link', () => {
    const lines = buildLog(5);
    const forged = JSON.parse(lines[1]!) as Record<string, unknown>;
    forged['counts'] = { fail: 0, pass: 12 };
    forged['hash'] = entryHash(forged);
    lines[1] = JSON.stringify(forged);
    const { problems } = verifyAuditLog(text(lines));
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.seq, problems[0]!.kind], [2, 2, 'edited']);
    assert.match(problems[0]!.message, /line 3 \(seq 3\) was chained to a different entry/);
  });

  test('a deleted entry is named', () => {
    const lines = buildLog(5);
    lines.splice(2, 1);
    const { problems } = verifyAuditLog(text(lines));
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.seq, problems[0]!.kind], [3, 4, 'removed']);
    assert.match(problems[0]!.message, /seq 3 is missing before this line/);
  });

  test('an inserted entry is named, whether forged into the chain or copied', () => {
    const lines = buildLog(5);
    const before = JSON.parse(lines[1]!) as AuditEntry;
    const forged = sealEntry({ kind: 'scan', time: '2026-12-02T11:00:00.000Z', actor: 'mallory', tool: 'safeguard 1.0.0', counts: { fail: 0, pass: 10 } }, before);
    const inserted = [...lines.slice(0, 2), forged.line, ...lines.slice(2)];
    const { problems } = verifyAuditLog(text(inserted));
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.seq, problems[0]!.kind], [4, 3, 'inserted']);
    assert.match(problems[0]!.message, /seq 3 also appears at line 3/);

    const copied = verifyAuditLog(text([...lines.slice(0, 2), lines[1]!, ...lines.slice(2)])).problems;
    assert.deepEqual(copied.map((p) => [p.line, p.seq, p.kind]), [[3, 2, 'inserted']]);

    const junk = verifyAuditLog(text([...lines.slice(0, 2), '{"note":"hello"}', ...lines.slice(2)])).problems;
    assert.deepEqual(junk.map((p) => [p.line, p.kind]), [[3, 'malformed']]);
    assert.match(junk[0]!.message, /not an audit entry/);
    // An append cut short by a killed writer, then the next entry chained to the last whole one.
    const next = sealEntry({ kind: 'scan', time: '2026-12-02T12:00:00.000Z', actor: 'ci', tool: 'safeguard 1.0.0', counts: { fail: 0, pass: 1 } }, JSON.parse(lines[4]!) as AuditEntry);
    const torn = verifyAuditLog(text([...lines, lines[4]!.slice(0, 40).replace('"seq":5', '"seq":6'), next.line])).problems;
    assert.deepEqual(torn.map((p) => [p.line, p.kind]), [[6, 'cut-short']]);
    assert.match(torn[0]!.message, /^line 6: an entry cut short: a scan or `waivers add` killed while appending/);
    // Past a cut-short line the link is still checked: the entry before it rewritten with a fresh hash shows.
    const rewritten = sealEntry({ kind: 'scan', time: '2026-12-02T11:30:00.000Z', actor: 'mallory', tool: 'safeguard 1.0.0', counts: { fail: 0, pass: 9 } }, JSON.parse(lines[3]!) as AuditEntry);
    const hidden = verifyAuditLog(text([...lines.slice(0, 4), rewritten.line, lines[4]!.slice(0, 40), next.line])).problems;
    assert.deepEqual(hidden.map((p) => [p.line, p.kind]).sort(), [[5, 'edited'], [6, 'cut-short']]);
    // Cut anywhere: in a string, after a number, after a comma.
    for (const cut of [8, 9, 20, 41, lines[4]!.length - 1]) {
      const at = verifyAuditLog(text([...lines, lines[4]!.slice(0, cut), next.line])).problems;
      assert.match(at[0]!.message, /an entry cut short/, `cut at ${cut}: ${lines[4]!.slice(0, cut)}`);
    }
  });

  test('reordered entries are named', () => {
    const lines = buildLog(5);
    [lines[2], lines[3]] = [lines[3]!, lines[2]!];
    const { problems } = verifyAuditLog(text(lines));
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.kind === 'reordered'), JSON.stringify(problems));
    assert.deepEqual([problems[0]!.line, problems[0]!.seq], [3, 4]);
    assert.match(problems[0]!.message, /out of order; seq 3 comes later, at line 4/);
  });

  test('a head recorded earlier catches a removed or rewritten tail, which the chain alone cannot', () => {
    const lines = buildLog(5);
    const head = (JSON.parse(lines[3]!) as AuditEntry).hash; // recorded when the log had 4 entries
    assert.deepEqual(verifyAuditLog(text(lines), { expectHeads: [head] }).problems, [], 'entries appended after the head are fine');
    const truncated = lines.slice(0, 3);
    assert.deepEqual(verifyAuditLog(text(truncated)).problems, [], 'a shorter chain is valid on its own');
    const { problems } = verifyAuditLog(text(truncated), { expectHeads: [head] });
    assert.deepEqual(problems.map((p) => [p.line, p.kind]), [[4, 'truncated']]);
    assert.match(problems[0]!.message, new RegExp(`recorded head ${head.slice(0, 12)}…; entries were removed from the end`));
    // The tail rewritten with fresh hashes: a valid chain that no longer holds the head.
    const third = JSON.parse(lines[2]!) as AuditEntry;
    const rewritten = [...lines.slice(0, 3), sealEntry({ kind: 'scan', time: '2026-12-04T10:00:00.000Z', actor: 'mallory', tool: 'safeguard 1.0.0', counts: { fail: 0, pass: 10 } }, third).line];
    assert.deepEqual(verifyAuditLog(text(rewritten)).problems, []);
    assert.deepEqual(verifyAuditLog(text(rewritten), { expectHeads: [head.toUpperCase()] }).problems.map((p) => p.kind), ['truncated']);
    // An edited entry keeps its old hash field, but it no longer counts as the head.
    const edited = lines.map((l, i) => (i === 3 ? l.replace('"fail":4', '"fail":0') : l));
    assert.deepEqual(verifyAuditLog(text(edited), { expectHeads: [head] }).problems.map((p) => p.kind), ['edited', 'truncated']);
  });

  test('secret-looking values are masked before sealing; digests are kept', () => {
    const digest = 'a'.repeat(64);
    const { entry } = sealEntry({ kind: 'fix', time: '2026-12-03T00:00:00.000Z', actor: 'dev', tool: 'safeguard 1.0.0', note: 'key AKIAZ3MHALQPXJ4T7W2Q for patient ssn 123-45-6789', inputDigest: digest }, undefined);
    assert.doesNotMatch(JSON.stringify(entry), /AKIAZ3MHALQPXJ4T7W2Q|123-45-6789/);
    assert.equal(entry['inputDigest'], digest);
  });
});
