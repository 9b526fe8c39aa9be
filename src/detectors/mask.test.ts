import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskAddressKeys, maskDetected, maskSensitiveParts, maskUrlUserinfo } from './mask.js';

test('masks detected secrets and PHI, keeping length and line breaks', () => {
  const key = 'AKIA' + 'Q3EGRX7ZJ5TM4KWB';
  const text = `value = "${key}"\nnotes = "seed 123-45-6789"\nname  = "ok"\n`;
  const out = maskDetected(text);
  assert.equal(out.length, text.length);
  assert.equal(out.split('\n').length, text.split('\n').length);
  assert.ok(!out.includes(key) && !out.includes('123-45-6789'));
  assert.ok(out.includes('name  = "ok"'));
});

test('maskSensitiveParts hides what a message quotes of a sensitive value and the numbers it holds, and keeps the names a rule asks for', () => {
  assert.equal(maskSensitiveParts('b sets data_classification to "p4ss-root", not one of phi', { data_classification: 'p4ss-root', owner: 'p4ss-root' }), 'b sets data_classification to (a sensitive value), not one of phi');
  assert.equal(maskSensitiveParts('b has no "owner" tag', { data_classification: 'x1' }), 'b has no "owner" tag');
  assert.equal(maskSensitiveParts('keeps logs for 7 days, less than the 365-day minimum', 7), 'keeps logs for (a sensitive value) days, less than the 365-day minimum');
  // A part of a sensitive policy document (a JSON string) quoted by the rule.
  assert.equal(maskSensitiveParts('pins the OIDC subject only to "repo:p4ss*"', '{"Condition":{"StringLike":{"sub":"repo:p4ss*"}}}'), 'pins the OIDC subject only to (a sensitive value)');
});

test('credentials in a URL\'s query string are masked, as userinfo is', () => {
  const source = 's3::https://s3.amazonaws.com/bkt/mod.zip?aws_access_key_id=AKIAEXAMPLEKEY&aws_access_key_secret=wJalrXUtnFEMI&aws_access_token=tok3n&version=2';
  const masked = maskUrlUserinfo(source);
  assert.equal(masked.length, source.length);
  assert.ok(!masked.includes('wJalrXUtnFEMI') && !masked.includes('tok3n') && !masked.includes('AKIAEXAMPLEKEY'), masked);
  assert.ok(masked.includes('&version=2') && masked.includes('s3.amazonaws.com/bkt/mod.zip'), masked);
  assert.equal(maskUrlUserinfo('git::ssh://git@host/repo.git?sshkey=LS0tLS1CRUdJTg&ref=v1'), 'git::ssh://***@host/repo.git?sshkey=**************&ref=v1');
});

test('maskAddressKeys masks instance keys that look like a secret or PHI, and only those', () => {
  assert.equal(maskAddressKeys('aws_s3_bucket.by_ssn["523-71-4389"]'), 'aws_s3_bucket.by_ssn["***********"]');
  assert.equal(maskAddressKeys('module.m["postgres://u:pw0rd@h/db"].aws_s3_bucket.b'), 'module.m["postgres://*******@h/db"].aws_s3_bucket.b');
  assert.equal(maskAddressKeys('aws_s3_bucket.b["logs"]'), 'aws_s3_bucket.b["logs"]');
  assert.equal(maskAddressKeys('aws_s3_bucket.b[0]'), 'aws_s3_bucket.b[0]');
});
