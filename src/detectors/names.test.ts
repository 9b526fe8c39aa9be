import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAboutASecret, isPatientContext, isSecretName, phiContextOf } from './names.js';

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
