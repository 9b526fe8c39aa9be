// The `"//"` member of a JSON block: CDKTF's construct path and the suppressions written there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JsonNode } from '../parsers/hcl/ast.js';
import { parseHclJson } from '../parsers/hcl/parse-json.js';
import { constructPathOf } from './json-comment.js';

/** The `"//"` member of `aws_s3_bucket.b` in a file whose resource body is `members`. */
function commentOf(members: string): { node: JsonNode | undefined; text: string } {
  const text = `{"resource": {"aws_s3_bucket": {"b": {${members}, "bucket": "b"}}}}`;
  const { file, diagnostics } = parseHclJson(text, 'cdk.tf.json');
  assert.deepEqual(diagnostics, []);
  return { node: file.body.blocks[0]!.body.jsonComment, text };
}

describe('constructPathOf', () => {
  const cases: [string, string, string | undefined][] = [
    ['CDKTF metadata', '"//": {"metadata": {"path": "phi-stack/PhiStorage/Bucket", "uniqueId": "PhiStorage_Bucket_1A2B3C4D"}}', 'phi-stack/PhiStorage/Bucket'],
    ['metadata without a path', '"//": {"metadata": {"uniqueId": "x"}}', undefined],
    ['a plain comment', '"//": "managed by hand"', undefined],
    ['a path that is no string', '"//": {"metadata": {"path": 3}}', undefined],
  ];
  for (const [name, members, expected] of cases) test(name, () => assert.equal(constructPathOf(commentOf(members).node), expected));

  test('a block without "//" has none, and the member is no argument', () => {
    const { file } = parseHclJson('{"resource": {"aws_s3_bucket": {"b": {"bucket": "b"}}}}', 'main.tf.json');
    assert.equal(file.body.blocks[0]!.body.jsonComment, undefined);
    const withComment = parseHclJson('{"resource": {"aws_s3_bucket": {"b": {"//": "x", "bucket": "b"}}}}', 'main.tf.json').file;
    assert.deepEqual(withComment.body.blocks[0]!.body.attributes.map((a) => a.name), ['bucket']);
  });

  test('the file\'s own "//" is kept on its body (CDKTF\'s stackName and version)', () => {
    const { file } = parseHclJson('{"//": {"metadata": {"stackName": "phi-stack", "version": "0.21.0"}}, "locals": {"a": 1}}', 'cdk.tf.json');
    assert.equal(file.body.jsonComment?.k, 'obj');
  });
});
