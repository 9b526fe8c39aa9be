import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput } from '../testing/report-fixture.js';
import { mergeSarifLogs } from './merge-sarif.js';
import { renderSarif } from './sarif.js';

const shard = (index: number, sarifCategory?: string): unknown =>
  JSON.parse(renderSarif(fixtureInput({ shard: { index, count: 2 } }), fixtureContext(sarifCategory !== undefined ? { sarifCategory } : {})));

test('merged SARIF shards keep the category (automationDetails.id) they share', () => {
  const merged = mergeSarifLogs([{ name: 's1.sarif', report: shard(1, 'safeguard/infra') }, { name: 's2.sarif', report: shard(2, 'safeguard/infra') }]);
  assert.ok(merged.ok);
  assert.deepEqual((JSON.parse([...merged.pieces()].join('')) as { runs: { automationDetails?: unknown }[] }).runs[0]!.automationDetails, { id: 'safeguard/infra/' });
  const plain = mergeSarifLogs([{ name: 's1.sarif', report: shard(1) }, { name: 's2.sarif', report: shard(2) }]);
  assert.ok(plain.ok);
  assert.equal((JSON.parse([...plain.pieces()].join('')) as { runs: { automationDetails?: unknown }[] }).runs[0]!.automationDetails, undefined);
});

test('SARIF logs of different categories are not merged into one run: they are different analyses', () => {
  const merged = mergeSarifLogs([{ name: 's1.sarif', report: shard(1, 'safeguard/prod') }, { name: 's2.sarif', report: shard(2) }]);
  assert.equal(merged.ok, false);
  assert.match(merged.ok ? '' : merged.errors.join('\n'), /s2\.sarif has no category, s1\.sarif category "safeguard\/prod\/"/);
});
