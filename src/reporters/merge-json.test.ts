import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput } from '../testing/report-fixture.js';
import { renderJson } from './json.js';
import { firstInstances, mergeJsonReports, shardGaps, type FindingSource } from './merge-json.js';

type Report = { findings: { controls: unknown; why?: string; title: string }[]; scan: { exitCode: number } };
const report = (): Report => JSON.parse(renderJson(fixtureInput(), fixtureContext())) as Report;

test('findings read one at a time from a source merge into the same report as findings parsed with it', () => {
  const [a, b] = [report(), report()];
  const whole = mergeJsonReports([
    { name: 'a.json', report: a },
    { name: 'b.json', report: b },
  ]);
  const reads: number[] = [];
  const source = (r: Report): FindingSource => ({
    count: r.findings.length,
    read: (index) => {
      reads.push(index);
      return JSON.parse(JSON.stringify(r.findings[index])) as unknown; // afresh each time, as from bytes
    },
  });
  const streamed = mergeJsonReports([
    { name: 'a.json', report: { ...a, findings: [] }, findings: source(a) },
    { name: 'b.json', report: { ...b, findings: [] }, findings: source(b) },
  ]);
  assert.ok(whole.ok && streamed.ok);
  const text = [...whole.pieces()].join('');
  assert.equal([...streamed.pieces()].join(''), text);
  assert.equal(streamed.exitCode, whole.exitCode);
  const merged = JSON.parse(text) as Report & { summary: { findings: Record<string, number> } };
  assert.equal(merged.findings.length, a.findings.length, 'the second report repeats the first: each finding once');
  // Every finding of both reports read once for the summary, then each kept one once more to be written.
  assert.equal(reads.length, 2 * a.findings.length + merged.findings.length);
});

test('the merged JSON report comes in pieces, a finding at a time, with its exit code', () => {
  const single = report();
  const merged = mergeJsonReports([{ name: 'only.json', report: single }]);
  assert.ok(merged.ok);
  const pieces = [...merged.pieces()];
  const text = pieces.join('');
  assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  assert.equal((JSON.parse(text) as Report).findings.length, single.findings.length);
  assert.ok(pieces.length >= single.findings.length + 2);
  assert.equal(merged.exitCode, single.scan.exitCode === 0 ? 0 : 1);
  assert.equal([...merged.pieces()].join(''), text, 'pieces can be asked for again');
});

test('shardGaps says "1 of 2 reports was", "2 of 3 were"', () => {
  assert.deepEqual(shardGaps(['1/2'], 2), ['Only 1 of 2 reports was written with --shard: merge the shards of one scan, or unsharded reports, not both.']);
  assert.match(shardGaps(['1/3', '2/3'], 3)[0]!, /^Only 2 of 3 reports were written/);
});

test('firstInstances keeps, of each rule at one declaration, the findings of the first root; others as they are', () => {
  const at = (root: string, offset = 0) => ({ root, file: 'modules/shared/variables.tf', offset });
  const items = [
    { id: 'shard 1: d', rule: 'r', instance: at('envs/d') },
    { id: 'shard 2: e', rule: 'r', instance: at('envs/e') },
    { id: 'shard 3: c', rule: 'r', instance: at('envs/c') },
    // Another rule at the same declaration, another declaration: groups of their own.
    { id: 'other rule: e', rule: 's', instance: at('envs/e') },
    { id: 'other declaration: d', rule: 'r', instance: at('envs/d', 40) },
    { id: 'no instance', rule: 'r', instance: undefined },
  ];
  assert.deepEqual(
    firstInstances(
      items,
      (i) => i.instance,
      (i) => i.rule,
    ).map((i) => i.id),
    ['shard 3: c', 'other rule: e', 'other declaration: d', 'no instance'],
  );
});
