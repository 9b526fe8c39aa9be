// A real plan stored beside the Terraform it was made from (test/fixtures/plan/NAME/plan.json and
// main.tf), read the three ways a scan meets it: the plan alone, the plan beside its evaluated
// sources, and the sources alone. Tests of plan fidelity compare the three.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { adaptPlan } from '../adapters/terraform-plan/adapt-plan.js';
import { evaluateTerraform } from '../graph/index.js';
import type { InfraModel } from '../model/infra-model.js';
import { parseJsonTree } from '../parsers/tf-plan/json-tree.js';

export interface PlanFixture {
  /** plan.json's text, for tests that read the raw document. */
  readonly planText: string;
  /** The plan's model, alone or beside `source` (the sources' model). */
  plan(source?: InfraModel): InfraModel;
  /** main.tf evaluated, as a scan of the sources would. */
  sources(): InfraModel;
}

export function planFixture(name: string): PlanFixture {
  const dir = new URL(`../../test/fixtures/plan/${name}/`, import.meta.url);
  const planText = readFileSync(new URL('plan.json', dir), 'utf8');
  const mainTf = readFileSync(new URL('main.tf', dir), 'utf8');
  return {
    planText,
    plan(source) {
      const parsed = parseJsonTree('plan.json', planText);
      assert.ok(parsed.ok);
      return adaptPlan({ file: 'plan.json', text: planText, root: parsed.value, ...(source ? { source } : {}) }).model;
    },
    sources: () => evaluateTerraform({ files: new Map([['main.tf', mainTf]]), readFile: () => undefined }).model,
  };
}
