// A function's unknown result is never null where Terraform refines it so (functions/index.ts
// refinedResult). Every expected value is what `terraform console -plan` 1.11.4 printed for
// `<expression> == null` with the preamble's resources planned: terraform_data.u.output an unknown
// string that may be null, terraform_data.u.id one never null, l a tuple of two strings, m a map of
// strings, o an object({ a = number, b = string }), n a number, all unknown until apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueOf } from '../testing-helpers.js';
import { isUnknown } from '../../model/value.js';

const PREAMBLE = [
  'resource "terraform_data" "u" {\n  input = "x"\n}',
  'resource "terraform_data" "o" {\n  input = { a = 1, b = "x" }\n}',
  'resource "terraform_data" "l" {\n  input = ["a", "b"]\n}',
  'resource "terraform_data" "m" {\n  input = tomap({ a = "x", b = "y" })\n}',
  'resource "terraform_data" "n" {\n  input = 3\n}',
].join('\n');

const U = 'unknown';

const cases: [string, false | typeof U][] = [
  // merge() of typed arguments: never null; of an unknown map with an object, of no type known before the values.
  ['merge(terraform_data.o.output, { size = 1 })', false],
  ['merge(terraform_data.o.output)', false],
  ['merge(terraform_data.m.output)', false],
  ['merge(terraform_data.m.output, { size = 1 })', U],
  ['merge(null, terraform_data.o.output)', U],
  // Collection functions of typed unknowns.
  ['concat(terraform_data.l.output, ["c"])', false],
  ['distinct(terraform_data.l.output)', false],
  ['compact(terraform_data.l.output)', false],
  ['reverse(terraform_data.l.output)', false],
  ['slice(terraform_data.l.output, 0, 1)', false],
  ['chunklist(terraform_data.l.output, 1)', false],
  ['setunion(terraform_data.l.output, ["c"])', false],
  ['setproduct(terraform_data.l.output, ["c"])', false],
  ['keys(terraform_data.m.output)', false],
  ['values(terraform_data.m.output)', false],
  ['contains(terraform_data.l.output, "a")', false],
  ['index(terraform_data.l.output, "a")', false],
  ['formatlist("%s", terraform_data.l.output)', false],
  ['range(terraform_data.n.output)', false],
  ['sum([terraform_data.n.output])', false],
  ['transpose({ a = terraform_data.l.output })', false],
  // Strings, numbers and bools.
  ['upper(terraform_data.u.output)', false],
  ['abs(terraform_data.n.output)', false],
  ['coalesce(terraform_data.u.output, "x")', false],
  ['startswith(terraform_data.u.output, "a")', false],
  ['split(",", terraform_data.u.output)', false],
  ['uuid()', false],
  // Functions Terraform does not refine, whatever the argument.
  ['tostring(terraform_data.u.id)', U],
  ['tostring("a${terraform_data.u.id}")', U],
  ['jsondecode("${terraform_data.u.id}")', U],
  ['yamldecode(terraform_data.u.output)', U],
  ['element(terraform_data.l.output, 0)', U],
  ['lookup(terraform_data.m.output, "a", "z")', U],
  ['tolist(terraform_data.l.output)', U],
  ['flatten(terraform_data.l.output)', U],
  ['strcontains(terraform_data.u.output, "a")', U],
  ['try(terraform_data.u.id, "x")', U],
  ['can(terraform_data.u.id)', U],
  ['issensitive(terraform_data.u.id)', U],
  // A for expression over an unknown, or with an unknown condition or key, is of no refinement (HCL's cty.DynamicVal).
  ['[for x in split(",", terraform_data.u.output) : x]', U],
  ['[for x in ["a", "b"] : x if x == terraform_data.u.id]', U],
  ['{ for x in ["a"] : "${x}${terraform_data.u.id}" => 1 }', U],
  // A splat of an unknown tuple, list or set is never null; of another unknown that may be null, unknown (HCL's SplatExpr).
  ['terraform_data.l.output[*]', false],
  ['split(",", terraform_data.u.output)[*]', false],
  ['terraform_data.u.output[*]', U],
  ['terraform_data.o.output[*]', U],
  // Given back as it is: the argument's refinement.
  ['nonsensitive(terraform_data.u.id)', false],
  // An argument of a type not known before the value (jsondecode's): the result's is not either.
  ['contains(jsondecode(terraform_data.u.output), "a")', U],
  ['concat(jsondecode(terraform_data.u.output), ["a"])', U],
];

test('an unknown result of a function is never null where Terraform refines it so', () => {
  for (const [expr, expected] of cases) {
    const actual = valueOf(`${expr} == null`, PREAMBLE);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} == null should be unknown, got ${JSON.stringify(actual)}`);
    else assert.equal(actual, expected, `${expr} == null`);
  }
});
