// Fixes in Terraform's JSON syntax (issue 10): attribute edits in .tf.json keep the rest of the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allRules } from '../rules/index.js';
import { fixInMemory } from './fix-in-memory.js';
import { hclValueToJson } from './json-editor.js';

const rules = (...ids: string[]) => allRules.filter((r) => ids.includes(r.id));

describe('HCL values in JSON syntax', () => {
  test('literals stay literals; references, calls and interpolations become "${...}" strings', () => {
    assert.equal(hclValueToJson('true'), 'true');
    assert.equal(hclValueToJson('30'), '30');
    assert.equal(hclValueToJson('null'), 'null');
    assert.equal(hclValueToJson('"aws:kms"'), '"aws:kms"');
    assert.equal(hclValueToJson('aws_kms_key.phi.arn'), '"${aws_kms_key.phi.arn}"');
    assert.equal(hclValueToJson('"${aws_s3_bucket.b.arn}/*"'), '"${aws_s3_bucket.b.arn}/*"');
    assert.equal(hclValueToJson('max(7, var.days)'), '"${max(7, var.days)}"');
    assert.equal(hclValueToJson('["TLSv1.2", aws_kms_key.k.id]'), '["TLSv1.2", "${aws_kms_key.k.id}"]');
    assert.equal(hclValueToJson('{ enabled = true, "mode" = "x" }'), '{"enabled": true, "mode": "x"}');
  });
});

describe('fixing .tf.json files', () => {
  const main = `{
  "resource": {
    "aws_kms_key": {
      "phi": {
        "description": "PHI key",
        "enable_key_rotation": false
      }
    },
    "aws_ebs_volume": {
      "data": { "availability_zone": "us-east-1a", "size": 10 }
    }
  }
}
`;

  test('a value is replaced in place and a missing member added in the object\'s layout; the result is valid JSON and the rules pass', async () => {
    const run = await fixInMemory({ 'main.tf.json': main }, rules('aws-kms-key-rotation', 'aws-ebs-volume-encrypted'), { unsafe: true });
    const after = run.files.get('main.tf.json')!;
    assert.equal(after, main.replace('"enable_key_rotation": false', '"enable_key_rotation": true').replace('"size": 10 }', '"size": 10, "encrypted": true }'));
    JSON.parse(after);
    assert.deepEqual(run.remaining, []);
  });

  test('an empty object gets the member on its own line: tab-indented and minified files keep their layout', async () => {
    const tabs = '{\r\n\t"variable": {\r\n\t\t"api_token": {},\r\n\t\t"db_password": {\r\n\t\t}\r\n\t}\r\n}\r\n';
    const run = await fixInMemory({ 'vars.tf.json': tabs, 'min.tf.json': '{"resource":{"aws_kms_key":{"e":{}}}}' }, rules('tf-sensitive-variables', 'aws-kms-key-rotation'), { unsafe: true });
    assert.equal(run.files.get('vars.tf.json'), tabs.replace('"api_token": {}', '"api_token": {"sensitive": true}').replace('"db_password": {\r\n\t\t}', '"db_password": {\r\n\t\t\t"sensitive": true\r\n\t\t}'));
    assert.equal(run.files.get('min.tf.json'), '{"resource":{"aws_kms_key":{"e":{"enable_key_rotation": true}}}}');
    assert.deepEqual(run.remaining.map((f) => f.ruleId), []);
  });

  test('line endings: a CRLF file keeps CRLF; in a file of both, the member takes the ending of the line it follows', async () => {
    const crlf = main.replace(/\n/g, '\r\n').replace('"enable_key_rotation": false', '"description2": "x"');
    const run = await fixInMemory({ 'crlf.tf.json': crlf }, rules('aws-kms-key-rotation'), { unsafe: true });
    assert.equal(run.files.get('crlf.tf.json'), crlf.replace('"description2": "x"', '"description2": "x",\r\n        "enable_key_rotation": true'));
    // A block pasted in with LF into a CRLF file, and the other way round: the member ends as its neighbours do.
    for (const [outer, inner] of [['\r\n', '\n'], ['\n', '\r\n']] as const) {
      const text = `{${outer}  "resource": {${outer}    "aws_kms_key": {${inner}      "phi": {${inner}        "description": "PHI key"${inner}      }${inner}    }${outer}  }${outer}}${outer}`;
      const fixed = (await fixInMemory({ 'mixed.tf.json': text }, rules('aws-kms-key-rotation'), { unsafe: true })).files.get('mixed.tf.json');
      assert.equal(fixed, text.replace('"PHI key"', `"PHI key",${inner}        "enable_key_rotation": true`), JSON.stringify(inner));
    }
  });

  test('an empty object spread over lines takes the file\'s indentation step (four spaces)', async () => {
    const four = '{\n    "resource": {\n        "aws_kms_key": {\n            "e": {\n            }\n        }\n    }\n}\n';
    const run = await fixInMemory({ 'four.tf.json': four }, rules('aws-kms-key-rotation'), { unsafe: true });
    assert.equal(run.files.get('four.tf.json'), four.replace('"e": {\n            }', '"e": {\n                "enable_key_rotation": true\n            }'));
  });

  test('a fix that needs a new nested block says it must be made by hand in JSON syntax', async () => {
    const noMetadata = '{\n  "resource": {\n    "aws_instance": {\n      "web": {\n        "ami": "ami-0123456789abcdef0",\n        "instance_type": "t3.micro"\n      }\n    }\n  }\n}\n';
    const run = await fixInMemory({ 'main.tf.json': noMetadata }, rules('aws-ec2-imdsv2-required'), { unsafe: true });
    assert.deepEqual(run.changed, []);
    assert.match(run.entries[0]!.notes.join(' '), /JSON syntax, where fixes only set attributes so far/);
  });
});
