// `safeguard waivers add [PATH] --rule … --justification … --expires …` (issue 9): appends one
// entry to the register's text (waivers/append-entry.ts), so every other byte of the file stays,
// validates the result with the same checks a scan uses, and records the change in the audit log.
import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { waiverChanges } from '../audit/audit-records.js';
import { isoDay, type ScanContext } from '../pipeline/scan-context.js';
import { locateRegister, waiverPolicy } from '../waivers/find-register.js';
import { dayNumber } from '../waivers/register-schema.js';
import { appendWaiverEntry } from '../waivers/append-entry.js';
import { loadWaiverRegister, waiverState, type WaiverState } from '../waivers/waiver.js';
import { appendAudit, auditMeta, resolveAuditLog } from './audit-trail.js';
import { decodeText, firstInvalidUtf8 } from '../discovery/decode-text.js';
import { discover } from '../discovery/discover.js';
import { loadLayout } from '../graph/load.js';
import { SetupError, UsageError } from './cli-error.js';
import { finishWritesOnSignal, LockTimeoutError, withFileLock, writeFileAtomically } from './file-writes.js';
import { ruleCatalog } from './rule-pack.js';
import { prepareScan } from './scan-command.js';
import type { Terminal } from './terminal.js';

export interface WaiverAddFlags {
  readonly id?: string;
  readonly rule?: string;
  readonly resource: readonly string[];
  readonly path: readonly string[];
  /** Root module globs (the register's `roots`); absent from older callers. */
  readonly root?: readonly string[];
  readonly justification?: string;
  readonly likelihood?: string;
  readonly impact?: string;
  readonly compensatingControl: readonly string[];
  readonly requestedBy?: string;
  readonly approvedBy: readonly string[];
  /** YYYY-MM-DD, or `90d` for that many days from today. */
  readonly expires?: string;
  readonly ticket?: string;
  readonly config?: string;
  readonly auditLog?: string | false;
}

const NEW_REGISTER = `# Safeguard waiver register: accepted risks, each approved by someone other than its requester
# and with an expiry date. \`safeguard waivers check\` validates it; docs/cli.md describes the fields.
version: 1
waivers:
`;

function expiryDay(value: string, today: string): string {
  const relative = /^(\d{1,4})d$/.exec(value);
  if (!relative) return value;
  return new Date((dayNumber(today)! + Number(relative[1])) * 86_400_000).toISOString().slice(0, 10);
}

function nextId(ids: readonly string[]): string {
  const numbers = ids.map((id) => /^W-(\d+)$/.exec(id)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return `W-${String(Math.max(0, ...numbers) + 1).padStart(3, '0')}`;
}

export function runWaiversAddCommand(context: ScanContext, target: string, flags: WaiverAddFlags, terminal: Terminal): number {
  const required: [keyof WaiverAddFlags, string][] = [
    ['rule', '--rule'],
    ['justification', '--justification'],
    ['likelihood', '--likelihood'],
    ['impact', '--impact'],
    ['requestedBy', '--requested-by'],
    ['expires', '--expires'],
  ];
  const missing = required.filter(([key]) => flags[key] === undefined).map(([, flag]) => flag);
  if (flags.approvedBy.length === 0) missing.push('--approved-by');
  if (flags.compensatingControl.length === 0) missing.push('--compensating-control');
  if (flags.resource.length === 0 && flags.path.length === 0 && (flags.root ?? []).length === 0) missing.push('--resource, --path or --root');
  if (missing.length > 0) throw new UsageError(`waivers add: missing ${missing.join(', ')}.`, 'Run `safeguard waivers add --help` for every flag.');

  const prepared = prepareScan(context, [target], { rule: [], skipRule: [], varFile: [], ...(flags.config !== undefined ? { config: flags.config } : {}) });
  const root = prepared.scanRoot.root;
  const location = locateRegister(context.fs, root, prepared.config);
  const display = path.relative(context.cwd, location.absolute).split(path.sep).join('/');
  // The register is read, added to and written back under its lock, and so is the id chosen: two
  // `waivers add` runs at once each wrote back the register they had read, and one waiver was lost
  // (though the audit log recorded both).
  const { id, added, audit } = lockedRegister(location.absolute, display, () => {
    let text = NEW_REGISTER;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(location.absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${display}: cannot read the waiver register (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`);
    }
    if (bytes !== undefined) {
      // Read leniently, a Latin-1 byte became U+FFFD and the whole register was written back with
      // it: the bytes changed behind the user's back. Scans refuse such a register too (find-register.ts).
      if (!decodeText(bytes).ok) {
        const at = firstInvalidUtf8(bytes);
        throw new UsageError(`${display} is not valid UTF-8 text${at ? ` (first invalid byte at line ${at.line}, column ${at.column})` : ''}, so nothing was added.`, 'Save the register as UTF-8 (scans cannot read it as it is either), then run waivers add again.');
      }
      text = bytes.toString('utf8'); // as before: a BOM is kept
    }
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) throw new UsageError(`${display} is not valid YAML, so nothing was added.`, 'Run `safeguard waivers check` to see where, and fix it first.');

    const policy = waiverPolicy(prepared.config);
    const registerFile = path.relative(root, location.absolute).split(path.sep).join('/');
    const before = loadWaiverRegister({ file: registerFile, text, resolveRule: ruleCatalog.resolve, policy });
    const today = isoDay(context.now);
    const id = flags.id ?? nextId([...before.waivers.map((w) => w.id), ...before.invalid.flatMap((i) => (i.id ? [i.id] : []))]);
    const entry = {
      id,
      rule: flags.rule!,
      ...(flags.resource.length > 0 ? { resources: [...flags.resource] } : {}),
      ...(flags.path.length > 0 ? { paths: [...flags.path] } : {}),
      ...((flags.root ?? []).length > 0 ? { roots: [...flags.root!] } : {}),
      justification: flags.justification!,
      risk: { likelihood: flags.likelihood!, impact: flags.impact! },
      compensating_controls: [...flags.compensatingControl],
      requested_by: flags.requestedBy!,
      approved_by: [...flags.approvedBy],
      created: today,
      expires: expiryDay(flags.expires!, today),
      ...(flags.ticket !== undefined ? { ticket: flags.ticket } : {}),
    };
    // Spliced into the text, so the existing entries keep their bytes (re-printing the document realigned their comments).
    const appended = appendWaiverEntry(text, entry);
    if (!appended.ok) {
      const what = appended.reason === 'not-a-list' ? '"waivers" is not a list' : 'the register is not a mapping of version and waivers';
      throw new SetupError([{ code: 'waiver/schema', severity: 'error', message: `${display}: ${what}, so nothing was added.`, file: display }]);
    }
    const updated = appended.text;
    const after = loadWaiverRegister({ file: registerFile, text: updated, resolveRule: ruleCatalog.resolve, policy });
    const written = parseDocument(updated).get('waivers', true);
    const index = isSeq(written) ? written.items.length - 1 : 0;
    const prefix = `waivers[${index}]`;
    const problems = after.errors.filter((d) => d.message.startsWith(prefix));
    if (problems.length > 0) {
      throw new UsageError(
        `waivers add: the new waiver is not valid, so nothing was written:\n${problems.map((d) => `  ${d.message.slice(prefix.length).replace(/^\./, '')}`).join('\n')}`,
        problems.find((d) => d.hint)?.hint ?? 'Fix the flags and run again.',
      );
    }

    // Whole or not at all, as every file a later step trusts (file-writes.ts): a link to the register keeps pointing at it, its mode kept.
    finishWritesOnSignal(); // the command's last write: a signal now lets it finish (file-writes.ts)
    writeFileAtomically(location.absolute, [updated]);

    const added = after.waivers.find((w) => w.id === id)!;
    const audit = resolveAuditLog(context, root, prepared.config, flags.auditLog, { home: location.baseDir });
    if (audit) {
      const states = new Map<string, WaiverState>(after.waivers.map((w) => [w.id, waiverState(w, today, policy)]));
      const meta = auditMeta(context, root);
      appendAudit(audit, (entries) => waiverChanges(after, states, entries, meta));
    }
    return { id, added, audit };
  });
  terminal.out(`Added waiver ${id} (${added.rule}, expires ${added.expires}) to ${display}:${added.span.start.line}${audit ? `; recorded in ${audit.display}` : ''}.\n`);
  // Stacks for several environments repeat addresses: a waiver naming only resources covers each
  // stack's finding, so a waiver meant for prod's silently waived dev's too when dev regressed.
  if ((flags.root ?? []).length === 0 && flags.path.length === 0) {
    const roots = rootModulesUnder(context, prepared.scanRoot.root, prepared.scanRoot.targets, prepared.config.exclude).map((dir) => path.relative(location.baseDir, path.join(root, dir)).split(path.sep).join('/') || '.');
    if (roots.length > 1) {
      const shown = roots.length <= 4 ? roots.join(', ') : `${roots.slice(0, 3).join(', ')} and ${roots.length - 3} more`;
      terminal.err(`Note: ${id} covers ${flags.resource.join(', ')} in every root module, and this scan has ${roots.length} (${shown}); to waive one stack's finding only, add --root with that stack's directory, or --path.\n`);
    }
  }
  return 0;
}

/** `work` holding the register's lock, its directory made for the lock and removed again when nothing was added. */
function lockedRegister<T>(file: string, display: string, work: () => T): T {
  const dir = path.dirname(file);
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true });
    return withFileLock(file, work);
  } catch (error) {
    // An invalid waiver leaves no trace, not even an empty .safeguard/ (only empty directories are removed).
    for (let d = dir; created !== undefined && d.length >= created.length; d = path.dirname(d)) {
      try {
        rmdirSync(d);
      } catch {
        break;
      }
    }
    if (error instanceof LockTimeoutError) throw new UsageError(`${display}: another process has held ${path.basename(error.lockFile)} for a minute, so nothing was added.`, `If no Safeguard process is running, delete ${error.lockFile}.`);
    if (error instanceof UsageError || error instanceof SetupError) throw error;
    throw new UsageError(`${display}: cannot write the waiver register (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).`, 'Check that its directory is writable.');
  }
}

/** The root module directories under the scan (relative to `root`), from the files' module calls alone: nothing is evaluated. */
function rootModulesUnder(context: ScanContext, root: string, targets: readonly string[], exclude: readonly string[] | undefined): readonly string[] {
  const discovery = discover(context.fs, { root, targets, ...(exclude && exclude.length > 0 ? { exclude } : {}) });
  const files = new Map(discovery.files.filter((f) => f.format !== 'terraform-plan' && f.format !== 'terraform-state').map((f) => [f.path, f.text]));
  return loadLayout(files, undefined, discovery.links).rootModules;
}
