// `safeguard audit verify [FILE]` (issue 9): checks the audit log's hash chain and names every
// edited, removed, inserted or reordered entry by line and seq. Exit 0 intact, 1 tampered, 2 when
// there is no log to check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyAuditLog } from '../audit/audit-log.js';
import { loadConfig } from '../config/find-config.js';
import { createColors } from '../reporters/colors.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { resolveAuditLog } from './audit-trail.js';
import { SetupError, UsageError } from './cli-error.js';
import { ruleCatalog } from './rule-pack.js';
import { useColor, type Terminal } from './terminal.js';

export interface AuditVerifyFlags {
  readonly format: string;
  readonly config?: string;
  readonly color: boolean;
  /** --expect-head HASH (repeatable): heads recorded earlier that must still be in the log. */
  readonly expectHead?: readonly string[];
}

export function runAuditVerifyCommand(context: ScanContext, file: string | undefined, flags: AuditVerifyFlags, terminal: Terminal): number {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format ${flags.format}: unknown format.`, 'Use --format text or --format json.');
  let target = file;
  if (target === undefined) {
    const config = loadConfig(context.fs, { cwd: context.cwd, searchFrom: context.cwd, catalog: ruleCatalog, ...(flags.config !== undefined ? { explicitPath: flags.config } : {}) });
    if (!config.ok) throw new SetupError(config.errors);
    target = resolveAuditLog(context, context.cwd, config.value, undefined)?.display;
    if (target === undefined) throw new UsageError('No audit log found (.safeguard/audit.log, or audit_log in .safeguard.yaml).', 'Pass the file: safeguard audit verify path/to/audit.log');
  }
  let text: string;
  try {
    text = readFileSync(path.resolve(context.cwd, target), 'utf8');
  } catch (error) {
    throw new UsageError(`Audit log ${target}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`, 'Check the path.');
  }
  for (const head of flags.expectHead ?? []) {
    if (!/^[0-9a-fA-F]{64}$/.test(head)) throw new UsageError(`--expect-head ${head}: not a SHA-256 hash (64 hex digits).`, 'Pass the head that `safeguard audit verify` printed, or the auditLog.head of an evidence pack\'s manifest.json.');
  }
  const result = verifyAuditLog(text, { expectHeads: flags.expectHead ?? [] });
  const exitCode = result.problems.length > 0 ? 1 : 0;
  if (flags.format === 'json') {
    terminal.out(`${JSON.stringify({ schemaVersion: '1.0', file: target, entries: result.entries, intact: exitCode === 0, head: result.head ?? null, problems: result.problems }, null, 2)}\n`);
    return exitCode;
  }
  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  const entries = `${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}`;
  if (exitCode === 0) {
    terminal.out(`${c.green('✔')} ${target}: ${entries}, hash chain intact${result.head ? `; head ${result.head}` : ''}.\n`);
    return 0;
  }
  for (const p of result.problems) terminal.out(`${target}:${p.line}  ${c.red(p.kind)}  ${p.message}\n`);
  // Only appends cut short: most likely a writer killed part way, which an edit cannot be told apart from.
  const cut = result.problems.every((p) => p.kind === 'cut-short');
  terminal.out(`${c.red('✖')} ${target}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${entries}; ${cut ? 'an append was cut short (a writer killed part way, or an edit): the chain across it is intact' : 'the log was tampered with'}.\n`);
  return exitCode;
}
