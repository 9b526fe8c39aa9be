// Loads policy bundles: directories (searched recursively) or single files of YAML policies, named
// by --policies or the config's `policies:`. Policies are data, never code; but a bad file's
// diagnostics quote it, so a config in the scanned repository naming `/etc/passwd` or
// `/proc/self/environ` printed them in the reports: where a path may come from is the caller's
// (LoadPoliciesOptions.refuse). A bad file is a diagnostic; the good ones and the built-in rules still run.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { decodeText } from '../discovery/decode-text.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { formatLocation } from '../source/span.js';
import { compilePolicy } from './compile.js';
import { parsePolicy } from './parse-policy.js';
import type { Policy } from './policy.js';

const POLICY_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);

export interface LoadedPolicies {
  readonly policies: readonly Policy[];
  readonly rules: readonly AnyRule[];
  /** Invalid files (each with file:line:col and the key path): the run goes on and exits 1. */
  readonly diagnostics: readonly Diagnostic[];
  /** Bundles that do not exist: the run cannot do what was asked (exit 2). */
  readonly missing: readonly Diagnostic[];
  /** Files read, relative to the working directory. */
  readonly files: readonly string[];
  /** A digest of every file read (path and text): results cached for other policies must not be reused. */
  readonly fingerprint: string;
}

export interface LoadPoliciesOptions {
  readonly cwd: string;
  /** Directories or files, absolute or relative to cwd. */
  readonly paths: readonly string[];
  /** Ids already taken (the built-in rules and their aliases), lower-case. */
  readonly reservedIds?: ReadonlySet<string>;
  /** What to check when a path is not there: where the paths came from (default: --policies or the config's policies). */
  readonly missingHint?: string;
  /**
   * Why a file (absolute, found under `entry`, one of `paths`) must not be read, or undefined: it is
   * then a `policy/outside-root` error, never read, so no diagnostic can quote it.
   */
  readonly refuse?: (file: string, entry: string) => string | undefined;
}

function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/') || path.basename(absolute);
}

function policyFiles(fs: ScanFileSystem, dir: string, out: string[]): void {
  for (const name of fs.readDir(dir) ?? []) {
    const full = path.join(dir, name);
    const stat = fs.stat(full);
    if (stat?.kind === 'directory') {
      if (!SKIPPED_DIRS.has(name)) policyFiles(fs, full, out);
    } else if (stat?.kind === 'file' && POLICY_FILE.test(name)) out.push(full);
  }
}

export function loadPolicies(fs: ScanFileSystem, options: LoadPoliciesOptions): LoadedPolicies {
  const diagnostics: Diagnostic[] = [];
  const missing: Diagnostic[] = [];
  const files: string[] = [];
  for (const entry of options.paths) {
    const absolute = path.resolve(options.cwd, entry);
    const stat = fs.stat(absolute);
    const found: string[] = [];
    if (stat?.kind === 'directory') policyFiles(fs, absolute, found);
    else if (stat?.kind === 'file') found.push(absolute);
    for (const file of found) {
      const why = options.refuse?.(file, entry);
      if (why === undefined) files.push(file);
      else diagnostics.push({ code: 'policy/outside-root', severity: 'error', message: `Policy file ${displayPath(options.cwd, file)} was not read: ${why}`, hint: 'Pass --allow-outside-root to read it, name it with --policies on the command line, or keep policies inside the repository.' });
    }
    if (stat?.kind !== 'directory' && stat?.kind !== 'file') {
      missing.push({
        code: 'policy/not-found',
        severity: 'error',
        message: `Policy bundle ${entry} does not exist.`,
        hint: options.missingHint ?? 'Check the --policies path (relative to the working directory) or the policies entry in the config file (relative to it).',
      });
    }
  }
  const unique = [...new Set(files)].sort();
  const policies: Policy[] = [];
  const byId = new Map<string, Policy>();
  const hash = createHash('sha256');
  for (const absolute of unique) {
    const file = displayPath(options.cwd, absolute);
    const bytes = fs.readFile(absolute);
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (!decoded?.ok) {
      diagnostics.push({ code: 'policy/unreadable', severity: 'error', message: `Policy file ${file} ${decoded ? 'is not UTF-8 text' : 'cannot be read'}.`, file });
      continue;
    }
    hash.update(`${file}\0${decoded.text}\0`);
    const parsed = parsePolicy(decoded.text, file);
    diagnostics.push(...parsed.errors);
    const policy = parsed.policy;
    if (!policy) continue;
    const key = policy.id.toLowerCase();
    const earlier = byId.get(key);
    if (earlier) {
      diagnostics.push({ code: 'policy/duplicate-id', severity: 'error', message: `metadata.id: policy id ${policy.id} is already defined at ${formatLocation(earlier.span)}.`, hint: 'Policy ids are permanent and unique; rename one of them.', span: policy.span });
      continue;
    }
    if (options.reservedIds?.has(key)) {
      diagnostics.push({ code: 'policy/duplicate-id', severity: 'error', message: `metadata.id: ${policy.id} is the id of a built-in rule.`, hint: 'Give the policy an id of its own, e.g. with your organisation as prefix.', span: policy.span });
      continue;
    }
    byId.set(key, policy);
    policies.push(policy);
  }
  return { policies, rules: policies.map(compilePolicy), diagnostics, missing, files: unique.map((f) => displayPath(options.cwd, f)), fingerprint: hash.digest('hex') };
}
