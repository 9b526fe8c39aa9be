// The plan benchmark's generator makes a valid plan of the requested size that the plan scan reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptPlan } from '../adapters/terraform-plan/adapt-plan.js';
import { runRules } from '../engine/run-rules.js';
import { parseJsonTree } from '../parsers/tf-plan/json-tree.js';
import { checkPlanDocument } from '../parsers/tf-plan/parse-plan.js';
import { classifyLargeJsonDocument } from '../discovery/input-format.js';
import { rules as planRules } from '../rules/registry-plan.js';
import { generatePlan } from './plan-bench.js';

test('generatePlan: about the requested size, a valid plan with modules, deletes and drift', () => {
  const { text, instances } = generatePlan(300_000);
  assert.ok(text.length >= 300_000 && text.length < 320_000, `${text.length} bytes`);
  assert.equal(classifyLargeJsonDocument(text), 'terraform-plan');
  assert.deepEqual(JSON.parse(text).format_version, '1.2');
  const parsed = parseJsonTree('big.json', text);
  assert.ok(parsed.ok);
  assert.ok(checkPlanDocument('big.json', text, parsed.value).ok);
  const adapted = adaptPlan({ file: 'big.json', text, root: parsed.value });
  assert.equal(adapted.changes.length, instances * 4);
  assert.equal(adapted.model.resources.length, instances * 4);
  assert.ok(adapted.model.resources.every((r) => r.root === 'big.json'));
  const findings = runRules(adapted.model, planRules, { today: '2026-01-01' }).findings;
  assert.equal(findings.filter((f) => f.ruleId === 'tf-plan-drift-weakens-control').length, Math.ceil(instances / 25));
  // Every 50th instance replaces its database; every 3rd is classified PHI.
  assert.equal(findings.filter((f) => f.ruleId === 'tf-plan-destroys-data-store').length, Math.ceil(instances / 50));
  assert.equal(findings.filter((f) => f.ruleId === 'phi-plan-destroys-datastore').length, Math.ceil(instances / 150));
  assert.ok(!JSON.stringify(findings).includes('generated-'), 'no password in findings');
});
