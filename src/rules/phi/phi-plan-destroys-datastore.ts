// Catalog row phi-plan-destroys-datastore: a plan that deletes or replaces a PHI-classified store, a
// KMS key or a backup vault (which protect every PHI store under them) is a finding unless waived.
import type { PlannedChange } from '../../model/plan.js';
import { phiClassOf, type PhiClass } from '../aws/phi-scope.js';
import { defineRule, fail, unknown } from '../define-rule.js';
import { describeAction, destructiveChanges } from '../terraform/tf-plan-subjects.js';
import { DATA_STORE_TYPES } from '../terraform/tf-plan-destroys-data-store.js';

/** Types whose loss takes PHI with it whatever their own tags say: keys decrypt it, vaults hold its backups. */
export const PHI_PROTECTING_TYPES: readonly string[] = ['aws_kms_key', 'aws_kms_replica_key', 'aws_backup_vault', 'aws_backup_plan', 'aws_cloudhsm_v2_cluster'];

/** The classification before the change wins (what is destroyed); the planned object's tags decide when there is no before. */
function classOf(change: PlannedChange): PhiClass {
  const before = change.before ? phiClassOf(change.before) : undefined;
  if (before === 'phi') return 'phi';
  const after = change.resource ? phiClassOf(change.resource) : undefined;
  if (after === 'phi') return 'phi';
  return before === 'unknown' || after === 'unknown' ? 'unknown' : 'not-phi';
}

interface Params {
  readonly protectingTypes: readonly string[];
  /**
   * Types that hold data: a PHI classification makes their delete or replace a finding. Not every
   * PHI-tagged resource: provider default_tags classify every resource of a stack PHI, and the
   * replace of its IAM roles and security groups was reported as "a data store classified PHI"
   * whose "ePHI is lost", failing the run on changes that lose no data.
   */
  readonly dataStoreTypes: readonly string[];
  [key: string]: readonly string[];
}

export default defineRule<PlannedChange, Params>({
  id: 'phi-plan-destroys-datastore',
  title: 'Plans do not delete or replace PHI data stores, their keys or their backups',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'plan',
  why: 'Deleting or replacing a store classified PHI destroys ePHI; deleting its KMS key or backup vault makes every copy unreadable or gone. The contingency plan (164.308(a)(7)) requires retrievable exact copies.',
  howToFix: 'Stop the apply and review the plan: use moved blocks for renames, revert the attribute that forces replacement, or restore from a verified backup first. Protect PHI stores with lifecycle { prevent_destroy = true } and deletion protection; waive only with a documented, approved decommissioning.',
  links: ['https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy', 'https://www.hhs.gov/hipaa/for-professionals/security/guidance/index.html'],
  references: {},
  params: { protectingTypes: PHI_PROTECTING_TYPES, dataStoreTypes: DATA_STORE_TYPES },
  targets: (model, params) =>
    destructiveChanges(model).filter((c) => params.protectingTypes.includes(c.type) || (params.dataStoreTypes.includes(c.type) && classOf(c) !== 'not-phi')),
  check(c, { params }) {
    const reason = c.actionReason ? ` Reason: ${c.actionReason}.` : '';
    if (params.protectingTypes.includes(c.type)) {
      return fail(c, { message: `The plan will ${describeAction(c)} ${c.address}, which protects PHI (${c.type}): data encrypted or backed up under it may become unrecoverable.${reason}` });
    }
    if (classOf(c) === 'unknown') return unknown(c, `The plan will ${describeAction(c)} ${c.address}; whether it holds PHI depends on tags known only at apply time.`);
    return fail(c, { message: `The plan will ${describeAction(c)} ${c.address}, a data store classified PHI: its ePHI is lost unless backed up.${reason}` });
  },
  examples: {},
});
