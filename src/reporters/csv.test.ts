import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput, SECRET } from '../testing/report-fixture.js';
import { csvCell, CSV_COLUMNS, renderCsv, renderCsvChunks } from './csv.js';

test('CSV: a header and one row per finding of every status, CRLF, no secrets', () => {
  const csv = renderCsv(fixtureInput(), fixtureContext());
  assert.ok(!csv.includes(SECRET));
  const rows = csv.split('\r\n');
  assert.equal(rows.at(-1), '');
  assert.equal(rows[0], CSV_COLUMNS.join(','));
  assert.equal(rows.length - 2, 5);
  assert.match(
    rows.find((r) => r.includes('aws-rds-require-storage-encryption'))!,
    /^fail,yes,high,aws-rds-require-storage-encryption,RDS instances encrypt storage at rest,aws_db_instance\.phi,aws_db_instance,infra\/rds\.tf,3,3,3,28,aws_db_instance\.phi sets storage_encrypted to false\.,164\.312\(a\)\(2\)\(iv\),164\.312 Technical safeguards,addressable,,,[0-9a-f]{32},$/,
  );
  assert.match(csv, /waived,no,medium,aws-rds-require-backups,.*,dev database,2026-06-30,/);
});

test('CSV cells: RFC 4180 quoting and formula neutralising', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(-1), '-1');
});

test('CSV in pieces: the header, then a row per finding, each made as it is written', () => {
  const input = fixtureInput();
  const pieces = [...renderCsvChunks(input, fixtureContext())];
  assert.equal(pieces.length, 1 + input.findings.length);
  assert.ok(pieces.every((p) => p.endsWith('\r\n') && p.indexOf('\r\n') === p.length - 2));
  assert.equal(pieces.join(''), renderCsv(input, fixtureContext()));
});
