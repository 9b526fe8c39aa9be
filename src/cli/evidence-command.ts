// `safeguard evidence [PATH] -o DIR`: scan as `safeguard scan` does and write the evidence pack
// (src/evidence) to DIR, and DIR.zip with --zip; `safeguard evidence verify DIR|DIR.zip` re-checks
// every hash and the signature (docs/evidence.md).
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { modelFacts, prepareEvidencePack, type EvidencePackParts, type ModelFacts } from '../evidence/build-pack.js';
import { writePackFile, zipPackFiles } from './evidence-files.js';
import { publicKeyFingerprint, verifyPack, type AuditLogState } from '../evidence/manifest.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import { unzipPack } from '../evidence/zip.js';
import type { ScanResult } from '../pipeline/scan.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import type { ReportInput } from '../reporters/report-input.js';
import { resolveAuditLog } from './audit-trail.js';
import { UsageError } from './cli-error.js';
import { ruleDocs, rulePack } from './rule-pack.js';
import { executeScan, parseVars, prepareScan, reportInput, uncachedSourceScan, type PreparedScan, type ScanFlags } from './scan-command.js';
import { createColors } from '../reporters/colors.js';
import { useColor, type Terminal } from './terminal.js';
import { packageVersion } from './version.js';

export interface EvidenceFlags extends ScanFlags {
  /** The pack's folder (-o). */
  readonly outDir: string;
  /** Also write OUTDIR.zip. */
  readonly zip: boolean;
  /** PEM file of an Ed25519 private key: sign the manifest. */
  readonly signKey?: string;
}

function readKeyFile(file: string, cwd: string, kind: 'private' | 'public'): KeyObject {
  const option = kind === 'private' ? '--sign-key' : '--pub-key';
  let pem: Buffer;
  try {
    pem = readFileSync(path.resolve(cwd, file));
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`, 'Generate one with `openssl genpkey -algorithm ed25519 -out evidence-key.pem` (docs/evidence.md).');
  }
  let key: KeyObject;
  try {
    // A public key can also be taken from its private key's file.
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    // Never echo the file's content: it is key material.
    throw new UsageError(`${option} ${file}: not a PEM ${kind} key.`, kind === 'private' ? 'Generate one with `openssl genpkey -algorithm ed25519 -out evidence-key.pem`.' : 'Derive it with `openssl pkey -in evidence-key.pem -pubout -out evidence-key.pub`.');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${option} ${file}: an ${key.asymmetricKeyType ?? 'unknown'} key, expected Ed25519.`, 'Generate one with `openssl genpkey -algorithm ed25519 -out evidence-key.pem`.');
  return key;
}

/** HEAD of the git repository holding `dir`, or null. */
function gitCommit(dir: string): string | null {
  try {
    const out = execFileSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

function assertEmptyOrAbsent(dir: string, shown: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(`-o ${shown}: exists and is not a directory.`, 'Name a new directory for the evidence pack.');
  if (readdirSync(dir).length > 0) throw new UsageError(`-o ${shown}: the directory is not empty.`, 'Name a new or empty directory: an old file left in a pack would make it fail verification.');
}

/** The scan's audit log (as `scan` would append to it), read to record its head in the manifest. */
function auditLogState(context: ScanContext, root: string, config: PreparedScan['config']): { auditLog?: AuditLogState } {
  const log = resolveAuditLog(context, root, config, undefined);
  if (!log) return {};
  let text: string;
  try {
    text = readFileSync(log.absolute, 'utf8');
  } catch {
    return {};
  }
  const verified = verifyAuditLog(text);
  const relative = path.relative(root, log.absolute).split(path.sep).join('/');
  return { auditLog: { file: relative.startsWith('..') ? log.display : relative, entries: verified.entries, head: verified.head ?? null, intact: verified.problems.length === 0 } };
}

export async function runEvidenceCommand(context: ScanContext, scanPath: string, flags: EvidenceFlags, terminal: Terminal): Promise<number> {
  parseVars(flags.var); // reject a malformed --var before scanning
  const outDir = path.resolve(context.cwd, flags.outDir);
  assertEmptyOrAbsent(outDir, flags.outDir);
  const signingKey = flags.signKey !== undefined ? readKeyFile(flags.signKey, context.cwd, 'private') : undefined;
  const prepared = prepareScan(context, [scanPath], flags);
  const { pack, exitCode } = await scanIntoPack(context, prepared, flags, terminal, signingKey);

  let written: readonly string[];
  try {
    mkdirSync(outDir, { recursive: true });
    // Each file hashed as it is written, the manifest last, over those digests.
    const digests = pack.files.map((f) => writePackFile(path.join(outDir, f.path), f));
    const sealed = pack.seal(digests);
    for (const f of sealed) writePackFile(path.join(outDir, f.path), f);
    written = [...pack.files, ...sealed].map((f) => f.path);
    if (flags.zip) zipPackFiles(`${outDir}.zip`, path.basename(outDir), outDir, written, context.now);
  } catch (error) {
    throw new UsageError(`-o ${flags.outDir}: cannot write the evidence pack (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).`, 'Check that the directory is writable.');
  }
  if (!flags.quiet) {
    const c = pack.run.counts;
    terminal.err(
      `Evidence pack written to ${flags.outDir}${flags.zip ? ` and ${flags.outDir}.zip` : ''}: ${written.length} files, ${c['fail']} failing, ${c['waived']} waived, ${c['pass']} passing${signingKey ? `; signed with ${publicKeyFingerprint(signingKey)}` : '; not signed (use --sign-key)'}.\n`,
    );
  }
  return exitCode;
}

/**
 * The scan and the pack it makes, before the pack is written. The source model, which the pack reads
 * only for resource tags (risk register) and module calls (SBOM), is read in scanForPack and let go
 * when it returns, before the pack's registers, page and files are made.
 */
async function scanIntoPack(context: ScanContext, prepared: PreparedScan, flags: EvidenceFlags, terminal: Terminal, signingKey: KeyObject | undefined): Promise<{ pack: EvidencePackParts; exitCode: number }> {
  const root = prepared.scanRoot.root;
  // prepareScan read the waiver register and the scan applied it: the pack shows both.
  const register = prepared.waivers?.register;
  const policy = prepared.waivers?.policy;
  const { result, input, facts } = await scanForPack(context, prepared, flags, terminal);
  const tool = { name: 'safeguard', version: packageVersion() };
  const pack = prepareEvidencePack({
    report: input,
    files: result.files,
    facts,
    tool,
    now: context.now,
    gitCommit: gitCommit(root),
    ...auditLogState(context, root, prepared.config),
    // The custom policies and plugin rules the scan ran are documented and listed like built-in ones.
    ruleDoc: ruleDocs(prepared.custom?.rules),
    catalog: prepared.custom?.rules ?? rulePack(),
    ...(register && policy ? { waiverRegister: register, waiverPolicy: policy } : {}),
    ...(result.waivers ? { waiverStates: result.waivers.states } : {}),
    ...(signingKey ? { signingKey } : {}),
  });
  return { pack, exitCode: input.exitCode };
}

/**
 * The scan's result without its model, and what the pack reads of the model (modelFacts). Its own
 * function so that nothing holds the model once it returns: the model of every root module stayed
 * live while the pack was made, and a monorepo of 1000 root modules (rn1000) peaked at ~640 MB
 * against ~440 MB for `scan` (issue 11).
 */
async function scanForPack(context: ScanContext, prepared: PreparedScan, flags: EvidenceFlags, terminal: Terminal): Promise<{ result: Omit<ScanResult, 'model'>; input: ReportInput; facts: ModelFacts }> {
  const { model, ...result } = await executeScan(context, prepared, flags, terminal, uncachedSourceScan(context, prepared), true);
  const input = reportInput(result, prepared.failOn, prepared.selection.warnOnly);
  return { result, input, facts: modelFacts(model, input.findings) };
}

/** Every file under `dir`, paths relative to it with forward slashes. */
function readTree(dir: string, prefix = ''): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of readTree(full, rel)) out.set(k, v);
    else out.set(rel, readFileSync(full)); // a symlink or special file counts as a file: it is not part of a pack
  }
  return out;
}

export function runEvidenceVerifyCommand(context: ScanContext, target: string, flags: { readonly pubKey?: string; readonly color: boolean; readonly quiet: boolean }, terminal: Terminal): number {
  const absolute = path.resolve(context.cwd, target);
  if (!existsSync(absolute)) throw new UsageError(`${target}: no such evidence pack.`, 'Give the folder written by `safeguard evidence -o DIR`, or DIR.zip.');
  const publicKey = flags.pubKey !== undefined ? readKeyFile(flags.pubKey, context.cwd, 'public') : undefined;
  let files: Map<string, Uint8Array>;
  try {
    files = statSync(absolute).isDirectory() ? readTree(absolute) : unzipPack(readFileSync(absolute));
  } catch {
    throw new UsageError(`${target}: cannot read it as an evidence pack folder or zip.`, 'Give the folder written by `safeguard evidence -o DIR`, or DIR.zip.');
  }
  const report = verifyPack(files, publicKey);
  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  for (const p of report.problems) terminal.out(`${c.red(p.kind.padEnd(16))} ${p.file}\n  ${p.message}\n`);
  if (report.ok) {
    const signature = report.signed ? `signature valid (key ${report.fingerprint}${publicKey ? ', the one given' : '; pass --pub-key to require your key'})` : 'not signed: the hashes show the files match the manifest, not who wrote it';
    terminal.out(`${c.green('ok')} ${target}: ${report.verified} files match manifest.json; ${signature}.\n`);
    return 0;
  }
  terminal.out(`${c.red('FAILED')} ${target}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; ${report.verified} files match.\n`);
  return 1;
}
