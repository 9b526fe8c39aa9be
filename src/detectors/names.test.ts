import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAboutASecret, isMaskedName, isPatientContext, isSecretContext, isSecretName, nameTokens, phiContextOf } from './names.js';

test('names that announce PHI, and look-alikes infrastructure code uses for other things', () => {
  for (const name of ['patient_email', 'tags.PatientSsn', 'medicare_id', 'medicare_beneficiary_number', 'dx_codes', 'patient_dob']) assert.ok(isPatientContext(phiContextOf(name)), name);
  // AWS Direct Connect (dx) and a program's configuration (CMS's medicare_opt_out_config) name no person's data.
  for (const name of ['dx_gateway_id', 'dx_connection_id', 'medicare_opt_out_config', 'patient_records_bucket', 'member_account_email']) assert.equal(isPatientContext(phiContextOf(name)), false, name);
});

test('a write-only argument is the secret itself; a setting named with tokens is not one', () => {
  assert.equal(isSecretName('password_wo'), true);
  assert.equal(isSecretName('master_password_wo'), true);
  assert.equal(isSecretName('password_wo_version'), false);
  assert.equal(isAboutASecret('http_tokens'), true);
  assert.equal(isAboutASecret('db_password'), false);
});

test('condition is a diagnosis only as a medical one, not an IAM or alarm condition', () => {
  for (const name of ['patient_condition', 'medical_conditions', 'condition_code', 'tags.HealthCondition']) assert.ok(phiContextOf(name).has('diagnosis'), name);
  for (const name of ['trust_condition_test', 'conditions', 'alarm_condition', 'condition_key', 'policy.statement.condition']) assert.equal(phiContextOf(name).has('diagnosis'), false, name);
});

test('values under a short form of password are masked, though the secret rules do not read the name as a secret', () => {
  for (const name of ['db_pw', 'admin_pass', 'DB_PASS', 'pw', 'rootPwd', 'db_password']) assert.equal(isMaskedName(name), true, name);
  for (const name of ['db_pw_length', 'pass_through', 'bypass', 'health_check', 'pw_rotation_days']) assert.equal(isMaskedName(name), false, name);
  assert.equal(isSecretName('db_pw'), false);
});

test('a name\'s secret core, kept once worked out, answers every question alike and leaves its tokens whole', () => {
  // Asked in turn and again: the core of each name is kept after the first ask (names.ts secretCore).
  const asks = (name: string): boolean[] => [isSecretName(name), isSecretContext(name), isMaskedName(name), isAboutASecret(name)];
  const expected: Record<string, boolean[]> = {
    db_password_value: [true, true, true, false],
    password_length: [false, false, false, true],
    signing_key_pem: [true, true, true, false],
    hmac_salt: [false, true, false, false],
    root_pass_b64: [false, false, true, false],
    creation_token: [false, false, false, true],
    bucket: [false, false, false, false],
  };
  for (let round = 0; round < 2; round++) for (const [name, answers] of Object.entries(expected)) assert.deepEqual(asks(name), answers, `${name} (round ${round + 1})`);
  // The core drops the transparent suffix; the name's own tokens keep it.
  assert.deepEqual(nameTokens('db_password_value'), ['db', 'password', 'value']);
});
