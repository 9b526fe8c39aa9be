// Refusals of terraform init/validate/plan 1.11.4 the loader had missed, found by mutating
// configurations and running Terraform on each (the validate differential): provisioner and
// connection schemas, required_providers entry shapes, provider configurations passed to a local
// module, condition and error_message shapes, addresses of moved/import/removed blocks, a validation
// message's references, an object type naming an attribute twice. Each refused case was refused by
// Terraform at the file:line given; each accepted one was accepted (validate and plan).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function errorsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`);
}

const r = (body: string): string => `resource "terraform_data" "a" {\n${body}}\n`;

const refused: [string, Record<string, string>, string[]][] = [
  // "Missing required argument: The argument "command" is required" at the opening brace, count = 0 and when = destroy too.
  ['local-exec without command', { 'main.tf': r('  count = 0\n  provisioner "local-exec" {\n    when = destroy\n  }\n') }, ['config/argument main.tf:3:28']],
  ['file without destination', { 'main.tf': r('  provisioner "file" {\n    source = "a"\n  }\n') }, ['config/argument main.tf:2:22']],
  // "Unsupported argument: An argument named "count" is not expected here."
  ['an argument local-exec has not', { 'main.tf': r('  provisioner "local-exec" {\n    command = "x"\n    count   = 1\n  }\n') }, ['config/argument main.tf:4:5']],
  // "Incorrect attribute value type: Inappropriate value for attribute "environment": map of string required." at the value.
  ['environment a list, interpreter a string, scripts a string', { 'main.tf': r('  provisioner "local-exec" {\n    command     = "x"\n    environment = ["a"]\n    interpreter = "bash"\n  }\n  provisioner "remote-exec" {\n    scripts = "a"\n  }\n') }, ['config/argument main.tf:4:19', 'config/argument main.tf:5:19', 'config/argument main.tf:8:15']],
  // "Invalid remote-exec provisioner configuration: Only one of "inline", "script", or "scripts" must be set" (no place: said at the type).
  ['remote-exec with inline and script, and with neither', { 'main.tf': r('  provisioner "remote-exec" {\n    inline = ["x"]\n    script = "y"\n  }\n  provisioner "remote-exec" {\n  }\n') }, ['config/argument main.tf:2:15', 'config/argument main.tf:6:15']],
  // "Cannot set both 'source' and 'content'", "Must provide one of 'source' or 'content'".
  ['file with source and content, and with neither', { 'main.tf': r('  provisioner "file" {\n    source      = "a"\n    content     = "b"\n    destination = "/x"\n  }\n  provisioner "file" {\n    destination = "/x"\n  }\n') }, ['config/argument main.tf:2:15', 'config/argument main.tf:7:15']],
  // The resource's connection with a provisioner: host required there even when the provisioner's own sets it.
  ['a resource connection without host, the provisioner\'s with one', { 'main.tf': r('  connection {\n    user = "u"\n  }\n  provisioner "remote-exec" {\n    inline = ["x"]\n    connection {\n      host = "h"\n    }\n  }\n') }, ['config/argument main.tf:2:14']],
  ['a provisioner connection without host, and none on the resource', { 'main.tf': r('  provisioner "remote-exec" {\n    inline = ["x"]\n    connection {\n      user = "u"\n    }\n  }\n') }, ['config/argument main.tf:4:16']],
  // A bad port in both: only the provisioner's, which hides the resource's.
  ['port "x" on the resource, "y" on the provisioner', { 'main.tf': r('  connection {\n    host = "h"\n    port = "x"\n  }\n  provisioner "remote-exec" {\n    inline = ["x"]\n    connection {\n      port = "y"\n    }\n  }\n') }, ['config/argument main.tf:9:14']],
  ['agent = "yes", an unknown connection argument, once for two provisioners', { 'main.tf': r('  connection {\n    host  = "h"\n    agent = "yes"\n    nope  = 1\n  }\n  provisioner "local-exec" {\n    command = "x"\n  }\n  provisioner "local-exec" {\n    command = "y"\n  }\n') }, ['config/argument main.tf:4:13', 'config/argument main.tf:5:5']],
  // terraform init 1.11.4, each at the value (the block at its name).
  ['required_providers entries Terraform cannot read', { 'main.tf': 'terraform {\n  required_version = [">= 1.5"]\n  required_providers {\n    a = null\n    b = ["hashicorp/b"]\n    c = true\n    d = {\n      source  = ["hashicorp/d"]\n      version = ["1.0"]\n    }\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [google.x, "aws.y"]\n    }\n  }\n}\n' }, ['config/argument main.tf:2:22', 'config/argument main.tf:4:9', 'config/argument main.tf:5:9', 'config/argument main.tf:6:9', 'config/argument main.tf:8:17', 'config/argument main.tf:9:17', 'config/argument main.tf:13:32', 'config/argument main.tf:13:42']],
  // (Terraform reads no entry of a required_providers block with a block in it, and says only that.)
  ['a required_providers entry written as a block', { 'main.tf': 'terraform {\n  required_providers {\n    aws {\n      source = "hashicorp/aws"\n    }\n  }\n}\n' }, ['config/block main.tf:3:5']],
  ['configuration_aliases not a list', { 'main.tf': 'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = aws.x\n    }\n  }\n}\n' }, ['config/argument main.tf:5:31']],
  // terraform init 1.11.4: "Missing required provider configuration" at each call's header.
  ['a child\'s configuration alias no call passes', {
    'main.tf': 'module "one" {\n  source = "./child"\n}\nmodule "two" {\n  source = "./child"\n  providers = {\n    aws.x = aws\n  }\n}\n',
    'child/main.tf': 'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws.x]\n    }\n  }\n}\n',
  }, ['config/reference main.tf:1:1']],
  // "Provider type mismatch" at the key; "Cannot override provider configuration" at the key.
  ['a configuration passed under another provider\'s name, and one the child configures itself', {
    'main.tf': 'module "one" {\n  source = "./child"\n  providers = {\n    google = aws\n    aws    = aws\n  }\n}\n',
    'child/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
  }, ['config/reference main.tf:4:5', 'config/reference main.tf:5:5']],
  // "Invalid error message: Unsuitable value for error message: string required." (validate on an assert, plan on a precondition).
  ['error_message a list or null', { 'main.tf': 'variable "v" {\n  default = "a"\n}\ncheck "c" {\n  assert {\n    condition     = var.v != ""\n    error_message = ["x"]\n  }\n}\nresource "terraform_data" "a" {\n  lifecycle {\n    precondition {\n      condition     = var.v != ""\n      error_message = null\n    }\n  }\n}\n' }, ['config/argument main.tf:7:21', 'config/argument main.tf:14:23']],
  // plan: "Invalid condition result value: a bool is required."
  ['a condition that is a string, or arithmetic', { 'main.tf': 'variable "v" {\n  default = "a"\n}\ncheck "c" {\n  assert {\n    condition     = "maybe${var.v}"\n    error_message = "x"\n  }\n  assert {\n    condition     = length(var.v) + 1\n    error_message = "x"\n  }\n}\n' }, ['config/condition main.tf:6:21', 'config/condition main.tf:10:21']],
  // validate: 'Unsupported attribute: This object has no argument, nested block, or exported attribute named "nope".'
  ['self.nope in terraform_data\'s postcondition', { 'main.tf': r('  lifecycle {\n    postcondition {\n      condition     = self.nope == "x"\n      error_message = "x"\n    }\n  }\n') }, ['config/reference main.tf:4:23']],
  // validate: "Reference to undeclared local value" in a message never shown.
  ['an undeclared local in a validation message', { 'main.tf': 'variable "v" {\n  default = "a"\n  validation {\n    condition     = var.v != ""\n    error_message = "bad ${local.nope}"\n  }\n}\n' }, ['eval/unknown-reference main.tf:5:28']],
  // init: "Invalid address" ("Resource instance key must be given in square brackets"); removed: "Resource instance keys not allowed".
  ['addresses with something after the resource or a module call without a resource', { 'main.tf': 'resource "terraform_data" "y" {\n}\nmoved {\n  from = terraform_data.x.id\n  to   = terraform_data.y\n}\nmoved {\n  from = module.a[0].b\n  to   = module.c\n}\nremoved {\n  from = terraform_data.z[0].id\n}\n' }, ['config/reference main.tf:4:10', 'config/reference main.tf:8:10', 'config/reference main.tf:12:10']],
  // init: "Invalid type specification: Object constructor map keys must be unique."
  ['an object type naming an attribute twice', { 'main.tf': 'variable "v" {\n  type    = object({ a = string, a = number })\n  default = null\n}\n' }, ['eval/type main.tf:2:3']],
  // init: "Missing name for data", "Multiple data resource blocks", "Invalid lifecycle block", "Duplicate data "terraform_remote_state" configuration".
  ['a check block\'s data sources: a second, and one declared outside too', { 'main.tf': 'variable "v" {\n  default = "a"\n}\ndata "terraform_remote_state" "s" {\n  backend = "local"\n}\ncheck "c" {\n  data "terraform_remote_state" "s" {\n    backend = "local"\n  }\n  data "terraform_remote_state" "t" {\n    backend = "local"\n  }\n  assert {\n    condition     = var.v != ""\n    error_message = "x"\n  }\n}\n' }, ['module/duplicate main.tf:8:3', 'config/block main.tf:11:3']],
  ['a check block\'s data source with a lifecycle block, or without a name', { 'main.tf': 'variable "v" {\n  default = "a"\n}\ncheck "c" {\n  data "terraform_remote_state" "s" {\n    backend = "local"\n    lifecycle {\n    }\n  }\n  assert {\n    condition     = var.v != ""\n    error_message = "x"\n  }\n}\ncheck "d" {\n  data "terraform_remote_state" {\n    backend = "local"\n  }\n  assert {\n    condition     = var.v != ""\n    error_message = "x"\n  }\n}\n' }, ['config/block main.tf:7:5', 'config/labels main.tf:16:3']],
  // init: "Can't override check blocks", "Missing resource to override", "Missing base variable declaration to override".
  ['override files without base blocks, and a check block in one', { 'main.tf': 'variable "v" {\n  default = "a"\n}\n', 'override.tf': 'resource "terraform_data" "nope" {\n}\nvariable "w" {\n  default = 1\n}\ncheck "c" {\n  assert {\n    condition     = var.v != ""\n    error_message = "x"\n  }\n}\n' }, ['module/override override.tf:1:1', 'module/override override.tf:3:1', 'config/block override.tf:6:1']],
  // init: "Invalid address" on a key that is no whole number; plan: "bool required" on a number.
  ['a moved key 1.5', { 'main.tf': 'resource "terraform_data" "c" {\n  count = 2\n}\nmoved {\n  from = terraform_data.c[1.5]\n  to   = terraform_data.c[0]\n}\n' }, ['config/reference main.tf:5:10']],
  ['a condition that is a length', { 'main.tf': 'variable "v" {\n  default = "a"\n}\ncheck "c" {\n  assert {\n    condition     = length(var.v)\n    error_message = "x"\n  }\n}\n' }, ['config/condition main.tf:6:21']],
  // init with the backend: "Unsupported backend type", and the local backend's schema.
  ['backend types Terraform has not, and local backend settings it has not', { 'main.tf': 'terraform {\n  backend "local" {\n    path = ["x"]\n    nope = 1\n    foo {\n    }\n  }\n}\n', 'b/main.tf': 'terraform {\n  backend "nope" {\n  }\n}\n', 'c/main.tf': 'terraform {\n  backend "etcd" {\n  }\n}\n' }, ['config/argument main.tf:3:12', 'config/argument main.tf:4:5', 'config/block main.tf:5:5', 'config/block b/main.tf:2:11', 'config/block c/main.tf:2:11']],
  // init: "Unsupported Terraform Core version" at the second block's constraint.
  ['required_version in two files that contradict each other', { 'main.tf': 'terraform {\n  required_version = ">= 1.5"\n}\n', 'versions.tf': 'terraform {\n  required_version = "< 1.0"\n}\n' }, ['config/argument versions.tf:2:22']],
];

for (const [name, files, expected] of refused) {
  test(`refused as Terraform 1.11.4 refuses it: ${name}`, () => {
    const got = errorsOf(files);
    for (const e of expected) assert.ok(got.includes(e), `${e} not in ${JSON.stringify(got)}`);
  });
}

const accepted: [string, Record<string, string>][] = [
  ['provisioners and connections Terraform accepts', { 'main.tf': r('  connection {\n    host         = "h"\n    port         = "22"\n    agent        = "true"\n    proxy_scheme = "http"\n  }\n  provisioner "local-exec" {\n    command     = 5\n    quiet       = true\n    interpreter = [1, true]\n    environment = { a = 1, b = null }\n  }\n  provisioner "remote-exec" {\n    inline = null\n    script = "x"\n    connection {\n      user = "u"\n    }\n  }\n  provisioner "file" {\n    source      = "a"\n    content     = null\n    destination = "/x"\n  }\n  provisioner "local-exec" {\n    command = null\n  }\n') }],
  ['a connection without host and no provisioner; a removed block\'s provisioner without command', { 'main.tf': r('  connection {\n    type = "ssh"\n  }\n') + 'removed {\n  from = terraform_data.gone\n  lifecycle {\n    destroy = true\n  }\n  provisioner "local-exec" {\n    when = destroy\n  }\n}\n' }],
  ['configuration_aliases naming no alias, and required_version null', { 'main.tf': 'terraform {\n  required_version = null\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws]\n    }\n  }\n}\n' }],
  ['a configuration alias passed, one configured in the child, one of the same type under the child\'s name', {
    'main.tf': 'terraform {\n  required_providers {\n    cloud = {\n      source = "hashicorp/aws"\n    }\n  }\n}\nmodule "one" {\n  source = "./child"\n  providers = {\n    aws.x = cloud\n    aws   = cloud\n  }\n}\n',
    'child/main.tf': 'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws.x, aws.y]\n    }\n  }\n}\nprovider "aws" {\n  alias  = "y"\n  region = "us-east-1"\n}\n',
  }],
  ['error_message a number or interpolated, conditions true or false', { 'main.tf': 'variable "v" {\n  default = "a"\n  validation {\n    condition     = var.v != ""\n    error_message = ["shown only when the condition fails"]\n  }\n}\ncheck "c" {\n  assert {\n    condition     = "${var.v == "a"}"\n    error_message = 5\n  }\n}\n' }],
  ['a check block\'s one data source, backends Terraform has, the local backend\'s settings', { 'main.tf': 'terraform {\n  backend "local" {\n    path          = 5\n    workspace_dir = "w"\n  }\n}\nvariable "v" {\n  default = "a"\n}\ncheck "c" {\n  data "terraform_remote_state" "s" {\n    backend    = "local"\n    defaults   = { a = 1 }\n    config     = { path = "nope.tfstate" }\n    depends_on = [terraform_data.r]\n  }\n  assert {\n    condition     = data.terraform_remote_state.s.outputs.a == 1\n    error_message = "x"\n  }\n}\nresource "terraform_data" "r" {\n}\n', 'b/main.tf': 'terraform {\n  backend "inmem" {\n  }\n}\n', 'override.tf': 'provider "terraform" {\n}\n' }],
  ['required_version in two files that agree', { 'main.tf': 'terraform {\n  required_version = ">= 1.5"\n}\n', 'versions.tf': 'terraform {\n  required_version = "< 2.0"\n}\n' }],
  ['addresses Terraform reads', { 'main.tf': 'moved {\n  from = module.a.module.b\n  to   = module.c\n}\nmoved {\n  from = module.a["k"].data.terraform_remote_state.s\n  to   = module.d.data.terraform_remote_state.s\n}\n' }],
];

for (const [name, files] of accepted) {
  test(`accepted as Terraform 1.11.4 accepts it: ${name}`, () => {
    assert.deepEqual(errorsOf(files), []);
  });
}
