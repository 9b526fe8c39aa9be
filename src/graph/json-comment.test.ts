// The `"//"` member of a JSON block: CDKTF's construct path and the suppressions written there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JsonNode } from '../parsers/hcl/ast.js';
import { parseHclJson } from '../parsers/hcl/parse-json.js';
import { constructPathOf, readJsonComment } from './json-comment.js';

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

describe('readJsonComment', () => {
  const cases: { name: string; members: string; lines: string[]; problems?: RegExp[] }[] = [
    { name: 'CDKTF metadata alone: nothing', members: '"//": {"metadata": {"path": "s/b", "uniqueId": "b"}}', lines: [] },
    {
      name: 'the safeguard form with an expiry',
      members: '"//": {"safeguard": {"ignore": [{"id": "aws-s3-bucket-access-logging", "reason": "logs go to the SIEM\\nvia Firehose", "expires": "2027-01-31"}]}}',
      lines: ['safeguard:ignore aws-s3-bucket-access-logging exp:2027-01-31 logs go to the SIEM via Firehose'],
    },
    { name: 'the safeguard form without a reason: kept, the engine refuses it and says so', members: '"//": {"safeguard": {"ignore": [{"id": "CKV_AWS_18"}]}}', lines: ['safeguard:ignore CKV_AWS_18'] },
    {
      name: "Checkov's form (checkov#4634)",
      members: '"//": {"metadata": {"path": "s/b"}, "checkov": {"skip": [{"id": "CKV_AWS_18", "comment": "access logs not needed"}, {"id": "CKV_AWS_21"}]}}',
      lines: ['checkov:skip=CKV_AWS_18:access logs not needed', 'checkov:skip=CKV_AWS_21'],
    },
    { name: 'a plain string is a comment', members: '"//": "checkov:skip=CKV_AWS_18:not needed"', lines: ['checkov:skip=CKV_AWS_18:not needed'] },
    { name: 'a string member beside the metadata is a comment', members: '"//": {"metadata": {"path": "s/b"}, "note": "safeguard:ignore aws-s3-bucket-access-logging not needed"}', lines: ['safeguard:ignore aws-s3-bucket-access-logging not needed'] },
    {
      name: 'a misspelt key: the entry is not honoured, and said so',
      members: '"//": {"safeguard": {"ignore": [{"id": "aws-s3-bucket-access-logging", "reason": "r", "expiry": "2027-01-01"}]}}',
      lines: [],
      problems: [/has no key "expiry"/],
    },
    { name: 'an expiry that is no date', members: '"//": {"safeguard": {"ignore": [{"id": "x", "reason": "r", "expires": "next year"}]}}', lines: [], problems: [/not a YYYY-MM-DD date/] },
    { name: 'no id', members: '"//": {"checkov": {"skip": [{"comment": "c"}]}}', lines: [], problems: [/names no rule/] },
    { name: 'an id that is no rule id', members: '"//": {"safeguard": {"ignore": [{"id": "all of them", "reason": "r"}]}}', lines: [], problems: [/is not a rule id/] },
    { name: 'a reason that is no string', members: '"//": {"safeguard": {"ignore": [{"id": "x", "reason": true}]}}', lines: [], problems: [/"reason" .* is a boolean/] },
    { name: 'the list is a string', members: '"//": {"checkov": {"skip": "CKV_AWS_18"}}', lines: [], problems: [/not a list of entries/] },
    { name: 'an entry that is a string', members: '"//": {"safeguard": {"ignore": ["aws-s3-bucket-access-logging"]}}', lines: [], problems: [/is a string, not an object/] },
    { name: 'the section is a list', members: '"//": {"safeguard": [{"id": "x", "reason": "r"}]}', lines: [], problems: [/"\/\/".safeguard is an array/] },
    { name: 'a key beside the list', members: '"//": {"safeguard": {"skip": []}}', lines: [], problems: [/"\/\/".safeguard has no key "skip"/] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { node } = commentOf(c.members);
      const reading = readJsonComment(node);
      assert.deepEqual(reading.lines.map((l) => l.text), c.lines);
      assert.equal(reading.problems.length, c.problems?.length ?? 0, JSON.stringify(reading.problems));
      for (const [i, p] of (c.problems ?? []).entries()) assert.match(reading.problems[i]!.message, p);
    });
  }

  test('a line and a problem point at their entry and value', () => {
    const { node, text } = commentOf('"//": {"safeguard": {"ignore": [{"id": "a", "reason": "r"}, {"id": "b", "reason": "r", "expires": "soon"}]}}');
    const reading = readJsonComment(node);
    assert.equal(text.slice(reading.lines[0]!.range.start, reading.lines[0]!.range.end), '{"id": "a", "reason": "r"}');
    assert.equal(text.slice(reading.problems[0]!.range.start, reading.problems[0]!.range.end), '"soon"');
  });
});
