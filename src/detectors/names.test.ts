import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPatientContext, phiContextOf } from './names.js';

test('names that announce PHI, and look-alikes infrastructure code uses for other things', () => {
  for (const name of ['patient_email', 'tags.PatientSsn', 'medicare_id', 'medicare_beneficiary_number', 'dx_codes', 'patient_dob']) assert.ok(isPatientContext(phiContextOf(name)), name);
  // AWS Direct Connect (dx) and a program's configuration (CMS's medicare_opt_out_config) name no person's data.
  for (const name of ['dx_gateway_id', 'dx_connection_id', 'medicare_opt_out_config', 'patient_records_bucket', 'member_account_email']) assert.equal(isPatientContext(phiContextOf(name)), false, name);
});
