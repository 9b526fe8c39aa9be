// Subjects of the plan-kind rules (issue 7): planned changes and drift from a plan's JSON. Models
// built from Terraform source or state carry neither, so these rules judge plans only.
import type { InfraModel } from '../../model/infra-model.js';
import type { DriftEntry, PlannedChange } from '../../model/plan.js';

/** A planned delete, or a replace (delete then create, or create then delete). */
export function isDestructive(change: PlannedChange): boolean {
  return change.actions.includes('delete');
}

/** How the message names the action: 'delete' or 'replace (delete then create)'. */
export function describeAction(change: PlannedChange): string {
  return change.actions.includes('create') ? `replace (${change.actions.join(' then ')})` : 'delete';
}

export function destructiveChanges(model: InfraModel): readonly PlannedChange[] {
  return (model.changes ?? []).filter(isDestructive);
}

export function driftEntries(model: InfraModel): readonly DriftEntry[] {
  return model.drift ?? [];
}

/** `a, b, c and 3 more`: messages stay readable on drift that touched many attributes. */
export function listOf(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
