// Refusals of terraform init/validate/plan 1.11.4 left from stop 56 (issue 4), each checked by
// running Terraform 1.11.4 on the configuration: refused at the file:line:column given, or accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function errorsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`);
}

const backend = (type: string, body: string): string => `terraform {\n  backend "${type}" {\n${body}  }\n}\n`;

const aliasesFor = (alias: string): string => `terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [${alias}]\n    }\n  }\n}\n`;

const refused: [string, Record<string, string>, string[]][] = [
  // terraform init (not validate after init -backend=false): 'Unsupported argument: An argument named
  // "bogus_arg" is not expected here.', at the name.
  ['a setting pg, http, consul, gcs, kubernetes, remote or inmem has not', {
    'pg/main.tf': backend('pg', '    conn_str  = "postgres://x"\n    bogus_arg = "x"\n'),
    'http/main.tf': backend('http', '    address  = "https://x"\n    retry    = 2\n'),
    'consul/main.tf': backend('consul', '    path = "x"\n    gzipped = true\n'),
    'gcs/main.tf': backend('gcs', '    bucket = "b"\n    project = "p"\n'),
    'kubernetes/main.tf': backend('kubernetes', '    secret_suffix = "s"\n    context = "c"\n'),
    'remote/main.tf': backend('remote', '    organization = "o"\n    workspace = "w"\n'),
    'inmem/main.tf': backend('inmem', '    nope = 1\n'),
  }, ['config/argument consul/main.tf:4:5', 'config/argument gcs/main.tf:4:5', 'config/argument http/main.tf:4:5', 'config/argument inmem/main.tf:3:5', 'config/argument kubernetes/main.tf:4:5', 'config/argument pg/main.tf:4:5', 'config/argument remote/main.tf:4:5']],
  // 'Incorrect attribute value type: Inappropriate value for attribute "conn_str": string required.',
  // '... "skip_schema_creation": a bool is required.', at the value; "Unsupported block type: Blocks of
  // type "foo" are not expected here." at the block's type.
  ['pg settings of the wrong type, and a block it has not', { 'main.tf': backend('pg', '    conn_str             = ["x"]\n    skip_schema_creation = "abc"\n    foo {}\n') }, ['config/argument main.tf:3:28', 'config/argument main.tf:4:28', 'config/block main.tf:5:5']],
  // The same inside the blocks remote and kubernetes take: 'An argument named "zz" is not expected here.'
  ['an argument remote\'s workspaces block or kubernetes\' exec block has not', {
    'main.tf': backend('remote', '    organization = "o"\n    workspaces {\n      name = "w"\n      zz   = 1\n    }\n'),
    'k/main.tf': backend('kubernetes', '    secret_suffix = "s"\n    exec {\n      api_version = "v"\n      command     = "c"\n      args        = "a"\n    }\n'),
  }, ['config/argument k/main.tf:7:21', 'config/argument main.tf:6:7']],
  // terraform validate: "Provider configuration not present: To work with aws_s3_bucket.b its original
  // provider configuration at provider["registry.terraform.io/hashicorp/aws"].east is required", in a
  // module that configures aws itself (so is run as a root, where no caller passes aws.east).
  ['an alias only configuration_aliases declares, in a module written to run as a root', { 'main.tf': `${aliasesFor('aws.east')}provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.east\n  bucket   = "x"\n}\n` }, ['config/reference main.tf:13:14']],
];

for (const [name, files, expected] of refused) {
  test(`refused as Terraform 1.11.4 refuses it: ${name}`, () => {
    assert.deepEqual(errorsOf(files).sort(), expected);
  });
}

const accepted: [string, Record<string, string>][] = [
  // terraform init 1.11.4 decodes each of these (and fails only later, configuring the backend).
  ['every setting of pg, http, consul, gcs, kubernetes and remote', {
    'pg/main.tf': backend('pg', '    conn_str             = "x"\n    schema_name          = 5\n    skip_schema_creation = "true"\n    skip_table_creation  = true\n    skip_index_creation  = true\n'),
    'http/main.tf': backend('http', '    address                   = "x"\n    update_method             = "x"\n    lock_address              = "x"\n    unlock_address            = "x"\n    lock_method               = "x"\n    unlock_method             = "x"\n    username                  = "x"\n    password                  = "x"\n    skip_cert_verification    = true\n    retry_max                 = "1"\n    retry_wait_min            = 1\n    retry_wait_max            = 1\n    client_ca_certificate_pem = "x"\n    client_certificate_pem    = "x"\n    client_private_key_pem    = "x"\n'),
    'consul/main.tf': backend('consul', '    path         = "x"\n    access_token = "x"\n    address      = "x"\n    scheme       = "x"\n    datacenter   = "x"\n    http_auth    = "x"\n    gzip         = true\n    lock         = true\n    ca_file      = "x"\n    cert_file    = "x"\n    key_file     = "x"\n'),
    'gcs/main.tf': backend('gcs', '    bucket                                = "x"\n    prefix                                = "x"\n    credentials                           = "x"\n    access_token                          = "x"\n    impersonate_service_account           = "x"\n    impersonate_service_account_delegates = ["x"]\n    encryption_key                        = "x"\n    kms_encryption_key                    = "x"\n    storage_custom_endpoint               = "x"\n'),
    'kubernetes/main.tf': backend('kubernetes', '    secret_suffix            = "x"\n    labels                   = { a = "b" }\n    namespace                = "x"\n    in_cluster_config        = true\n    load_config_file         = true\n    host                     = "x"\n    username                 = "x"\n    password                 = "x"\n    insecure                 = true\n    client_certificate       = "x"\n    client_key               = "x"\n    cluster_ca_certificate   = "x"\n    config_paths             = ["x"]\n    config_path              = "x"\n    config_context           = "x"\n    config_context_auth_info = "x"\n    config_context_cluster   = "x"\n    token                    = "x"\n    proxy_url                = "x"\n    exec {\n      api_version = "x"\n      command     = "x"\n      env         = { a = "b" }\n      args        = ["x"]\n    }\n'),
    'remote/main.tf': backend('remote', '    hostname     = "x"\n    organization = "x"\n    token        = "x"\n    workspaces {\n      name   = "x"\n      prefix = "y"\n    }\n'),
  }],
  // azurerm 1.11.4 takes lookup_blob_endpoint (it refuses use_dns_zone_endpoint, an earlier name).
  ['azurerm\'s settings', { 'main.tf': backend('azurerm', '    storage_account_name = "a"\n    container_name       = "c"\n    key                  = "k"\n    lookup_blob_endpoint = true\n') }],
  // validate accepts configuration_aliases with a provider block declaring the alias, or with no use of it.
  ['an alias configuration_aliases declares and a provider block configures too', { 'main.tf': `${aliasesFor('aws.east')}provider "aws" {\n  alias  = "east"\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.east\n  bucket   = "x"\n}\n` }],
  ['configuration_aliases that nothing uses', { 'main.tf': aliasesFor('aws.east') }],
  // A module configuring no provider is taken as written to be called: its caller passes aws.east.
  ['an alias configuration_aliases declares, in a module written to be called', { 'main.tf': `${aliasesFor('aws.east')}resource "aws_s3_bucket" "b" {\n  provider = aws.east\n  bucket   = "x"\n}\n` }],
];

for (const [name, files] of accepted) {
  test(`accepted as Terraform 1.11.4 accepts it: ${name}`, () => {
    assert.deepEqual(errorsOf(files), []);
  });
}

// A `for` whose result is marked although its collection is not: terraform plan 1.11.4 refuses
// each of these as for_each ("Invalid for_each argument: Sensitive values, or values derived from
// sensitive values, cannot be used as for_each arguments"), validate the one over var.empty.
const secrets = 'variable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nvariable "names" {\n  default = ["a", "b"]\n}\nvariable "empty" {\n  type    = map(string)\n  default = {}\n}\nlocals {\n  none = []\n}\n';
const forEachOf = (expr: string): Record<string, string> => ({ 'main.tf': `${secrets}resource "terraform_data" "r" {\n  for_each = ${expr}\n}\n` });
const markedFors: [string, boolean][] = [
  // A key read from a marked element, or computed from a marked value, marks the whole object.
  ['{ for k, v in { a = var.pw } : v => k }', true],
  ['{ for s in [var.pw, "b"] : s => 1 }', true],
  ['{ for s in var.names : "${s}-${var.pw}" => s }', true],
  // A condition reading a marked value, for an element of the variable's value, or of no known one.
  ['{ for s in var.names : s => s if s != var.pw }', true],
  ['toset([for s in var.names : s if s != var.pw])', true],
  ['{ for k, v in var.empty : k => v if v != var.pw }', true],
  // Accepted: marked values only; a key over an empty collection; a condition over one known at validate.
  ['{ for s in var.names : s => var.pw }', false],
  ['{ for k, v in var.empty : "${k}${var.pw}" => v }', false],
  ['toset([for s in local.none : s if s != var.pw])', false],
  ['toset([for s in range(0) : tostring(s) if s != var.pw])', false],
];

test('a for_each whose for expression is marked by its keys or condition is refused as terraform plan 1.11.4 refuses it', () => {
  for (const [expr, refusedHere] of markedFors) assert.deepEqual(errorsOf(forEachOf(expr)), refusedHere ? ['eval/for-each main.tf:16:3'] : [], expr);
});
