// What a plan says beyond the objects it will build (issue 7): the planned action on each resource
// instance and the drift Terraform found while refreshing. Plan-kind rules judge these; models built
// from Terraform source or state carry none.
import type { ControlId } from '../controls/hipaa-sections.js';
import type { Span } from '../source/span.js';
import type { Resource } from './resource.js';

/** One `resource_changes` entry. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  /** Terraform's actions: ['create'], ['delete'], ['delete', 'create'] (replace), ['create', 'delete'], ['update'], ['no-op'], ['read']. */
  readonly actions: readonly string[];
  /** Terraform's `action_reason`, e.g. 'replace_because_cannot_update', 'delete_because_no_resource_config'. */
  readonly actionReason?: string;
  /** The object after the change (absent for a delete). */
  readonly resource?: Resource;
  /** The object before the change (`change.before`), when it exists: its tags say how it was classified. */
  readonly before?: Resource;
  /** The resource's declaration in the .tf sources when in the scan, else the entry in the plan file. */
  readonly span: Span;
}

export interface DriftWeakening {
  readonly control: ControlId;
  /** Attribute path, e.g. `storage_encrypted`, `rule[0].apply_server_side_encryption_by_default[0].sse_algorithm`. */
  readonly attribute: string;
  /** What happened, for the message: 'encryption at rest was turned off'. */
  readonly what: string;
}

/** One `resource_drift` entry: an object changed outside Terraform since the last apply. */
export interface DriftEntry {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** Paths of the attributes whose values changed (names only: values may be secrets). */
  readonly changedAttributes: readonly string[];
  readonly weakenings: readonly DriftWeakening[];
  /** The resource's declaration in the .tf sources when in the scan, else the drift entry in the plan. */
  readonly span: Span;
  /** Each changed attribute's new value in the plan JSON (never printed, only pointed at). */
  readonly related: readonly { readonly span: Span; readonly message: string }[];
}
