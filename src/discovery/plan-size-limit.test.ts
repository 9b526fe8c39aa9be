// Plans and states may exceed the ordinary file-size limit up to their own (issue 7); other JSON may not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { discover } from './discover.js';
import { classifyJsonDocument, classifyLargeJsonDocument } from './input-format.js';

const padding = (n: number): string => JSON.stringify('x'.repeat(n));
const PLAN = `{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}},"resource_changes":[],"pad":${padding(3000)}}`;
const SORTED_PLAN = `{"configuration":{},"format_version":"1.2","pad":${padding(3000)},"resource_changes":[]}`;
const STATE = `{"version":4,"terraform_version":"1.9.0","serial":1,"lineage":"x","outputs":{},"resources":[],"pad":${padding(3000)}}`;
const SHOWN_STATE = `{"format_version":"1.0","terraform_version":"1.9.0","values":{"root_module":{}},"pad":${padding(3000)}}`;
const PACKAGE = `{"name":"app","version":"1.0.0","pad":${padding(3000)}}`;
const CFN = `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{},"pad":${padding(3000)}}`;

function run(files: Record<string, string>, limits: { maxFileBytes: number; maxPlanFileBytes?: number }) {
  return discover(memoryFileSystem({ files }), { root: '/repo', targets: ['/repo'], ...limits });
}

test('the key sniff agrees with the full classification', () => {
  for (const doc of [PLAN, SORTED_PLAN, STATE, SHOWN_STATE, PACKAGE]) assert.equal(classifyLargeJsonDocument(doc), classifyJsonDocument(doc) === 'cloudformation' ? undefined : classifyJsonDocument(doc));
  assert.equal(classifyLargeJsonDocument('[1, 2]'), undefined);
});

test('over the ordinary limit, plans and states are read; other JSON is skipped as too large', () => {
  const d = run({ '/repo/tfplan.json': PLAN, '/repo/sorted.tfplan.json': SORTED_PLAN, '/repo/terraform.tfstate': STATE, '/repo/shown.json': SHOWN_STATE, '/repo/package.json': PACKAGE, '/repo/template.json': CFN }, { maxFileBytes: 1000 });
  assert.deepEqual(d.files.map((f) => `${f.path}:${f.format}`), ['shown.json:terraform-state', 'sorted.tfplan.json:terraform-plan', 'terraform.tfstate:terraform-state', 'tfplan.json:terraform-plan']);
  assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`).sort(), ['package.json:too-large', 'template.json:too-large']);
  assert.match(d.skipped.find((s) => s.path === 'template.json')!.detail, /larger than the 1000 B limit .*not a Terraform plan or state/);
});

test('the plan limit is configurable, and never below the ordinary one', () => {
  const d = run({ '/repo/tfplan.json': PLAN }, { maxFileBytes: 1000, maxPlanFileBytes: 2000 });
  assert.deepEqual(d.files, []);
  assert.match(d.skipped[0]!.detail, /larger than the 2 KB limit/);
  const e = run({ '/repo/tfplan.json': PLAN }, { maxFileBytes: 10_000, maxPlanFileBytes: 10 });
  assert.deepEqual(e.files.map((f) => f.format), ['terraform-plan']);
});
