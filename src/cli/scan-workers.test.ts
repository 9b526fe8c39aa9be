import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ParseMemo } from '../pipeline/source-scan.js';
import type { UnitContext, UnitInput } from '../pipeline/unit-scan.js';
import { nodeFileSystem } from './node-context.js';
import { workerRunner } from './scan-workers.js';

const temp = mkdtempSync(path.join(tmpdir(), 'safeguard-scan-workers-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** `count` root modules, each reading its own name.txt with file(): which thread evaluated a unit shows in which file system read it. */
function roots(count: number): { files: Map<string, string>; units: UnitInput[] } {
  const files = new Map<string, string>();
  const units: UnitInput[] = [];
  for (let i = 0; i < count; i++) {
    const dir = `r${String(i).padStart(2, '0')}`;
    mkdirSync(path.join(temp, dir), { recursive: true });
    writeFileSync(path.join(temp, dir, 'name.txt'), `bucket-${i}`);
    const text = `resource "aws_s3_bucket" "b" {\n  bucket = file("\${path.module}/name.txt")\n}\n`;
    files.set(`${dir}/main.tf`, text);
    units.push({ root: dir, files: new Map([[`${dir}/main.tf`, text]]) });
  }
  return { files, units };
}

test('this thread evaluates one unit, the worker the rest, and every outcome comes in unit order', async () => {
  const { files, units } = roots(12);
  const readHere: string[] = [];
  const fs = { ...nodeFileSystem, readFile: (p: string) => (readHere.push(path.relative(temp, p)), nodeFileSystem.readFile(p)) };
  const context: UnitContext = { root: temp, maxFileBytes: 1 << 20 };
  const runner = workerRunner({ jobs: 2, fs }).start!(files, context, undefined);
  const order: number[] = [];
  const read: string[] = [];
  await runner(units, context, new ParseMemo(), (index, outcome) => {
    order.push(index);
    read.push(...outcome.reads.map(([p]) => p));
  });
  assert.deepEqual(order, [...units.keys()]);
  assert.deepEqual(read, units.map((u) => `${u.root!}/name.txt`));
  // One unit, or none if the worker had taken them all before this thread took one; before, it took a share of them.
  assert.ok(readHere.length <= 1, `this thread read ${readHere.join(', ')}`);
});
