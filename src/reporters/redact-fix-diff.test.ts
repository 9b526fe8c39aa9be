// The texts `fix --dry-run` diffs: a reported literal is hidden on every line where it appears,
// and a line the fix did not change reads the same on both sides (no -/+ pair), with nothing
// masked on one side only. Fake values throughout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../fixes/unified-diff.js';
import { maskFixDiffTexts } from './redact-fix-diff.js';
import { reportedLiterals } from './redact.js';

/** The ranges of the given substrings of `text` (each its first occurrence). */
const rangesOf = (text: string, ...parts: string[]): [number, number][] => parts.map((p) => [text.indexOf(p), text.indexOf(p) + p.length]);
const changedLines = (diff: string): string[] => diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l));

const CALLER = `module "lb" {
  source = "../mod"

  listeners = {
    weighted = {
      protocol      = "HTTPS"
      client_id     = "client_id"
      client_secret = "client_secret"
    }
  }
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.nano"
}
`;

test('a fix elsewhere in the file: the reported object prints the same on both sides, its names unmasked', () => {
  const fixed = CALLER.replace('  instance_type = "t3.nano"\n', '  instance_type = "t3.nano"\n\n  metadata_options {\n    http_tokens = "required"\n  }\n');
  // The secret rule reports the whole listeners value (the literal came through a module input).
  const { before, after } = maskFixDiffTexts(CALLER, rangesOf(CALLER, CALLER.slice(CALLER.indexOf('{\n    weighted'), CALLER.indexOf('\n}\n'))), fixed);
  assert.deepEqual(changedLines(unifiedDiff('a', 'b', before, after)), ['+', '+  metadata_options {', '+    http_tokens = "required"', '+  }']);
  assert.match(after, /^ {6}client_id {5}= "\*{9}"$/m, 'the key stays, the value is masked');
  assert.match(after, /^ {6}client_secret = "\*{13}"$/m);
  assert.ok(!after.includes('"client_secret"') && !before.includes('"client_secret"'));
});

test('a realigned line keeps its masks, even of a short literal; a moved one is masked where it lands', () => {
  const text = 'resource "aws_instance" "j" {\n  ami = "ami-1"\n  user_data = "pw=Ab1"\n}\n\nlocals {\n  token = "tokEXAMPLE123"\n}\n';
  const fixed = 'resource "aws_instance" "j" {\n  ami       = "ami-1"\n  user_data = "pw=Ab1"\n  ebs_optimized = true\n}\n\nlocals {\n  # moved\n  tok = "tokEXAMPLE123"\n}\n';
  const { before, after } = maskFixDiffTexts(text, rangesOf(text, '"pw=Ab1"', '"tokEXAMPLE123"'), fixed);
  assert.ok(!after.includes('pw=Ab1') && !after.includes('tokEXAMPLE123') && !before.includes('pw=Ab1') && !before.includes('tokEXAMPLE123'));
  assert.match(after, /^ {2}user_data = "\*{6}"$/m);
  assert.match(after, /^ {2}tok = "\*{13}"$/m);
  assert.match(after, /^ {2}ami {7}= "ami-1"$/m, 'what was not masked before is not masked after');
});

test('the reported literal is masked in every quoted string on both sides, names and bare words stay', () => {
  const text = 'locals {\n  a = "secretEXAMPLE9"\n  b = "x-secretEXAMPLE9-y"\n  secretEXAMPLE9 = 1\n}\n\nresource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n';
  const fixed = text.replace('enable_key_rotation = false', 'enable_key_rotation = true');
  const { before, after } = maskFixDiffTexts(text, rangesOf(text, '"secretEXAMPLE9"'), fixed);
  for (const side of [before, after]) {
    assert.match(side, /b = "x-\*{14}-y"/);
    assert.match(side, /^ {2}secretEXAMPLE9 = 1$/m, 'a bare name is not the reported string');
  }
  assert.deepEqual(changedLines(unifiedDiff('a', 'b', before, after)), ['-  enable_key_rotation = false', '+  enable_key_rotation = true']);
});

test('an unchanged heredoc body stays masked and unchanged', () => {
  const text = 'resource "aws_instance" "j" {\n  user_data = <<EOF\nexport PW=hunterEXAMPLE\nEOF\n}\n';
  const fixed = text.replace('  user_data', '  monitoring = true\n  user_data');
  const { before, after } = maskFixDiffTexts(text, [[text.indexOf('<<EOF'), text.indexOf('EOF\n}') + 3]], fixed);
  assert.ok(!after.includes('hunterEXAMPLE'));
  assert.deepEqual(changedLines(unifiedDiff('a', 'b', before, after)), ['+  monitoring = true']);
});

test('a .tf.json fix: the member names of the reported literal stay on both sides, its value is masked', () => {
  // `fix --dry-run` on a CDK for Terraform stack printed `"********": "*****"` for the password line.
  const text = '{\n  "resource": {"aws_db_instance": {"db": {\n    "password": "jsonFIXcanary1",\n    "storage_encrypted": false\n  }}}\n}\n';
  const fixed = text.replace('"storage_encrypted": false', '"storage_encrypted": true');
  const { before, after } = maskFixDiffTexts(text, rangesOf(text, '"password": "jsonFIXcanary1"'), fixed, true);
  for (const side of [before, after]) {
    assert.match(side, /^ {4}"password": "\*{14}",$/m);
    assert.ok(!side.includes('jsonFIXcanary1'));
  }
  assert.deepEqual(changedLines(unifiedDiff('a', 'b', before, after)), ['-    "storage_encrypted": false', '+    "storage_encrypted": true']);
});

test('a fix turning an SSM parameter into a SecureString: the type reads as written on both sides', () => {
  // The finding on `type = "String"` is about the setting: its "String" was masked, and "Secure******" shown after.
  const text = 'resource "aws_ssm_parameter" "pw" {\n  name     = "/phi/db/password"\n  type     = "String"\n  value_wo = var.db_password\n}\n';
  const fixed = text.replace('"String"', '"SecureString"');
  const ranges = reportedLiterals([{ ruleId: 'tf-no-secrets-in-compute-config', status: 'fail', message: 'aws_ssm_parameter.pw stores the secret-named parameter "/phi/db/password" as type String, which is not encrypted; use SecureString.', span: { file: 'main.tf', start: { offset: text.indexOf('type') }, end: { offset: text.indexOf('"String"') + 8 } } }]);
  const { before, after } = ranges.get('main.tf') ? maskFixDiffTexts(text, ranges.get('main.tf')!, fixed) : { before: text, after: fixed };
  assert.deepEqual(changedLines(unifiedDiff('a', 'b', before, after)), ['-  type     = "String"', '+  type     = "SecureString"']);
});
