// Findings that come from the plan itself rather than from a rule over one resource: drift detected
// by `terraform plan` (resource_drift) and planned deletes/replacements of data stores.
import type { DriftEntry } from '../adapters/terraform-plan/drift.js';
import type { PlannedChange } from '../adapters/terraform-plan/adapt-plan.js';
import type { ControlId } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';

export const DRIFT_RULE_ID = 'tf-plan-drift';
export const DESTRUCTIVE_RULE_ID = 'tf-plan-destroys-data-store';

/** Resource types that hold data (ePHI, or the keys to it): a delete or replace loses what is in them. */
export const DATA_STORE_TYPES: ReadonlySet<string> = new Set([
  'aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_rds_global_cluster', 'aws_s3_bucket', 'aws_dynamodb_table',
  'aws_ebs_volume', 'aws_efs_file_system', 'aws_redshift_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster',
  'aws_elasticache_replication_group', 'aws_elasticache_cluster', 'aws_opensearch_domain', 'aws_elasticsearch_domain',
  'aws_kms_key', 'aws_backup_vault', 'aws_fsx_lustre_file_system', 'aws_fsx_windows_file_system', 'aws_kinesis_stream',
  'aws_sqs_queue', 'aws_timestreamwrite_table', 'aws_keyspaces_table', 'aws_qldb_ledger', 'aws_healthlake_fhir_datastore',
]);

function list(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function driftFindings(drift: readonly DriftEntry[]): Finding[] {
  return drift.map((d) => {
    const weakened = d.weakenings.length > 0;
    const controls = [...new Set(d.weakenings.map((w) => w.control))] as ControlId[];
    const what = weakened ? ` This weakens HIPAA ${controls.join(', ')}: ${[...new Set(d.weakenings.map((w) => `${w.what} (${w.attribute})`))].join('; ')}.` : '';
    const changed = d.changedAttributes.length > 0 ? list(d.changedAttributes) : 'no attribute values (the object was deleted or re-created)';
    return {
      ruleId: DRIFT_RULE_ID,
      status: 'fail',
      severity: weakened ? 'high' : 'medium',
      title: 'Resources match their Terraform configuration (no drift)',
      message: `${d.address} was changed outside Terraform: ${changed}.${what}`,
      resource: { address: d.address, kind: d.type },
      span: d.span,
      related: d.related,
      controls: controls.length > 0 ? controls : ['164.312(c)(1)'],
    };
  });
}

export function destructiveChangeFindings(changes: readonly PlannedChange[]): Finding[] {
  const out: Finding[] = [];
  for (const c of changes) {
    if (!c.actions.includes('delete') || !DATA_STORE_TYPES.has(c.type)) continue;
    const action = c.actions.includes('create') ? `replace (${c.actions.join(' then ')})` : 'delete';
    out.push({
      ruleId: DESTRUCTIVE_RULE_ID,
      status: 'fail',
      severity: 'high',
      title: 'Plans do not delete or replace data stores',
      message: `The plan will ${action} ${c.address}, a data store: its data is lost unless backed up.${c.actionReason ? ` Reason: ${c.actionReason}.` : ''}`,
      resource: { address: c.address, kind: c.type },
      span: c.span,
      related: [],
      controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
    });
  }
  return out;
}
