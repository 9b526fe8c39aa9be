// Refusals of terraform init/validate/plan 1.11.4 left from stop 57, each checked by running
// Terraform 1.11.4 on the configuration: refused at the file:line:column given, or accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function errorsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`);
}

const backend = (type: string, body: string): string => `terraform {\n  backend "${type}" {\n${body}  }\n}\n`;
const settings = (pairs: [string, string][]): string => pairs.map(([k, v]) => `    ${k} = ${v}\n`).join('');

// terraform init 1.11.4 (it decodes the backend block before it configures anything): "Unsupported
// argument: An argument named "role_arn" is not expected here." at the name; 'Inappropriate value for
// attribute "encrypt": a bool is required.', '... "allowed_account_ids": set of string required.',
// '... "endpoints": object required.', '... "assume_role": attribute "role_arn": string required.',
// '... "assume_role_with_web_identity": attribute "role_arn" is required.' at the value; 'Blocks of
// type "assume_role" are not expected here. Did you mean to define argument "assume_role"?' at the
// block's type.
const refusedBackends: [string, Record<string, string>, string[]][] = [
  ['an s3 setting it never had (role_arn, removed in 1.11, is a warning: below)', { 'main.tf': backend('s3', '    bucket     = "b"\n    role_arn   = "arn:aws:iam::123456789012:role/r"\n    lock_table = "t"\n') }, ['config/argument main.tf:5:5']],
  ['s3 settings of the wrong type, objects among them', {
    'main.tf': backend('s3', '    bucket              = "b"\n    encrypt             = "yes"\n    max_retries         = "x"\n    allowed_account_ids = "123"\n    endpoints           = "http://x"\n    assume_role = {\n      role_arn = ["arn:aws:iam::123456789012:role/r"]\n    }\n    assume_role_with_web_identity = {\n      session_name = "s"\n    }\n'),
  }, ['config/argument main.tf:11:37', 'config/argument main.tf:4:27', 'config/argument main.tf:5:27', 'config/argument main.tf:6:27', 'config/argument main.tf:7:27', 'config/argument main.tf:8:19']],
  ['s3\'s assume_role written as a block', { 'main.tf': backend('s3', '    bucket = "b"\n    assume_role {\n      role_arn = "arn:aws:iam::123456789012:role/r"\n    }\n') }, ['config/block main.tf:4:5']],
  ['an azurerm setting 1.11.4 has not, and one of the wrong type', { 'main.tf': backend('azurerm', '    storage_account_name  = "a"\n    use_dns_zone_endpoint = true\n    snapshot              = "maybe"\n') }, ['config/argument main.tf:4:5', 'config/argument main.tf:5:29']],
];

for (const [name, files, expected] of refusedBackends) {
  test(`refused as terraform init 1.11.4 refuses it: ${name}`, () => {
    assert.deepEqual(errorsOf(files).sort(), expected);
  });
}

// Terraform 1.6 to 1.10 took these with a deprecation warning, and a configuration may be pinned to
// one of them: a warning, not an error, that says where the setting went.
test('an s3 setting 1.11 removed is a warning that says where it went', () => {
  const d = evaluateFiles({ 'main.tf': backend('s3', '    assume_role_duration_seconds = 900\n') }).diagnostics.find((x) => x.code === 'config/argument');
  assert.equal(d?.severity, 'warning');
  assert.match(d?.message ?? '', /since Terraform 1\.11/);
  assert.match(d?.hint ?? '', /assume_role = \{ duration = \.\.\. \}/);
});

// terraform init 1.11.4 decodes each of these (and fails only later: validating values, or without
// credentials or network). An attribute the assume_role object type has not is dropped, not refused.
const s3All = settings([
  ['bucket', '"b"'], ['key', '"k"'], ['region', '"us-east-1"'], ['allowed_account_ids', '["123456789012"]'], ['forbidden_account_ids', '[]'],
  ['ec2_metadata_service_endpoint', '"http://169.254.169.254"'], ['ec2_metadata_service_endpoint_mode', '"IPv4"'], ['sts_region', '"us-east-1"'],
  ['encrypt', 'true'], ['acl', '"private"'], ['access_key', '"x"'], ['secret_key', '"y"'], ['kms_key_id', '"k"'], ['use_lockfile', 'true'],
  ['profile', '"p"'], ['retry_mode', '"standard"'], ['shared_config_files', '["/tmp/c"]'], ['shared_credentials_files', '["/tmp/c"]'], ['token', '"t"'],
  ['skip_credentials_validation', 'true'], ['skip_requesting_account_id', 'true'], ['skip_metadata_api_check', 'true'], ['skip_region_validation', 'true'],
  ['skip_s3_checksum', 'true'], ['workspace_key_prefix', '"w"'], ['use_path_style', 'true'], ['max_retries', '"5"'],
  ['custom_ca_bundle', '"/tmp/ca"'], ['http_proxy', '"http://p"'], ['https_proxy', '"http://p"'], ['no_proxy', '"x"'], ['insecure', 'false'],
  ['use_fips_endpoint', 'false'], ['use_dualstack_endpoint', 'false'], ['sse_customer_key', 'null'],
  ['endpoints', '{\n      dynamodb = "http://d"\n      iam = "http://i"\n      s3  = "http://s"\n      sso = "http://o"\n      sts = "http://t"\n    }'],
  ['assume_role', '{\n      role_arn            = "arn:aws:iam::123456789012:role/r"\n      duration            = "1h"\n      external_id         = "ex"\n      policy              = "{}"\n      policy_arns         = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n      session_name        = "s"\n      source_identity     = "i"\n      tags                = { a = "b" }\n      transitive_tag_keys = ["a"]\n      not_in_the_type     = 1\n    }'],
  ['assume_role_with_web_identity', '{\n      role_arn                = "arn:aws:iam::123456789012:role/r"\n      duration                = "1h"\n      policy                  = "{}"\n      policy_arns             = []\n      session_name            = "s"\n      web_identity_token_file = "/tmp/tok"\n    }'],
]);
// Deprecated, and accepted with a "Deprecated Parameter" warning.
const s3Deprecated = settings([
  ['bucket', '"b"'], ['key', '"k"'], ['region', '"us-east-1"'], ['dynamodb_endpoint', '"http://d"'], ['endpoint', '"http://s"'], ['iam_endpoint', '"http://i"'],
  ['sts_endpoint', '"http://t"'], ['force_path_style', '"true"'], ['shared_credentials_file', '"/tmp/c"'], ['dynamodb_table', '"t"'],
]);
const azurermAll = settings([
  ['subscription_id', '"s"'], ['resource_group_name', '"r"'], ['storage_account_name', '"a"'], ['container_name', '"c"'], ['key', '"k"'],
  ['lookup_blob_endpoint', 'false'], ['snapshot', '"true"'], ['environment', '"public"'], ['metadata_host', 'null'], ['access_key', '"x"'], ['sas_token', 'null'],
  ['tenant_id', '"t"'], ['client_id', '"c"'], ['client_id_file_path', 'null'], ['endpoint', 'null'], ['client_certificate', 'null'], ['client_certificate_path', 'null'],
  ['client_certificate_password', 'null'], ['client_secret', 'null'], ['client_secret_file_path', 'null'], ['use_oidc', 'false'], ['ado_pipeline_service_connection_id', 'null'],
  ['oidc_request_token', 'null'], ['oidc_request_url', 'null'], ['oidc_token', 'null'], ['oidc_token_file_path', 'null'], ['use_msi', 'false'], ['msi_endpoint', 'null'],
  ['use_cli', 'false'], ['use_aks_workload_identity', 'false'], ['use_azuread_auth', 'false'],
]);

test('every setting of s3 (deprecated ones too) and azurerm is accepted as terraform init 1.11.4 accepts it', () => {
  assert.deepEqual(errorsOf({ 's3/main.tf': backend('s3', s3All), 's3-deprecated/main.tf': backend('s3', s3Deprecated), 'azurerm/main.tf': backend('azurerm', azurermAll) }), []);
});

// A `for` key, condition or element reading a sensitive map's (or a literal's marked) element by
// the key or index the `for` binds: terraform plan 1.11.4 refuses each refused for_each here
// ("Invalid for_each argument: Sensitive values, or values derived from sensitive values, cannot be
// used as for_each arguments") and each refused output ("Output refers to sensitive values"), and
// plans the others.
const secrets = (names: string): string =>
  `variable "secret_map" {\n  type      = map(string)\n  sensitive = true\n  default   = { a = "x", b = "y" }\n}\nvariable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nvariable "names" {\n  default = ${names}\n}\nlocals {\n  m     = { a = var.pw, b = "q" }\n  plain = { a = "1", b = "2" }\n  tup   = [var.pw, "q"]\n}\n`;
const forEachOf = (expr: string, names = '["a", "b"]'): Record<string, string> => ({ 'main.tf': `${secrets(names)}resource "terraform_data" "r" {\n  for_each = ${expr}\n}\n` });
const outputOf = (expr: string, names = '["a", "b"]'): Record<string, string> => ({ 'main.tf': `${secrets(names)}output "o" {\n  value = ${expr}\n}\n` });

const keyedReads: [string, string | undefined, boolean][] = [
  // A key looked up, or indexed, by the key a `for` over a literal binds: "a" reads var.pw.
  ['{ for k, v in local.m : lookup(local.m, k) => v }', undefined, true],
  ['{ for k, v in local.plain : lookup(local.m, k) => v }', undefined, true],
  ['{ for k, v in local.plain : lookup({ a = var.pw }, k, "z") => v }', undefined, true],
  ['{ for k, v in local.plain : local.m[k] => v }', undefined, true],
  ['{ for k, v in local.plain : { a = var.pw, b = "q" }[k] => v }', undefined, true],
  ['{ for i, v in ["x", "y"] : element(local.tup, i) => v }', undefined, true],
  ['{ for k, v in local.plain : k => v if lookup(local.m, k) != "" }', undefined, true],
  // Elements a set is made of, marked whatever the element, where the collection has one.
  ['toset([for s in var.names : lookup(var.secret_map, s)])', undefined, true],
  ['toset([for s in var.names : var.pw])', undefined, true],
  ['toset([for s in var.names : var.pw])', '[]', false],
  ['toset([for s in var.names : lookup(var.secret_map, s)])', '[]', false],
  // Accepted: the key read is "b" (or only b is kept), or only the values are marked.
  ['{ for k, v in { b = 1 } : lookup(local.m, k) => v }', undefined, false],
  ['{ for k, v in local.plain : lookup(local.m, k, "z") => v if k == "b" }', undefined, false],
  ['{ for k, v in local.plain : k => local.m[k] }', undefined, false],
  ['{ for k, v in local.plain : k => lookup(var.secret_map, k) }', undefined, false],
  ['{ for k, v in local.plain : lookup(local.plain, k, var.pw) => v }', undefined, false],
  ['{ for i, v in ["x", "y"] : v => local.tup[i] }', undefined, false],
];

test('a for_each whose for reads a marked element by the key it binds is refused as terraform plan 1.11.4 refuses it', () => {
  for (const [expr, names, refusedHere] of keyedReads) assert.deepEqual(errorsOf(forEachOf(expr, names)), refusedHere ? ['eval/for-each main.tf:19:3'] : [], expr);
});

const keyedOutputs: [string, string | undefined, boolean][] = [
  ['[for s in var.names : var.pw]', undefined, true],
  ['[for s in var.names : var.pw]', '[]', false],
  ['{ for s in var.names : s => lookup(var.secret_map, s) }', undefined, true],
  ['[for k, v in local.plain : lookup(local.m, k)]', undefined, true],
  ['[for i, v in ["x", "y"] : local.tup[i]]', undefined, true],
  ['{ a = var.pw, b = "q" }["a"]', undefined, true],
  ['[for k, v in local.plain : lookup(local.m, k) if k == "b"]', undefined, false],
  ['[for i, v in ["x", "y"] : local.tup[i] if i == 1]', undefined, false],
  ['{ a = var.pw, b = "q" }["b"]', undefined, false],
];

test('an output whose for reads a marked element by the key it binds is refused as terraform plan 1.11.4 refuses it', () => {
  for (const [expr, names, refusedHere] of keyedOutputs) assert.deepEqual(errorsOf(outputOf(expr, names)), refusedHere ? ['eval/sensitive-output main.tf:18:8'] : [], expr);
});

// terraform plan 1.11.4 (validate accepts these): 'Removed resource still exists: This statement
// declares that terraform_data.a was removed, but it is still declared in configuration.' and
// 'Removed module still exists: ...', said at the declaration, not at the removed block: from its
// start to the end of its last label (res.tf 3:3 to 3:36 here, in a file of its own, with count = 0).
test('a removed block for a resource or module still declared is refused at the declaration, as terraform plan 1.11.4 refuses it', () => {
  const removed = (from: string): string => `removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}\n`;
  const spans = (files: Record<string, string>): string[] =>
    evaluateFiles(files)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}-${d.span?.end.line}:${d.span?.end.column}`);
  assert.deepEqual(spans({ 'main.tf': `resource "terraform_data" "a" {\n  input = "x"\n}\n\n${removed('terraform_data.a')}` }), ['config/reference main.tf:1:1-1:30']);
  assert.deepEqual(spans({ 'main.tf': removed('terraform_data.a'), 'res.tf': '\n\n  resource   "terraform_data"   "a" {\n  count = 0\n}\n' }), ['config/reference res.tf:3:3-3:36']);
  assert.deepEqual(spans({ 'main.tf': `module "m" {\n  source = "./child"\n}\n\n${removed('module.m')}`, 'child/main.tf': 'resource "terraform_data" "x" {}\n' }), ['config/reference main.tf:1:1-1:11']);
});
