// Writing the audit log (issue 9) from the CLI. Where: `--audit-log FILE`, else `audit_log:` in the
// config, else `.safeguard/audit.log` when that file already exists (see docs/cli.md). Scans never
// create the log on their own, so checkouts in CI and the bundled examples stay unchanged;
// `safeguard waivers add` starts it, since a waiver change is what most needs a record.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readAuditEntries, sealEntry, type AuditEntry, type AuditRecord } from '../audit/audit-log.js';
import { scanRecord, waiverChanges, type AuditMeta, type ScanSummary } from '../audit/audit-records.js';
import type { SafeguardConfig } from '../config/safeguard-config.js';
import { realPlaceOf } from '../pipeline/real-path-inside.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { AUDIT_LOG_FILE, findSafeguardHome, SAFEGUARD_DIR } from '../waivers/find-register.js';
import type { WaiverRegister, WaiverState } from '../waivers/waiver.js';
import { UsageError } from './cli-error.js';
import { LockTimeoutError, withFileLock } from './file-writes.js';
import { packageVersion } from './version.js';

export interface AuditLogTarget {
  readonly absolute: string;
  /** How messages name it: relative to the working directory. */
  readonly display: string;
}

/**
 * The log this run appends to, or undefined. `flag` is `--audit-log FILE` (a string) or
 * `--no-audit-log` (false). With `create`, the default `.safeguard/audit.log` is used even when it
 * does not exist yet (under `home`, the directory holding `.safeguard/`).
 */
export function resolveAuditLog(
  context: ScanContext,
  scanRoot: string,
  config: Pick<SafeguardConfig, 'auditLog' | 'path'>,
  flag: string | false | undefined,
  create?: { readonly home: string },
): AuditLogTarget | undefined {
  const target = (absolute: string): AuditLogTarget => ({ absolute, display: path.relative(context.cwd, absolute).split(path.sep).join('/') || absolute });
  if (flag === false) return undefined;
  if (typeof flag === 'string') return target(path.resolve(context.cwd, flag));
  if (config.auditLog === false) return undefined;
  if (typeof config.auditLog === 'string') {
    const bounds = config.path === undefined ? [scanRoot] : [scanRoot, path.dirname(config.path)];
    if (!writableInside(context, config.auditLog, bounds)) {
      throw new UsageError(
        `audit_log in ${path.relative(context.cwd, config.path ?? scanRoot) || '.safeguard.yaml'} leads outside the scan root and the config file's directory (${target(config.auditLog).display}), so the scan does not write it.`,
        'The config may be the scanned repository\'s own: pass --audit-log FILE to choose a log elsewhere, or --no-audit-log.',
      );
    }
    return target(config.auditLog);
  }
  const home = findSafeguardHome(context.fs, scanRoot);
  const existing = home === undefined ? undefined : path.join(home, SAFEGUARD_DIR, AUDIT_LOG_FILE);
  if (existing !== undefined && context.fs.stat(existing)?.kind === 'file') {
    if (!writableInside(context, existing, [home!])) throw new UsageError(`${target(existing).display} is a symbolic link out of ${target(home!).display}, so the scan does not append to it.`, 'Replace the link with the log file, or pass --audit-log FILE or --no-audit-log.');
    return target(existing);
  }
  return create ? target(path.join(create.home, SAFEGUARD_DIR, AUDIT_LOG_FILE)) : undefined;
}

/**
 * Whether appending to `file` writes inside one of `bounds`, by real paths: a config in the scanned
 * repository set `audit_log: ../../home/runner/.bashrc`, or committed `.safeguard/audit.log` as a
 * link to such a file, and every scan appended a record to it. A file not there yet is judged by
 * its nearest existing directory.
 */
function writableInside(context: ScanContext, file: string, bounds: readonly string[]): boolean {
  return realPlaceOf(context.fs, file, bounds, true).inside;
}

function git(dir: string, args: readonly string[]): string | undefined {
  try {
    const out = execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** Who ran it (git user.email, else $USER), when (the context's clock), which tool and commit. */
export function auditMeta(context: ScanContext, dir: string): AuditMeta {
  const actor = git(dir, ['config', 'user.email']) ?? context.env['USER'] ?? context.env['USERNAME'] ?? 'unknown';
  const commit = git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return { time: context.now.toISOString(), actor, tool: `safeguard ${packageVersion()}`, ...(commit ? { commit } : {}) };
}

export function readAuditHistory(target: AuditLogTarget): { text: string; entries: AuditEntry[] } {
  let text = '';
  try {
    text = readFileSync(target.absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`Audit log ${target.display}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`, 'Check its permissions, or pass --no-audit-log.');
  }
  return { text, entries: readAuditEntries(text) };
}

/**
 * Appends records in order, each chained to the one before. Only ever appends. `records` may be a
 * function of the log's entries, called while the log is locked: records that depend on the log
 * (the waiver changes not yet in it) are then made from the entries they follow.
 */
export function appendAudit(target: AuditLogTarget, records: readonly AuditRecord[] | ((entries: readonly AuditEntry[]) => readonly AuditRecord[])): void {
  if (Array.isArray(records) && records.length === 0) return;
  const failure = (error: unknown): UsageError =>
    error instanceof LockTimeoutError
      ? new UsageError(`Audit log ${target.display}: another process has held ${path.basename(error.lockFile)} for a minute, so nothing was appended.`, `If no Safeguard process is running, delete ${error.lockFile}.`)
      : new UsageError(`Audit log ${target.display}: cannot append to it (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).`, 'Check that its directory is writable, or pass --no-audit-log.');
  try {
    mkdirSync(path.dirname(target.absolute), { recursive: true });
  } catch (error) {
    throw failure(error);
  }
  // The log is read and appended to under its lock: two scans appending at once chained their
  // entries to the same last one, and `audit verify` reported the fork as tampering.
  try {
    withFileLock(target.absolute, () => {
      const { text, entries } = readAuditHistory(target);
      const list = typeof records === 'function' ? records(entries) : records;
      if (list.length === 0) return;
      let last: AuditEntry | undefined = entries.at(-1);
      const lines: string[] = [];
      for (const record of list) {
        const sealed = sealEntry(record, last);
        last = sealed.entry;
        lines.push(sealed.line);
      }
      try {
        appendFileSync(target.absolute, `${text !== '' && !text.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`);
      } catch (error) {
        throw failure(error);
      }
    });
  } catch (error) {
    throw error instanceof UsageError ? error : failure(error);
  }
}

/** Where a log's paths are relative to: the directory holding `.safeguard/`, else the log's own. */
function logHome(target: AuditLogTarget): string {
  const dir = path.dirname(target.absolute);
  return path.basename(dir) === SAFEGUARD_DIR ? path.dirname(dir) : dir;
}

export interface ScanForAudit {
  readonly root: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly rulesRun: ScanSummary['rulesRun'];
  readonly findings: ScanSummary['findings'];
  readonly waivers?: { readonly states: ReadonlyMap<string, WaiverState> };
}

/** After a scan: waiver changes not yet in the log, then the scan itself. */
export function recordScan(context: ScanContext, target: AuditLogTarget | undefined, scan: ScanForAudit, register: WaiverRegister | undefined, exitCode: number): void {
  if (!target) return;
  const meta = auditMeta(context, scan.root);
  const root = path.relative(logHome(target), scan.root).split(path.sep).join('/') || '.';
  const record = scanRecord({ root, files: scan.files, rulesRun: scan.rulesRun, findings: scan.findings, exitCode }, meta);
  // The waiver changes are judged against the log as it is when locked: another scan may have just recorded them.
  appendAudit(target, (entries) => [...(register && scan.waivers ? waiverChanges(register, scan.waivers.states, entries, meta) : []), record]);
}
