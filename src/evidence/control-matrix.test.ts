import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../cli/scenarios/run-cli.js';
import { buildControlMatrix, matrixResourceLabel, renderControlMatrixCsv, sectionVerdict } from './control-matrix.js';
import type { ControlId } from '../controls/hipaa-sections.js';
import { finding } from './testing-findings.js';
import { tempDir } from '../testing/temp-dir.js';

/** RFC 4180 rows (quoted cells with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('control matrix', () => {
  const catalog = [
    { id: 'rule-a', title: 'A', controls: ['164.312(a)(1)', '164.312(c)(1)'] },
    { id: 'rule-b', title: 'B', controls: ['164.312(c)(1)'] },
    { id: 'rule-c', title: 'C', controls: ['164.312(b)'] },
  ];

  test('sections → rules → counts → resources, worst status first; verdicts', () => {
    const findings = [
      finding({ ruleId: 'rule-a', status: 'pass', controls: ['164.312(a)(1)', '164.312(c)(1)'], resource: { address: 'x.ok', kind: 'x' } }),
      finding({ ruleId: 'rule-a', status: 'fail', controls: ['164.312(a)(1)', '164.312(c)(1)'], resource: { address: 'x.bad', kind: 'x' } }),
      finding({ ruleId: 'rule-b', status: 'waived', controls: ['164.312(c)(1)'], resource: { address: 'x.ok', kind: 'x' } }),
    ];
    const matrix = buildControlMatrix(findings, catalog, new Set(['rule-a', 'rule-b']));
    const section = (id: string) => matrix.find((s) => s.id === id)!;
    assert.deepEqual(section('164.312(c)(1)').counts, { fail: 1, pass: 1, unknown: 0, waived: 1 });
    assert.equal(section('164.312(c)(1)').verdict, 'failing');
    assert.deepEqual(section('164.312(a)(1)').rules[0]!.resources, [{ address: 'x.bad', status: 'fail' }, { address: 'x.ok', status: 'pass' }]);
    assert.equal(section('164.312(b)').verdict, 'not-assessed'); // rule-c did not run
    assert.equal(section('164.312(b)').rules[0]!.ran, false);
    assert.equal(section('164.308(a)(1)(ii)(C)').verdict, 'not-checkable'); // sanction policy
    assert.equal(section('164.312(a)(1)').verdict, 'failing');
    const csv = parseCsv(renderControlMatrixCsv(matrix));
    assert.equal(csv[0]![0], 'HIPAA section');
    const row = csv.find((r) => r[0] === '164.312(c)(1)' && r[6] === 'rule-a')!;
    assert.deepEqual(row.slice(8), ['true', '1', '1', '0', '0', 'x.bad', '']);
  });

  test('a section is covered by passing results, not by a rule having run: nothing in scope is not assessed, only unknowns are undecided', () => {
    const run = new Set(['rule-a', 'rule-b', 'rule-c']);
    const verdicts = (findings: Parameters<typeof buildControlMatrix>[0]) => {
      const matrix = buildControlMatrix(findings, catalog, run);
      return ['164.312(a)(1)', '164.312(c)(1)', '164.312(b)'].map((id) => matrix.find((s) => s.id === id)!.verdict);
    };
    // Every rule ran over a configuration with nothing in their scope: no section is evidenced.
    assert.deepEqual(verdicts([]), ['not-assessed', 'not-assessed', 'not-assessed']);
    const unknownA = finding({ ruleId: 'rule-a', status: 'unknown', controls: ['164.312(a)(1)', '164.312(c)(1)'], resource: { address: 'x.later', kind: 'x' } });
    const passB = finding({ ruleId: 'rule-b', status: 'pass', controls: ['164.312(c)(1)'], resource: { address: 'x.ok', kind: 'x' } });
    const waivedC = finding({ ruleId: 'rule-c', status: 'waived', controls: ['164.312(b)'], resource: { address: 'x.w', kind: 'x' } });
    // Unknown alone, or beside a pass, shows nothing holds for every resource; a waiver alone is an accepted risk, covered.
    assert.deepEqual(verdicts([unknownA, passB, waivedC]), ['undecided', 'undecided', 'covered']);
    assert.deepEqual(verdicts([passB]), ['not-assessed', 'covered', 'not-assessed']);
    assert.deepEqual(sectionVerdict({ fail: 0, pass: 0, unknown: 0, waived: 0 }, 'none'), 'not-checkable');
  });

  test('the pack\'s control-matrix.csv agrees with `safeguard controls PATH --format json`', () => {
    const out = join(tempDir('safeguard-matrix-'), 'pack');
    assert.equal(runCli(['evidence', 'examples/noncompliant', '-o', out, '-q']).status, 1);
    const controls = runCli(['controls', 'examples/noncompliant', '--format', 'json']);
    const expected = (JSON.parse(controls.stdout) as { sections: { id: string; rules: string[]; results?: Record<string, number> }[] }).sections;
    const rows = parseCsv(readFileSync(join(out, 'control-matrix.csv'), 'utf8')).slice(1);
    for (const section of expected) {
      const mine = rows.filter((r) => r[0] === section.id && r[6] !== '');
      assert.deepEqual(mine.map((r) => r[6]).sort(), [...section.rules].sort(), `${section.id} rules`);
      const sum = (col: number): number => mine.reduce((n, r) => n + Number(r[col]), 0);
      assert.deepEqual({ fail: sum(9), pass: sum(10), waived: sum(11), unknown: sum(12) }, { fail: section.results!['fail'], pass: section.results!['pass'], waived: section.results!['waived'], unknown: section.results!['unknown'] }, section.id);
    }
  });
});

test('the same address under two root modules is two resources, each named with its root', () => {
  const address = 'module.logs.aws_s3_bucket.this';
  const findings = [
    finding({ resource: { address, kind: 'aws_s3_bucket', root: 'envs/a' } }),
    finding({ status: 'pass', resource: { address, kind: 'aws_s3_bucket', root: 'envs/b' } }),
    finding({ status: 'pass', resource: { address: 'aws_s3_bucket.solo', kind: 'aws_s3_bucket', root: 'envs/a' } }),
  ];
  const rule = { id: 'aws-s3-bucket-versioning', title: 'S3 buckets keep object versions', controls: ['164.312(c)(1)' as ControlId] };
  const row = buildControlMatrix(findings, [rule], new Set([rule.id])).find((s) => s.id === '164.312(c)(1)')!.rules[0]!;
  assert.deepEqual(row.resources.map(matrixResourceLabel(row)), ['envs/a:module.logs.aws_s3_bucket.this', 'aws_s3_bucket.solo', 'envs/b:module.logs.aws_s3_bucket.this']);
});
