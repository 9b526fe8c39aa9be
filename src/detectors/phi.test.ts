import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { phiIn } from './index.js';
import { detectPhiInValue, findPhiInText, isValidDea, isValidMbi, isValidNpi, isValidSsn } from './phi.js';

describe('PHI validators', () => {
  test('SSN area/group/serial', () => {
    for (const v of ['123-45-6789', '001-01-0001', '899-99-9999', '123456789']) assert.ok(isValidSsn(v), v);
    for (const v of ['000-12-3456', '666-12-3456', '900-12-3456', '987-65-4321', '123-00-4567', '123-45-0000', '078-05-1120', '12-345-6789']) assert.ok(!isValidSsn(v), v);
  });
  test('NPI Luhn with the 80840 prefix', () => {
    assert.ok(isValidNpi('1234567893')); // CMS's published example
    assert.ok(!isValidNpi('1234567890'));
    assert.ok(!isValidNpi('3234567893')); // must start with 1 or 2
  });
  test('MBI format', () => {
    assert.ok(isValidMbi('1EG4-TE5-MK73'));
    assert.ok(isValidMbi('1EG4TE5MK73'));
    assert.ok(!isValidMbi('1EG4-TE5-MK7S')); // S is never used
    assert.ok(!isValidMbi('0EG4-TE5-MK73')); // first character 1-9
  });
  test('DEA checksum', () => {
    assert.ok(isValidDea('AB1234563'));
    assert.ok(!isValidDea('AB1234567'));
    assert.ok(!isValidDea('ZB1234563')); // Z is not a registrant type
  });
});

describe('PHI detection: true positives', () => {
  const cases: [string, string, string, string][] = [
    ['dashed SSN without context', 'ref 123-45-6789', 'notes', 'ssn'],
    ['undashed SSN under an ssn key', '123456789', 'patient_ssn', 'ssn'],
    ['SSN under social_security_number', '219-45-6789', 'social_security_number', 'ssn'],
    ['NPI under npi', '1234567893', 'prescriber_npi', 'npi'],
    ['dashed MBI without context', '1EG4-TE5-MK73', 'note', 'mbi'],
    ['undashed MBI for a patient', '1EG4TE5MK73', 'patient_medicare_id', 'mbi'],
    ['DEA number', 'AB1234563', 'dea_number', 'dea'],
    ['MRN', 'MRN-0048213', 'mrn', 'mrn'],
    ['medical record number', '00482137', 'medical_record_number', 'mrn'],
    ['date of birth', '1984-03-12', 'patient_dob', 'dob'],
    ['US date of birth', '03/12/1984', 'DateOfBirth', 'dob'],
    ['patient email', 'jane.doe@gmail.com', 'tags.PatientEmail', 'patient-email'],
    ['patient phone', '(415) 555-2671', 'patient_phone', 'patient-phone'],
    ['patient name', 'Jane Q. Doe', 'patient_name', 'patient-name'],
    ['member id', 'W123456789', 'member_id', 'member-id'],
    ['patient address', '42 Wallaby Way', 'patient_address', 'patient-address'],
    ['diagnosis for a patient', 'E11.9', 'patient_diagnosis', 'diagnosis'],
    ['patient name with leading blanks', '  Jane Q. Doe', 'patient_name', 'patient-name'],
    ['patient email in lower case', 'jdoe@example.org', 'patient_email', 'patient-email'],
  ];
  for (const [name, value, path, kind] of cases) {
    test(name, () => {
      const found = detectPhiInValue(value, path);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]!.kind, kind);
      assert.ok(!found[0]!.redacted.includes(value.trim()), 'the preview never holds the value');
    });
  }
});

describe('PHI detection: near misses do not fire', () => {
  const cases: [string, string, string][] = [
    ['9-digit order number', '123456789', 'order_number'],
    ['9-digit number with no key', '123456789', ''],
    ['invalid SSN area 000', '000-12-3456', 'ssn'],
    ['invalid SSN area 666', '666-12-3456', 'ssn'],
    ['invalid SSN area 9xx', '912-34-5678', 'ssn'],
    ['SSN-like number inside a longer number', '1123-45-67890', 'notes'],
    ['NPI failing Luhn', '1234567890', 'npi'],
    ['Luhn-valid 10 digits without an NPI key', '1234567893', 'build_id'],
    ['DEA failing its checksum', 'AB1234567', 'dea_number'],
    ['DEA shape without context', 'AB1234563', 'reference'],
    ['date without a birth key', '1984-03-12', 'created_on'],
    ['impossible date of birth', '1984-02-30', 'dob'],
    ['ops email (no patient context)', 'oncall@clinic.org', 'alarm_email'],
    ['AWS Organizations member account email', 'aws-prod@clinic.org', 'member_account_email'],
    ['team name under owner', 'Platform Team', 'owner'],
    ['bucket name under a patient key', 'patient-records-prod', 'patient_records_bucket'],
    ['capitalised non-name in a patient name key', 'Patient Records', 'patient_name'],
    ['AWS account id under member', '123456789012', 'member_id'],
    ['member count', '12345678', 'member_count'],
    ['ICD-10 code with no patient', 'E11.9', 'diagnosis_code_column'],
    ['phone number in an ops context', '(415) 555-2671', 'support_phone'],
  ];
  for (const [name, value, path] of cases) {
    test(name, () => assert.deepEqual(detectPhiInValue(value, path), []));
  }
});

describe('PHI in text and structures', () => {
  test('user data assignments and shapes, with offsets', () => {
    const text = '#!/bin/bash\nPATIENT_DOB=1984-03-12\nORDER_ID=123456789\necho 123-45-6789\n';
    const found = findPhiInText(text);
    assert.deepEqual(found.map((f) => f.kind), ['dob', 'ssn']);
    assert.equal(text.slice(found[1]!.start, found[1]!.end), '123-45-6789');
  });
  test('ICD-10 code beside an identifier in the same object', () => {
    const value = { mrn: '00482137', diagnosis: 'E11.9' };
    assert.deepEqual(phiIn(value, 'test_record').map((f) => f.finding.kind).sort(), ['diagnosis', 'mrn']);
    assert.deepEqual(phiIn({ diagnosis: 'E11.9', severity: 'low' }, 'lookup'), []);
  });
});

// The awscc provider's tags are a list of { key, value }: the key names the value as a map's key does.
test('an awscc tag list: the value is named by its key', () => {
  for (const tags of [{ PatientEmail: 'jane.doe@gmail.com' }, [{ key: 'Owner', value: 'data' }, { key: 'PatientEmail', value: 'jane.doe@gmail.com' }], [{ Key: 'PatientEmail', Value: 'jane.doe@gmail.com' }]]) {
    const found = phiIn(tags, 'tags');
    assert.deepEqual(found.map((f) => f.finding.kind), ['patient-email'], JSON.stringify(tags));
    assert.match(found[0]!.leaf.path, /^tags(\[\d+\])?\.PatientEmail$/);
  }
});
