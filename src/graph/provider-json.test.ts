import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';
import { isUnknown } from '../model/value.js';

// Each expected value is what terraform plan 1.11.4 with hashicorp/aws 5.100.0 planned for the
// argument (plan.json's "after"), unknown where it showed "(known after apply)".
const VALID = '{ Version = "2012-10-17", Statement = [{ Sid = "x", Effect = "Allow", Action = ["s3:B", "s3:A"], Resource = "arn:aws:s3:::<b>&\'x" }] }';
const SORTED = '{"Statement":[{"Action":["s3:B","s3:A"],"Effect":"Allow","Resource":"arn:aws:s3:::\\u003cb\\u003e\\u0026\'x","Sid":"x"}],"Version":"2012-10-17"}';
const LEGACY = '{"Version":"2012-10-17","Statement":[{"Action":["s3:B","s3:A"],"Effect":"Allow","Resource":"arn:aws:s3:::\\u003cb\\u003e\\u0026\'x","Sid":"x"}]}';
const NUMS = '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { NumericLessThan = { a = 12345678901234567890, c = 1e21, d = 1e-7, e = 2.50 } } }] }';
const NUMS_PLANNED = '{"Statement":[{"Action":"s3:*","Condition":{"NumericLessThan":{"a":12345678901234567000,"c":1e+21,"d":1e-7,"e":2.5}},"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}';
const UNKNOWN = Symbol('unknown');

const CASES: [what: string, resource: string, argument: string, written: string, planned: unknown][] = [
  ['a managed policy: keys sorted, no spaces, HTML characters escaped', 'aws_iam_policy', 'policy', `jsonencode(${VALID})`, SORTED],
  ['a role policy: the legacy form, Version first', 'aws_iam_role_policy', 'policy', `jsonencode(${VALID})`, LEGACY],
  ['a user policy: the legacy form', 'aws_iam_user_policy', 'policy', `jsonencode(${VALID})`, LEGACY],
  ['an assume-role policy: sorted', 'aws_iam_role', 'assume_role_policy', `jsonencode(${VALID})`, SORTED],
  ['a bucket policy from a heredoc', 'aws_s3_bucket_policy', 'policy', '<<-J\n    {\n      "Version": "2012-10-17",\n      "Statement": [{"Sid": "x", "Effect": "Allow", "Action": ["s3:B", "s3:A"], "Resource": "arn:aws:s3:::<b>&\'x"}]\n    }\n  J', SORTED],
  ['numbers as Go writes a float64', 'aws_sqs_queue', 'policy', `jsonencode(${NUMS})`, NUMS_PLANNED],
  ['an extra key of the document stays, Version still first', 'aws_iam_group_policy', 'policy', 'jsonencode({ Version = "2012-10-17", Foo = 1, Statement = [] })', '{"Version":"2012-10-17","Foo":1,"Statement":[]}'],
  ['a policy equal to none, of an argument only written: ""', 'aws_iam_policy', 'policy', 'jsonencode({ a = "x" })', ''],
  ['no statements and no Version: ""', 'aws_s3_bucket_policy', 'policy', 'jsonencode({ Statement = [] })', ''],
  ['a policy equal to none, of an argument the provider also computes: unknown', 'aws_sqs_queue', 'policy', '"{}"', UNKNOWN],
  ['the glacier vault: null', 'aws_glacier_vault', 'access_policy', '"{}"', null],
  ['an Id alone is a policy', 'aws_kms_key', 'policy', 'jsonencode({ Id = "x" })', '{"Id":"x"}'],
  ['Version matched case-insensitively, as Go does', 'aws_iam_policy', 'policy', '"{\\"version\\":\\"2012-10-17\\",\\"statement\\":[]}"', '{"statement":[],"version":"2012-10-17"}'],
  ['text that is no JSON object stays as written', 'aws_iam_policy', 'policy', '"not json"', 'not json'],
];

for (const [what, type, arg, written, planned] of CASES) {
  test(`a JSON policy argument as the AWS provider plans it: ${what}`, () => {
    const { model } = evaluateFiles({
      'main.tf': `resource "${type}" "r" {\n  ${arg} = ${written}\n}\noutput "o" {\n  value = ${type}.r.${arg}\n}\n`,
    });
    const out = model.outputs.find((o) => o.name === 'o')?.value.value;
    const attr = model.resources.find((r) => r.type === type)?.attributes.get(arg)?.value;
    const nulled = model.resources.find((r) => r.type === type)?.nullArguments?.has(arg);
    if (planned === UNKNOWN) {
      assert.ok(isUnknown(out), `output: ${JSON.stringify(out)}`);
      assert.ok(isUnknown(attr), `attribute: ${JSON.stringify(attr)}`);
    } else if (planned === null) {
      assert.ok(nulled, 'the argument is planned null');
    } else {
      assert.equal(out, planned);
      assert.equal(attr, planned);
    }
  });
}

test("an aws_iam_role's inline_policy block: the legacy form", () => {
  const { model } = evaluateFiles({
    'main.tf': `resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  inline_policy {\n    name   = "i"\n    policy = jsonencode(${VALID})\n  }\n}\n`,
  });
  const role = model.resources.find((r) => r.type === 'aws_iam_role');
  assert.equal(role?.blocks.find((b) => b.type === 'inline_policy')?.attributes.get('policy')?.value, LEGACY);
  assert.equal(role?.attributes.get('assume_role_policy')?.value, '');
});
