// A monorepo whose stacks name different AWS accounts has an account-level subject per account
// (`aws-account-baseline[ID]`): merging its report, or its shards' reports, keeps every account's
// outcome. Keyed by rule alone, merge kept one account's pass and dropped another's failure.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './run-cli.js';

interface Report {
  summary: { blocking: number };
  findings: { ruleId: string; status: string; resource: { address: string } }[];
}
interface Sarif {
  runs: { results: { ruleId: string; properties: { resource: string } }[] }[];
}

let dir = '';
let out = '';
const stack = (account: string, body: string): string => `provider "aws" {\n  region              = "us-east-1"\n  allowed_account_ids = ["${account}"]\n}\nresource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "logs"\n  is_multi_region_trail = true\n}\n${body}`;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-accounts-'));
  out = mkdtempSync(path.join(os.tmpdir(), 'safeguard-accounts-out-'));
  for (const [env, account, body] of [
    ['dev', '111122223333', 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n'],
    ['prod', '444455556666', ''],
  ] as const) {
    mkdirSync(path.join(dir, env));
    writeFileSync(path.join(dir, env, 'main.tf'), stack(account, body));
  }
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const outcomes = (r: Report): string[] => r.findings.map((f) => `${f.status} ${f.resource.address}`).sort();

test("merging one report or its shards keeps each account's outcome (prod's failure beside dev's pass)", () => {
  const file = (name: string): string => path.join(out, name);
  const scan = (name: string, status: number, ...args: string[]): void => {
    const run = runCli(['scan', '.', '--rule', 'aws-guardduty-enabled', '--format', `json:${file(`${name}.json`)}`, '--format', `sarif:${file(`${name}.sarif`)}`, '--quiet', ...args], { cwd: dir });
    assert.equal(run.status, status, run.stderr);
  };
  scan('whole', 1);
  // Each shard holds one of the two accounts, and names its subject as the whole scan does.
  scan('s1', 0, '--shard', '1/2');
  scan('s2', 1, '--shard', '2/2');
  const whole = JSON.parse(readFileSync(file('whole.json'), 'utf8')) as Report;
  const expected = ['fail aws-account-baseline[444455556666]', 'pass aws-account-baseline[111122223333]', 'pass aws_guardduty_detector.d'];
  assert.deepEqual(outcomes(whole), expected);
  for (const inputs of [['whole'], ['s1', 's2']]) {
    const merged = runCli(['merge', ...inputs.map((n) => file(`${n}.json`)), '-o', file('merged.json')], { cwd: dir });
    assert.equal(merged.status, 1, merged.stderr);
    const report = JSON.parse(readFileSync(file('merged.json'), 'utf8')) as Report;
    assert.deepEqual(outcomes(report), expected, inputs.join(' + '));
    assert.equal(report.summary.blocking, 1);
    const sarif = runCli(['merge', ...inputs.map((n) => file(`${n}.sarif`)), '-o', file('merged.sarif')], { cwd: dir });
    assert.equal(sarif.status, 1, sarif.stderr);
    const results = (JSON.parse(readFileSync(file('merged.sarif'), 'utf8')) as Sarif).runs[0]!.results;
    assert.deepEqual(results.map((r) => r.properties.resource), ['aws-account-baseline[444455556666]'], inputs.join(' + '));
  }
});
