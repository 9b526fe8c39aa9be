import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput } from '../testing/report-fixture.js';
import { renderJson } from './json.js';
import { findingsCompacter, mergeJsonReports } from './merge-json.js';

type Report = { findings: { controls: unknown; why?: string; title: string }[]; scan: { exitCode: number } };
const report = (): Report => JSON.parse(renderJson(fixtureInput(), fixtureContext())) as Report;

test('the compacter makes the repeated values of findings one, across reports, and changes nothing else', () => {
  const [a, b] = [report(), report()];
  const compact = findingsCompacter();
  compact(a);
  compact(b);
  assert.equal(JSON.stringify(a), JSON.stringify(report()), 'the same report');
  assert.equal(a.findings[0]!.controls, b.findings[0]!.controls, 'one controls list');
  assert.equal(a.findings[0]!.title, b.findings[0]!.title);
  compact({ not: 'a report' }); // anything else is left alone
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
