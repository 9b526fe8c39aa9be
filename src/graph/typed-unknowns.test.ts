// Typed unknowns (value.ts Unk.type): a variable with a declared type and no value is an unknown of
// that type, as in Terraform. Every case was run through Terraform 1.11.4 (`terraform validate -json`,
// or `terraform plan` with the variable given an unknown through a module); its words are quoted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { evaluateFiles } from './testing-helpers.js';

const VARIABLES = `
variable "cfg" { type = object({ name = string, tags = map(string) }) }
variable "l" { type = list(string) }
variable "ln" { type = list(number) }
variable "lo" { type = list(object({ name = string })) }
variable "mo" { type = map(object({ name = string })) }
variable "m" { type = map(string) }
variable "m1" { type = object({ a = string }) }
variable "m2" { type = object({ b = number }) }
variable "t" { type = tuple([string, number]) }
variable "s" { type = string }
variable "n" { type = number }
variable "b" { type = bool }
variable "st" { type = set(string) }
variable "oo" { type = object({ name = optional(string, "x"), inner = object({ a = string }) }) }
variable "anyv" { type = any }
variable "ao" { type = object({ a = any }) }
variable "untyped" {}
locals { c = var.cfg }
`;

const U = Symbol('unknown');

/** The output's value (U for unknown) and the error diagnostics' messages. */
function evaluate(expr: string): { value: unknown; errors: string[] } {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': `${VARIABLES}\noutput "o" {\n  value = ${expr}\n}\n` });
  const value = model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value;
  const errors = diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('eval/')).map((d) => d.message);
  return { value: isUnknown(value) ? U : value, errors };
}

// [expression, what Terraform 1.11.4 says: part of our message for its error]
const ERRORS: [string, string][] = [
  // Unsupported attribute: This object does not have an attribute named "nme".
  ['var.cfg.nme', 'does not have an attribute named "nme"'],
  ['local.c.nme', 'does not have an attribute named "nme"'],
  ['var.lo[0].nme', 'does not have an attribute named "nme"'],
  ['var.mo["x"].nme', 'does not have an attribute named "nme"'],
  ['var.mo.x.nme', 'does not have an attribute named "nme"'],
  ['var.oo.inner.b', 'does not have an attribute named "b"'],
  ['[for x in [var.cfg] : x.nme]', 'does not have an attribute named "nme"'],
  // Unsupported attribute: Can't access attributes on a primitive-typed value (string).
  ['var.cfg.name.x', 'primitive-typed value (string)'],
  ['var.t[0].x', 'primitive-typed value (string)'],
  ['length(var.cfg.name.x)', 'primitive-typed value (string)'],
  // Unsupported attribute: This value does not have any attributes.
  ['var.l.foo', 'does not have any attributes'],
  ['var.t.name', 'does not have any attributes'],
  // Unsupported attribute: Can't access attributes on a list of objects. Did you mean to access attribute "name" for a specific element...
  ['var.lo.name', 'list of objects'],
  // Invalid index: the given index is greater than or equal to the length of the collection.
  ['var.t[2]', 'out of range'],
  // Invalid index: Elements of a set are identified only by their value and don't have any separate index or key...
  ['var.st[0]', 'Elements of a set'],
  // Invalid index: The given key does not identify an element in this collection value: a number is required.
  ['var.l["a"]', 'cannot convert "a" to a number'],
  // Invalid function argument: Invalid value for "str" parameter: string required.
  ['upper(var.l)', '"str" parameter of upper(): string required'],
  ['upper(var.cfg)', '"str" parameter of upper(): string required'],
  ['trimspace(var.m)', '"str" parameter of trimspace(): string required'],
  ['lower(var.t)', '"str" parameter of lower(): string required'],
  ['title(var.st)', '"str" parameter of title(): string required'],
  ['trimsuffix(var.l, "a")', '"str" parameter of trimsuffix(): string required'],
  ['replace(var.l, "a", "b")', '"str" parameter of replace(): string required'],
  ['substr(var.l, 0, 1)', '"str" parameter of substr(): string required'],
  ['startswith(var.l, "a")', '"str" parameter of startswith(): string required'],
  ['md5(var.l)', '"str" parameter of md5(): string required'],
  ['jsondecode(var.l)', '"str" parameter of jsondecode(): string required'],
  ['split(",", var.l)', '"str" parameter of split(): string required'],
  // Invalid value for "separator" parameter: string required.
  ['split(var.l, "a")', '"separator" parameter of split(): string required'],
  // Invalid value for "string" parameter: string required.
  ['regex("a", var.l)', '"string" parameter of regex(): string required'],
  // Invalid value for "lists" parameter: list of string required.
  ['join(",", var.cfg)', '"lists" parameter of join(): list of string required'],
  ['join(",", var.s)', '"lists" parameter of join(): list of string required'],
  // Invalid value for "list" parameter: list of string required.
  ['sort(var.cfg)', '"list" parameter of sort(): list of string required'],
  ['compact(var.m)', '"list" parameter of compact(): list of string required'],
  // Invalid value for "list" parameter: list of any single type required.
  ['distinct(var.m)', '"list" parameter of distinct(): list of any single type required'],
  // Invalid value for "keys" parameter: list of string required.
  ['zipmap(var.m, var.l)', '"keys" parameter of zipmap(): list of string required'],
  // Invalid value for "index" parameter: number required.
  ['element(var.l, var.l)', '"index" parameter of element(): number required'],
  // Invalid value for "params" parameter: number required.
  ['range(var.l)', '"params" parameter of range(): number required'],
  // Invalid value for "num" parameter: number required.
  ['abs(var.b)', '"num" parameter of abs(): number required'],
  // Invalid value for "numbers" parameter: number required.
  ['max(var.l)', '"numbers" parameter of max(): number required'],
  // Invalid value for "inputMap" parameter: must have map or object type.
  ['keys(var.l)', '"inputMap" parameter of keys(): must have map or object type'],
  ['keys(var.s)', '"inputMap" parameter of keys(): must have map or object type'],
  // Invalid value for "inputMap" parameter: lookup() requires a map as the first argument.
  ['lookup(var.l, "a", "")', '"inputMap" parameter of lookup(): lookup() requires a map'],
  // Error in function call: Call to function "values" failed: values() requires a map as the first argument.
  ['values(var.l)', 'values() requires a map'],
  ['values(var.s)', 'values() requires a map'],
  // Call to function "merge" failed: arguments must be maps or objects, got "list of string".
  ['merge(var.l)', 'arguments must be maps or objects'],
  ['merge({}, var.l)', 'arguments must be maps or objects'],
  ['merge(var.s)', 'arguments must be maps or objects'],
  // Call to function "length" failed: argument must be a string, a collection type, or a structural type.
  ['length(var.n)', 'argument must be a string, a collection type, or a structural type'],
  ['length(var.b)', 'argument must be a string, a collection type, or a structural type'],
  // Invalid value for "seqs" parameter: all arguments must be lists or tuples; got object (string, map of string, set of string, number).
  ['concat(var.cfg)', '"seqs" parameter of concat(): all arguments must be lists or tuples'],
  ['concat(var.s)', '"seqs" parameter of concat(): all arguments must be lists or tuples'],
  ['concat(var.m)', '"seqs" parameter of concat(): all arguments must be lists or tuples'],
  ['concat(var.st)', '"seqs" parameter of concat(): all arguments must be lists or tuples'],
  ['concat(["a"], var.n)', '"seqs" parameter of concat(): all arguments must be lists or tuples'],
  // Invalid function argument: Invalid value for "v" parameter: cannot convert list of string to number.
  ['tonumber(var.l)', 'cannot convert list of string to number'],
  ['tostring(var.l)', 'cannot convert list of string to string'],
  ['tostring(var.cfg)', 'cannot convert object to string'],
  ['tobool(var.n)', 'cannot convert number to bool'],
  ['tonumber(var.b)', 'cannot convert bool to number'],
  // ... cannot convert string to list of any single type. (map of string, object, tuple alike)
  ['tolist(var.s)', 'cannot convert string to list of any single type'],
  ['tolist(var.m)', 'cannot convert map of string to list of any single type'],
  ['toset(var.m1)', 'cannot convert object to set of any single type'],
  ['tomap(var.l)', 'cannot convert list of string to map of any single type'],
  ['tomap(var.t)', 'cannot convert tuple to map of any single type'],
  // Invalid index: The given key does not identify an element in this collection value: string required.
  ['var.cfg[var.l]', 'string required'],
  ['var.m[var.l]', 'string required'],
  ['{ a = 1 }[var.l]', 'string required'],
  ['var.cfg[["a"]]', 'string required'],
  // ... number required.
  ['var.t[var.l]', 'number required'],
  ['["a"][var.m]', 'number required'],
  // Iteration over non-iterable value: A value of type string cannot be used as the collection in a 'for' expression.
  ['[for x in var.s : x]', 'value of type string cannot be used as the collection'],
  ['{ for k, v in var.s : k => v }', 'value of type string cannot be used as the collection'],
  ['[for x in var.n : x]', 'value of type number cannot be used as the collection'],
  ['[for x in var.cfg.name : x]', 'value of type string cannot be used as the collection'],
  // A function's result has the type Terraform's function gives it (functions/result-types.ts):
  // Unsupported attribute: This object does not have an attribute named "c".
  ['merge(var.m1, var.m2).c', 'does not have an attribute named "c"'],
  // Invalid index: ... the given index is greater than or equal to the length of the collection.
  ['concat(var.t, ["a"])[3]', 'out of range'],
  ['reverse(var.t)[2]', 'out of range'],
  ['values(var.cfg)[2]', 'out of range'],
  // Unsupported attribute: This value does not have any attributes.
  ['tolist(var.st).x', 'does not have any attributes'],
  // Unsupported attribute: Can't access attributes on a primitive-typed value (string).
  ['upper(var.s).x', 'primitive-typed value (string)'],
  ['jsonencode(var.cfg).a', 'primitive-typed value (string)'],
  ['keys(var.m)[0].x', 'primitive-typed value (string)'],
  ['lookup(var.m, "a").x', 'primitive-typed value (string)'],
  ['coalesce(var.s, "a").x', 'primitive-typed value (string)'],
  ['concat(var.t, ["a"])[1].x', 'primitive-typed value (number)'],
  // Iteration over non-iterable value: A value of type string cannot be used as the collection in a 'for' expression.
  ['[for c in format("%s", var.s) : c]', 'value of type string cannot be used as the collection'],
  ['[for x in tostring(var.n) : x]', 'value of type string cannot be used as the collection'],
  // Invalid index: This value does not have any indices.
  ['upper(var.s)[0]', 'does not have any indices'],
  // Error in function call: Call to function "coalesce" failed: all arguments must have the same type.
  ['coalesce(var.l, "a")', 'all arguments must have the same type'],
  ['coalesce(var.n, var.b)', 'all arguments must have the same type'],
  ['coalesce(var.cfg, var.m1)', 'all arguments must have the same type'],
  // Invalid operand: Unsuitable value for right operand: number required.
  ['1 + var.l', 'right operand: number required'],
  ['var.n > var.cfg', 'right operand: number required'],
  ['var.b + 1', 'left operand: number required'],
  // Invalid operand: Unsuitable value for left operand: bool required.
  ['var.cfg || false', 'left operand: bool required'],
  ['var.n && true', 'left operand: bool required'],
  ['true && var.l', 'right operand: bool required'],
  // Invalid operand: Unsuitable value for unary operand: bool required. (number required for -)
  ['!var.n', 'unary operand: bool required'],
  ['-var.b', 'unary operand: number required'],
];

test('typed unknowns: what Terraform refuses at validate time is an error', () => {
  for (const [expr, message] of ERRORS) {
    const { errors } = evaluate(expr);
    assert.equal(errors.length, 1, `${expr}: ${JSON.stringify(errors)}`);
    assert.ok(errors[0]!.includes(message), `${expr}: ${errors[0]}`);
  }
});

// [expression, value]: no error from Terraform (validate 1.11.4), nor here; values as terraform plan
// 1.11.4 shows them for a module variable given an unknown (terraform_data's output).
const VALUES: [string, unknown][] = [
  ['upper(var.l[0])', U],
  ['var.cfg.tags.x', U],
  ['var.cfg.name', U],
  ['var.l.0', U],
  ['var.oo.name', U],
  ['var.mo.x.name', U],
  ['var.anyv.foo', U],
  ['var.untyped.foo', U],
  ['var.ao.a.foo', U],
  // An object's index by a key that is no attribute is unknown at plan time (no error), can() of it too.
  ['var.cfg["nme"]', U],
  ['can(var.cfg["nme"])', U],
  ['var.cfg[0]', U],
  // A number, bool or list of numbers converts to what the parameter takes.
  ['upper(var.n)', U],
  ['abs(var.s)', U],
  ['join(",", var.ln)', U],
  ['join(",", var.t)', U],
  ['sort(var.st)', U],
  ['keys(var.m)', U],
  ['contains(var.s, "a")', U],
  ['flatten(var.cfg)', U],
  ['format("%s", var.l)', U],
  ['length(var.st)', U],
  ['values(var.m)', U],
  ['concat(var.l, var.t)', U],
  ['merge(var.m, var.cfg)', U],
  // try() and can() catch the error (plan: try = "x", can = false).
  ['try(var.cfg.nme, "x")', 'x'],
  ['can(var.cfg.nme)', false],
  ['try(upper(var.l), "x")', 'x'],
  // plan: len = 2, keys = ["name", "tags"], lent = 2; values, and a map's length and keys, unknown.
  ['length(var.cfg)', 2],
  ['keys(var.cfg)', ['name', 'tags']],
  ['keys(var.oo)', ['inner', 'name']],
  ['length(var.t)', 2],
  ['values(var.cfg)', U],
  ['length(var.cfg.tags)', U],
  ['keys(var.cfg.tags)', U],
  ['length(var.l)', U],
  ['keys(var.untyped)', U],
  // The result of an operation has its own type, not its operand's: no false error.
  ['upper(length(var.l))', U],
  ['upper(var.l == [])', U],
  ['upper(var.n > 1)', U],
  ['upper(coalesce(var.s, "a"))', U],
  // Operands that convert (a string to a number or bool), == of any type, a template, a condition.
  ['var.s + 1', U],
  ['var.s && true', U],
  ['-var.s', U],
  ['var.l == 1', U],
  ['"x${var.l}"', U],
  ['var.l ? 1 : 2', U],
  // Terraform 1.11.4 refuses this one too (right operand: bool required); 1.12 short-circuits, as here.
  ['false && var.l', false],
  // A key that converts (a string to a number, a number or bool to a string), or of no known type;
  // a conversion that Terraform makes; a for over an unknown collection, whose body is not evaluated.
  ['var.l[var.s]', U],
  ['var.cfg[var.b]', U],
  ['var.anyv[var.l]', U],
  ['var.cfg[var.anyv]', U],
  ['tostring(var.n)', U],
  ['tonumber(var.s)', U],
  ['tolist(var.st)', U],
  ['tomap(var.m1)', U],
  ['tolist(var.anyv)', U],
  ['[for x in var.l : x.y]', U],
  ['[for k, v in var.cfg : v.y]', U],
  ['[for x in var.anyv : x]', U],
  // Typed results (terraform plan 1.11.4, the variables given unknowns of their type): merge() of
  // objects (or known maps) is an object of their attributes, of one type that type; an unknown map
  // among other types, or a null, leaves the attributes unknown.
  ['keys(merge(var.cfg, { x = "a" }))', ['name', 'tags', 'x']],
  ['keys(merge(var.m1, var.m2))', ['a', 'b']],
  ['keys(merge({ z = 1 }, var.m1))', ['a', 'z']],
  ['keys(merge(var.m1, {}))', ['a']],
  ['keys(merge(var.cfg, tomap({ a = "b" })))', ['a', 'name', 'tags']],
  ['length(merge(var.m, var.m))', U],
  ['keys(merge(var.m, { a = "x" }))', U],
  ['keys(merge(var.cfg, var.m))', U],
  ['keys(merge(var.m1, null))', U],
  ['merge(var.m, var.m).x', U],
  // concat() with a tuple is a tuple of the elements (a known list's too); of lists only a list.
  ['length(concat(var.t, ["a"]))', 3],
  ['length(concat(var.t, var.t))', 4],
  ['length(concat(var.t, tolist(["a", "b"])))', 4],
  ['length(concat(var.l, ["a"]))', U],
  ['length(concat(var.l, var.t))', U],
  // reverse() of a tuple is a tuple, values() of an object a tuple of its attributes' types.
  ['length(reverse(var.t))', 2],
  ['length(values(var.cfg))', 2],
  ['values(var.cfg)[1].x', U],
  ['length(values(var.m))', U],
  ['length(keys(var.m))', U],
  // coalesce() converts to the common type, an unknown argument's too: "2", "true".
  ['coalesce(2, substr(var.s, 0, 1))', '2'],
  ['coalesce(true, upper(var.s))', 'true'],
  ['coalesce(var.s, var.n)', U],
  // Results of a type whatever the value (terraform console -plan 1.11.4: type(split(",", u)) is
  // list(string), type(element(t, 0)) of a tuple the element's), which the other result of a
  // conditional takes.
  ['true ? [5] : split(",", var.s)', ['5']],
  ['true ? [5] : formatlist("%s", var.l)', ['5']],
  ['true ? 5 : element(var.t, 0)', '5'],
  ['true ? 5 : element(var.t, 1)', 5],
  ['true ? ["5"] : range(var.n)', ['5']],
  // tolist(), toset(), tomap() of an unknown have elements of any type (no error on one's attribute).
  ['tolist(var.st)[0].x', U],
  ['tomap(var.m1).b', U],
  ['length(tolist(var.t))', U],
  ['keys(tomap(var.m1))', U],
  ['length(upper(var.s))', U],
  // A call that gives back an argument's unknown does not give its type as the result's: index() of
  // a typed list, coalesce() spreading a typed tuple, can() of a typed list (no false error).
  ['index(concat(tolist(var.st), ["zz"]), "zz") > 1', U],
  ['coalesce(coalesce(concat(var.t, ["c"])...), "z")', U],
  ['!can(tolist(var.st))', U],
  // Converted to the common type (a map of string), the object loses its own: `.c` is no error.
  ['tomap({ x = var.m1, y = { b = "q" } }).x.c', U],
  ['tolist([var.m1, { b = "q" }])[0].c', U],
];

test('typed unknowns: known where Terraform knows, no error where it gives none', () => {
  for (const [expr, want] of VALUES) {
    const { value, errors } = evaluate(expr);
    assert.deepEqual(errors, [], expr);
    assert.deepEqual(value, want, expr);
  }
});

test('typed unknowns: a module variable given an unknown takes its declared type', () => {
  // terraform validate 1.11.4: m/main.tf "Unsupported attribute: This object does not have an attribute named "nme"."
  // and plan: length(var.cfg) is 2 inside the module, var.cfg being terraform_data.u.output there.
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'resource "terraform_data" "u" {\n  input = { name = "a", tags = {} }\n}\nmodule "m" {\n  source = "./m"\n  cfg = terraform_data.u.output\n}\noutput "len" {\n  value = module.m.len\n}\n',
    'm/main.tf': 'variable "cfg" {\n  type = object({ name = string, tags = map(string) })\n}\noutput "len" {\n  value = length(var.cfg)\n}\noutput "bad" {\n  value = var.cfg.nme\n}\n',
  });
  assert.equal(model.outputs.find((o) => o.name === 'len' && o.module === '')?.value.value, 2);
  const found = diagnostics.filter((d) => d.code === 'eval/error' && d.message.includes('attribute named "nme"'));
  assert.equal(found.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
});

test('typed unknowns: terraform_data output is an unknown of its input type', () => {
  // terraform plan 1.11.4 on these resources: o = [["a", "b"], 2], t = 2, nested = [2, ["z"]],
  // u = ["a"] (an unknown attribute inside keeps the key), n = null (no input); l, m and v (a list,
  // a map, a list(string) variable) unknown.
  const { model, diagnostics } = evaluateFiles({
    'main.tf': `
variable "l" {
  type    = list(string)
  default = ["a"]
}
resource "terraform_data" "o" { input = { b = 1, a = "x" } }
resource "terraform_data" "t" { input = [1, "a"] }
resource "terraform_data" "l" { input = tolist(["a", "b"]) }
resource "terraform_data" "n" {}
resource "terraform_data" "m" { input = tomap({ a = "1" }) }
resource "terraform_data" "v" { input = var.l }
resource "terraform_data" "nested" { input = { x = [1, 2], y = { z = 1 } } }
resource "terraform_data" "u" { input = { a = terraform_data.n.id } }
output "o" { value = [keys(terraform_data.o.output), length(terraform_data.o.output)] }
output "t" { value = length(terraform_data.t.output) }
output "l" { value = length(terraform_data.l.output) }
output "n" { value = terraform_data.n.output }
output "m" { value = keys(terraform_data.m.output) }
output "v" { value = length(terraform_data.v.output) }
output "nested" { value = [length(terraform_data.nested.output.x), keys(terraform_data.nested.output.y)] }
output "u" { value = keys(terraform_data.u.output) }
`,
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const out = (name: string): unknown => {
    const v = model.outputs.find((o) => o.name === name && o.module === '')?.value.value;
    return isUnknown(v) ? U : v;
  };
  assert.deepEqual(out('o'), [['a', 'b'], 2]);
  assert.equal(out('t'), 2);
  assert.deepEqual(out('nested'), [2, ['z']]);
  assert.deepEqual(out('u'), ['a']);
  assert.equal(out('n'), null);
  for (const name of ['l', 'm', 'v']) assert.equal(out(name), U, name);
});

test('typed unknowns: a validation known false from the type alone fails', () => {
  // terraform validate 1.11.4, no value given: "Invalid value for variable: three" (the condition is
  // known from the type: Terraform skips a validation only when its result is unknown).
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "cfg" {\n  type = object({ name = string, tags = map(string) })\n  validation {\n    condition     = length(var.cfg) == 3\n    error_message = "three"\n  }\n}\n',
  });
  assert.deepEqual(diagnostics.filter((d) => d.code === 'vars/validation').map((d) => d.severity), ['error']);
});

test('typed unknowns: a module output keeps the type of the variable it gives back', () => {
  // terraform plan 1.11.4: keys(module.m.out) is ["name"], module.m.out.nme "Unsupported attribute:
  // This object does not have an attribute named "nme"." (validate, which reads module outputs as
  // wholly unknown, says nothing). A warning here: the value comes from a resource.
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'resource "terraform_data" "u" {\n  input = { name = "a" }\n}\nmodule "m" {\n  source = "./m"\n  cfg = terraform_data.u.output\n}\noutput "a" {\n  value = module.m.out.nme\n}\noutput "b" {\n  value = keys(module.m.out)\n}\n',
    'm/main.tf': 'variable "cfg" {\n  type = object({ name = string })\n}\noutput "out" {\n  value = var.cfg\n}\n',
  });
  assert.deepEqual(model.outputs.find((o) => o.name === 'b' && o.module === '')?.value.value, ['name']);
  const found = diagnostics.filter((d) => d.code === 'eval/error' && d.message.includes('attribute named "nme"'));
  assert.deepEqual(found.map((d) => d.severity), ['warning']);
});

test('typed unknowns: the output of a list-typed input has no known length', () => {
  // terraform plan 1.11.4: length() of the output is unknown for each (terraform console: zipmap of a
  // list of values is a map(string), a list's splat a list(string), values() of a map a list(number));
  // of a tuple's splat and zipmap of a tuple it is 1.
  const inputs = ['zipmap(["a"], tolist(["x"]))', 'tolist(["a"])[*]', 'split(",", "a")[*]', 'values(tomap({ a = 1 }))', 'toset(["a"])[*]'];
  const known = ['zipmap(["a"], ["x"])', '["a"][*]', 'values({ a = 1 })'];
  const all = [...inputs, ...known];
  const { model } = evaluateFiles({
    'main.tf': all.map((e, i) => `resource "terraform_data" "r${i}" {\n  input = ${e}\n}\noutput "o${i}" {\n  value = length(terraform_data.r${i}.output)\n}\n`).join(''),
  });
  all.forEach((e, i) => {
    const v = model.outputs.find((o) => o.name === `o${i}` && o.module === '')?.value.value;
    assert.deepEqual(isUnknown(v) ? U : v, i < inputs.length ? U : 1, e);
  });
});

/** Each output's value, unknowns (at any depth) as U, for a configuration with resources. */
function outputsOf(tf: string): Record<string, unknown> {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': tf });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const norm = (v: unknown): unknown => (isUnknown(v) ? U : Array.isArray(v) ? v.map(norm) : v);
  return Object.fromEntries(model.outputs.filter((o) => o.module === '').map((o) => [o.name, norm(o.value.value)]));
}

// [expression, what terraform plan 1.11.4 shows for the output (U: unknown)], beside
// `resource "terraform_data" "u" { input = 2 }`, "b" { input = true }, "s" { input = "3" } and
// "t" { input = ["f"] }. An operator's, a template's, a resource id's and a conditional's unknown
// result has the type Terraform gives it, so flatten() knows it is no list and keeps it as one
// element; what Terraform has as a dynamic unknown (lookup() of a known object by an unknown key)
// makes flatten()'s result unknown.
const TYPED_RESULTS: [string, unknown][] = [
  ['flatten([terraform_data.u.id != "", ["f"]])', [U, 'f']],
  ['flatten([!(terraform_data.u.id == "a"), ["f"]])', [U, 'f']],
  ['flatten([(terraform_data.u.id == "a") && true, ["f"]])', [U, 'f']],
  ['flatten([terraform_data.u.output < 3, ["f"]])', [U, 'f']],
  ['flatten([terraform_data.u.output + 1, ["f"]])', [U, 'f']],
  ['flatten([-terraform_data.u.output, ["f"]])', [U, 'f']],
  ['flatten([terraform_data.u.id, ["f"]])', [U, 'f']],
  ['flatten(["${terraform_data.u.id}x", ["f"]])', [U, 'f']],
  ['flatten([replace(terraform_data.u.id, "a", "-"), ["f"]])', [U, 'f']],
  ['flatten([terraform_data.u.output, ["f"]])', [U, 'f']],
  ['flatten([[terraform_data.u][*].id, [["f"]]])', [U, 'f']],
  ['flatten([[for r in [terraform_data.u] : r.id], [["f"]]])', [U, 'f']],
  ['flatten([terraform_data.u.id == "" ? "a" : "b", ["f"]])', [U, 'f']],
  ['flatten([terraform_data.s.output == "" ? null : "x", ["f"]])', [U, 'f']],
  ['flatten([terraform_data.s.output == "" ? 1 : "x", ["f"]])', [U, 'f']],
  ['flatten([lookup({ a = "x" }, terraform_data.u.id, "d"), ["f"]])', U],
  // tolist() converts the unknown bool to a string: ["7", (unknown), "s", "f"].
  ['flatten([tolist([7, (terraform_data.u.id != ""), "s"]), [["f"]]])', ['7', U, 's', 'f']],
  // lookup() of a known object without the key is of the default's type.
  ['flatten([lookup({ for k, v in { k2 = "alpha" } : k => "${v}!" }, "k1", replace(terraform_data.u.id, "a", "-")), ["f"]])', [U, 'f']],
  // Never null: each is false.
  ['(terraform_data.u.id == "a") == null', false],
  ['(terraform_data.u.output + 1) == null', false],
  ['(!terraform_data.b.output) == null', false],
  ['(terraform_data.b.output && true) == null', false],
  ['(terraform_data.u.output < 1) == null', false],
  ['(-terraform_data.u.output) == null', false],
  ['(terraform_data.b.output ? "a" : "b") == null', false],
  // A resource's id is a string: an index of it is refused, try() gives its fallback.
  ['try([terraform_data.u][*].id[0], "none")', 'none'],
  // A conditional's two results take one type, the one not taken too.
  ['true ? 4 : terraform_data.s.output', '4'],
  ['false ? terraform_data.s.output : true', 'true'],
  ['true ? 4 : terraform_data.u.id', '4'],
  // sort() keeps the length an unknown tuple has by its type; of an unknown list it is unknown.
  ['sort(terraform_data.t.output)', [U]],
  ['sort(slice(terraform_data.t.output, 0, min(1, length(terraform_data.t.output))))', [U]],
  ['[for x in sort(terraform_data.t.output) : upper(x)]', [U]],
  ['sort(tolist(terraform_data.t.output))', U],
  ['slice(terraform_data.t.output, 0, 1)', U],
  ['sort(["b", terraform_data.u.id])', [U, U]],
  // jsonencode() of an unknown never null starts as its type's JSON does: "x" is none of them.
  ['jsonencode(terraform_data.u.id) == "x"', false],
  ['jsonencode("${terraform_data.u.id}-y") == "x"', false],
  ['jsonencode(terraform_data.u.id == "a" ? { a = 1 } : { b = 2 }) == "x"', false],
  ['jsonencode(terraform_data.u.id == "a" ? [1] : [2, 3]) == "x"', false],
  ['startswith(jsonencode(terraform_data.u.id == "a" ? { a = 1 } : { b = 2 }), "{")', true],
  ['jsonencode(terraform_data.u.id == "a") == "x"', U],
  ['jsonencode(terraform_data.u.id == "a" ? null : [2, 3]) == "x"', U],
  ['jsonencode(terraform_data.t.output) == "x"', U],
];

test('typed unknowns: operators, templates, ids and conditionals give the type Terraform gives', () => {
  const resources = 'resource "terraform_data" "u" {\n  input = 2\n}\nresource "terraform_data" "b" {\n  input = true\n}\nresource "terraform_data" "s" {\n  input = "3"\n}\nresource "terraform_data" "t" {\n  input = ["f"]\n}\n';
  const outputs = outputsOf(resources + TYPED_RESULTS.map(([e], i) => `output "o${i}" {\n  value = ${e}\n}\n`).join(''));
  TYPED_RESULTS.forEach(([e, want], i) => assert.deepEqual(outputs[`o${i}`], want, e));
});

test('typed unknowns: a dynamic block over an unknown typed list reads its iterator untyped', () => {
  // terraform plan 1.11.4 plans this (HCL's dynblock gives the iterator of an unknown for_each
  // cty.DynamicVal); the conditional's unknown is a list(object), and `ingress.value.from` was read
  // as an attribute of that list, a false "list of objects" error.
  const { diagnostics } = evaluateFiles({
    'main.tf': 'resource "terraform_data" "u" {\n  input = [{ from = 443 }]\n}\nmodule "m" {\n  source = "./m"\n  rules  = terraform_data.u.output\n}\n',
    'm/main.tf': `variable "rules" {
  type = list(object({ from = optional(number) }))
}
resource "aws_security_group" "s" {
  name = "x"
  dynamic "ingress" {
    for_each = var.rules != null ? var.rules : []
    content {
      from_port   = ingress.value.from
      to_port     = ingress.value.from
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
`,
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
});

// [expression, part of our message], beside terraform_data "u" { input = 2 } and "t" { input = ["f", "g"] }:
// what terraform plan 1.11.4 refuses on the type of an unknown (its words quoted).
const TYPED_RESULT_ERRORS: [string, string][] = [
  // Invalid value for "end_index" parameter: end index must not be greater than the length of the list.
  ['slice(terraform_data.t.output, 0, 3)', 'end index must not be greater than the length of the list (2)'],
  ['slice(["a"], terraform_data.u.output, 2)', 'end index must not be greater than the length of the list (1)'],
  // Invalid value for "start_index" parameter: start index must not be less than zero.
  ['slice(["a"], -1, terraform_data.u.output)', 'start index must not be less than zero'],
  // Invalid value for "start_index" parameter: start index must not be greater than end index.
  ['slice(terraform_data.t.output, 2, 1)', 'start index must not be greater than the end index'],
  // Invalid value for "list" parameter: cannot slice a set, because its elements do not have indices...
  ['slice(toset(["a"]), 0, terraform_data.u.output)', 'cannot slice a set'],
  // Invalid value for "v" parameter: cannot convert tuple to list of any single type.
  ['tolist([true, terraform_data.u.output])', 'no common type'],
  ['tolist([true, terraform_data.u.output > 1, ["a"]])', 'no common type'],
  ['tolist([{ a = 1 }, terraform_data.u.id])', 'no common type'],
];

test('typed unknowns: what Terraform refuses on an unknown\'s type is refused', () => {
  const resources = 'resource "terraform_data" "u" {\n  input = 2\n}\nresource "terraform_data" "t" {\n  input = ["f", "g"]\n}\n';
  for (const [expr, message] of TYPED_RESULT_ERRORS) {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${resources}output "o" {\n  value = ${expr}\n}\n` });
    const found = diagnostics.filter((d) => d.code.startsWith('eval/') && d.severity !== 'info').map((d) => d.message);
    assert.equal(found.length, 1, `${expr}: ${JSON.stringify(found)}`);
    assert.ok(found[0]!.includes(message), `${expr}: ${found[0]}`);
  }
  // try() catches it (plan: "x").
  assert.deepEqual(outputsOf(`${resources}output "o" {\n  value = try(slice(terraform_data.t.output, 0, 3), "x")\n}\n`).o, 'x');
});

test('typed unknowns: tomap() and tolist() convert a known element to an unknown\'s type', () => {
  // terraform plan 1.11.4: a and b are { n = "1", c = (unknown) }, c ["1", (unknown)], f ["?", "1"];
  // an unknown of no type here (lookup() by an unknown key) changes nothing: g is [1, (unknown)].
  const outputs = outputsOf(`resource "terraform_data" "u" {
  input = 2
}
output "a" { value = tomap({ n = 1, c = upper(terraform_data.u.id) }) }
output "b" { value = tomap({ n = 1, c = terraform_data.u.id }) }
output "c" { value = tolist([1, terraform_data.u.id]) }
output "f" { value = [for k, v in tomap({ n = 1, c = upper(terraform_data.u.id) }) : v] }
output "g" { value = tolist([1, lookup({ a = 1 }, terraform_data.u.id, 2)]) }
`);
  const n = (v: unknown): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isUnknown(x) ? U : x])) : v);
  assert.deepEqual(n(outputs.a), { n: '1', c: U });
  assert.deepEqual(n(outputs.b), { n: '1', c: U });
  assert.deepEqual(outputs.c, ['1', U]);
  assert.deepEqual(outputs.f, [U, '1']);
  assert.deepEqual(outputs.g, [1, U]);
});

test('typed unknowns: a known value read from a resource gives no type it may not have there', () => {
  // terraform plan 1.11.4 plans this: tags is a map(string) in the provider's schema, so `.Env` of
  // the conditional is unknown, no error (here the written { Name = "b" } would make it an object
  // without Env); description is a string there, so `true ? 1 : ...description` is "1" (here the
  // written true would make the two results a number and a bool: no common type).
  const { model, diagnostics } = evaluateFiles({
    'main.tf': `resource "terraform_data" "u" {
  input = 2
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { Name = "b" }
}
resource "aws_ssm_parameter" "p" {
  name        = "p"
  type        = "String"
  value       = "v"
  description = true
}
output "a" { value = (terraform_data.u.id == "a" ? aws_s3_bucket.b.tags : { Name = "a" }).Env }
output "b" { value = true ? 1 : aws_ssm_parameter.p.description }
`,
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info' && d.code.startsWith('eval/')).map((d) => d.message), []);
  assert.ok(isUnknown(model.outputs.find((o) => o.name === 'a')?.value.value));
});
