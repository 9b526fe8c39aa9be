import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNameAsOutput, looksLikeInputFile, peerFormat, peerOptionHint } from './peer-flags.js';

test("a peer's option has a hint, with or without =value; other options have none", () => {
  assert.match(peerOptionHint('--exit-code')!, /--fail-on low/);
  assert.equal(peerOptionHint('--exit-code=1'), peerOptionHint('--exit-code'));
  assert.equal(peerOptionHint('--bogus'), undefined);
  // Safeguard's own options never reach the table (commander knows them), but none is in it either.
  for (const own of ['--fail-on', '--soft-fail', '--rule', '--skip-rule', '--exclude', '--var-file', '--output', '--format', '--quiet', '--config', '--baseline']) assert.equal(peerOptionHint(own), undefined, own);
});

test("-o FORMAT: a bare format name, Safeguard's or Checkov's, is no report file", () => {
  const names = ['text', 'json', 'sarif', 'junit'];
  assert.match(formatNameAsOutput('json', names)!.hint, /^Use -f json /);
  assert.match(formatNameAsOutput('cli', names)!.hint, /^Use -f text /);
  assert.match(formatNameAsOutput('spdx', names)!.hint, /^Safeguard has no spdx report/);
  for (const file of ['results.sarif', './sarif', 'out/json', 'report.txt']) assert.equal(formatNameAsOutput(file, names), undefined, file);
  assert.deepEqual(peerFormat('junitxml'), { known: true, ours: 'junit' });
  assert.deepEqual(peerFormat('html'), { known: false });
  assert.deepEqual(peerFormat('xml'), { known: true });
  assert.equal(looksLikeInputFile('main.tf'), true);
  assert.equal(looksLikeInputFile('infra/prod'), true);
  assert.equal(looksLikeInputFile('sarif'), false);
});
