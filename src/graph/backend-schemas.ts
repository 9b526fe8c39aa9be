// The settings of Terraform 1.11.4's backends, as `terraform init` decodes a root module's backend
// block before it configures anything (no network): an argument the schema has not is "Unsupported
// argument", a block it has not "Unsupported block type", a value that does not convert "Incorrect
// attribute value type". `terraform validate` after `init -backend=false` reads none of this, but no
// init with the backend gets past it. Each table was checked by running init on a block setting
// every name in it (all accepted) and one more (refused).
//
// Left out, so never refused here: s3, azurerm, cos and oss, whose settings change between
// releases more than a table kept by hand can follow (azurerm 1.11.4 takes lookup_blob_endpoint and
// refuses use_dns_zone_endpoint, for one).
import { nearestName } from '../config/nearest-name.js';
import type { Block, Body } from '../parsers/hcl/ast.js';
import { convertible, wantedValue, type ArgType } from './provisioner-schema.js';
import type { StructureProblem } from './config-structure.js';

interface BackendSchema {
  readonly args: ReadonlyMap<string, ArgType>;
  /** Nested blocks (each of single nesting) and their own arguments. */
  readonly blocks: ReadonlyMap<string, ReadonlyMap<string, ArgType>>;
}

function schema(args: Record<string, ArgType>, blocks: Record<string, Record<string, ArgType>> = {}): BackendSchema {
  return { args: new Map(Object.entries(args)), blocks: new Map(Object.entries(blocks).map(([name, a]) => [name, new Map(Object.entries(a))])) };
}

const strings = (...names: string[]): Record<string, ArgType> => Object.fromEntries(names.map((n) => [n, 'string']));

const SCHEMAS: ReadonlyMap<string, BackendSchema> = new Map([
  ['consul', schema({ ...strings('path', 'access_token', 'address', 'scheme', 'datacenter', 'http_auth', 'ca_file', 'cert_file', 'key_file'), gzip: 'bool', lock: 'bool' })],
  ['gcs', schema({ ...strings('bucket', 'prefix', 'credentials', 'access_token', 'impersonate_service_account', 'encryption_key', 'kms_encryption_key', 'storage_custom_endpoint'), impersonate_service_account_delegates: 'list(string)' })],
  ['http', schema({ ...strings('address', 'update_method', 'lock_address', 'unlock_address', 'lock_method', 'unlock_method', 'username', 'password', 'client_ca_certificate_pem', 'client_certificate_pem', 'client_private_key_pem'), skip_cert_verification: 'bool', retry_max: 'number', retry_wait_min: 'number', retry_wait_max: 'number' })],
  ['inmem', schema(strings('lock_id'))],
  ['kubernetes', schema(
    { ...strings('secret_suffix', 'namespace', 'host', 'username', 'password', 'client_certificate', 'client_key', 'cluster_ca_certificate', 'config_path', 'config_context', 'config_context_auth_info', 'config_context_cluster', 'token', 'proxy_url'), labels: 'map(string)', in_cluster_config: 'bool', load_config_file: 'bool', insecure: 'bool', config_paths: 'list(string)' },
    { exec: { ...strings('api_version', 'command'), env: 'map(string)', args: 'list(string)' } },
  )],
  ['local', schema(strings('path', 'workspace_dir'))],
  ['pg', schema({ ...strings('conn_str', 'schema_name'), skip_schema_creation: 'bool', skip_table_creation: 'bool', skip_index_creation: 'bool' })],
  ['remote', schema(strings('hostname', 'organization', 'token'), { workspaces: strings('name', 'prefix') })],
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
  checkBody(backend.body, s.args, s.blocks, `the ${type} backend`, out);
  return out;
}

function checkBody(body: Body, args: ReadonlyMap<string, ArgType>, blocks: ReadonlyMap<string, ReadonlyMap<string, ArgType>>, what: string, out: StructureProblem[]): void {
  for (const attr of body.attributes) {
    const want = args.get(attr.name);
    if (want === undefined) {
      const near = nearestName(attr.name, args.keys());
      const known = args.size <= 2 ? ` (only ${[...args.keys()].join(' and ')})` : near !== undefined ? ` (did you mean "${near}"?)` : '';
      out.push({ code: 'config/argument', message: `Unsupported argument: ${what} has no setting named "${attr.name}"${known}, so Terraform refuses it.`, start: attr.start, end: attr.nameRange.end });
    } else if (!convertible(attr.expr, want)) {
      out.push({ code: 'config/argument', message: `Incorrect attribute value type: ${what}'s "${attr.name}" must be ${wantedValue(want)}, so Terraform refuses this value.`, start: attr.expr.start, end: attr.expr.end });
    }
  }
  for (const b of body.blocks) {
    const nested = blocks.get(b.type);
    if (nested === undefined) out.push({ code: 'config/block', message: `Unsupported block type: ${what} takes no "${b.type}" block, so Terraform refuses it.`, start: b.start, end: b.typeRange.end });
    else checkBody(b.body, nested, new Map(), `${what}'s ${b.type} block`, out);
  }
}
