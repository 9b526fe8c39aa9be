import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const CHILD = { 'm/main.tf': 'variable "x" {\n  default = null\n}\noutput "real" {\n  value = "r"\n}\n' };

function errors(main: string): string[] {
  return evaluateFiles({ 'main.tf': main, ...CHILD })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column} ${d.message}`);
}

// Each configuration as terraform validate 1.11.4 judged it: the error it printed (file:line of it), or none.
const cases: [string, string, string[]][] = [
  [
    'a module output the called module lacks, in a resource with count = 0 ("Unsupported attribute")',
    'module "m" {\n  source = "./m"\n}\nresource "aws_s3_bucket" "b" {\n  count  = 0\n  bucket = module.m.nosuch\n}\n',
    ['eval/unknown-reference main.tf:6:12 aws_s3_bucket.b: module.m has no output "nosuch".'],
  ],
  [
    'an undeclared resource in a resource with count = 0 ("Reference to undeclared resource")',
    'resource "aws_s3_bucket" "b" {\n  count  = 0\n  bucket = aws_s3_bucket.undeclared.id\n}\n',
    ['eval/unknown-reference main.tf:3:12 aws_s3_bucket.b: Reference to undeclared resource "aws_s3_bucket.undeclared".'],
  ],
  [
    'a module output the called module lacks, as an argument of a module call with count = 0',
    'module "m" {\n  source = "./m"\n}\nmodule "n" {\n  source = "./m"\n  count  = 0\n  x      = module.m.nosuch\n}\n',
    ['eval/unknown-reference main.tf:7:12 module.n: module.m has no output "nosuch".'],
  ],
  [
    'an instance\'s output the module lacks, both with count = 0',
    'module "m" {\n  source = "./m"\n  count  = 0\n}\nresource "aws_s3_bucket" "b" {\n  count  = 0\n  bucket = module.m[0].nosuch\n}\n',
    ['eval/unknown-reference main.tf:7:12 aws_s3_bucket.b: module.m has no output "nosuch".'],
  ],
  [
    'an undeclared resource in a conditional\'s branch not taken',
    'output "o" {\n  value = true ? "a" : aws_s3_bucket.undeclared.id\n}\n',
    ['eval/unknown-reference main.tf:2:24 output "o": Reference to undeclared resource "aws_s3_bucket.undeclared".'],
  ],
  [
    'an undeclared variable in a call in the branch not taken, or in either branch of an unknown condition',
    'output "o" {\n  value = true ? "a" : upper(var.nope)\n}\noutput "p" {\n  value = uuid() == "x" ? "a" : upper(var.nope2)\n}\n',
    ['eval/unknown-reference main.tf:2:30 output "o": Reference to undeclared input variable "nope".', 'eval/unknown-reference main.tf:5:39 output "p": Reference to undeclared input variable "nope2".'],
  ],
  [
    'an undeclared resource in try()\'s arguments after the one that succeeds, and in a for over an empty collection',
    'output "a" {\n  value = try("a", aws_s3_bucket.nope.id)\n}\noutput "c" {\n  value = { for k, v in {} : k => aws_s3_bucket.nope2.id }\n}\noutput "d" {\n  value = 1 == 1 ? 5 : "${aws_s3_bucket.nope3.id}"\n}\n',
    [
      'eval/unknown-reference main.tf:2:20 output "a": Reference to undeclared resource "aws_s3_bucket.nope".',
      'eval/unknown-reference main.tf:5:35 output "c": Reference to undeclared resource "aws_s3_bucket.nope2".',
      'eval/unknown-reference main.tf:8:27 output "d": Reference to undeclared resource "aws_s3_bucket.nope3".',
    ],
  ],
  // Valid to terraform validate 1.11.4: an output the module lacks is found by evaluating, not before.
  ['a module output the module lacks in a branch not taken, or of an unknown condition', 'module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = true ? "a" : module.m.nosuch\n}\noutput "p" {\n  value = uuid() == "x" ? "a" : module.m.nosuch\n}\n', []],
  ['a module output the module lacks in a for over the instances of a call with count = 0', 'module "m" {\n  source = "./m"\n  count  = 0\n}\noutput "o" {\n  value = [for x in module.m : x.nosuch]\n}\n', []],
  [
    'anything in a dynamic block over an empty list',
    'module "m" {\n  source = "./m"\n}\nresource "aws_security_group" "g" {\n  dynamic "ingress" {\n    for_each = []\n    content {\n      from_port   = 1\n      to_port     = 1\n      protocol    = "tcp"\n      description = "${module.m.nosuch}${aws_s3_bucket.undeclared.id}"\n    }\n  }\n}\n',
    [],
  ],
  // A dynamic block's content is checked as Terraform expands it: validate accepted the first two
  // (over [], over var.rules and local.none: its content never read, in a resource with count = 0 or 1).
  [
    'the content of a dynamic block over nothing known, in a resource with count = 0 or not',
    'variable "rules" {\n  default = [1]\n}\nlocals {\n  none = []\n}\nmodule "m" {\n  source = "./m"\n}\nresource "aws_security_group" "g" {\n  count = 0\n  dynamic "ingress" {\n    for_each = []\n    content {\n      description = module.m.nosuch\n      cidr_blocks = [aws_s3_bucket.nope.id]\n    }\n  }\n  dynamic "egress" {\n    for_each = var.rules\n    content {\n      cidr_blocks = [aws_s3_bucket.nope2.id, var.nope3]\n    }\n  }\n}\nresource "aws_security_group" "h" {\n  count = 0\n  dynamic "egress" {\n    for_each = local.none\n    content {\n      cidr_blocks = [var.nope5]\n    }\n  }\n}\n',
    [],
  ],
  [
    'the content of a dynamic block over a literal with elements, in a resource with count = 0 ("Reference to undeclared resource")',
    'resource "aws_security_group" "g" {\n  count = 0\n  dynamic "ingress" {\n    for_each = [1]\n    content {\n      cidr_blocks = [aws_s3_bucket.nope.id]\n    }\n  }\n}\n',
    ['eval/unknown-reference main.tf:6:22 aws_security_group.g: Reference to undeclared resource "aws_s3_bucket.nope".'],
  ],
  // Names a for, a dynamic block's iterator or each binds are no resources, also in blocks never evaluated.
  [
    // terraform validate 1.11.4 said only "Unsupported block type" (ingress_rule is no block of aws_security_group): no reference.
    'bound names with "_" in them',
    'variable "rules" {\n  default = []\n}\nresource "aws_security_group" "g" {\n  count = 0\n  dynamic "ingress_rule" {\n    for_each = [{ port = 1 }]\n    content {\n      from_port = ingress_rule.value.port\n    }\n  }\n  dynamic "egress" {\n    for_each = { a = { port = 1 } }\n    iterator = my_rule\n    content {\n      to_port = my_rule.value.port\n    }\n  }\n  tags = { for sg_rule in var.rules : sg_rule.name => sg_rule.id }\n}\noutput "o" {\n  value = [for sg_rule in [] : sg_rule.id]\n}\n',
    [],
  ],
];

test('references Terraform refuses before evaluating, in what is never evaluated, as terraform validate 1.11.4 does', () => {
  for (const [what, main, expected] of cases) assert.deepEqual(errors(main), expected, what);
});

test('a module only a call with count = 0 runs is checked as terraform validate 1.11.4 checks it, though never evaluated', () => {
  const child = [
    'variable "rules" {\n  type    = list(object({ port = number }))\n  default = []\n}',
    'locals {\n  ports = [for a_rule in var.rules : a_rule.port]\n  bad   = aws_iam_role.nope.arn\n}',
    'resource "aws_security_group" "g" {\n  count = length(local.ports) > 0 ? 1 : 0\n  dynamic "ingress" {\n    for_each = var.rules\n    iterator = a_rule\n    content {\n      from_port = a_rule.value.port\n      to_port   = a_rule.value.port\n      protocol  = "tcp"\n    }\n  }\n  lifecycle {\n    ignore_changes = [tags_all.Name]\n  }\n}',
    'check "c" {\n  data "aws_caller_identity" "me" {}\n  assert {\n    condition     = data.aws_caller_identity.me.account_id != ""\n    error_message = "x"\n  }\n}',
    'output "o" {\n  value = data.aws_caller_identity.me.account_id\n}',
    'output "p" {\n  value = var.nope\n}',
  ].join('\n');
  const found = (main: string): string[] =>
    evaluateFiles({ 'main.tf': main, 'c/main.tf': child })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.span?.file}:${d.span?.start.line}:${d.span?.start.column} ${d.message}`);
  // validate: "Reference to undeclared resource" (line 7), "Reference to scoped resource" (line 32, a check's own data source), and var.nope.
  const expected = [
    'c/main.tf:7:11 local.bad: Reference to undeclared resource "aws_iam_role.nope".',
    'c/main.tf:32:11 output "o": Reference to undeclared data source "data.aws_caller_identity.me".',
    'c/main.tf:35:11 output "p": Reference to undeclared input variable "nope".',
  ];
  assert.deepEqual(found('module "n" {\n  source = "./c"\n  count  = 0\n}\n'), expected);
  assert.deepEqual(found('module "n" {\n  source   = "./c"\n  for_each = {}\n}\n'), expected);
  // Evaluated by another call: its evaluation says what it finds (the local and outputs alike), once each.
  assert.deepEqual(found('module "n" {\n  source = "./c"\n  count  = 0\n}\nmodule "k" {\n  source = "./c"\n}\n').length, 3);
});
