// The settings of Terraform 1.11.4's backends, as `terraform init` decodes a root module's backend
// block before it configures anything (no network): an argument the schema has not is "Unsupported
// argument", a block it has not "Unsupported block type", a value that does not convert "Incorrect
// attribute value type". `terraform validate` after `init -backend=false` reads none of this, but no
// init with the backend gets past it. Each table was checked by running init on a block setting
// every name in it (all accepted) and one more (refused).
//
// s3 and azurerm were checked the same way, and with the names earlier and later releases have
// (1.11.4 refuses s3's role_arn, session_name, external_id and assume_role_* arguments, which 1.11
// removed for the assume_role object, and azurerm's use_dns_zone_endpoint and use_microsoft_graph).
// Their deprecated settings (s3's endpoint, dynamodb_endpoint, iam_endpoint, sts_endpoint,
// force_path_style, shared_credentials_file, dynamodb_table and endpoints.dynamodb; azurerm's
// endpoint) are still accepted, with a "Deprecated Parameter" warning not repeated here. cos and oss
// were checked so too (init 1.11.4 refuses cos's role_arn, session_name and tags, and oss's
// sts_region, cam_role_name, domain and an external_id in its assume_role block); each takes its
// assume_role as a block, which `assume_role = { ... }` is not ('Did you mean to define a block of
// type "assume_role"?').
import { nearestName } from '../config/nearest-name.js';
import type { Block, Body, Expression } from '../parsers/hcl/ast.js';
import { objectItemKey } from './load.js';
import { convertible, wantedValue, type ArgType } from './provisioner-schema.js';
import type { StructureProblem } from './config-structure.js';

/**
 * An argument whose value is an object (s3's assume_role, endpoints): written `name = { ... }`, not
 * as a block. Its value converts as cty converts an object, so an attribute the object type has not
 * is dropped, not refused (init 1.11.4 accepts `assume_role = { role_arn = "...", bogus = "y" }`),
 * and one not optional must be there ('attribute "role_arn" is required').
 */
interface ObjectArg {
  readonly attrs: ReadonlyMap<string, ArgType>;
  readonly required: readonly string[];
}

type Setting = ArgType | ObjectArg;

interface BackendSchema {
  readonly args: ReadonlyMap<string, Setting>;
  /** Nested blocks (each of single nesting) and their own arguments. */
  readonly blocks: ReadonlyMap<string, ReadonlyMap<string, ArgType>>;
  /** Arguments an earlier release took, and what to write now: the hint of their refusal. */
  readonly removed: ReadonlyMap<string, string>;
}

function schema(args: Record<string, Setting>, blocks: Record<string, Record<string, ArgType>> = {}, removed: Record<string, string> = {}): BackendSchema {
  return { args: new Map(Object.entries(args)), blocks: new Map(Object.entries(blocks).map(([name, a]) => [name, new Map(Object.entries(a))])), removed: new Map(Object.entries(removed)) };
}

/** s3's assume-role arguments that 1.11 removed (refused by init 1.11.4) for its assume_role object. */
const S3_REMOVED = Object.fromEntries(
  [['role_arn', 'role_arn'], ['session_name', 'session_name'], ['external_id', 'external_id'], ['assume_role_duration_seconds', 'duration'], ['assume_role_policy', 'policy'], ['assume_role_policy_arns', 'policy_arns'], ['assume_role_tags', 'tags'], ['assume_role_transitive_tag_keys', 'transitive_tag_keys']]
    .map(([old, now]) => [old, `Terraform 1.11 removed it: set assume_role = { ${now} = ... } instead.`]),
);

const strings = (...names: string[]): Record<string, ArgType> => Object.fromEntries(names.map((n) => [n, 'string']));
const bools = (...names: string[]): Record<string, ArgType> => Object.fromEntries(names.map((n) => [n, 'bool']));
const object = (attrs: Record<string, ArgType>, required: readonly string[] = []): ObjectArg => ({ attrs: new Map(Object.entries(attrs)), required });

const SCHEMAS: ReadonlyMap<string, BackendSchema> = new Map([
  ['azurerm', schema({
    ...strings('subscription_id', 'resource_group_name', 'storage_account_name', 'container_name', 'key', 'environment', 'metadata_host', 'access_key', 'sas_token', 'tenant_id', 'client_id', 'client_id_file_path', 'endpoint', 'client_certificate', 'client_certificate_path', 'client_certificate_password', 'client_secret', 'client_secret_file_path', 'ado_pipeline_service_connection_id', 'oidc_request_token', 'oidc_request_url', 'oidc_token', 'oidc_token_file_path', 'msi_endpoint'),
    ...bools('lookup_blob_endpoint', 'snapshot', 'use_oidc', 'use_msi', 'use_cli', 'use_aks_workload_identity', 'use_azuread_auth'),
  })],
  ['cos', schema(
    { ...strings('secret_id', 'secret_key', 'security_token', 'region', 'bucket', 'prefix', 'key', 'acl', 'domain', 'endpoint', 'profile', 'shared_credentials_dir', 'cam_role_name'), ...bools('encrypt', 'accelerate') },
    { assume_role: { ...strings('role_arn', 'session_name', 'policy', 'external_id'), session_duration: 'number' } },
  )],
  ['consul', schema({ ...strings('path', 'access_token', 'address', 'scheme', 'datacenter', 'http_auth', 'ca_file', 'cert_file', 'key_file'), gzip: 'bool', lock: 'bool' })],
  ['gcs', schema({ ...strings('bucket', 'prefix', 'credentials', 'access_token', 'impersonate_service_account', 'encryption_key', 'kms_encryption_key', 'storage_custom_endpoint'), impersonate_service_account_delegates: 'list(string)' })],
  ['http', schema({ ...strings('address', 'update_method', 'lock_address', 'unlock_address', 'lock_method', 'unlock_method', 'username', 'password', 'client_ca_certificate_pem', 'client_certificate_pem', 'client_private_key_pem'), skip_cert_verification: 'bool', retry_max: 'number', retry_wait_min: 'number', retry_wait_max: 'number' })],
  ['inmem', schema(strings('lock_id'))],
  ['kubernetes', schema(
    { ...strings('secret_suffix', 'namespace', 'host', 'username', 'password', 'client_certificate', 'client_key', 'cluster_ca_certificate', 'config_path', 'config_context', 'config_context_auth_info', 'config_context_cluster', 'token', 'proxy_url'), labels: 'map(string)', in_cluster_config: 'bool', load_config_file: 'bool', insecure: 'bool', config_paths: 'list(string)' },
    { exec: { ...strings('api_version', 'command'), env: 'map(string)', args: 'list(string)' } },
  )],
  ['local', schema(strings('path', 'workspace_dir'))],
  ['oss', schema(
    {
      ...strings('access_key', 'secret_key', 'security_token', 'ecs_role_name', 'region', 'sts_endpoint', 'tablestore_endpoint', 'endpoint', 'bucket', 'prefix', 'key', 'tablestore_table', 'acl', 'shared_credentials_file', 'profile', 'assume_role_role_arn', 'assume_role_session_name', 'assume_role_policy'),
      encrypt: 'bool', assume_role_session_expiration: 'number',
    },
    { assume_role: { ...strings('role_arn', 'session_name', 'policy'), session_expiration: 'number' } },
  )],
  ['pg', schema({ ...strings('conn_str', 'schema_name'), skip_schema_creation: 'bool', skip_table_creation: 'bool', skip_index_creation: 'bool' })],
  ['remote', schema(strings('hostname', 'organization', 'token'), { workspaces: strings('name', 'prefix') })],
  ['s3', schema({
    ...strings('bucket', 'key', 'region', 'dynamodb_endpoint', 'ec2_metadata_service_endpoint', 'ec2_metadata_service_endpoint_mode', 'endpoint', 'iam_endpoint', 'sts_endpoint', 'sts_region', 'acl', 'access_key', 'secret_key', 'kms_key_id', 'dynamodb_table', 'profile', 'retry_mode', 'shared_credentials_file', 'token', 'sse_customer_key', 'workspace_key_prefix', 'custom_ca_bundle', 'http_proxy', 'https_proxy', 'no_proxy'),
    ...bools('encrypt', 'use_lockfile', 'skip_credentials_validation', 'skip_requesting_account_id', 'skip_metadata_api_check', 'skip_region_validation', 'skip_s3_checksum', 'force_path_style', 'use_path_style', 'insecure', 'use_fips_endpoint', 'use_dualstack_endpoint'),
    allowed_account_ids: 'set(string)', forbidden_account_ids: 'set(string)', shared_config_files: 'set(string)', shared_credentials_files: 'set(string)',
    max_retries: 'number',
    endpoints: object(strings('dynamodb', 'iam', 's3', 'sso', 'sts')),
    assume_role: object({ ...strings('role_arn', 'duration', 'external_id', 'policy', 'session_name', 'source_identity'), policy_arns: 'set(string)', transitive_tag_keys: 'set(string)', tags: 'map(string)' }, ['role_arn']),
    assume_role_with_web_identity: object({ ...strings('role_arn', 'duration', 'policy', 'session_name', 'web_identity_token', 'web_identity_token_file'), policy_arns: 'set(string)' }, ['role_arn']),
  }, {}, S3_REMOVED)],
]);

/**
 * The settings of a backend block Terraform's schema for its type refuses (terraform init 1.11.4 on
 * `backend "pg" { bogus_arg = "x" }`: 'Unsupported argument: An argument named "bogus_arg" is not
 * expected here.'); nothing for a type without a table here.
 */
export function backendSettingProblems(backend: Block, type: string): StructureProblem[] {
  const s = SCHEMAS.get(type);
  if (s === undefined) return [];
  const out: StructureProblem[] = [];
  checkBody(backend.body, s.args, s.blocks, s.removed, `the ${type} backend`, out);
  return out;
}

function checkBody(body: Body, args: ReadonlyMap<string, Setting>, blocks: ReadonlyMap<string, ReadonlyMap<string, ArgType>>, removed: ReadonlyMap<string, string>, what: string, out: StructureProblem[]): void {
  for (const attr of body.attributes) {
    const want = args.get(attr.name);
    if (want === undefined) {
      const near = nearestName(attr.name, args.keys());
      const known = args.size <= 2 ? ` (only ${[...args.keys()].join(' and ')})` : near !== undefined ? ` (did you mean "${near}"?)` : '';
      const hint = removed.get(attr.name);
      // A setting a release before 1.11 took (deprecated) is a warning: the configuration may be
      // pinned to such a release, and nothing here knows which Terraform will run it.
      if (hint !== undefined) out.push({ code: 'config/argument', severity: 'warning', message: `Removed argument: ${what} has no setting named "${attr.name}" since Terraform 1.11, which refuses it (earlier releases took it, deprecated).`, hint, start: attr.start, end: attr.nameRange.end });
      else out.push({ code: 'config/argument', message: `Unsupported argument: ${what} has no setting named "${attr.name}"${known}, so Terraform refuses it.`, start: attr.start, end: attr.nameRange.end });
    } else {
      const wrong = typeof want === 'string' ? (convertible(attr.expr, want) ? undefined : wantedValue(want)) : objectProblem(attr.expr, want);
      if (wrong !== undefined) out.push({ code: 'config/argument', message: `Incorrect attribute value type: ${what}'s "${attr.name}" must be ${wrong}, so Terraform refuses this value.`, start: attr.expr.start, end: attr.expr.end });
    }
  }
  for (const b of body.blocks) {
    const nested = blocks.get(b.type);
    // 'Did you mean to define argument "assume_role"? If so, use the equals sign to assign it a value.'
    const asArg = nested === undefined && args.has(b.type) ? ` ("${b.type}" is an argument: ${b.type} = { ... })` : '';
    if (nested === undefined) out.push({ code: 'config/block', message: `Unsupported block type: ${what} takes no "${b.type}" block${asArg}, so Terraform refuses it.`, start: b.start, end: b.typeRange.end });
    else checkBody(b.body, nested, new Map(), new Map(), `${what}'s ${b.type} block`, out);
  }
}

/**
 * What a value written for an object argument lacks, as the rest of "must be ...", or undefined when
 * it converts (or is not written out: a call's value is unknown until init evaluates it). Terraform
 * says only the first problem of the value (init 1.11.4: 'Inappropriate value for attribute
 * "assume_role": attribute "role_arn": string required.'); so does this, looking in name order.
 */
function objectProblem(expr: Expression, want: ObjectArg): string | undefined {
  while (expr.type === 'parens') expr = expr.expr;
  if (expr.type !== 'object') return expr.type === 'literal' ? (expr.value === null ? undefined : 'an object') : expr.type === 'template' || expr.type === 'tuple' ? 'an object' : undefined;
  const written = new Map<string, Expression>();
  for (const item of expr.items) {
    const key = objectItemKey(item);
    if (key === undefined) return undefined; // a computed key could name any attribute
    written.set(key, item.value);
  }
  for (const [name, type] of [...want.attrs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = written.get(name);
    if (value === undefined) {
      if (want.required.includes(name)) return `an object with "${name}" set`;
    } else if (!convertible(value, type)) {
      return `an object whose "${name}" is ${wantedValue(type)}`;
    }
  }
  return undefined;
}
