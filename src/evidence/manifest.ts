// manifest.json of the evidence pack (issue 9): the SHA-256 of every other file in the pack and the
// run's metadata, optionally signed with Ed25519 (RFC 8032) into manifest.sig. Verifying re-hashes
// every file, checks the signature and names each file that changed, is missing or was added.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_SCHEMA_VERSION = '1.0';

export interface ManifestRun {
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  readonly scanRoot: string;
  /** HEAD of the git repository holding the scan root, or null outside one. */
  readonly gitCommit: string | null;
  readonly failOn: string;
  readonly exitCode: number;
  readonly counts: Readonly<Record<string, number>>;
  /**
   * The audit log as it stood when the pack was made (when the scan root has one): its last entry's
   * hash, kept in the signed manifest so `audit verify --expect-head` can later show that no entry
   * up to here was removed or rewritten.
   */
  readonly auditLog?: AuditLogState;
}

export interface AuditLogState {
  /** Relative to the scan root (or as configured, when outside it). */
  readonly file: string;
  readonly entries: number;
  /** null for an empty log. */
  readonly head: string | null;
  /** false when the chain already had problems at pack time. */
  readonly intact: boolean;
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ManifestSignature {
  readonly algorithm: 'Ed25519';
  /** `SHA256:` and the hex SHA-256 of the public key's DER SubjectPublicKeyInfo. */
  readonly publicKeyFingerprint: string;
  /** The public key (SPKI PEM), so a pack can be checked for integrity without a key file. */
  readonly publicKey: string;
  readonly signatureFile: typeof SIGNATURE_FILE;
}

export interface Manifest {
  readonly schemaVersion: string;
  readonly kind: 'safeguard-evidence-pack';
  readonly run: ManifestRun;
  readonly files: readonly ManifestEntry[];
  readonly signature?: ManifestSignature;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function publicKeyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `SHA256:${sha256Hex(publicKey.export({ type: 'spki', format: 'der' }))}`;
}

/** The manifest's bytes and, when `privateKey` is given, manifest.sig's bytes (base64 of the signature). */
export function buildManifest(files: ReadonlyMap<string, Uint8Array>, run: ManifestRun, privateKey?: KeyObject): { manifest: Uint8Array; signature?: Uint8Array } {
  return buildManifestOf(
    [...files].map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.byteLength })),
    run,
    privateKey,
  );
}

/** buildManifest from each file's digest and size (a file written in pieces is hashed as it is written). */
export function buildManifestOf(digests: readonly ManifestEntry[], run: ManifestRun, privateKey?: KeyObject): { manifest: Uint8Array; signature?: Uint8Array } {
  const entries = digests
    .filter(({ path }) => path !== MANIFEST_FILE && path !== SIGNATURE_FILE)
    .map(({ path, sha256, bytes }) => ({ path, sha256, bytes }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const signature: ManifestSignature | undefined = privateKey
    ? { algorithm: 'Ed25519', publicKeyFingerprint: publicKeyFingerprint(privateKey), publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), signatureFile: SIGNATURE_FILE }
    : undefined;
  const manifest: Manifest = { schemaVersion: MANIFEST_SCHEMA_VERSION, kind: 'safeguard-evidence-pack', run, files: entries, ...(signature ? { signature } : {}) };
  const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  if (!privateKey) return { manifest: bytes };
  // Ed25519 takes no digest argument: node signs the message itself (PureEdDSA).
  return { manifest: bytes, signature: new TextEncoder().encode(`${sign(null, bytes, privateKey).toString('base64')}\n`) };
}

export type ProblemKind = 'changed' | 'missing' | 'added' | 'bad-signature' | 'key-mismatch' | 'unsigned' | 'invalid-manifest';

export interface VerifyProblem {
  readonly file: string;
  readonly kind: ProblemKind;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: readonly VerifyProblem[];
  /** Files whose hash was checked and matched. */
  readonly verified: number;
  readonly signed: boolean;
  readonly fingerprint?: string;
  readonly run?: ManifestRun;
}

function parseManifest(bytes: Uint8Array): Manifest | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'is not valid JSON';
  }
  const m = value as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || m.kind !== 'safeguard-evidence-pack' || !Array.isArray(m.files)) return 'is not a safeguard evidence-pack manifest';
  for (const f of m.files as unknown[]) {
    const e = f as Partial<ManifestEntry> | null;
    if (typeof e !== 'object' || e === null || typeof e.path !== 'string' || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) return 'has a malformed files entry';
  }
  if (m.signature !== undefined && (typeof m.signature.publicKey !== 'string' || typeof m.signature.publicKeyFingerprint !== 'string')) return 'has a malformed signature block';
  return m as Manifest;
}

/**
 * Checks a pack given as a map of its files (path relative to the pack, forward slashes → bytes).
 * With `publicKey`, the manifest must be signed by that key; without it, an embedded signature is
 * still checked against the key the manifest names.
 */
export function verifyPack(files: ReadonlyMap<string, Uint8Array>, publicKey?: KeyObject): VerifyReport {
  const problems: VerifyProblem[] = [];
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) return { ok: false, problems: [{ file: MANIFEST_FILE, kind: 'missing', message: `${MANIFEST_FILE} is missing, so nothing can be verified.` }], verified: 0, signed: false };
  const manifest = parseManifest(manifestBytes);
  if (typeof manifest === 'string') return { ok: false, problems: [{ file: MANIFEST_FILE, kind: 'invalid-manifest', message: `${MANIFEST_FILE} ${manifest}.` }], verified: 0, signed: false };

  const signatureBytes = files.get(SIGNATURE_FILE);
  let fingerprint: string | undefined;
  if (manifest.signature) {
    fingerprint = manifest.signature.publicKeyFingerprint;
    let key: KeyObject | undefined = publicKey;
    if (key) {
      const expected = publicKeyFingerprint(key);
      if (expected !== fingerprint) problems.push({ file: MANIFEST_FILE, kind: 'key-mismatch', message: `${MANIFEST_FILE} names signing key ${fingerprint}, not the given public key ${expected}.` });
    } else {
      try {
        key = createPublicKey(manifest.signature.publicKey);
        if (publicKeyFingerprint(key) !== fingerprint) problems.push({ file: MANIFEST_FILE, kind: 'key-mismatch', message: `${MANIFEST_FILE}'s public key does not match its fingerprint ${fingerprint}.` });
      } catch {
        problems.push({ file: MANIFEST_FILE, kind: 'invalid-manifest', message: `${MANIFEST_FILE} holds a public key that cannot be read.` });
      }
    }
    if (!signatureBytes) {
      problems.push({ file: SIGNATURE_FILE, kind: 'missing', message: `${SIGNATURE_FILE} is missing, but ${MANIFEST_FILE} says the pack is signed.` });
    } else if (key) {
      const signature = Buffer.from(new TextDecoder().decode(signatureBytes).trim(), 'base64');
      let valid = false;
      try {
        valid = signature.length === 64 && verify(null, manifestBytes, key, signature);
      } catch {
        valid = false;
      }
      if (!valid) problems.push({ file: `${MANIFEST_FILE}, ${SIGNATURE_FILE}`, kind: 'bad-signature', message: `The signature in ${SIGNATURE_FILE} does not match ${MANIFEST_FILE}: one of them was changed, or another key signed it.` });
    }
  } else {
    if (publicKey) problems.push({ file: MANIFEST_FILE, kind: 'unsigned', message: `${MANIFEST_FILE} is not signed, but a public key was given to check it against.` });
    if (signatureBytes) problems.push({ file: SIGNATURE_FILE, kind: 'added', message: `${SIGNATURE_FILE} is present, but ${MANIFEST_FILE} has no signature block.` });
  }

  let verified = 0;
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const bytes = files.get(entry.path);
    if (!bytes) problems.push({ file: entry.path, kind: 'missing', message: `${entry.path} is listed in ${MANIFEST_FILE} but missing.` });
    else if (sha256Hex(bytes) !== entry.sha256) problems.push({ file: entry.path, kind: 'changed', message: `${entry.path} was changed: its SHA-256 is not the one in ${MANIFEST_FILE}.` });
    else verified++;
  }
  for (const path of [...files.keys()].sort()) {
    if (path === MANIFEST_FILE || path === SIGNATURE_FILE || listed.has(path)) continue;
    problems.push({ file: path, kind: 'added', message: `${path} was added: it is not listed in ${MANIFEST_FILE}.` });
  }
  return { ok: problems.length === 0, problems, verified, signed: manifest.signature !== undefined, ...(fingerprint !== undefined ? { fingerprint } : {}), run: manifest.run };
}
