// What Terraform's loader refuses before it evaluates anything is an error of the scan, at the
// line Terraform names; what Terraform accepts (including names newer versions added) is not.
// Each bad case was planned by Terraform 1.11 and refused (the evalneg differential runner).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';
import { freeTraversals } from './traversals.js';
import { parseHclFile } from './parse.js';

function errorsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}`);
}

const refused: [string, string, string[]][] = [
  ['an unknown top-level block (a typo of resource)', 'resouce "aws_s3_bucket" "phi" {\n  bucket = "phi"\n}\n', ['config/block main.tf:1']],
  ['an argument at the top level', 'region = "us-east-1"\n', ['config/argument main.tf:1']],
  ['required_providers outside terraform', 'required_providers {\n}\n', ['config/block main.tf:1']],
  ['a resource with one label', 'resource "terraform_data" {\n}\n', ['config/labels main.tf:1']],
  ['a resource with three labels', 'resource "terraform_data" "a" "b" {\n}\n', ['config/labels main.tf:1']],
  ['locals with a label', 'locals "x" {\n  a = 1\n}\n', ['config/labels main.tf:1']],
  ['a resource name starting with a digit', 'resource "terraform_data" "1x" {\n}\n', ['config/name main.tf:1']],
  ['a variable named count', 'variable "count" {\n  default = 1\n}\n', ['config/name main.tf:1']],
  ['a block inside locals', 'locals {\n  a {\n  }\n}\n', ['config/block main.tf:2']],
  ['an unknown output argument', 'output "o" {\n  value = 1\n  nope  = 2\n}\n', ['config/argument main.tf:3']],
  ['an unknown variable argument', 'variable "x" {\n  default = 1\n  nope    = 2\n}\n', ['config/argument main.tf:3']],
  ['an unknown lifecycle argument', 'resource "terraform_data" "x" {\n  lifecycle {\n    nope = true\n  }\n}\n', ['config/argument main.tf:3']],
  ['a managed-only lifecycle argument on a data source', 'data "aws_caller_identity" "c" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n', ['config/argument main.tf:3']],
  ['two lifecycle blocks', 'resource "terraform_data" "x" {\n  lifecycle {\n  }\n  lifecycle {\n  }\n}\n', ['config/block main.tf:4']],
  ['count and for_each together', 'resource "terraform_data" "x" {\n  count    = 1\n  for_each = toset(["a"])\n}\n', ['config/count-and-for-each main.tf:3']],
  ['a check without an assert', 'check "c" {\n}\n', ['config/condition main.tf:1']],
  ['a default that refers to a local', 'locals {\n  a = 1\n}\nvariable "x" {\n  default = local.a\n}\n', ['config/constant main.tf:5']],
  ['a default that calls a function', 'variable "x" {\n  default = upper("a")\n}\n', ['config/constant main.tf:2']],
  ['a precondition that refers to nothing', 'resource "terraform_data" "r" {\n  lifecycle {\n    precondition {\n      condition     = 1 < 2\n      error_message = "x"\n    }\n  }\n}\n', ['config/condition main.tf:4']],
  // And, the check left with no assert it decodes, "Zero assert blocks" at the check (init 1.11.4).
  ['an assert that refers to nothing', 'check "c" {\n  assert {\n    condition     = true\n    error_message = "x"\n  }\n}\n', ['config/condition main.tf:1', 'config/condition main.tf:3']],
  ['a validation that does not refer to its variable', 'variable "y" {\n  default = 1\n}\nvariable "x" {\n  default = 1\n  validation {\n    condition     = var.y > 0\n    error_message = "x"\n  }\n}\n', ['config/condition main.tf:7']],
  ['a validation without error_message', 'variable "x" {\n  default = 1\n  validation {\n    condition = var.x > 0\n  }\n}\n', ['config/argument main.tf:3']],
  ['self in a resource argument', 'resource "terraform_data" "x" {\n  input = self.id\n}\n', ['config/self main.tf:2']],
  ['self in a precondition', 'resource "terraform_data" "x" {\n  lifecycle {\n    precondition {\n      condition     = self.id != ""\n      error_message = "x"\n    }\n  }\n}\n', ['config/self main.tf:4']],
  ['a resource that refers to itself', 'resource "terraform_data" "a" {\n  input = terraform_data.a.id\n}\n', ['eval/cycle main.tf:2']],
  ['a data source that refers to itself', 'data "aws_iam_policy_document" "p" {\n  source_policy_documents = [data.aws_iam_policy_document.p.json]\n}\n', ['eval/cycle main.tf:2']],
  ['depends_on an undeclared resource', 'resource "terraform_data" "x" {\n  depends_on = [terraform_data.nope]\n}\n', ['eval/unknown-reference main.tf:2']],
  ['depends_on an undeclared module', 'resource "terraform_data" "x" {\n  depends_on = [module.nope]\n}\n', ['eval/unknown-reference main.tf:2']],
  ['replace_triggered_by an undeclared resource', 'resource "terraform_data" "x" {\n  lifecycle {\n    replace_triggered_by = [terraform_data.nope]\n  }\n}\n', ['eval/unknown-reference main.tf:3']],
  ['a version on a module with a local source', 'module "m" {\n  source  = "./m"\n  version = "1.0.0"\n}\n', ['module/source main.tf:3']],
  ['self in a root output', 'output "o" {\n  value = self.id\n}\n', ['config/self main.tf:2']],
  ['a misspelt argument in a moved block', 'moved {\n  form = terraform_data.a\n  to   = terraform_data.b\n}\nresource "terraform_data" "b" {\n}\n', ['config/argument main.tf:1', 'config/argument main.tf:2']],
  ['an import without id', 'import {\n  to = terraform_data.a\n}\nresource "terraform_data" "a" {\n}\n', ['config/argument main.tf:1']],
  ['two backends', 'terraform {\n  backend "local" {\n  }\n  backend "local" {\n  }\n}\n', ['config/block main.tf:4']],
  ['replace_triggered_by a variable', 'variable "v" {\n  default = 1\n}\nresource "terraform_data" "a" {\n  lifecycle {\n    replace_triggered_by = [var.v]\n  }\n}\n', ['config/reference main.tf:6']],
  ['depends_on an attribute of a resource', 'resource "terraform_data" "b" {\n}\nresource "terraform_data" "a" {\n  depends_on = [terraform_data.b.output]\n}\n', ['config/reference main.tf:4']],
  ['a check name starting with a digit', 'variable "v" {\n  default = 1\n}\ncheck "1chk" {\n  assert {\n    condition     = var.v > 0\n    error_message = "x"\n  }\n}\n', ['config/name main.tf:4']],
  ['a module call with a lifecycle block', 'module "m" {\n  source = "./m"\n  lifecycle {\n  }\n}\n', ['config/block main.tf:3']],
  ['depends_on computed, not written out', 'locals {\n  d = []\n}\nresource "terraform_data" "a" {\n  depends_on = local.d\n}\n', ['config/reference main.tf:5']],
  ['a function call in depends_on', 'resource "terraform_data" "b" {\n}\noutput "o" {\n  value      = 1\n  depends_on = [upper("terraform_data.b")]\n}\n', ['config/reference main.tf:5']],
  ['a dynamic block without for_each', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    content {\n    }\n  }\n}\n', ['config/argument main.tf:2']],
  ['a dynamic block without content', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    for_each = [1]\n  }\n}\n', ['config/block main.tf:2']],
  ['a dynamic block with two content blocks', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    for_each = [1]\n    content {\n    }\n    content {\n    }\n  }\n}\n', ['config/block main.tf:6']],
  ['a misspelt dynamic argument', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    for_each = [1]\n    iterater = r\n    content {\n    }\n  }\n}\n', ['config/argument main.tf:4']],
  ['a provisioner keyword Terraform does not know', 'resource "terraform_data" "r" {\n  provisioner "local-exec" {\n    on_failure = ignore\n    command    = "true"\n  }\n}\n', ['config/argument main.tf:3']],
  ['a provider alias that is no name', 'provider "aws" {\n  alias = "bad name"\n}\n', ['config/name main.tf:2']],
  ['prevent_destroy from a variable', 'variable "p" {\n  default = true\n}\nresource "terraform_data" "r" {\n  lifecycle {\n    prevent_destroy = var.p\n  }\n}\n', ['config/constant main.tf:6']],
  ['sensitive = "yes"', 'variable "v" {\n  default   = "a"\n  sensitive = "yes"\n}\n', ['config/constant main.tf:3']],
  ['an output sensitive by a function call', 'output "o" {\n  value     = 1\n  sensitive = tobool("true")\n}\n', ['config/constant main.tf:3']],
  ['an import into a resource the module does not declare', 'import {\n  to = terraform_data.nope\n  id = "x"\n}\n', ['eval/unknown-reference main.tf:2']],
  ['an import into a data source', 'data "terraform_remote_state" "a" {\n  backend = "local"\n}\nimport {\n  to = data.terraform_remote_state.a\n  id = "x"\n}\n', ['config/reference main.tf:5']],
  // Said at the declaration still there, as terraform plan 1.11.4 says it.
  ['a removed block for a resource still declared', 'resource "terraform_data" "a" {\n}\nremoved {\n  from = terraform_data.a\n}\n', ['config/reference main.tf:1']],
  ['a removed block for a module still declared', 'module "m" {\n  source = "./m"\n}\nremoved {\n  from = module.m\n}\n', ['config/reference main.tf:1']],
  ['a removed block naming an instance', 'removed {\n  from = terraform_data.a[0]\n}\n', ['config/reference main.tf:2']],
  // terraform init 1.11.4: 'Unsupported argument: An argument named "identity" is not expected here.'; 1.12+: "Only one of 'id' or 'identity' can be specified."
  ['an import with both id and identity', 'resource "terraform_data" "a" {\n}\nimport {\n  to       = terraform_data.a\n  id       = "x"\n  identity = { a = 1 }\n}\n', ['config/argument main.tf:6']],
  // terraform init 1.11.4: "Invalid import provider argument" at the import's provider, in each of these three.
  ['an import provider for a target inside a module call', 'module "m" {\n  source = "./m"\n}\nimport {\n  to       = module.m.terraform_data.r\n  id       = "x"\n  provider = terraform\n}\n', ['config/argument main.tf:7']],
  ['an import provider for a resource that sets none', 'resource "aws_s3_bucket" "n" {\n}\nimport {\n  to       = aws_s3_bucket.n\n  id       = "x"\n  provider = aws\n}\n', ['config/reference main.tf:6']],
  ['an import provider other than the resource\'s', 'provider "aws" {\n  alias = "west"\n}\nresource "aws_s3_bucket" "w" {\n  provider = aws.west\n}\nimport {\n  to       = aws_s3_bucket.w\n  id       = "x"\n  provider = aws\n}\n', ['config/reference main.tf:10']],
  // terraform init 1.11.4 (with the backend): "Variables not allowed: Variables may not be used here.", "Function calls not allowed".
  ['a root module\'s backend setting from a variable, a local or a call', 'variable "p" {\n  default = "x"\n}\nlocals {\n  p = "x"\n}\nterraform {\n  backend "s3" {\n    bucket = var.p\n    key    = local.p\n    region = lower("US-EAST-1")\n    assume_role = {\n      role_arn = var.p\n    }\n  }\n}\n', ['config/constant main.tf:9', 'config/constant main.tf:10', 'config/constant main.tf:11', 'config/constant main.tf:13']],
  // Each refused by terraform init 1.11.4 with the summary quoted beside the code.
  ['count in a check block\'s data source', 'variable "x" {\n  default = true\n}\ncheck "c" {\n  data "terraform_remote_state" "s" {\n    count   = 1\n    backend = "local"\n  }\n  assert {\n    condition     = var.x\n    error_message = "x"\n  }\n}\n', ['config/argument main.tf:6']],
  ['a move from a resource to a module call', 'resource "terraform_data" "a" {\n}\nmoved {\n  from = terraform_data.b\n  to   = module.m\n}\n', ['config/reference main.tf:3']],
  ['a move from a module call to a resource', 'module "m" {\n  source = "./m"\n}\nmoved {\n  from = module.old[0]\n  to   = terraform_data.b\n}\nresource "terraform_data" "b" {\n}\n', ['config/reference main.tf:4']],
  ['a provisioner of a removed block without when = destroy', 'removed {\n  from = terraform_data.gone\n  provisioner "local-exec" {\n    command = "true"\n  }\n  provisioner "local-exec" {\n    when    = create\n    command = "true"\n  }\n}\n', ['config/block main.tf:3', 'config/block main.tf:6']],
  // terraform init 1.11.4: 'Extraneous label for required_providers' (validation, lifecycle, connection, provisioner,
  // precondition, assert), 'Missing provider for provider_meta'.
  ['labels on the blocks of Terraform\'s schema nested in others', 'terraform {\n  required_providers "x" {\n  }\n  provider_meta {\n  }\n}\nvariable "v" {\n  default = 1\n  validation "x" {\n    condition     = var.v > 0\n    error_message = "x"\n  }\n}\nresource "terraform_data" "a" {\n  lifecycle "x" {\n    precondition "y" {\n      condition     = var.v > 0\n      error_message = "x"\n    }\n  }\n  connection "c" {\n    host = "h"\n  }\n  provisioner "local-exec" "x" {\n    command = "x"\n    connection "d" {\n      host = "h"\n    }\n  }\n}\noutput "o" {\n  value = 1\n  precondition "z" {\n    condition     = var.v > 0\n    error_message = "x"\n  }\n}\ncheck "c" {\n  assert "a" {\n    condition     = var.v > 0\n    error_message = "x"\n  }\n}\n', ['config/labels main.tf:2', 'config/labels main.tf:4', 'config/labels main.tf:9', 'config/labels main.tf:15', 'config/labels main.tf:21', 'config/labels main.tf:24', 'config/labels main.tf:33', 'config/labels main.tf:39']],
  // terraform init 1.11.4: 'Module uses experimental features' (for [] too), 'Duplicate connection block'; validate: 'Unsupported
  // block type: Blocks of type "lifecycle" are not expected here.' (a dynamic one), and "provisioner" in a data block.
  ['experiments, two connection blocks, a dynamic lifecycle, a provisioner in a data source', 'terraform {\n  experiments = []\n}\nresource "aws_s3_bucket" "a" {\n  connection {\n    host = "h"\n  }\n  connection {\n    host = "h"\n  }\n  dynamic "lifecycle" {\n    for_each = [1]\n    content {}\n  }\n}\ndata "terraform_remote_state" "s" {\n  backend = "local"\n  provisioner "local-exec" {\n    command = "x"\n  }\n}\n', ['config/argument main.tf:2', 'config/block main.tf:8', 'config/block main.tf:11', 'config/block main.tf:18']],
  // terraform init 1.11.4: 'Invalid reference from destroy provisioner' (var.v in the resource's connection, local.l, terraform_data.b
  // in the provisioner's, each.value); self, count.index, each.key, path and terraform are accepted.
  ['references of destroy-time provisioners', 'variable "v" {\n  default = "x"\n}\nlocals {\n  l = "y"\n}\nresource "terraform_data" "a" {\n  count = 1\n  input = "a"\n  connection {\n    host = var.v\n  }\n  provisioner "local-exec" {\n    when       = destroy\n    on_failure = continue\n    command    = "echo ${self.input} ${count.index} ${path.module} ${terraform.workspace} ${local.l}"\n    connection {\n      host = terraform_data.b.id\n    }\n  }\n}\nresource "terraform_data" "b" {\n  for_each = { k = 1 }\n  provisioner "local-exec" {\n    when    = destroy\n    command = "echo ${each.key} ${each.value}"\n  }\n}\n', ['config/reference main.tf:11', 'config/reference main.tf:16', 'config/reference main.tf:18', 'config/reference main.tf:26']],
  // In a removed block, the provisioner only: its connection block says nothing (terraform init 1.11.4).
  ['references of a destroy-time provisioner of a removed block', 'variable "v" {\n  default = "x"\n}\nremoved {\n  from = terraform_data.gone\n  connection {\n    host = var.v\n  }\n  provisioner "local-exec" {\n    when    = destroy\n    command = "echo ${var.v}"\n  }\n}\n', ['config/reference main.tf:11']],
  // terraform init 1.11.4: 'Invalid expression: A single static variable reference is required' (ignore_changes twice), 'Invalid
  // expression' (replace_triggered_by not a list), 'Invalid replace_triggered_by expression: Missing resource reference'.
  ['shapes of ignore_changes and replace_triggered_by entries', 'resource "terraform_data" "c" {\n  count = 2\n  input = "x"\n  lifecycle {\n    ignore_changes = [input[count.index], lower(input), "input", input[0], triggers_replace.a]\n  }\n}\nresource "terraform_data" "d" {\n  lifecycle {\n    replace_triggered_by = terraform_data.c\n  }\n}\nresource "terraform_data" "e" {\n  lifecycle {\n    replace_triggered_by = ["terraform_data.c"]\n  }\n}\n', ['config/argument main.tf:5', 'config/argument main.tf:5', 'config/argument main.tf:10', 'config/argument main.tf:15']],
  // terraform plan 1.11.4: 'Invalid replace_triggered_by expression: Unexpected expression found in replace_triggered_by.' (a call, a splat;
  // the rest is planned, with warnings for the quoted names).
  ['a function call and a splat in replace_triggered_by', 'resource "terraform_data" "c" {\n  count = 2\n}\nresource "terraform_data" "d" {\n  lifecycle {\n    replace_triggered_by = [tolist(terraform_data.c)]\n  }\n}\nresource "terraform_data" "d2" {\n  count = 2\n  lifecycle {\n    replace_triggered_by = [terraform_data.c[*].id]\n  }\n}\nresource "terraform_data" "ok" {\n  count = 2\n  lifecycle {\n    replace_triggered_by = [terraform_data.c[count.index], terraform_data.c[0].input, terraform_data.c]\n    ignore_changes       = [input, triggers_replace[0], "output"]\n  }\n}\n', ['config/argument main.tf:6', 'config/argument main.tf:12']],
  // terraform init 1.11.4: 'Invalid expression: A static map expression is required.', 'Invalid provider configuration reference',
  // 'Duplicate provider address' (a quoted name is the same name; quoted names are accepted).
  ['shapes of a module call\'s providers argument', 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nmodule "a" {\n  source    = "./m"\n  providers = [aws]\n}\nmodule "b" {\n  source = "./m"\n  providers = {\n    aws = aws.west[0]\n  }\n}\nmodule "c" {\n  source = "./m"\n  providers = {\n    aws   = aws\n    "aws" = aws.west\n  }\n}\nmodule "d" {\n  source = "./m"\n  providers = {\n    "aws" = "aws.west"\n  }\n}\n', ['config/argument main.tf:17', 'config/reference main.tf:22', 'config/reference main.tf:29']],
  ['a quoted language edition', 'terraform {\n  language = "TF2021"\n}\n', ['config/argument main.tf:2']],
  ['two required_providers blocks', 'terraform {\n  required_providers {\n    null = { source = "hashicorp/null" }\n  }\n}\nterraform {\n  required_providers {\n    random = { source = "hashicorp/random" }\n  }\n}\n', ['config/block main.tf:7']],
  ['two default configurations of one provider', 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  region = "us-west-2"\n}\n', ['module/duplicate main.tf:4']],
];

for (const [name, text, expected] of refused) {
  test(`Terraform's loader refuses it, and so does the scan: ${name}`, () => {
    assert.deepEqual(errorsOf({ 'main.tf': text, 'm/main.tf': '' }), expected);
  });
}

const accepted: [string, string][] = [
  ['every core block Terraform 1.11 knows', 'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n  }\n  backend "s3" {\n  }\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\nimport {\n  to = terraform_data.b\n  id = "x"\n}\nremoved {\n  from = terraform_data.c\n}\nresource "terraform_data" "b" {\n}\n'],
  ['names newer Terraform versions added', 'terraform {\n  encryption {\n  }\n}\naction "aws_lambda_invoke" "a" {\n}\noutput "o" {\n  value      = 1\n  deprecated = "use p"\n}\nresource "terraform_data" "x" {\n  lifecycle {\n    enabled = true\n  }\n}\n'],
  ['a default built by a for expression (its names are bound, not references)', 'variable "x" {\n  default = [for s in ["a", "b"] : s]\n}\nvariable "y" {\n  default = { a = 1, "b" = 2 }\n}\n'],
  ['conditions that refer to something', 'variable "x" {\n  default = 1\n  validation {\n    condition     = var.x > 0 && length([for v in [1] : v]) > 0\n    error_message = "x"\n  }\n}\nresource "terraform_data" "r" {\n  lifecycle {\n    postcondition {\n      condition     = self.output == null\n      error_message = "x"\n    }\n  }\n}\ncheck "c" {\n  assert {\n    condition     = terraform_data.r.id != ""\n    error_message = "x"\n  }\n}\n'],
  // terraform plan 1.11.4 accepts a dynamic block's iterator named self, used in its content.
  ['a dynamic block whose iterator is named self', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    for_each = [80]\n    iterator = self\n    content {\n      from_port = self.value\n    }\n  }\n}\n'],
  ['self in provisioner and connection blocks', 'resource "terraform_data" "x" {\n  connection {\n    host = self.id\n  }\n  provisioner "local-exec" {\n    command = "echo ${self.id}"\n  }\n}\n'],
  ['depends_on what the module declares', 'resource "terraform_data" "a" {\n}\ndata "aws_caller_identity" "c" {\n}\nmodule "m" {\n  source = "./m"\n}\nresource "terraform_data" "x" {\n  depends_on = [terraform_data.a, data.aws_caller_identity.c, module.m]\n  lifecycle {\n    replace_triggered_by = [terraform_data.a.id]\n  }\n}\n'],
  // Found by a differential hunt (380 configurations planned by Terraform 1.11): each was a false error.
  ['depends_on the block itself, while it has one instance', 'resource "terraform_data" "a" {\n  depends_on = [terraform_data.a]\n}\n'],
  ['depends_on a module output', 'module "m" {\n  source = "./m"\n}\nresource "terraform_data" "a" {\n  depends_on = [module.m.out]\n}\n'],
  ['a name a for binds, in a block with count = 0', 'resource "terraform_data" "off" {\n  count = 0\n  input = [for var in [{ x = 1 }] : var.x]\n}\n'],
  ['constant bools Terraform converts, and quoted provisioner keywords (a warning there)', 'variable "v" {\n  default   = "a"\n  sensitive = "1"\n  nullable  = true && true\n}\noutput "o" {\n  value     = 1\n  sensitive = "${false}"\n}\nresource "terraform_data" "r" {\n  lifecycle {\n    prevent_destroy = false\n  }\n  provisioner "local-exec" {\n    when       = "destroy"\n    on_failure = continue\n    command    = "true"\n  }\n}\n'],
  ['a dynamic block with an iterator, nested in another', 'resource "aws_security_group" "s" {\n  dynamic "ingress" {\n    for_each = { a = 1 }\n    iterator = rule\n    content {\n      from_port = rule.value\n      dynamic "x" {\n        for_each = []\n        content {\n        }\n      }\n    }\n  }\n}\n'],
  ['a quoted address in depends_on (deprecated, not refused)', 'resource "terraform_data" "b" {\n}\noutput "o" {\n  value      = 1\n  depends_on = ["terraform_data.b"]\n}\n'],
  ['an import into one instance, a removed block for a resource gone', 'resource "terraform_data" "a" {\n  for_each = toset(["x"])\n}\nimport {\n  to = terraform_data.a["x"]\n  id = "x"\n}\nremoved {\n  from = terraform_data.gone\n}\n'],
  ['a resource referring to another instance of its type', 'resource "terraform_data" "a" {\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.id\n}\n'],
  // Terraform 1.14's action triggers: `events` are keywords, `actions` names action blocks; both were
  // "unknown reference" errors, failing every scan of a configuration that uses actions.
  ['an action triggered from a lifecycle (Terraform 1.14)', 'resource "terraform_data" "t" {\n  input = "x"\n  lifecycle {\n    action_trigger {\n      events    = [after_create, after_update]\n      condition = terraform_data.u.output == null\n      actions   = [action.aws_lambda_invoke.notify]\n    }\n  }\n}\nresource "terraform_data" "u" {\n}\naction "aws_lambda_invoke" "notify" {\n  config {\n    function_name = "notify"\n  }\n}\n'],
  // Accepted by terraform init and validate 1.11.4 (a quoted "destroy" with a warning); a later edition keyword is left to that version.
  ['moves within kinds, destroy-time provisioners of a removed block, the language keyword', 'terraform {\n  language = TF2021\n}\nmodule "m" {\n  source = "./m"\n}\nmoved {\n  from = terraform_data.b\n  to   = module.m.terraform_data.b\n}\nmoved {\n  from = module.old\n  to   = module.m\n}\nremoved {\n  from = terraform_data.gone\n  provisioner "local-exec" {\n    when    = destroy\n    command = "true"\n  }\n  provisioner "local-exec" {\n    when    = "destroy"\n    command = "true"\n  }\n}\n'],
  // terraform init 1.11.4 accepts an import provider that is the resource's own.
  ['an import provider that is the resource\'s', 'provider "aws" {\n  alias = "west"\n}\nresource "aws_s3_bucket" "w" {\n  provider = aws.west\n}\nimport {\n  to       = aws_s3_bucket.w\n  id       = "x"\n  provider = aws.west\n}\n'],
  // Terraform 1.12: import blocks with for_each and an identity instead of an id; removed with lifecycle.
  ['an import by identity for each instance, a removed block keeping the object', 'variable "names" {\n  default = { a = "phi-a" }\n}\nresource "aws_s3_bucket" "b" {\n  for_each = var.names\n  bucket   = each.value\n}\nimport {\n  for_each = var.names\n  to       = aws_s3_bucket.b[each.key]\n  identity = {\n    bucket = each.value\n  }\n}\nremoved {\n  from = aws_s3_bucket.old\n  lifecycle {\n    destroy = false\n  }\n}\n'],
];

test('required_providers in two files is refused at the second file\'s; an override file\'s merges into the first', () => {
  // terraform init 1.11.4: "Duplicate required providers configuration" on versions.tf line 2.
  const rp = (name: string): string => `terraform {\n  required_providers {\n    ${name} = { source = "hashicorp/${name}" }\n  }\n}\n`;
  assert.deepEqual(errorsOf({ 'versions.tf': rp('random'), 'main.tf': rp('null') }), ['config/block versions.tf:2']);
  assert.deepEqual(errorsOf({ 'main.tf': rp('null'), 'main_override.tf': rp('null') }), []);
});

test('a backend Terraform reads: constants folded, and a called module\'s, which it ignores', () => {
  // terraform init 1.11.4 accepts path = "${"a"}b", and says "Warning: Backend configuration ignored" of the called module's backend.
  const files = {
    'main.tf': 'terraform {\n  backend "local" {\n    path = "${"a"}b"\n  }\n}\nmodule "c" {\n  source = "./c"\n}\n',
    'c/main.tf': 'variable "p" {\n  default = "x"\n}\nterraform {\n  backend "local" {\n    path = var.p\n  }\n}\n',
  };
  assert.deepEqual(errorsOf(files), []);
});

for (const [name, text] of accepted) {
  test(`Terraform accepts it, and so does the scan: ${name}`, () => {
    assert.deepEqual(errorsOf({ 'main.tf': text, 'm/main.tf': '' }), []);
  });
}

test('a block of an unknown type says what Terraform refuses, and suggests the block type meant', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'resouce "aws_s3_bucket" "phi" {\n}\nvariable "x" {\n  defualt = 1\n}\n' });
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    [
      'Blocks of type "resouce" are not expected here, so Terraform refuses the configuration and nothing in this block is scanned. Did you mean "resource"?',
      'An argument named "defualt" is not expected here, so Terraform refuses the configuration. Did you mean "default"?',
    ],
  );
  assert.deepEqual(diagnostics.map((d) => [d.span?.start.line, d.span?.start.column, d.span?.end.column]), [
    [1, 1, 8],
    [4, 3, 10],
  ]);
});

// .tf.json: Terraform reads its keys by the same schema, so the same mistakes are refused (each planned by Terraform 1.11).
const refusedJson: [string, string, string[]][] = [
  ['a misspelt top-level key', '{\n"resouce": {"aws_s3_bucket": {"phi": {"bucket": "phi"}}}\n}', ['config/block main.tf.json:2']],
  ['a block type given a string', '{\n"variable": "x"\n}', ['config/block main.tf.json:2']],
  ['a misspelt variable argument', '{"variable": {"x": {\n"defualt": 1\n}}}', ['config/argument main.tf.json:2']],
  ['a resource type without names', '{"resource": {\n"terraform_data": {}\n}}', ['parse/hcl main.tf.json:2']],
  ['null where labels belong', '{"resource": {"terraform_data": {"x": {\n"provisioner": null\n}}}}', ['parse/hcl main.tf.json:2']],
  ['a local name that is no identifier', '{"locals": {\n"1x": 1\n}}', ['config/name main.tf.json:2']],
  ['depends_on an undeclared resource', '{"resource": {"terraform_data": {"b": {\n"depends_on": ["terraform_data.nope"]\n}}}}', ['eval/unknown-reference main.tf.json:2']],
  ['depends_on as a string, not a list', '{"resource": {"terraform_data": {"b": {\n"depends_on": "terraform_data.b"\n}}}}', ['config/reference main.tf.json:2']],
  ['a constant bool written as a template (JSON strings are not templates there)', '{"variable": {"v": {"default": "a",\n"sensitive": "${true}"}}}', ['config/constant main.tf.json:2']],
  ['two terraform blocks, each with a backend', '{"terraform": [{"backend": {"local": {}}},\n{"backend": {"local": {}}}]}', ['module/duplicate main.tf.json:2']],
  ['an unknown output argument', '{"output": {"o": {"value": 1,\n"nope": 2\n}}}', ['config/argument main.tf.json:2']],
  ['count and for_each together', '{"resource": {"terraform_data": {"x": {"count": 1,\n"for_each": {"a": 1}\n}}}}', ['config/count-and-for-each main.tf.json:2']],
  ['an unknown lifecycle argument', '{"resource": {"terraform_data": {"x": {"lifecycle": {\n"nope": true\n}}}}}', ['config/argument main.tf.json:2']],
  ['an invalid resource name', '{"resource": {"terraform_data": {\n"1x": {}\n}}}', ['config/name main.tf.json:2']],
  ['a validation that does not refer to its variable', '{"variable": {"x": {"default": 1, "validation": {\n"condition": "${1 > 0}", "error_message": "x"}}}}', ['config/condition main.tf.json:2']],
  ['a check without an assert', '{"check": {\n"c": {}\n}}', ['config/condition main.tf.json:2']],
];

for (const [name, text, expected] of refusedJson) {
  test(`Terraform's loader refuses it in JSON syntax, and so does the scan: ${name}`, () => {
    assert.deepEqual(errorsOf({ 'main.tf.json': text }), expected);
  });
}

test('JSON syntax: "//" keys are comments, a default holding ${...} is text, locals may come as an array and take any name, module inputs any name', () => {
  const files = {
    'main.tf.json': JSON.stringify({
      '//': 'a comment',
      resource: { terraform_data: { x: { '//': 'a comment', input: 1 } } },
      variable: { v: { default: '${var.other}', validation: [{ condition: '${length(var.v) > 0}', error_message: 'x' }] } },
      locals: [{ lifecycle: { a: 1 } }, { b: 2 }],
      module: { m: { source: './m', content: { a: 1 }, dynamic: { x: 1 } } },
      output: { o: { value: '${local.lifecycle.a + local.b + module.m.c}' } },
    }),
    'm/main.tf': 'variable "content" {}\nvariable "dynamic" {}\noutput "c" {\n  value = var.content.a + var.dynamic.x\n}\n',
  };
  const { model, diagnostics } = evaluateFiles(files);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value, 5);
});

test('JSON syntax Terraform plans: a root array of objects, null bodies, object keys that are templates', () => {
  const files = {
    'main.tf.json': JSON.stringify([
      { locals: null, variable: { v: { default: 1, validation: null } }, resource: { terraform_data: { gone: null } } },
      { locals: { k: 'a', m: { '${local.k}b': 2 } }, output: { o: { value: '${local.m.ab + var.v}' } } },
    ]),
  };
  const { model, diagnostics } = evaluateFiles(files);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(model.outputs.find((o) => o.name === 'o')?.value.value, 3);
  assert.deepEqual(model.resources.map((r) => r.address), []);
});

test('JSON syntax, found by a hunt of 501 configurations planned by Terraform 1.11: depends_on in a check\'s data source and an ephemeral resource, a dynamic block inside a nested block', () => {
  const text = JSON.stringify({
    resource: {
      terraform_data: { a: {} },
      aws_s3_bucket_lifecycle_configuration: { l: { bucket: 'b', rule: { id: 'r', status: 'Enabled', dynamic: { transition: { for_each: [30, 90], content: { days: '${transition.value}', storage_class: 'GLACIER' } } } } } },
    },
    ephemeral: { aws_ssm_parameter: { e: { count: 0, arn: 'x', depends_on: ['terraform_data.a'] } } },
    check: { c: { data: { aws_partition: { p: { depends_on: ['terraform_data.a'] } } }, assert: { condition: '${terraform_data.a.id != ""}', error_message: 'x' } } },
  });
  const { model, diagnostics } = evaluateFiles({ 'main.tf.json': text });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const rule = model.resources.find((r) => r.type === 'aws_s3_bucket_lifecycle_configuration')!.blocks.find((b) => b.type === 'rule')!;
  assert.deepEqual(rule.blocks.filter((b) => b.type === 'transition').map((b) => b.attributes.get('days')?.value), [30, 90]);
});

test('a provider alias Terraform evaluates ("${"west"}") is not compared as a duplicate; constant bools Terraform folds count', () => {
  assert.deepEqual(errorsOf({ 'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "${"west"}"\n  region = "us-west-2"\n}\n' }), []);
  const secret = 'variable "s" {\n  default   = "p"\n  sensitive = true\n}\n';
  for (const spelling of ['"${true}"', '"1"', '1 == 1', 'true && true', '"tr${"ue"}"', 'false ? false : true']) {
    assert.deepEqual(errorsOf({ 'main.tf': `${secret}output "o" {\n  value     = var.s\n  sensitive = ${spelling}\n}\n` }), [], spelling);
    // A variable declared sensitive so is sensitive: a root output of it without sensitive = true is refused.
    assert.deepEqual(errorsOf({ 'main.tf': `variable "s" {\n  default   = "p"\n  sensitive = ${spelling}\n}\noutput "o" {\n  value = var.s\n}\n` }), ['eval/sensitive-output main.tf:5'], spelling);
  }
});

test('an unknown top-level key of a .tf.json file names the block type meant', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf.json': '{"resouce": {"aws_s3_bucket": {"phi": {}}}}' });
  assert.deepEqual(diagnostics.map((d) => d.message), ['No block type is named "resouce", so Terraform refuses the configuration and nothing under this property is scanned. Did you mean "resource"?']);
});

test('a problem in a module called by several roots is reported for each root evaluation once per file position', () => {
  const { diagnostics } = evaluateFiles({
    'a/main.tf': 'module "m" {\n  source = "../m"\n}\n',
    'b/main.tf': 'module "m" {\n  source = "../m"\n}\n',
    'm/main.tf': 'output "o" {\n  value = 1\n  nope  = 2\n}\n',
  });
  const found = new Set(diagnostics.filter((d) => d.code === 'config/argument').map((d) => `${d.span?.file}:${d.span?.start.line}`));
  assert.deepEqual([...found], ['m/main.tf:3']);
});

test('freeTraversals leaves out bare object keys and the names a for binds, as hcl Variables() does', () => {
  const file = parseHclFile('main.tf', 'a = { k = x, (y) = 1 }\nb = [for i, v in var.l : "${i}${v}${w}" if v != z]\nc = "%{for s in local.l}${s}${t}%{endfor}"\n').file!;
  const names = file.body.attributes.map((a) => freeTraversals(a.expr).map((t) => t.root).join(','));
  assert.deepEqual(names, ['x,y', 'var,w,z', 'local,t']);
});

test('freeTraversals gives the traversals in source order, whatever the expression kinds around them', () => {
  const text = 'a = var.a ? f(var.b, [for x in local.l : x.y if var.c]) : { k = var.d, (var.e) = "${var.f}-%{if var.g}${var.h}%{endif}" }[var.i] + -var.j\nb = [var.k, var.l][0].m\n';
  const file = parseHclFile('main.tf', text).file!;
  const found = file.body.attributes.map((a) => freeTraversals(a.expr).map((t) => text.slice(t.start, t.end)).join(' '));
  assert.deepEqual(found, ['var.a var.b local.l var.c var.d var.e var.f var.g var.h var.i var.j', 'var.k var.l']);
});

test('freeTraversals reads a node once: asked again, it gives the same list (the loader\'s checks and the evaluator share it)', () => {
  const file = parseHclFile('main.tf', 'a = [var.x, local.y]\nb = "plain"\n').file!;
  for (const a of file.body.attributes) assert.equal(freeTraversals(a.expr), freeTraversals(a.expr));
  assert.deepEqual(freeTraversals(file.body.attributes[0]!.expr).map((t) => t.root), ['var', 'local']);
});

// Constant arguments written as plain literals are not walked (config-structure.ts plainConstant):
// what they refuse, and accept, is as before.
const constantArguments: [string, string, string[]][] = [
  ['a plain description', 'variable "x" {\n  description = "plain text"\n  default     = 1\n}\n', []],
  ['an interpolated description', 'variable "y" {\n  default = 1\n}\nvariable "x" {\n  description = "about ${var.y}"\n  default     = 1\n}\n', ['config/constant main.tf:5']],
  ['a description calling a function', 'output "o" {\n  value       = 1\n  description = "${upper("a")}"\n}\n', ['config/constant main.tf:3']],
  ['sensitive written as a quoted bool', 'variable "x" {\n  default   = 1\n  sensitive = "true"\n}\n', []],
  ['sensitive written as a word that is no bool', 'variable "x" {\n  default   = 1\n  sensitive = "yes"\n}\n', ['config/constant main.tf:3']],
  ['a plain string default', 'variable "x" {\n  default = "a"\n}\n', []],
  ['a default interpolating a variable', 'variable "y" {\n  default = 1\n}\nvariable "x" {\n  default = "${var.y}"\n}\n', ['config/constant main.tf:5']],
];

for (const [what, text, want] of constantArguments) {
  test(`constant arguments: ${what}`, () => {
    assert.deepEqual(errorsOf({ 'main.tf': text }).filter((e) => e.startsWith('config/')), want);
  });
}

test('override files are merged before self-references and cycles are looked for, as Terraform merges them first', () => {
  assert.deepEqual(errorsOf({ 'main.tf': 'resource "terraform_data" "a" {\n  input = terraform_data.a.id\n}\n', 'main_override.tf': 'resource "terraform_data" "a" {\n  input = "fixed"\n}\n' }), []);
  assert.deepEqual(errorsOf({ 'main.tf': 'resource "terraform_data" "a" {\n  input = terraform_data.b.output\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.output\n}\n', 'z_override.tf': 'resource "terraform_data" "a" {\n  input = "fixed"\n}\n' }), []);
  // An override that brings the self-reference is said at its own file.
  assert.deepEqual(errorsOf({ 'main.tf': 'resource "terraform_data" "a" {\n  input = "x"\n}\n', 'override.tf': 'resource "terraform_data" "a" {\n  input = terraform_data.a.id\n}\n' }), ['eval/cycle override.tf:2']);
});

test('a JSON variable default is read without evaluating it, as Terraform reads it: "${var.other}" is its text', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf.json': '{"variable": {"v": {"default": "${var.other}"}}, "output": {"o": {"value": "${var.v}"}}}' });
  assert.deepEqual(diagnostics, []);
  assert.equal(model.outputs.find((o) => o.name === 'o')!.value.value, '${var.other}');
});
