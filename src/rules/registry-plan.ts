// Plan-kind rules (issue 7): what a plan will destroy, what drifted outside Terraform (over
// InfraModel.changes and InfraModel.drift, which only plans carry), and secrets held in state files.
import type { AnyRule } from './define-rule.js';
import phiPlanDestroysDatastore from './phi/phi-plan-destroys-datastore.js';
import tfPlanDestroysDataStore from './terraform/tf-plan-destroys-data-store.js';
import tfPlanDrift from './terraform/tf-plan-drift.js';
import tfPlanDriftWeakensControl from './terraform/tf-plan-drift-weakens-control.js';
import tfPlanStateHoldsSecrets from './terraform/tf-plan-state-holds-secrets.js';

export const rules: readonly AnyRule[] = [tfPlanDrift, tfPlanDriftWeakensControl, tfPlanDestroysDataStore, phiPlanDestroysDatastore, tfPlanStateHoldsSecrets] as unknown as readonly AnyRule[];
