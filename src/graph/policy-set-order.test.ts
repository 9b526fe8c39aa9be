import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

/** A document of one statement with these principals and condition blocks, its minified_json as the model reads it. */
function minified(principals: [string, string[]][], conditions: [string, string, string[]][] = []): unknown {
  const blocks = [
    ...principals.map(([type, ids]) => `    principals {\n      type = "${type}"\n      identifiers = ${JSON.stringify(ids)}\n    }\n`),
    ...conditions.map(([t, v, values]) => `    condition {\n      test = "${t}"\n      variable = "${v}"\n      values = ${JSON.stringify(values)}\n    }\n`),
  ].join('');
  const { model } = evaluateFiles({
    'main.tf': `data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["s3:*"]\n    resources = ["*"]\n${blocks}  }\n}\noutput "o" { value = data.aws_iam_policy_document.p.minified_json }\n`,
  });
  const text = model.outputs.find((o) => o.name === 'o')?.value.value;
  return (JSON.parse(text as string) as { Statement: { Principal?: unknown; Condition?: unknown }[] }).Statement[0];
}

// The Principal and Condition terraform plan 1.11.4 (hashicorp/aws 5.100) showed for each.
const CASES: [string, [string, string[]][], [string, string, string[]][], unknown][] = [
  ['blocks in the SDK set order, whatever the written order', [['AWS', ['222222222222']], ['AWS', ['111111111111', '333333333333']]], [], { Principal: { AWS: ['333333333333', '111111111111', '222222222222'] } }],
  ['the same, written the other way round', [['AWS', ['111111111111', '333333333333']], ['AWS', ['222222222222']]], [], { Principal: { AWS: ['333333333333', '111111111111', '222222222222'] } }],
  ['single identifiers joined ascending here', [['AWS', ['c']], ['AWS', ['b']], ['AWS', ['a']]], [], { Principal: { AWS: ['a', 'b', 'c'] } }],
  ['identical blocks are one', [['AWS', ['x1']], ['AWS', ['x1']]], [], { Principal: { AWS: 'x1' } }],
  ['a repeat across different blocks stays', [['AWS', ['x']], ['AWS', ['x', 'y']]], [], { Principal: { AWS: ['x', 'y', 'x'] } }],
  ['services', [['Service', ['ec2.amazonaws.com']], ['Service', ['lambda.amazonaws.com']], ['Service', ['ecs-tasks.amazonaws.com']]], [], { Principal: { Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'] } }],
  ['condition values of one key joined in the blocks\' set order', [], [['StringEquals', 'k', ['b']], ['StringEquals', 'k', ['a']], ['StringEquals', 'k', ['c', 'a']]], { Condition: { StringEquals: { k: ['c', 'a', 'a', 'b'] } } }],
  ['identical condition blocks are one', [], [['StringLike', 'k', ['x']], ['StringLike', 'k', ['x']]], { Condition: { StringLike: { k: 'x' } } }],
];

for (const [name, principals, conditions, expected] of CASES) {
  test(`aws_iam_policy_document reads principals and conditions as sets of blocks: ${name}`, () => {
    const statement = minified(principals, conditions) as Record<string, unknown>;
    const shown: Record<string, unknown> = {};
    for (const k of ['Principal', 'Condition']) if (statement[k] !== undefined) shown[k] = statement[k];
    assert.deepEqual(shown, expected);
  });
}
