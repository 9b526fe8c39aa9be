// Plan-kind rules (issue 7): what a plan will destroy and what drifted outside Terraform. They judge
// InfraModel.changes and InfraModel.drift, which only plans carry.
import type { AnyRule } from './define-rule.js';
import phiPlanDestroysDatastore from './phi/phi-plan-destroys-datastore.js';
import tfPlanDestroysDataStore from './terraform/tf-plan-destroys-data-store.js';
import tfPlanDrift from './terraform/tf-plan-drift.js';
import tfPlanDriftWeakensControl from './terraform/tf-plan-drift-weakens-control.js';

export const rules: readonly AnyRule[] = [tfPlanDrift, tfPlanDriftWeakensControl, tfPlanDestroysDataStore, phiPlanDestroysDatastore] as unknown as readonly AnyRule[];
