// CDK for Terraform's synthesized files: recognised, never edited by a fix, and each fix said as the
// change to make in the construct.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { allRules } from '../rules/index.js';
import { fixInMemory } from './fix-in-memory.js';
import { trailStack } from '../testing/cdktf-stack.js';
import { camelCase, constructAdvice, stackInManifest, synthesizedStackOf } from './synthesized.js';

const FILE = 'cdktf.out/stacks/phi-stack/cdk.tf.json';

describe('recognising synthesized files', () => {
  test('by the stack metadata CDKTF writes at the top', () => {
    assert.deepEqual(synthesizedStackOf(trailStack()), { stack: 'phi-stack', evidence: 'its "//" metadata names CDK for Terraform 0.21.0 stack phi-stack' });
    assert.equal(synthesizedStackOf(trailStack(false)), undefined);
    // A stackName without CDKTF's version beside it is someone else's comment.
    assert.equal(synthesizedStackOf('{"//": {"metadata": {"stackName": "x"}}, "locals": {}}'), undefined);
    assert.equal(synthesizedStackOf('{"//": "stackName"'), undefined, 'not JSON: not recognised, no throw');
  });

  test("by CDKTF's manifest.json listing the file", () => {
    const manifest = JSON.stringify({ stacks: { 'phi-stack': { name: 'phi-stack', synthesizedStackPath: 'stacks/phi-stack/cdk.tf.json', workingDirectory: 'stacks/phi-stack' } }, version: '0.21.0' });
    assert.equal(stackInManifest(manifest, 'stacks/phi-stack/cdk.tf.json')?.stack, 'phi-stack');
    assert.equal(stackInManifest(manifest, 'stacks/other/cdk.tf.json'), undefined);
    assert.equal(stackInManifest('{', 'stacks/phi-stack/cdk.tf.json'), undefined);
  });

  test('argument names as the provider bindings spell them', () => {
    assert.equal(camelCase('enable_log_file_validation'), 'enableLogFileValidation');
    assert.equal(camelCase('iam_database_authentication_enabled'), 'iamDatabaseAuthenticationEnabled');
    assert.equal(camelCase('name'), 'name');
  });
});

describe('what to change in the construct', () => {
  const text = '{\n  "resource": {\n    "aws_dynamodb_table": {\n      "T": {\n        "point_in_time_recovery": {\n          "enabled": false\n        },\n        "name": "t"\n      }\n    }\n  }\n}\n';
  const at = (needle: string, end: string): Finding['span'] => {
    const start = text.indexOf(needle);
    const stop = text.indexOf(end, start) + end.length;
    return { file: FILE, start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: stop } };
  };
  const finding = (constructPath: string | undefined, op: 'top' | 'nested' | 'insert'): Finding => ({
    ruleId: 'r',
    status: 'fail',
    severity: 'high',
    title: 'r',
    message: 'm',
    resource: { address: 'aws_dynamodb_table.T', kind: 'aws_dynamodb_table', ...(constructPath !== undefined ? { constructPath } : {}) },
    span: at('"T"', '\n      }'),
    related: [],
    controls: [],
    fix: {
      description: 'd',
      safety: 'safe',
      terraform: (edit) =>
        op === 'top'
          ? edit.setAttribute(at('"T"', '\n      }'), 'deletion_protection_enabled', 'true')
          : op === 'nested'
            ? edit.setAttribute(at('"point_in_time_recovery"', '\n        }'), 'enabled', 'true')
            : edit.insertBlock(at('"T"', '\n      }'), 'server_side_encryption {\n  enabled = true\n}'),
    },
  });
  const texts = new Map([[FILE, text]]);

  test('an argument of the resource, in camelCase, with its value', () => {
    assert.deepEqual(constructAdvice(finding('s/Table', 'top'), texts), ['in construct s/Table: set deletionProtectionEnabled: true']);
  });
  test('an argument of a nested block, through the block', () => {
    assert.deepEqual(constructAdvice(finding('s/Table', 'nested'), texts), ['in construct s/Table: set pointInTimeRecovery.enabled: true']);
  });
  test('a block to add, and a subject without a construct (the stack)', () => {
    assert.deepEqual(constructAdvice(finding(undefined, 'insert'), texts), ['in the stack: add the serverSideEncryption block (the fix would write: server_side_encryption { enabled = true })']);
  });
});

describe('fixing a synthesized file', () => {
  const rules = allRules.filter((r) => r.id === 'aws-cloudtrail-log-file-validation');

  test('is not edited, the fix is not counted as applied, and the construct change is said', async () => {
    const run = await fixInMemory({ [FILE]: trailStack() }, rules, { unsafe: true, synthesized: new Map([[FILE, { stack: 'phi-stack', evidence: 'e' }]]) });
    assert.deepEqual(run.changed, []);
    assert.equal(run.files.get(FILE), trailStack());
    assert.deepEqual(
      run.entries.map((e) => [e.status, e.ruleId, e.notes]),
      [['in-construct', 'aws-cloudtrail-log-file-validation', ['in construct phi-stack/Audit/Trail: set enableLogFileValidation: true']]],
    );
    assert.equal(run.remaining.length, 1, 'still failing');
  });

  test('the same file not known as synthesized is fixed as before', async () => {
    const run = await fixInMemory({ [FILE]: trailStack() }, rules, { unsafe: true });
    assert.deepEqual(run.changed, [FILE]);
    assert.match(run.files.get(FILE)!, /"enable_log_file_validation": true/);
  });
});
