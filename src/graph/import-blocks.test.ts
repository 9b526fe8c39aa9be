// An import's id and for_each must be known at plan. Each case says what terraform plan
// -refresh=false 1.11.4 printed for it (AWS provider 5.100, a plan with no state).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const PREAMBLE = 'resource "terraform_data" "a" {\n  input = "x"\n}\nresource "aws_s3_bucket" "s" {\n  for_each = toset(["k"])\n  bucket   = each.key\n}\n'; // lines 1-7

/** `severity line` of the eval/import diagnostics of main.tf: the preamble, then `text` from line 8. */
function importDiagnostics(text: string, files: Record<string, string> = {}): string[] {
  const { diagnostics } = evaluateFiles({ 'main.tf': `${PREAMBLE}${text}`, ...files });
  return diagnostics.filter((d) => d.code === 'eval/import').map((d) => `${d.severity} ${d.span?.file ?? ''}:${d.span?.start.line ?? ''}`);
}

const cases: [string, string, string[]][] = [
  // Error: Invalid import id argument (The import block "id" argument depends on resource attributes
  // that cannot be determined until apply, so Terraform cannot plan to import this resource.)
  ['an id of a terraform_data id', 'import {\n  to = aws_s3_bucket.s["k"]\n  id = terraform_data.a.id\n}\n', ['error main.tf:10']],
  // Error: Invalid import id argument, for timestamp() too.
  ['an id of timestamp()', 'import {\n  to = aws_s3_bucket.s["k"]\n  id = timestamp()\n}\n', ['error main.tf:10']],
  // Error: Invalid for_each argument (The "for_each" expression includes values derived from other
  // resource attributes that cannot be determined until apply...).
  ['a for_each set of an apply-time value', 'import {\n  for_each = toset([terraform_data.a.output])\n  to       = aws_s3_bucket.s[each.key]\n  id       = each.value\n}\n', ['error main.tf:9']],
  // Error: Invalid for_each argument, a map's values too (unlike a resource's for_each).
  ['a for_each map with an apply-time value', 'import {\n  for_each = { k = terraform_data.a.id }\n  to       = aws_s3_bucket.s[each.key]\n  id       = "x"\n}\n', ['error main.tf:9']],
  // Error: Invalid import id argument, through each.key of a known for_each.
  ['an id built from each.key and an apply-time value', 'import {\n  for_each = toset(["k"])\n  to       = aws_s3_bucket.s[each.key]\n  id       = "${each.key}-${terraform_data.a.id}"\n}\n', ['error main.tf:11']],
  // terraform validate 1.11.4: 'Invalid import id argument: The import ID cannot be null.', '... The import ID value
  // evaluates to an empty string, please provide a non-empty value.', 'Incorrect value type: Invalid expression value:
  // string required.' (per instance of a for_each; a variable's default, unknown to validate, at plan).
  ['an id null, empty, a list, a variable\'s empty default, each.value empty', 'variable "e" {\n  default = ""\n}\nimport {\n  to = aws_s3_bucket.s["k"]\n  id = null\n}\nimport {\n  to = aws_s3_bucket.s["k"]\n  id = ""\n}\nimport {\n  to = aws_s3_bucket.s["k"]\n  id = ["a"]\n}\nimport {\n  to = aws_s3_bucket.s["k"]\n  id = var.e\n}\nimport {\n  for_each = { k = "" }\n  to       = aws_s3_bucket.s[each.key]\n  id       = each.value\n}\n', ['error main.tf:13', 'error main.tf:17', 'error main.tf:21', 'error main.tf:25', 'error main.tf:30']],
  // Accepted: a number converts to a string.
  ['an id that is a number', 'import {\n  to = aws_s3_bucket.s["k"]\n  id = 5\n}\n', []],
  // Accepted: ids known at plan (a variable is, given to terraform; here the scan was not given it).
  ['ids written out, from each.value, or from a variable', 'variable "id" {\n  type = string\n}\nimport {\n  to = aws_s3_bucket.s["k"]\n  id = var.id\n}\nimport {\n  for_each = toset(["k"])\n  to       = aws_s3_bucket.s[each.key]\n  id       = each.value\n}\n', []],
];

for (const [name, text, expected] of cases) {
  test(`import blocks: ${name}`, () => {
    assert.deepEqual(importDiagnostics(text), expected);
  });
}

test('import blocks: the message names the value and what Terraform says', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': `${PREAMBLE}import {\n  to = aws_s3_bucket.s["k"]\n  id = terraform_data.a.id\n}\n` });
  assert.equal(
    diagnostics.find((d) => d.code === 'eval/import')?.message,
    'The id of this import depends on a value known only at apply (terraform_data.a.id is computed by the provider), so Terraform refuses it: it cannot plan to import aws_s3_bucket.s["k"] ("Invalid import id argument").',
  );
});

test('import blocks: in JSON syntax, the address is named without its quotes', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': PREAMBLE, 'import.tf.json': '{ "import": [ { "to": "aws_s3_bucket.s[\\"k\\"]", "id": "${terraform_data.a.id}" } ] }' });
  const d = diagnostics.find((x) => x.code === 'eval/import');
  assert.equal(d?.severity, 'error');
  assert.match(d?.message ?? '', /it cannot plan to import aws_s3_bucket\.s\["k"\] \("Invalid import id argument"\)\.$/);
});
