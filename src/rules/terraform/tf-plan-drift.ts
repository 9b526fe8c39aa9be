// resource_drift entries that do not weaken a HIPAA control: the deployed object no longer matches
// its configuration, so what was reviewed is not what runs. Drift that does weaken a control is
// tf-plan-drift-weakens-control (high severity, names the control).
import type { DriftEntry } from '../../model/plan.js';
import { defineRule, fail } from '../define-rule.js';
import { driftEntries, listOf } from './tf-plan-subjects.js';

export default defineRule<DriftEntry>({
  id: 'tf-plan-drift',
  title: 'Resources match their Terraform configuration (no drift)',
  severity: 'medium',
  controls: ['164.312(c)(1)'],
  kind: 'plan',
  why: 'A change made outside Terraform (console, CLI, another tool) skipped review and is undone or overwritten by the next apply; the configuration stops being evidence of what is deployed.',
  howToFix: 'Find who changed the resource and why; then either bring the change into the Terraform configuration or let the next apply revert it. Restrict console write access to break-glass roles.',
  links: ['https://developer.hashicorp.com/terraform/internals/json-format#plan-representation', 'https://developer.hashicorp.com/terraform/tutorials/state/resource-drift'],
  references: {},
  targets: (model) => driftEntries(model).filter((d) => d.weakenings.length === 0),
  check(d) {
    const changed = d.changedAttributes.length > 0 ? listOf(d.changedAttributes) : 'no attribute values (the object was deleted or re-created)';
    return fail(d, { message: `${d.address} was changed outside Terraform: ${changed}.`, related: d.related });
  },
  examples: {},
});
