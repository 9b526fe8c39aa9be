// terraform_data's schema is Terraform's own: what terraform validate 1.11.4 refuses against it fails
// the scan, and what it accepts does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function schemaErrors(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error' && d.message.includes('terraform_data has no'))
    .map((d) => `${d.span?.file}:${d.span?.start.line} ${/named "([^"]+)"|type "([^"]+)"/.exec(d.message)!.slice(1).find((x) => x !== undefined)}`);
}

const cases: readonly { readonly name: string; readonly files: Record<string, string>; readonly want: readonly string[] }[] = [
  // validate 1.11.4: 'Unsupported argument: An argument named "inputt" is not expected here. Did you mean "input"?'
  { name: 'a misspelt argument', files: { 'main.tf': 'resource "terraform_data" "a" {\n  inputt = 1\n}\n' }, want: ['main.tf:2 inputt'] },
  // 'Unsupported block type: Blocks of type "timeouts" are not expected here.' (and "x" for dynamic "x")
  { name: 'a nested block, plain or dynamic', files: { 'main.tf': 'resource "terraform_data" "a" {\n  dynamic "x" {\n    for_each = []\n    content {}\n  }\n  timeouts {}\n}\n' }, want: ['main.tf:2 x', 'main.tf:6 timeouts'] },
  // 'Unsupported attribute: This object has no argument, nested block, or exported attribute named "var".'
  { name: 'ignore_changes naming no attribute', files: { 'main.tf': 'resource "terraform_data" "a" {\n  lifecycle {\n    ignore_changes = [nope, var.env]\n  }\n}\n' }, want: ['main.tf:3 nope', 'main.tf:3 var'] },
  {
    name: 'a reference to no attribute, in a resource, a local, an output and a check',
    files: {
      'main.tf':
        'resource "terraform_data" "a" {}\nresource "terraform_data" "c" {\n  count = 0\n}\nresource "terraform_data" "b" {\n  triggers_replace = [terraform_data.c[0].nope]\n}\n' +
        'locals {\n  x = terraform_data.a.nope\n}\noutput "o" {\n  value = terraform_data.a.idd\n}\ncheck "k" {\n  assert {\n    condition     = terraform_data.a.nopes == 1\n    error_message = "x"\n  }\n}\n',
    },
    want: ['main.tf:6 nope', 'main.tf:9 nope', 'main.tf:12 idd', 'main.tf:16 nopes'],
  },
  // An override's unknown arguments and blocks are dropped in the merge (validate 1.11.4 accepts them); its ignore_changes is read.
  { name: 'an override file', files: { 'main.tf': 'resource "terraform_data" "a" {}\n', 'main_override.tf': 'resource "terraform_data" "a" {\n  inputt = 1\n  timeouts {}\n  lifecycle {\n    ignore_changes = [nope]\n  }\n}\n' }, want: ['main_override.tf:5 nope'] },
  // Accepted by validate, refused by plan 1.11.4, once per instance: 'Unsupported attribute: This object does not have an
  // attribute named "idd".' for a splat (new or legacy), values()'s splat and a for expression over the instances.
  {
    name: 'a splat or for expression naming no attribute',
    files: {
      'main.tf':
        'resource "terraform_data" "c" {\n  count = 2\n}\nresource "terraform_data" "one" {}\nresource "terraform_data" "e" {\n  for_each = { a = 1 }\n}\n' +
        'output "a" {\n  value = terraform_data.c[*].idd\n}\noutput "b" {\n  value = terraform_data.one[*].idd\n}\noutput "c" {\n  value = [for r in terraform_data.c : r.idd]\n}\n' +
        'output "d" {\n  value = values(terraform_data.e)[*].idd\n}\noutput "e" {\n  value = terraform_data.c.*.idd\n}\n',
    },
    want: ['main.tf:9 idd', 'main.tf:12 idd', 'main.tf:15 idd', 'main.tf:18 idd', 'main.tf:21 idd'],
  },
  // Planned by 1.11.4: no instance has the attribute read (count = 0), and try() takes its fallback.
  // terraform_data of another provider is that provider's (its schema is not judged here).
  {
    name: 'a splat Terraform plans',
    files: {
      'main.tf':
        'resource "terraform_data" "z" {\n  count = 0\n}\nresource "terraform_data" "c" {\n  count = 2\n}\nresource "terraform_data" "p" {\n  count    = 2\n  provider = other\n}\n' +
        'output "a" {\n  value = terraform_data.z[*].idd\n}\noutput "b" {\n  value = try(terraform_data.c[*].idd, [])\n}\noutput "c" {\n  value = terraform_data.p[*].idd\n}\noutput "d" {\n  value = terraform_data.c[*].output\n}\n',
    },
    want: [],
  },
  // Accepted by validate 1.11.4 (output and id in ignore_changes only warn).
  {
    name: 'what Terraform accepts',
    files: {
      'main.tf':
        'resource "terraform_data" "a" {\n  count            = 2\n  input            = 1\n  triggers_replace = [1]\n  depends_on       = []\n  provisioner "local-exec" {\n    command = "true"\n  }\n  lifecycle {\n    ignore_changes       = [input, triggers_replace[0], input.x, output, id]\n    replace_triggered_by = [terraform_data.c.nope]\n  }\n}\n' +
        'resource "terraform_data" "b" {\n  input = [terraform_data.a[0].output, terraform_data.a[0].id, terraform_data.a[0].input, terraform_data.a[0].triggers_replace]\n  lifecycle {\n    ignore_changes = all\n  }\n}\nresource "terraform_data" "c" {}\n',
    },
    want: [],
  },
  // JSON syntax alike: validate 1.11.4 refuses each ("Extraneous JSON object property" for inputt, "Unsupported block type", "Unsupported attribute").
  { name: 'JSON syntax', files: { 'main.tf.json': '{\n  "resource": {\n    "terraform_data": {\n      "a": {\n        "inputt": 1,\n        "dynamic": { "x": { "for_each": [], "content": {} } }\n      },\n      "b": { "input": "${terraform_data.a.nope}" }\n    }\n  }\n}\n' }, want: ['main.tf.json:5 inputt', 'main.tf.json:6 x', 'main.tf.json:8 nope'] },
  // validate 1.11.4 looks for hashicorp/terraform then: the schema is that provider's.
  { name: 'a module naming its own "terraform" provider', files: { 'main.tf': 'terraform {\n  required_providers {\n    terraform = { source = "hashicorp/terraform" }\n  }\n}\nresource "terraform_data" "a" {\n  inputt = 1\n}\n' }, want: [] },
  { name: 'a resource of another provider', files: { 'main.tf': 'resource "terraform_data" "a" {\n  provider = other\n  inputt   = 1\n}\n' }, want: [] },
];

for (const c of cases) {
  test(`terraform_data schema: ${c.name}`, () => {
    assert.deepEqual(schemaErrors(c.files), c.want);
  });
}
