// resource_drift entries that weaken a HIPAA control: encryption off, public access on, logging off,
// a policy or network rule widened (the classification is the plan adapter's, adapters/terraform-plan/drift.ts).
import type { DriftEntry } from '../../model/plan.js';
import { defineRule, fail, type ControlId } from '../define-rule.js';
import { driftEntries, listOf } from './tf-plan-subjects.js';

export default defineRule<DriftEntry>({
  id: 'tf-plan-drift-weakens-control',
  title: 'No change made outside Terraform weakens a HIPAA safeguard',
  severity: 'high',
  // Every section a drift can weaken (adapters/terraform-plan/drift.ts); each failure counts for those it weakens.
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(b)', '164.312(e)(1)'],
  kind: 'plan',
  why: 'Someone turned a safeguard off outside review (encryption, public access block, logging, a policy or firewall rule): ePHI is exposed now, until the next apply, and nothing in the code shows it.',
  howToFix: 'Treat it as a possible security incident (164.308(a)(6)): find who changed it in CloudTrail, apply the configuration to restore the safeguard, and restrict console write access.',
  links: ['https://developer.hashicorp.com/terraform/tutorials/state/resource-drift'],
  references: {},
  targets: (model) => driftEntries(model).filter((d) => d.weakenings.length > 0),
  check(d) {
    const controls = [...new Set(d.weakenings.map((w) => w.control))] as [ControlId, ...ControlId[]]; // targets have a weakening
    const what = [...new Set(d.weakenings.map((w) => `${w.what} (${w.attribute})`))].join('; ');
    return fail(d, {
      message: `${d.address} was changed outside Terraform: ${listOf(d.changedAttributes)}. This weakens HIPAA ${controls.join(', ')}: ${what}.`,
      related: d.related,
      controls,
    });
  },
  examples: {},
});
