// A planned delete or replace of any data store (whatever its classification): the data in it is
// lost unless backed up. phi-plan-destroys-datastore is the PHI-scoped catalog row.
import type { PlannedChange } from '../../model/plan.js';
import { defineRule, fail } from '../define-rule.js';
import { describeAction, destructiveChanges } from './tf-plan-subjects.js';

/** Resource types that hold data (ePHI, or the keys to it): a delete or replace loses what is in them. */
export const DATA_STORE_TYPES: readonly string[] = [
  'aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_rds_global_cluster', 'aws_s3_bucket', 'aws_dynamodb_table',
  'aws_ebs_volume', 'aws_efs_file_system', 'aws_redshift_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster',
  'aws_elasticache_replication_group', 'aws_elasticache_cluster', 'aws_opensearch_domain', 'aws_elasticsearch_domain',
  'aws_kms_key', 'aws_backup_vault', 'aws_fsx_lustre_file_system', 'aws_fsx_windows_file_system', 'aws_kinesis_stream',
  'aws_sqs_queue', 'aws_timestreamwrite_table', 'aws_keyspaces_table', 'aws_qldb_ledger', 'aws_healthlake_fhir_datastore',
  // Stores and keys the list missed: their delete or replace loses data (or the means to read it) as well.
  'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system', 'aws_redshiftserverless_namespace', 'aws_docdbelastic_cluster',
  'aws_memorydb_cluster', 'aws_elasticache_serverless_cache', 'aws_dynamodb_table_replica', 'aws_timestreamwrite_database',
  'aws_opensearchserverless_collection', 'aws_glacier_vault', 'aws_kms_replica_key', 'aws_kms_external_key',
  'aws_kms_replica_external_key', 'aws_cloudhsm_v2_cluster', 'aws_keyspaces_keyspace', 'aws_timestreaminfluxdb_db_instance',
  'aws_msk_cluster', 'aws_msk_serverless_cluster', 'aws_dsql_cluster', 'aws_neptunegraph_graph', 'aws_cognito_user_pool',
  'aws_sagemaker_feature_group', 'aws_lightsail_database', 'aws_lightsail_bucket', 'aws_lightsail_disk',
  'aws_backup_logically_air_gapped_vault',
  // Backups: deleting a snapshot resource deletes that copy.
  'aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_ebs_snapshot',
  // Secrets and logs: a delete loses the secret (after its recovery window) and every log event kept.
  'aws_secretsmanager_secret', 'aws_cloudwatch_log_group',
  // The other providers' stores of the classification rule's list (phi-data-classification-tags.ts):
  // phi-plan-destroys-datastore counts this list, and before it did a PHI-tagged Azure storage account,
  // Cloud SQL instance or awscc bucket deleted by a plan was a finding; what runs code or routes
  // traffic there (VMs, clusters, functions, queues' namespaces) holds no data a replace loses.
  'azurerm_storage_account', 'azurerm_mssql_server', 'azurerm_mssql_database', 'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server', 'azurerm_cosmosdb_account', 'azurerm_key_vault', 'azurerm_managed_disk', 'azurerm_log_analytics_workspace',
  'google_storage_bucket', 'google_sql_database_instance', 'google_bigquery_dataset', 'google_bigquery_table', 'google_compute_disk',
  'google_spanner_instance', 'google_healthcare_dataset',
  'awscc_s3_bucket', 'awscc_healthlake_fhir_datastore', 'awscc_healthimaging_datastore', 'awscc_omics_sequence_store',
  'awscc_omics_reference_store', 'awscc_rds_db_instance', 'awscc_rds_db_cluster', 'awscc_dynamodb_table', 'awscc_efs_file_system',
  'awscc_kms_key', 'awscc_logs_log_group', 'awscc_secretsmanager_secret',
];

export default defineRule<PlannedChange, { dataStoreTypes: readonly string[] }>({
  id: 'tf-plan-destroys-data-store',
  title: 'Plans do not delete or replace data stores',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  kind: 'plan',
  why: 'An apply that deletes or replaces a database, bucket, volume or key destroys the data in it; a replace is easy to miss in a long plan (a renamed resource or a changed immutable attribute).',
  howToFix: 'Check the plan: use a moved block for renames, revert the attribute that forces replacement, or take a backup first; add lifecycle { prevent_destroy = true } to stores that must survive. Waive the finding when the destruction is intended.',
  links: ['https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy', 'https://developer.hashicorp.com/terraform/language/modules/develop/refactoring'],
  references: {},
  params: { dataStoreTypes: DATA_STORE_TYPES },
  targets: (model, params) => destructiveChanges(model).filter((c) => params.dataStoreTypes.includes(c.type)),
  check(c) {
    return fail(c, { message: `The plan will ${describeAction(c)} ${c.address}, a data store: its data is lost unless backed up.${c.actionReason ? ` Reason: ${c.actionReason}.` : ''}` });
  },
  examples: {},
});
