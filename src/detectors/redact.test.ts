import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactPhi, redactSecret, shownValue, stableHash } from './redact.js';

test('redactSecret keeps too little to use', () => {
  assert.equal(redactSecret('AKIAIOSFODNN7EXAMPLE'), 'AKIA…MPLE');
  assert.equal(redactSecret('123-45-6789'), '***-**-6789');
  assert.equal(redactSecret('hunter2'), '****');
  assert.equal(redactSecret('abcdefghijkl'), '****');
  // A person's password shows little: two characters at each end, and nothing below 16.
  assert.equal(redactSecret('Sup3rS3cret-Example-Pw'), 'Su…Pw');
  assert.equal(redactSecret('abcdefghijklmnop'), 'ab…op');
  assert.equal(redactSecret('ghp_abcdefghijklmnopqrst'), 'ghp_…qrst');
  assert.equal(redactSecret('a'.repeat(16) + 'B'.repeat(16)), 'aaaa…BBBB');
  assert.equal(redactSecret('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'), '-----BEGIN RSA PRIVATE KEY-----…');
});

test('redactPhi', () => {
  assert.equal(redactPhi('ssn', '123456789'), '***-**-6789');
  assert.equal(redactPhi('name', 'Jane Doe'), 'J*** D***');
  assert.equal(redactPhi('email', 'jane.doe@gmail.com'), 'j***@***.com');
  assert.equal(redactPhi('dob', '1984-03-12'), '****-**-**');
  assert.equal(redactPhi('identifier', '00482137'), '****2137');
  assert.equal(redactPhi('identifier', 'AB12'), '****');
});

test('stableHash is stable, salted and short', () => {
  assert.equal(stableHash('x'), stableHash('x'));
  assert.notEqual(stableHash('x'), stableHash('y'));
  assert.notEqual(stableHash('x'), stableHash('x', 'org-salt'));
  assert.match(stableHash('x'), /^sha256:[0-9a-f]{16}$/);
});

test('a report shows the hash of machine-made credentials only: a PHI value or a password could be guessed back from it', () => {
  const ssn = { kind: 'ssn', redacted: '***-**-6790', hash: stableHash('219-45-6790') };
  assert.equal(shownValue(ssn), '***-**-6790');
  assert.equal(shownValue({ kind: 'generic-secret', redacted: '****', hash: stableHash('hunter22') }), '****');
  assert.match(shownValue({ kind: 'aws-access-key-id', redacted: 'AKIA…MPLE', hash: stableHash('AKIAIOSFODNN7EXAMPLE') }), /^AKIA…MPLE, sha256:[0-9a-f]{16}$/);
});
