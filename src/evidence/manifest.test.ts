import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { buildManifest, MANIFEST_FILE, publicKeyFingerprint, SIGNATURE_FILE, verifyPack } from './manifest.js';

const run = { tool: { name: 'safeguard', version: '0.0.0' }, generatedAt: '2026-12-01T00:00:00.000Z', scanRoot: '.', gitCommit: null, failOn: 'high', exitCode: 1, counts: { fail: 2 } };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function pack(signed: boolean): Map<string, Uint8Array> {
  const files = new Map([
    ['index.html', encode('<!DOCTYPE html><p>ok</p>\n')],
    ['findings.json', encode('{"findings":[{"status":"fail"}]}\n')],
    ['risk-register.csv', encode('Score,Level\r\n20,critical\r\n')],
  ]);
  const built = buildManifest(files, run, signed ? privateKey : undefined);
  files.set(MANIFEST_FILE, built.manifest);
  if (built.signature) files.set(SIGNATURE_FILE, built.signature);
  return files;
}

describe('manifest', () => {
  test('an intact pack verifies, signed or not', () => {
    assert.deepEqual(verifyPack(pack(false)), { ok: true, problems: [], verified: 3, signed: false, run });
    const signed = verifyPack(pack(true), publicKey);
    assert.equal(signed.ok, true);
    assert.equal(signed.fingerprint, publicKeyFingerprint(publicKey));
  });

  test('flipping any bit of any byte of any evidence file is caught and the file named', () => {
    const files = pack(true);
    for (const name of ['index.html', 'findings.json', 'risk-register.csv']) {
      const original = files.get(name)!;
      for (let i = 0; i < original.length; i++) {
        const changed = Uint8Array.from(original);
        changed[i] = changed[i]! ^ (1 << (i % 8));
        const report = verifyPack(new Map([...files, [name, changed]]), publicKey);
        assert.deepEqual(report.problems.map((p) => [p.kind, p.file]), [['changed', name]], `${name} byte ${i}`);
      }
    }
  });

  test('any changed byte of the manifest or signature breaks the signature', () => {
    const files = pack(true);
    for (const name of [MANIFEST_FILE, SIGNATURE_FILE]) {
      const original = files.get(name)!;
      for (let i = 0; i < original.length; i += 7) {
        const changed = Uint8Array.from(original);
        changed[i] = changed[i]! ^ 0x02;
        const report = verifyPack(new Map([...files, [name, changed]]), publicKey);
        assert.equal(report.ok, false, `${name} byte ${i}`);
        // A bad signature, an unreadable manifest, or (a renamed "signature" key) an unsigned manifest where a key is required.
        assert.ok(report.problems.some((p) => ['bad-signature', 'invalid-manifest', 'unsigned'].includes(p.kind)), `${name} byte ${i}: ${JSON.stringify(report.problems)}`);
      }
    }
  });

  test('missing, added, unsigned and foreign-key cases', () => {
    const files = pack(true);
    const without = new Map(files);
    without.delete('findings.json');
    assert.deepEqual(verifyPack(without).problems.map((p) => [p.kind, p.file]), [['missing', 'findings.json']]);
    assert.deepEqual(verifyPack(new Map([...files, ['notes/extra.txt', encode('x')]])).problems.map((p) => [p.kind, p.file]), [['added', 'notes/extra.txt']]);
    const other = generateKeyPairSync('ed25519').publicKey;
    assert.deepEqual(verifyPack(files, other).problems.map((p) => p.kind), ['key-mismatch', 'bad-signature']);
    assert.deepEqual(verifyPack(pack(false), publicKey).problems.map((p) => p.kind), ['unsigned']);
    const noManifest = new Map(files);
    noManifest.delete(MANIFEST_FILE);
    assert.deepEqual(verifyPack(noManifest).problems.map((p) => [p.kind, p.file]), [['missing', MANIFEST_FILE]]);
    assert.deepEqual(verifyPack(new Map([...files, [MANIFEST_FILE, encode('{}')]])).problems.map((p) => p.kind), ['invalid-manifest']);
  });
});
