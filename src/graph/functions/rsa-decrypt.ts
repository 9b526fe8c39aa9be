// rsadecrypt(ciphertext, privatekey): RSA PKCS #1 v1.5 decryption of base64 ciphertext with a PEM
// private key, as Terraform does it (Go's ssh.ParseRawPrivateKey, then rsa.DecryptPKCS1v15). Node 20
// refuses PKCS #1 v1.5 padding for private decryption (CVE-2023-46809), so the raw RSA operation is
// asked for (no padding) and the padding is checked here.
// Observed with terraform console 1.11.4:
// - the key may be PKCS #1 ("RSA PRIVATE KEY"), PKCS #8 ("PRIVATE KEY") or OpenSSH's own format,
//   after any text ("garbage\n-----BEGIN ..." works); 512-bit keys too;
// - base64 with line breaks is read (Go skips \r and \n), unpadded base64 is refused:
//   Invalid value for "ciphertext" parameter: failed to decode input "…": cipher text must be base64-encoded.
// - no key: Invalid value for "privatekey" parameter: invalid private key: ssh: no key found.
// - a passphrase-protected key: invalid private key: ssh: this private key is passphrase protected.
// - another PEM type: invalid private key: ssh: unsupported key type "FOO" (an encrypted PKCS #8
//   key too: unsupported key type "ENCRYPTED PRIVATE KEY").
// - an EC key: "invalid private key type" followed by the key's own numbers, private scalar
//   included; said here without them.
// - the wrong key, an empty or short ciphertext: Call to function "rsadecrypt" failed: failed to
//   decrypt: crypto/rsa: decryption error.
// - decrypted bytes that are not UTF-8 come out with U+FFFD in their place ("h\xe9llo" is "h�llo").
// The result is the plaintext of a secret: evaluate.ts marks it sensitive, so that no message shows it.
import { constants, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { EvalError, type Val } from '../value.js';
import { str, type FunctionSpec } from './args.js';

const PEM_BLOCK = /-----BEGIN ([^\r\n-]+)-----\r?\n([\s\S]*?)-----END \1-----/;

function keyError(reason: string): EvalError {
  return new EvalError(`Invalid value for "privatekey" parameter: ${reason}.`, undefined, 'eval/arguments');
}

/** Reads the length-prefixed fields of OpenSSH's key format. */
class SshReader {
  private at = 0;

  constructor(private readonly buf: Buffer) {}

  bytes(n: number): Buffer {
    if (this.at + n > this.buf.length) throw keyError('invalid private key: ssh: malformed OpenSSH key');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  u32(): number {
    return this.bytes(4).readUInt32BE(0);
  }

  field(): Buffer {
    return this.bytes(this.u32());
  }

  int(): bigint {
    return BigInt(`0x${this.field().toString('hex') || '0'}`);
  }
}

const OPENSSH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

/** An unencrypted OpenSSH private key (a format Node cannot read), made a key from its RSA numbers. */
function openSshKey(der: Buffer): KeyObject {
  const outer = new SshReader(der);
  if (!outer.bytes(OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) throw keyError('invalid private key: ssh: invalid openssh private key format');
  const cipher = outer.field().toString('latin1');
  outer.field(); // kdf name
  outer.field(); // kdf options
  if (cipher !== 'none') throw keyError('invalid private key: ssh: this private key is passphrase protected');
  if (outer.u32() !== 1) throw keyError('invalid private key: ssh: multi-key files are not supported');
  outer.field(); // public key
  const inner = new SshReader(outer.field());
  if (inner.u32() !== inner.u32()) throw keyError('invalid private key: ssh: malformed OpenSSH key');
  const type = inner.field().toString('latin1');
  if (type !== 'ssh-rsa') throw keyError(`invalid private key type: the key is ${type}, not RSA`);
  const [n, e, d, qi, p, q] = [inner.int(), inner.int(), inner.int(), inner.int(), inner.int(), inner.int()];
  const b64 = (x: bigint): string => {
    const hex = x.toString(16);
    return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex').toString('base64url');
  };
  try {
    return createPrivateKey({ key: { kty: 'RSA', n: b64(n), e: b64(e), d: b64(d), p: b64(p), q: b64(q), dp: b64(d % (p - 1n)), dq: b64(d % (q - 1n)), qi: b64(qi) }, format: 'jwk' });
  } catch {
    throw keyError('invalid private key: ssh: malformed OpenSSH key');
  }
}

function parseKey(text: string): KeyObject {
  const block = PEM_BLOCK.exec(text);
  if (block === null) throw keyError('invalid private key: ssh: no key found');
  const type = block[1]!;
  if (/^Proc-Type:[^\r\n]*ENCRYPTED/m.test(block[2]!)) throw keyError('invalid private key: ssh: this private key is passphrase protected');
  let key: KeyObject;
  if (type === 'OPENSSH PRIVATE KEY') {
    key = openSshKey(Buffer.from(block[2]!.replace(/\s+/g, ''), 'base64'));
  } else if (type === 'RSA PRIVATE KEY' || type === 'PRIVATE KEY' || type === 'EC PRIVATE KEY' || type === 'DSA PRIVATE KEY') {
    try {
      key = createPrivateKey(block[0]);
    } catch {
      throw keyError('invalid ASN1 data in the given private key');
    }
  } else {
    throw keyError(`invalid private key: ssh: unsupported key type "${type}"`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw keyError(`invalid private key type: the key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not RSA`);
  return key;
}

const DECRYPTION_ERROR = 'rsadecrypt: failed to decrypt: crypto/rsa: decryption error.';

/** The message of an EME-PKCS1-v1_5 encoded block: 0x00 0x02, at least eight nonzero bytes, 0x00, the message. */
function unpad(em: Buffer): Buffer {
  if (em[0] !== 0 || em[1] !== 2) throw new EvalError(DECRYPTION_ERROR);
  const zero = em.indexOf(0, 2);
  if (zero < 10) throw new EvalError(DECRYPTION_ERROR);
  return em.subarray(zero + 1);
}

export function rsaDecrypt(ciphertext: string, privateKey: string): string {
  // Go's base64 decoder skips line breaks, and wants the padding.
  const text = ciphertext.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new EvalError(`Invalid value for "ciphertext" parameter: failed to decode input "${ciphertext}": cipher text must be base64-encoded.`, undefined, 'eval/arguments');
  }
  const key = parseKey(privateKey);
  const size = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const bytes = Buffer.from(text, 'base64');
  // Go reads a shorter ciphertext as the number it spells; a longer one, or one past the modulus, fails.
  if (bytes.length > size || size < 11) throw new EvalError(DECRYPTION_ERROR);
  const block = Buffer.concat([Buffer.alloc(size - bytes.length), bytes]);
  let em: Buffer;
  try {
    em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, block);
  } catch {
    throw new EvalError(DECRYPTION_ERROR);
  }
  return unpad(em).toString('utf8');
}

export const rsaFunctions: Readonly<Record<string, FunctionSpec>> = {
  rsadecrypt: { min: 2, max: 2, fn: ([c, k]): Val => rsaDecrypt(str(c, 'ciphertext'), str(k, 'privatekey')) },
};
