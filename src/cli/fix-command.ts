// `safeguard fix [PATH] [--dry-run] [--unsafe] [--rule ID]... [--patch FILE]` (issue 10): applies the
// fixes of failing findings as text edits, rescanning an in-memory overlay between passes, then
// writes each changed file atomically (never with --dry-run) and reports every fix: applied,
// skipped because it is unsafe, or why it could not be applied.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import { fixFiles, type FixEntry, type FixRun } from '../fixes/fix-files.js';
import { unifiedDiff } from '../fixes/unified-diff.js';
import { withinLimit, type ScanContext, type ScanFileSystem } from '../pipeline/scan-context.js';
import { fixRecord } from '../audit/audit-records.js';
import { terragruntOwnedReason } from '../fixes/terragrunt-owned.js';
import { decodeText } from '../discovery/decode-text.js';
import { appendAudit, auditMeta, resolveAuditLog } from './audit-trail.js';
import { UsageError } from './cli-error.js';
import { finishWritesOnSignal, temporaryName, writeFileAtomically } from './file-writes.js';
import { writeFailureHint } from './report-outputs.js';
import type { CustomRuleFlags } from './custom-rules.js';
import { executeScan, prepareScan, uncachedSourceScan, type PreparedScan, type ScanFlags } from './scan-command.js';
import { stderrColors, type Terminal } from './terminal.js';
import { rootNotShownByPath } from '../reporters/report-input.js';
import { maskAssignmentsTo, redactSecrets, reportedLiterals, sensitiveVariableNames, type LiteralRanges } from '../reporters/redact.js';
import { maskFixDiffTexts } from '../reporters/redact-fix-diff.js';
import { stackInManifest, synthesizedStackOf, type SynthesizedFile } from '../fixes/synthesized.js';

export interface FixFlags {
  readonly dryRun: boolean;
  readonly unsafe: boolean;
  readonly rule: readonly string[];
  readonly patch?: string;
  readonly config?: string;
  readonly varFile: readonly string[];
  readonly var: readonly string[];
  /** For each --var, how many --var-file flags came before it. */
  readonly varFilesBefore?: readonly number[];
  /** --allow-outside-root: read var files outside the scan root. */
  readonly allowOutsideRoot?: boolean;
  readonly color: boolean;
  /**
   * Run by `scan --fix` / `--fix-unsafe`: the scan report follows (on stdout, possibly JSON or
   * SARIF), so the fixes applied and the summary go to stderr and the still-failing list is left
   * to the report. Files changed on disk are always said: a CI gate must not go green on edits
   * nobody saw.
   */
  readonly beforeScan?: boolean;
  /** `--audit-log FILE`, or false for `--no-audit-log` (see resolveAuditLog). */
  readonly auditLog?: string | false;
  /** --policies / --plugin (plugins already loaded), as for `scan`. */
  readonly customRules?: CustomRuleFlags;
}

/** The real file system with some files' text replaced: what a rescan between passes reads. */
function overlayFileSystem(base: ScanFileSystem, root: string, files: ReadonlyMap<string, string>, initial: ReadonlyMap<string, string>): ScanFileSystem {
  const encoder = new TextEncoder();
  const replaced = new Map<string, Uint8Array>();
  for (const [rel, text] of files) if (initial.get(rel) !== text) replaced.set(path.resolve(root, rel), encoder.encode(text));
  // Not `identify`: a replaced file's stat is the disk's, not its text's (a file index would trust the old text).
  const { identify: _diskOnly, ...rest } = base;
  return {
    ...rest,
    lstat: (p) => base.lstat(p),
    realPath: (p) => base.realPath(p),
    readDir: (p) => base.readDir(p),
    stat(p) {
      const s = base.stat(p);
      const r = replaced.get(base.realPath(p) ?? p);
      return s && r ? { ...s, sizeBytes: r.byteLength } : s;
    },
    readFile: (p) => replaced.get(base.realPath(p) ?? p) ?? base.readFile(p),
    listDir: (p) => base.listDir(p),
    readRegularFile(p, maxBytes) {
      const r = replaced.get(base.realPath(p) ?? p);
      if (r === undefined) return base.readRegularFile(p, maxBytes);
      return withinLimit(r, maxBytes);
    },
  };
}

function startsWithBom(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Writes `text` to a temporary file in `file`'s directory and returns it, to be renamed over `file`
 * (writeFixedFiles), so a crash never leaves half a file.
 */
function stageFile(file: string, text: string): string {
  let prefix = '';
  let mode: number | undefined;
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(file);
    mode = statSync(file).mode;
  } catch {
    // a new file
  }
  if (bytes !== undefined) {
    // Its text was read with U+FFFD for the invalid bytes: written back, they would be lost.
    // unwritableFiles keeps every fix away from such a file, so getting here is a bug.
    if (!decodeText(bytes).ok) throw new Error(`refusing to rewrite ${file}: it is not valid UTF-8 text, so writing the fixed text would change its bytes`);
    if (startsWithBom(bytes)) prefix = '\ufeff'; // decodeText dropped it
  }
  const temporary = temporaryName(file);
  try {
    writeFileSync(temporary, prefix + text, mode === undefined ? {} : { mode });
  } catch (error) {
    rmSync(temporary, { force: true }); // a full disk leaves no half-written copy beside the source
    throw error;
  }
  return temporary;
}

/**
 * Writes every fixed file, or none: each is staged beside its file first, and only when all are
 * staged are they renamed into place. A full disk stopped `fix` with an internal error after some
 * files were rewritten, leaving a temporary file beside the next; now it changes nothing and says so.
 */
function writeFixedFiles(root: string, changed: readonly string[], files: ReadonlyMap<string, string>): void {
  const staged: [string, string][] = [];
  let current = '';
  try {
    for (const rel of changed) {
      current = rel;
      const file = path.resolve(root, rel);
      staged.push([stageFile(file, files.get(rel)!), file]);
    }
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error; // not I/O: a bug (stageFile's refusal)
    throw new UsageError(`fix: cannot write ${current} (${code}), so no file was changed.`, writeFailureHint(code));
  }
  for (let i = 0; i < staged.length; i++) {
    const [temporary, file] = staged[i]!;
    try {
      renameSync(temporary, file);
    } catch (error) {
      for (const [left] of staged.slice(i)) rmSync(left, { force: true });
      const code = (error as NodeJS.ErrnoException).code ?? 'rename failed';
      throw new UsageError(`fix: cannot replace ${changed[i]} (${code}); ${i} of ${staged.length} fixed file${staged.length === 1 ? ' was' : 's were'} written.`, 'Check that the files are writable, review them with `git diff`, and run fix again.');
    }
  }
}

/**
 * The scanned files that are not valid UTF-8 (Terraform files read with U+FFFD in place of the
 * invalid bytes, discovery/terraform-encoding.ts), each with the reason a fix there is not applied.
 * Only texts holding U+FFFD can be such a file, so only those are read again.
 */
function unwritableFiles(fs: ScanFileSystem, root: string, texts: ReadonlyMap<string, string>, shown: (rel: string) => string): Map<string, string> {
  const unwritable = new Map<string, string>();
  for (const [rel, text] of texts) {
    if (!text.includes('\ufffd')) continue;
    const bytes = fs.readFile(path.resolve(root, rel));
    if (bytes !== undefined && !decodeText(bytes).ok) {
      unwritable.set(rel, `${shown(rel)} is not valid UTF-8, so it was read with replacement characters (U+FFFD); writing the fix would change its bytes, so it was not applied. Save the file as UTF-8 and run fix again.`);
    }
  }
  return unwritable;
}

/**
 * The scanned .tf.json files CDK for Terraform synthesized: a top-level `"//"` metadata naming the
 * stack and CDKTF version, or CDKTF's manifest.json two levels up (`cdktf.out/manifest.json` for
 * `cdktf.out/stacks/<stack>/cdk.tf.json`) listing the file as a stack's synthesizedStackPath.
 */
function synthesizedFiles(fs: ScanFileSystem, root: string, texts: ReadonlyMap<string, string>): Map<string, SynthesizedFile> {
  const found = new Map<string, SynthesizedFile>();
  for (const [rel, text] of texts) {
    if (!rel.endsWith('.tf.json')) continue;
    const own = synthesizedStackOf(text);
    if (own !== undefined) {
      found.set(rel, own);
      continue;
    }
    const file = path.resolve(root, rel);
    const outdir = path.dirname(path.dirname(path.dirname(file)));
    const bytes = fs.readFile(path.join(outdir, 'manifest.json'));
    const manifest = bytes === undefined ? undefined : decodeText(bytes);
    if (manifest?.ok !== true) continue;
    const listed = stackInManifest(manifest.text, path.relative(outdir, file).split(path.sep).join('/'));
    if (listed !== undefined) found.set(rel, listed);
  }
  return found;
}

export interface FixCommandResult {
  readonly exitCode: number;
  readonly run: FixRun;
}

const STATUS_TEXT: Record<FixEntry['status'], string> = {
  applied: 'fixed',
  'skipped-unsafe': 'skipped',
  manual: 'manual',
  overlap: 'skipped',
  failed: 'failed',
  'no-change': 'no change',
  'in-construct': 'construct',
};

/** The flag that applies unsafe fixes in the command that printed the hint: `fix --unsafe`, `scan --fix-unsafe`. */
function unsafeFlagOf(flags: Pick<FixFlags, 'beforeScan'>): string {
  return flags.beforeScan === true ? '--fix-unsafe' : '--unsafe';
}

function why(entry: FixEntry, unsafeFlag: string): string | undefined {
  switch (entry.status) {
    case 'skipped-unsafe':
      return `unsafe: it may replace, restart or re-permission live infrastructure; run with ${unsafeFlag} to apply it`;
    case 'manual':
      return 'no automatic edit; see the fix text';
    case 'overlap':
      return 'it edits the same text as another fix; run fix again';
    case 'no-change':
      return 'the edit is already in place but the rule still fails';
    default:
      return undefined;
  }
}

/**
 * The first scan's files, and its findings for the first pass, handed over once. A finding's edit
 * callback holds its scan's whole model (~170 MB for corpus (b) of the bench): a variable of the
 * fix command that still held them kept that model live through every later scan.
 */
async function firstScan(context: ScanContext, prepared: PreparedScan, scanFlags: ScanFlags, terminal: Terminal): Promise<{ initial: Map<string, string>; literals: LiteralRanges; takeFindings(): readonly Finding[] | undefined }> {
  const result = await executeScan(context, prepared, scanFlags, terminal, uncachedSourceScan(context, prepared, true));
  let findings: readonly Finding[] | undefined = result.findings;
  return {
    initial: new Map(result.files.map((f) => [f.path, f.text])),
    literals: reportedLiterals(result.findings),
    takeFindings: () => {
      const taken = findings;
      findings = undefined;
      return taken;
    },
  };
}

/** `fix FILE`: only the findings in the named files (the scan still reads their whole configuration). */
function namedFiles(context: ScanContext, paths: readonly string[], root: string): { onlyFiles?: ReadonlySet<string> } {
  const absolute = paths.map((p) => path.resolve(context.cwd, p));
  if (absolute.length === 0 || !absolute.every((p) => context.fs.stat(p)?.kind === 'file')) return {};
  return { onlyFiles: new Set(absolute.map((p) => path.relative(root, p).split(path.sep).join('/'))) };
}

export async function runFixCommand(context: ScanContext, paths: readonly string[], flags: FixFlags, terminal: Terminal): Promise<FixCommandResult> {
  const prepared = prepareScan(context, paths, { rule: flags.rule, skipRule: [], varFile: flags.varFile, ...(flags.config !== undefined ? { config: flags.config } : {}), ...(flags.customRules ? { customRules: flags.customRules } : {}) });
  const scanFlags: ScanFlags = { format: 'text', rule: flags.rule, skipRule: [], varFile: flags.varFile, var: flags.var, ...(flags.varFilesBefore ? { varFilesBefore: flags.varFilesBefore } : {}), ...(flags.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}), quiet: true, color: false, verbose: false };
  const { root, displayRoot } = prepared.scanRoot;
  // Per root module, as `scan` evaluates (the whole tree at once kept every parse tree and module
  // instance of a monorepo live), with each finding's edit callback kept.
  const first = await firstScan(context, prepared, scanFlags, terminal);
  const initial = first.initial;
  const shown = (rel: string): string => (displayRoot === '' ? rel : `${displayRoot}/${rel}`);
  const notUtf8Files = unwritableFiles(context.fs, root, initial, shown);
  const unwritable = new Map(notUtf8Files);
  for (const [rel, text] of initial) {
    const reason = terragruntOwnedReason(path.resolve(root, rel).split(path.sep).join('/'), text, shown(rel)); // absolute: the scan root may be inside the cache
    if (reason !== undefined && !unwritable.has(rel)) unwritable.set(rel, reason);
  }
  const synthesized = synthesizedFiles(context.fs, root, initial);
  const run = await fixFiles(
    initial,
    async (files) => {
      const found = first.takeFindings();
      if (found) return found;
      const overlay: ScanContext = { ...context, fs: overlayFileSystem(context.fs, root, files, initial) };
      return (await executeScan(overlay, prepared, scanFlags, terminal, uncachedSourceScan(overlay, prepared, true))).findings;
    },
    { unsafe: flags.unsafe, unwritable, ...(synthesized.size > 0 ? { synthesized } : {}), ...namedFiles(context, paths, root) },
  );

  const c = stderrColors(terminal, flags.color);
  // The diff owns stdout in --dry-run so it can be piped into a file or `git apply`; before a scan, the report does.
  const say = flags.dryRun || flags.beforeScan === true ? (s: string) => terminal.err(s) : (s: string) => terminal.out(s);
  const unsafeFlag = unsafeFlagOf(flags);

  // The root module where the file does not tell it (a module called from several roots), as the
  // text report says it.
  const rootNote = (root: string | undefined, file: string): string => {
    const outside = rootNotShownByPath(root, file);
    return outside === undefined ? '' : ` (root module ${shown(outside)})`;
  };
  // Once per synthesized file, before its entries: why its fixes are said as changes to constructs.
  for (const [rel, file] of [...synthesized].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!run.entries.some((e) => e.status === 'in-construct' && e.file === rel)) continue;
    say(`${shown(rel)} is synthesized by CDK for Terraform (${file.evidence}): the next cdktf synth or deploy rewrites it, so no fix edits it. Make each change below in the construct it names, then synthesize again.\n`);
  }
  const entries = [...run.entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : (a.root ?? '') < (b.root ?? '') ? -1 : 1)));
  for (const e of entries) {
    const label = (e.status === 'applied' && flags.dryRun ? 'would fix' : STATUS_TEXT[e.status]).padEnd(9);
    say(`${label} ${shown(e.file)}:${e.line}  ${e.ruleId}  ${e.address}: ${e.description}${e.safety === 'unsafe' && e.status === 'applied' ? ' (unsafe)' : ''}${rootNote(e.root, e.file)}\n`);
    const reason = why(e, unsafeFlag);
    for (const note of [...(reason ? [reason] : []), ...e.notes]) say(`          ${note}\n`);
  }

  // The texts were decoded without a file's leading BOM, which stageFile puts back: the diffs
  // carry it as the file on disk does, or a hunk at line 1 would not apply (`git apply` refuses it).
  const bom = (rel: string): string => (startsWithBom(context.fs.readFile(path.resolve(root, rel))) ? '\ufeff' : '');
  const diff = run.changed.map((rel) => unifiedDiff(`a/${shown(rel)}`, `b/${shown(rel)}`, bom(rel) + (initial.get(rel) ?? ''), bom(rel) + (run.files.get(rel) ?? ''))).join('');
  // The terminal shows the diff as code frames show files, secrets masked (same length, so the lines
  // and hunks are the same); the --patch file is exact, to be applied, and written where asked.
  if (flags.dryRun) {
    const sensitive = sensitiveVariableNames([...initial].filter(([rel]) => rel.endsWith('.tf') || rel.endsWith('.tf.json')).map(([, text]) => text));
    const masked = (text: string, json: boolean): string => redactSecrets(maskAssignmentsTo(text, sensitive, json));
    // The literals the secret and PHI rules reported are masked in both texts alike (their offsets
    // are the text before the fix): a line the fix left alone shows the same on both sides.
    const texts = (rel: string): { readonly before: string; readonly after: string } => {
      const before = initial.get(rel) ?? '';
      const after = run.files.get(rel) ?? '';
      const ranges = first.literals.get(rel);
      return ranges ? maskFixDiffTexts(before, ranges, after, rel.endsWith('.json')) : { before, after };
    };
    terminal.out(
      run.changed
        .map((rel) => {
          const { before, after } = texts(rel);
          return unifiedDiff(`a/${shown(rel)}`, `b/${shown(rel)}`, bom(rel) + masked(before, rel.endsWith('.json')), bom(rel) + masked(after, rel.endsWith('.json')));
        })
        .join(''),
    );
  }
  // The command's last writes (the patch, the fixed files): a signal now lets them finish
  // (file-writes.ts). Without it a SIGTERM or SIGINT between two of them left the staged copies
  // (`.main.tf.<pid>-<random>.tmp`) beside the sources for good, and during the renames some files
  // fixed and others not. The writes are synchronous, so all of them are done before it is acted on.
  if (flags.patch !== undefined || !flags.dryRun) finishWritesOnSignal();
  if (flags.patch !== undefined) {
    try {
      writeFileAtomically(path.resolve(context.cwd, flags.patch), [diff]); // whole or not at all, as a report
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
      throw new UsageError(`--patch ${flags.patch}: cannot write the patch (${code}).`, code === 'ENOENT' ? 'Check that the directory exists and is writable.' : writeFailureHint(code));
    }
  }
  if (!flags.dryRun) writeFixedFiles(root, run.changed, run.files);
  const appliedFixes = run.entries.filter((e) => e.status === 'applied');
  const auditLog = flags.dryRun || appliedFixes.length === 0 ? undefined : resolveAuditLog(context, root, prepared.config, flags.auditLog);
  if (auditLog) {
    const files = run.changed.map((rel) => ({ path: rel, before: initial.get(rel) ?? '', after: run.files.get(rel) ?? '' }));
    appendAudit(auditLog, [fixRecord(appliedFixes, files, auditMeta(context, root))]);
  }

  for (const d of run.diagnostics) terminal.err(`${c.red('error')} ${d.file ? `${shown(d.file)}: ` : ''}${d.message}\n${d.hint ? `  ${c.dim('hint:')} ${d.hint}\n` : ''}`);

  const applied = entries.filter((e) => e.status === 'applied').length;
  const unsafe = entries.filter((e) => e.status === 'skipped-unsafe').length;
  const inConstruct = entries.filter((e) => e.status === 'in-construct').length;
  const reasons = new Set(notUtf8Files.values());
  const notUtf8 = entries.filter((e) => e.status === 'failed' && e.notes.some((n) => reasons.has(n))).length;
  const terragruntReasons = new Set([...unwritable.values()].filter((r) => !reasons.has(r)));
  const terragruntOwned = entries.filter((e) => e.status === 'failed' && e.notes.some((n) => terragruntReasons.has(n))).length;
  const remaining = run.remaining;
  // A fix that could not be placed changed nothing: say so, not "fixed in part".
  const failedFix = new Set(entries.filter((e) => e.status === 'failed').map((e) => `${e.ruleId} ${e.root ?? ''} ${e.address} ${e.file}:${e.line}`));
  const left = (f: Finding): string =>
    synthesized.has(f.span.file)
      ? `synthesized by CDK for Terraform; change ${f.resource.constructPath !== undefined ? `construct ${f.resource.constructPath}` : 'the stack'} in the CDK code`
      : !f.fix?.terraform
      ? 'no automatic fix'
      : f.fix.safety === 'unsafe' && !flags.unsafe
        ? 'unsafe fix not applied'
        : failedFix.has(`${f.ruleId} ${f.resource.root ?? ''} ${f.resource.address} ${f.span.file}:${run.lineBefore(f)}`)
          ? 'fix could not be applied; needs a manual change'
          : 'fixed in part; needs a manual change';
  const files = run.changed.length;
  say(
    `${entries.length > 0 ? '\n' : ''}${flags.dryRun ? 'Would apply' : 'Applied'} ${applied} fix${applied === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}` +
      `${unsafe > 0 ? `; ${unsafe} unsafe fix${unsafe === 1 ? '' : 'es'} skipped (use ${unsafeFlag})` : ''}` +
      `${inConstruct > 0 ? `; ${inConstruct} fix${inConstruct === 1 ? '' : 'es'} to make in CDK for Terraform constructs (their synthesized files were not edited)` : ''}` +
      `${notUtf8 > 0 ? `; ${notUtf8} fix${notUtf8 === 1 ? '' : 'es'} not applied to files that are not valid UTF-8` : ''}` +
      `${terragruntOwned > 0 ? `; ${terragruntOwned} fix${terragruntOwned === 1 ? '' : 'es'} not applied to files Terragrunt generates or caches` : ''}` +
      `${flags.patch !== undefined ? `; patch written to ${flags.patch}` : ''}.\n`,
  );
  // Before a scan, its report lists what still fails.
  if (flags.beforeScan !== true) {
    if (remaining.length > 0) {
      say(`Still failing after the fixes (${remaining.length}):\n`);
      // A dry run changed no file: its lines are those of the files as they are.
      for (const f of remaining) say(`  ${shown(f.span.file)}:${flags.dryRun ? run.lineBefore(f) : f.span.start.line}  ${f.ruleId}  (${left(f)})  ${f.message}${rootNote(f.resource.root, f.span.file)}\n`);
    }
  }
  return { exitCode: run.diagnostics.some((d) => d.severity === 'error') ? 1 : 0, run };
}
