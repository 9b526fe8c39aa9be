import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isPlainObject, isUnknown, type Plain } from '../../model/value.js';
import { DUPLICATED, tagMap } from '../../model/tags.js';
import { CLASSIFICATION_KEY_NAMES, isClassificationKey, isPhiClassification } from '../aws/phi-scope.js';
import { defineRule, fail, pass, subjectOf, unknown, type Outcome, type ParamProblem, type ParamValue, type Subject } from '../define-rule.js';

interface Tagged extends Subject {
  readonly resource: Resource;
  /** The merged tags/labels, or undefined when the resource sets none. */
  readonly tags?: Sourced<Plain>;
}

type Params = { requiredTags: readonly string[]; classificationTag: string; allowedClassifications: readonly string[]; scope: string };

/**
 * Types that store or process data; also the fallback list of taggable types when the model has no
 * tag information (a resource that sets no tags under a provider without default_tags is judged
 * only when its type is here). Every AWS name is a taggable type of the provider's schema (the test
 * checks it against aws-untaggable-types.ts): aws_timestream_database was no type at all, and the
 * Timestream, Keyspaces, OpenSearch Serverless, serverless cache, DAX, Lightsail and cluster-instance
 * stores were missing, so one left untagged passed unseen and escaped every PHI-scoped rule.
 */
export const DATA_STORES: ReadonlySet<string> = new Set([
  'aws_s3_bucket', 'aws_db_instance', 'aws_rds_cluster', 'aws_dynamodb_table', 'aws_efs_file_system', 'aws_ebs_volume', 'aws_elasticache_replication_group',
  'aws_elasticache_cluster', 'aws_redshift_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_opensearch_domain', 'aws_elasticsearch_domain',
  'aws_kinesis_stream', 'aws_kinesis_firehose_delivery_stream', 'aws_sqs_queue', 'aws_sns_topic', 'aws_lambda_function', 'aws_instance', 'aws_launch_template',
  'aws_ecs_task_definition', 'aws_ecs_service', 'aws_eks_cluster', 'aws_backup_vault', 'aws_cloudwatch_log_group', 'aws_secretsmanager_secret', 'aws_kms_key',
  'aws_glue_catalog_database', 'aws_athena_workgroup', 'aws_sagemaker_notebook_instance', 'aws_sagemaker_domain', 'aws_emr_cluster', 'aws_msk_cluster',
  'aws_fsx_lustre_file_system', 'aws_fsx_windows_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system', 'aws_qldb_ledger', 'aws_memorydb_cluster',
  'aws_timestreamwrite_database', 'aws_timestreamwrite_table', 'aws_timestreaminfluxdb_db_instance', 'aws_keyspaces_keyspace', 'aws_keyspaces_table',
  'aws_opensearchserverless_collection', 'aws_rds_cluster_instance', 'aws_docdb_cluster_instance', 'aws_neptune_cluster_instance', 'aws_docdbelastic_cluster',
  'aws_neptunegraph_graph', 'aws_elasticache_serverless_cache', 'aws_dax_cluster', 'aws_redshiftserverless_namespace', 'aws_redshiftserverless_workgroup',
  'aws_dynamodb_table_replica', 'aws_dsql_cluster', 'aws_msk_serverless_cluster', 'aws_kinesis_video_stream', 'aws_transfer_server', 'aws_cognito_user_pool',
  'aws_ebs_snapshot', 'aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_glacier_vault', 'aws_backup_logically_air_gapped_vault', 'aws_sagemaker_feature_group',
  'aws_bedrockagent_knowledge_base', 'aws_workspaces_workspace', 'aws_lightsail_instance', 'aws_lightsail_database', 'aws_lightsail_bucket', 'aws_lightsail_disk',
  'aws_mq_broker', 'aws_api_gateway_rest_api', 'aws_apigatewayv2_api', 'aws_lb', 'aws_cloudtrail', 'aws_ssm_parameter', 'aws_ecr_repository', 'aws_healthlake_fhir_datastore',
  'azurerm_storage_account', 'azurerm_mssql_server', 'azurerm_mssql_database', 'azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server', 'azurerm_cosmosdb_account',
  'azurerm_key_vault', 'azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_managed_disk', 'azurerm_kubernetes_cluster', 'azurerm_linux_function_app',
  'azurerm_linux_web_app', 'azurerm_redis_cache', 'azurerm_servicebus_namespace', 'azurerm_eventhub_namespace', 'azurerm_log_analytics_workspace',
  'google_storage_bucket', 'google_sql_database_instance', 'google_bigquery_dataset', 'google_bigquery_table', 'google_compute_instance', 'google_compute_disk',
  'google_container_cluster', 'google_pubsub_topic', 'google_spanner_instance', 'google_redis_instance', 'google_healthcare_dataset', 'google_cloudfunctions2_function',
  // The Cloud Control provider's (awscc) stores, so one left untagged is judged as its aws_ twin is.
  'awscc_s3_bucket', 'awscc_healthlake_fhir_datastore', 'awscc_healthimaging_datastore', 'awscc_omics_sequence_store', 'awscc_omics_reference_store',
  'awscc_rds_db_instance', 'awscc_rds_db_cluster', 'awscc_dynamodb_table', 'awscc_efs_file_system', 'awscc_kms_key', 'awscc_logs_log_group',
  'awscc_secretsmanager_secret', 'awscc_sqs_queue', 'awscc_sns_topic', 'awscc_lambda_function',
]);

const normalize = (key: string): string => key.toLowerCase().replace(/[-_\s.:]/g, '');

function tagsOf(r: Resource): { taggable: boolean; tags?: Sourced<Plain> } {
  if (r.effectiveTags) return { taggable: true, tags: r.effectiveTags };
  const own = r.attributes.get(r.type.startsWith('google_') ? 'labels' : 'tags');
  if (own) return { taggable: true, tags: own };
  return { taggable: DATA_STORES.has(r.type) };
}

/**
 * Where a finding about tags a resource lacks points: the name of its own tags argument. What it is
 * about is an absence, which editing the other tags does not change; at the whole argument, its
 * fingerprint changed with every tag added or edited, and a baselined finding came back as new. The
 * merged tags (their value, history, sensitivity) stay what the finding is judged on. undefined when
 * the tags are not the resource's own argument (provider default_tags alone).
 */
function absentFrom(t: Tagged): Sourced<Plain> | undefined {
  const name = t.resource.type.startsWith('google_') ? 'labels' : 'tags';
  // `tags = null` is kept among the null arguments: its name is still where the finding points.
  const own = t.resource.attributes.get(name) ?? t.resource.nullArguments?.get(name);
  const tags = t.tags;
  if (!own || !tags || own.provenance === 'default' || own.span.file !== tags.span.file || own.span.start.offset !== tags.span.start.offset) return undefined;
  // The name as written: quoted in JSON syntax.
  const length = own.span.file.endsWith('.json') ? name.length + 2 : name.length;
  const { start } = own.span;
  return { ...tags, span: { file: own.span.file, start, end: { line: start.line, column: start.column + length, offset: start.offset + length } } };
}

/**
 * Where the classification value a finding quotes was set, when the resource's own tags set it: its
 * own tags argument, with that argument's history. The merged tags also carry the provider's
 * default_tags in their history, and the finding pointed there ("value comes from here") though
 * the resource's own tag overrides the default. undefined when the value comes from default_tags.
 */
function classifiedAt(t: Tagged, key: string): Sourced<Plain> | undefined {
  const own = t.resource.attributes.get(t.resource.type.startsWith('google_') ? 'labels' : 'tags');
  if (!own || own.provenance === 'default' || !isPlainObject(own.value)) return undefined;
  // A key set to null leaves the default in place, as the provider merges them.
  const setHere = Object.entries(own.value).some(([k, v]) => normalize(k) === normalize(key) && v !== null && v !== undefined);
  return setHere && t.tags && own.span.file === t.tags.span.file && own.span.start.offset === t.tags.span.start.offset ? { ...t.tags, via: own.via } : undefined;
}

function targets(model: InfraModel, params: Params): Tagged[] {
  return model.resources.flatMap((r) => {
    if (r.mode !== 'managed') return [];
    // awscc: the Cloud Control provider's AWS resources, tagged as a list of { key, value } (tagMap).
    if (!/^(aws|awscc|azurerm|google)_/.test(r.type)) return [];
    if (params.scope === 'data-stores' && !DATA_STORES.has(r.type)) return [];
    const { taggable, tags } = tagsOf(r);
    if (!taggable) return [];
    return [{ ...subjectOf(r), resource: r, ...(tags ? { tags } : {}) }];
  });
}

/**
 * The PHI-scoped rules read the classification from fixed keys and values (aws/phi-scope.ts), not
 * from this rule's parameters: with classificationTag = "hipaa_scope" this rule passed a resource
 * "classified phi" while every PHI-scoped rule judged nothing (a Lightsail instance holding PHI, a
 * PHI bucket without a customer key: passed). A key the scope does not read is refused; a
 * vocabulary with no value it reads as PHI is warned about.
 */
function checkParam(name: string, value: ParamValue): ParamProblem | undefined {
  if (name === 'classificationTag' && typeof value === 'string' && !isClassificationKey(value)) {
    return {
      severity: 'error',
      message: `"${value}" is not a tag key the PHI-scoped rules read, so a resource it classifies "phi" would be judged by none of them`,
      hint: `Use one of ${CLASSIFICATION_KEY_NAMES.join(', ')} (any case; - _ . and spaces are ignored).`,
    };
  }
  if (name === 'allowedClassifications' && Array.isArray(value) && !value.some((v) => typeof v === 'string' && isPhiClassification(v))) {
    return {
      severity: 'warning',
      message: 'no value here is read as PHI (phi, ephi, hipaa, or a value starting with the word phi), so the PHI-scoped rules will judge no resource',
      hint: 'Name the PHI class phi (or phi-<level>), or ignore this if nothing scanned holds ePHI.',
    };
  }
  return undefined;
}

export default defineRule<Tagged, Params>({
  id: 'phi-data-classification-tags',
  title: 'Resources carry a data-classification tag and an owner',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(A)', '164.310(d)(2)(iii)', '164.308(a)(4)(i)'],
  kind: 'attr',
  why: 'The risk analysis needs an inventory of where ePHI lives and who is accountable for it; the classification tag is also what scopes the PHI-only rules, so an untagged PHI store escapes them.',
  howToFix:
    'Add tags = { data_classification = "phi" | "confidential" | "internal" | "public", owner = "<team>" } to the resource, or set them once in the provider\'s default_tags (google: labels).',
  links: ['https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html', 'https://docs.aws.amazon.com/config/latest/developerguide/required-tags.html'],
  references: { awsConfig: ['required-tags'] },
  params: { requiredTags: ['data_classification', 'owner'], classificationTag: 'data_classification', allowedClassifications: ['phi', 'confidential', 'internal', 'public'], scope: 'all-taggable' },
  checkParam,
  targets: (model, params) => targets(model, params),
  check(t, { params }): Outcome {
    const where = t.tags ?? t;
    if (t.tags && isUnknown(t.tags.value)) return unknown(t.tags, `${t.address}: its tags are known only at apply time.`);
    const map = t.tags ? tagMap(t.tags.value) : undefined;
    if (t.tags && isUnknown(map)) return unknown(t.tags, `${t.address}: its tags are known only at apply time.`);
    const tags = isPlainObject(map) ? map : {};
    const byKey = new Map(Object.entries(tags).map(([k, v]) => [normalize(k), v]));
    const missing: string[] = [];
    const pending: string[] = [];
    for (const name of params.requiredTags) {
      const value = byKey.get(normalize(name));
      if (value === undefined || value === null || value === '') missing.push(name);
      else if (isUnknown(value)) pending.push(name);
    }
    const classification = byKey.get(normalize(params.classificationTag));
    const allowed = params.allowedClassifications.map((v) => v.toLowerCase());
    const badValue = typeof classification === 'string' && classification !== '' && !allowed.includes(classification.trim().toLowerCase()) ? classification : undefined;
    if (missing.length > 0 || badValue !== undefined) {
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`${t.tags ? 'has' : 'sets'} no ${missing.map((m) => `"${m}"`).join(' or ')} tag${t.tags ? '' : ' (no tags, and no provider default_tags apply)'}`);
      // The key as the user wrote it (`data-classification`), not the parameter's spelling.
      const written = Object.keys(tags).find((k) => normalize(k) === normalize(params.classificationTag)) ?? params.classificationTag;
      if (badValue !== undefined) parts.push(`sets ${written} to "${badValue}", not one of ${allowed.join(' | ')}`);
      return fail(badValue === undefined ? absentFrom(t) ?? where : classifiedAt(t, params.classificationTag) ?? where, { message: `${t.address} ${parts.join(' and ')}.` });
    }
    // A key given twice with different values (tagMap) is not known either, for another reason.
    const duplicated = pending.map((n) => byKey.get(normalize(n))).find((v) => isUnknown(v) && v.reason.startsWith(DUPLICATED));
    if (duplicated !== undefined && isUnknown(duplicated)) return unknown(where, `${t.address}: ${duplicated.reason}, so its value is not known.`);
    if (pending.length > 0) return unknown(where, `${t.address}: the ${pending.join(', ')} tag values are known only at apply time.`);
    return pass(where, `${t.address} is classified "${String(classification)}" with an owner.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n}\n',
        'provider "aws" {\n  default_tags {\n    tags = { project = "intake" }\n  }\n}\n\nresource "aws_iam_role" "reader" {\n  name               = "reader"\n  assume_role_policy = "{}"\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n\n  tags = {\n    data_classification = "phi"\n    owner               = "intake-team"\n  }\n}\n',
        // default_tags reach only resources with a tags argument: not a public access block or a policy attachment.
        'provider "aws" {\n  default_tags {\n    tags = { project = "intake" }\n  }\n}\n\nresource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n\n  tags = {\n    data_classification = "phi"\n    owner               = "intake-team"\n  }\n}\n\nresource "aws_s3_bucket_public_access_block" "intake" {\n  bucket                  = aws_s3_bucket.intake.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\nresource "aws_iam_role_policy_attachment" "reader" {\n  role       = "reader"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
      ],
    },
  },
});
