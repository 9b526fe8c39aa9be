// rsadecrypt against what terraform console 1.11.4 printed for keys and ciphertexts made the same
// way (openssl, ssh-keygen). Every key here is generated when the test runs; none is committed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constants, generateKeyPairSync, publicEncrypt, type KeyObject } from 'node:crypto';
import { evaluateFiles } from '../testing-helpers.js';

const PLAINTEXT = `pt-${process.pid}-hello`;

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const other = generateKeyPairSync('rsa', { modulusLength: 1024 });
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

function encrypt(key: KeyObject, plaintext: Buffer | string): string {
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(plaintext)).toString('base64');
}

const ciphertext = encrypt(rsa.publicKey, PLAINTEXT);

/** OpenSSH's own private key format (ssh-keygen's default), unencrypted, built from the key's numbers. */
function openSsh(key: KeyObject): string {
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const str = (b: Buffer | string): Buffer => Buffer.concat([u32(Buffer.byteLength(b)), Buffer.from(b)]);
  const mpint = (b64url: string | undefined): Buffer => {
    const b = Buffer.from(b64url!, 'base64url');
    return str(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  };
  const jwk = key.export({ format: 'jwk' });
  const pub = Buffer.concat([str('ssh-rsa'), mpint(jwk.e), mpint(jwk.n)]);
  let priv = Buffer.concat([u32(7), u32(7), str('ssh-rsa'), mpint(jwk.n), mpint(jwk.e), mpint(jwk.d), mpint(jwk.qi), mpint(jwk.p), mpint(jwk.q), str('test')]);
  for (let i = 1; priv.length % 8 !== 0; i++) priv = Buffer.concat([priv, Buffer.from([i])]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), str('none'), str('none'), str(''), u32(1), str(pub), str(priv)]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.toString('base64').match(/.{1,70}/g)!.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** rsadecrypt(`ciphertextExpr`, file("k.pem")) with `key` in k.pem: its value, or its error diagnostics. */
function decrypt(ciphertextExpr: string, key: string): { value: unknown; errors: string[]; sensitive: boolean | undefined } {
  const { model, diagnostics } = evaluateFiles({ 'k.pem': key, 'main.tf': `output "o" {\n  value = rsadecrypt(${ciphertextExpr}, file("k.pem"))\n}\n` });
  const out = model.outputs.find((o) => o.name === 'o');
  return { value: out?.value.value, errors: diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), sensitive: out?.value.sensitive };
}

test('rsadecrypt decrypts PKCS #1 v1.5 ciphertext with a PKCS #1, PKCS #8 or OpenSSH key', () => {
  for (const key of [pkcs1, pkcs8, openSsh(rsa.privateKey), `garbage before the key\n${pkcs1}`]) {
    const { value, errors } = decrypt(`"${ciphertext}"`, key);
    assert.deepEqual(errors, []);
    assert.equal(value, PLAINTEXT);
  }
  // Go's base64 decoder skips line breaks.
  assert.equal(decrypt(`"${ciphertext.slice(0, 100)}\\n${ciphertext.slice(100)}"`, pkcs1).value, PLAINTEXT);
  // An empty plaintext, and bytes that are not UTF-8 (U+FFFD in their place: "h\xe9llo\x00x" is "h�llo\u0000x" there).
  assert.equal(decrypt(`"${encrypt(rsa.publicKey, '')}"`, pkcs1).value, '');
  assert.equal(decrypt(`"${encrypt(rsa.publicKey, Buffer.from('h\xe9llo\x00x', 'latin1'))}"`, pkcs1).value, 'h\ufffdllo\u0000x');
});

test('rsadecrypt refuses what Terraform refuses, in its words', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  const encryptedPkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'x' }) as string;
  const encryptedPkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'x' }) as string;
  const cases: [string, string, RegExp][] = [
    ['"not base64!"', pkcs1, /^output "o": Invalid value for "ciphertext" parameter: failed to decode input "not base64!": cipher text must be base64-encoded\.$/],
    [`"${ciphertext.replace(/=+$/, '')}"`, pkcs1, /cipher text must be base64-encoded/],
    [`"${ciphertext}"`, 'nope', /Invalid value for "privatekey" parameter: invalid private key: ssh: no key found\.$/],
    [`"${ciphertext}"`, encryptedPkcs1, /invalid private key: ssh: this private key is passphrase protected\.$/],
    [`"${ciphertext}"`, encryptedPkcs8, /invalid private key: ssh: unsupported key type "ENCRYPTED PRIVATE KEY"\.$/],
    [`"${ciphertext}"`, '-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n', /invalid private key: ssh: unsupported key type "FOO"\.$/],
    [`"${ciphertext}"`, '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n', /Invalid value for "privatekey" parameter: invalid ASN1 data in the given private key\.$/],
    // Terraform prints an EC key's numbers here, its private scalar too; never here.
    [`"${ciphertext}"`, ec, /Invalid value for "privatekey" parameter: invalid private key type: the key is ec, not RSA\.$/],
    [`"${ciphertext}"`, other.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string, /^output "o": rsadecrypt: failed to decrypt: crypto\/rsa: decryption error\.$/],
    ['"AAAA"', pkcs1, /failed to decrypt: crypto\/rsa: decryption error/],
    ['""', pkcs1, /failed to decrypt: crypto\/rsa: decryption error/],
    [`"${Buffer.alloc(300, 1).toString('base64')}"`, pkcs1, /failed to decrypt: crypto\/rsa: decryption error/],
  ];
  for (const [ct, key, expected] of cases) {
    const { errors } = decrypt(ct, key);
    assert.equal(errors.length, 1, `${ct} ${errors.join(' | ')}`);
    assert.match(errors[0]!, expected);
    // Never a key's text nor the plaintext.
    const keyLine = key.split('\n').find((l) => l.length > 20 && !l.startsWith('-----'));
    assert.ok(!errors[0]!.includes('-----BEGIN') && (keyLine === undefined || !errors[0]!.includes(keyLine)) && !errors[0]!.includes(PLAINTEXT), errors[0]);
  }
});

test('the plaintext is marked as a secret: masked in every message, though Terraform does not mark it', () => {
  const { model, diagnostics } = evaluateFiles({
    'k.pem': pkcs1,
    'main.tf': `locals {\n  pt = rsadecrypt("${ciphertext}", file("k.pem"))\n}\noutput "o" {\n  value = local.pt\n}\noutput "n" {\n  value = tonumber(local.pt)\n}\noutput "s" {\n  value = issensitive(local.pt)\n}\n`,
  });
  assert.equal(model.outputs.find((o) => o.name === 'o')?.value.sensitive, true);
  // `cannot convert "<plaintext>" to a number` would quote it.
  const messages = diagnostics.map((d) => d.message);
  assert.ok(messages.some((m) => m.includes('cannot convert (a sensitive value) to a number')), messages.join(' | '));
  assert.ok(messages.every((m) => !m.includes(PLAINTEXT)));
  // The one difference it makes: terraform console 1.11.4 says false.
  assert.equal(model.outputs.find((o) => o.name === 's')?.value.value, true);
});

test('rsadecrypt is evaluated: no "not evaluated" diagnostic, and an unknown argument gives an unknown result', () => {
  const { diagnostics } = evaluateFiles({ 'k.pem': pkcs1, 'main.tf': `output "o" {\n  value = rsadecrypt("${ciphertext}", file("k.pem"))\n}\n` });
  assert.deepEqual(diagnostics, []);
  const unknown = evaluateFiles({ 'k.pem': pkcs1, 'main.tf': 'resource "aws_instance" "i" {}\noutput "o" {\n  value = rsadecrypt(aws_instance.i.password_data, file("k.pem"))\n}\n' });
  const value = unknown.model.outputs.find((o) => o.name === 'o')?.value.value as { reason?: string } | undefined;
  assert.ok(value !== null && typeof value === 'object' && typeof value.reason === 'string' && !value.reason.includes('not evaluated'));
});
