import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionMatches, parsePolicy, policiesOf, policyOf } from '../../../adapters/aws/iam-policy.js';
import type { Sourced } from '../../../model/sourced.js';
import { evaluateTerraform } from '../../../graph/index.js';
import type { InfraModel } from '../../../model/infra-model.js';
import { allowsAction, identityPolicyOwners, judgeIdentityPolicies, pinsCaller, readSourcedPolicy, statementLabel, type PolicyStatement } from './policy-statements.js';

function modelOf(terraform: string): InfraModel {
  const files = new Map([['main.tf', terraform]]);
  return evaluateTerraform({ files, readFile: (path) => files.get(path) }).model;
}

const policy = (name: string, action: string): string =>
  `resource "aws_iam_policy" "${name}" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }]\n  })\n}\n`;

const decryptVerdict = (statement: Parameters<typeof allowsAction>[0]) =>
  allowsAction(statement, 'kms:Decrypt') === true ? { kind: 'fail' as const, message: 'decrypts' } : { kind: 'ok' as const };

test('each owner is judged on its own policies, and two models give their own verdicts (memos per model)', () => {
  const one = modelOf(policy('a', 'kms:*') + policy('b', 's3:GetObject'));
  const two = modelOf(policy('a', 's3:GetObject') + policy('b', 'kms:Decrypt'));
  const statuses = (model: InfraModel): string[] => identityPolicyOwners(model).map((owner) => `${owner.address} ${judgeIdentityPolicies(model, owner, decryptVerdict, 'ok').map((o) => o.status).join(',')}`);
  assert.deepEqual(statuses(one), ['aws_iam_policy.a fail', 'aws_iam_policy.b pass']);
  assert.deepEqual(statuses(two), ['aws_iam_policy.a pass', 'aws_iam_policy.b fail']);
  assert.deepEqual(statuses(one), ['aws_iam_policy.a fail', 'aws_iam_policy.b pass']);
});

test('a policy attribute is parsed once and read the same each time', () => {
  const model = modelOf(policy('a', 'kms:*'));
  const raw = model.ofType('aws_iam_policy')[0]!.attributes.get('policy')!;
  const doc = readSourcedPolicy(raw);
  assert.ok(doc && doc !== 'unknown');
  assert.equal(readSourcedPolicy(raw), doc);
  assert.deepEqual(doc.statements.map((s) => s.actions), [['kms:*']]);
});

test('one parse of a policy attribute serves policiesOf and the rules, and readSourcedPolicy answers as it read the text itself', () => {
  const model = modelOf(policy('a', 'kms:*'));
  const [identity] = policiesOf(model);
  assert.ok(identity !== undefined && typeof identity.document === 'object');
  assert.equal(policyOf(identity.raw), identity.document, 'policiesOf keeps the shared parse');
  assert.equal(readSourcedPolicy(identity.raw), identity.document, 'the rules read the same document');
  // Where parsePolicy finds no policy, readSourcedPolicy reads the text itself: not JSON, with an
  // apply-time part, it may be a policy at apply time ('unknown'); not JSON and fully known, it is none.
  const sourced = (value: Sourced['value']): Sourced => ({ value, span: identity.raw.span, provenance: 'explicit', via: [] }) as unknown as Sourced;
  const partly = sourced('{"Statement": [${unknown}]');
  assert.equal(policyOf(partly), undefined);
  assert.equal(readSourcedPolicy(partly), 'unknown');
  assert.equal(readSourcedPolicy(sourced('not a policy')), undefined);
  assert.equal(policyOf(undefined), undefined);
});

test('policy elements are found in any case, and an absent one is absent', () => {
  const doc = parsePolicy('{"statement": {"EFFECT": "Deny", "action": "kms:Decrypt", "NotResource": "arn:aws:kms:*", "Resources": "ignored", "sid": "S1"}}');
  assert.ok(doc !== undefined && doc !== 'unknown');
  const [s] = doc.statements;
  assert.equal(s?.effect, 'Deny');
  assert.equal(s?.sid, 'S1');
  assert.deepEqual(s?.actions, ['kms:Decrypt']);
  assert.deepEqual(s?.notResources, ['arn:aws:kms:*']);
  assert.deepEqual(s?.resources, [], '"Resources" is not "Resource"');
  assert.deepEqual(s?.notActions, []);
});

test('actionMatches: compiled patterns give the same answers on every call', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(actionMatches('kms:*', 'kms:Decrypt'), true);
    assert.equal(actionMatches('KMS:decrypt', 'kms:Decrypt'), true);
    assert.equal(actionMatches('kms:Decrypt', 'kms:DecryptMore'), false);
    assert.equal(actionMatches('s3:Get?bject', 's3:GetObject'), true);
    assert.equal(actionMatches('s3.Get*', 's3:GetObject'), false, 'a dot is literal');
  }
});

test('a statement is labelled by its Sid, or by its position when the Sid is known only at apply time', () => {
  const statement = (sid: string | undefined): PolicyStatement => ({ ...({} as PolicyStatement), ...(sid === undefined ? {} : { sid }) });
  assert.equal(statementLabel(statement('ReadOnly'), 0), 'statement "ReadOnly"');
  assert.equal(statementLabel(statement('${unknown}'), 2), 'statement 3');
  assert.equal(statementLabel(statement(undefined), 1), 'statement 2');
});

test('a condition value restricts a public principal only when fixed: no wildcard, or one after a fixed account or organization', () => {
  for (const v of ['123456789012', 'arn:aws:iam::123456789012:role/app', 'arn:aws:iam::123456789012:role/*', 'o-abc123def4', 'o-abc123def4/r-ab12/ou-*', 'vpce-0abc']) assert.equal(pinsCaller(v), true, v);
  for (const v of ['*', 'arn:aws:iam::*:*', 'arn:aws:iam::*:role/*', 'arn:aws:s3:::*', 'arn:aws:s3:::phi-*', '*1*', '12345678901?', 'arn:aws:iam::${aws:username}:root', 'vpce-*']) assert.equal(pinsCaller(v), false, v);
});
