// `scan --baseline FILE` and `--changed-since REF`: which findings a pull request is answerable
// for. Applied before the outcome is decided, so the exit code follows what is reported.
import { FINGERPRINT_RECIPE_NAMES } from '../baseline/fingerprint.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareWithBaseline, parseBaseline, type BaselineKeying } from '../baseline/baseline-file.js';
import { selectChangedFindings } from '../baseline/changed-files.js';
import type { ScanResult } from '../pipeline/scan.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';
import { SetupError, UsageError } from './cli-error.js';

/** Root-relative paths → paths relative to the baseline file's directory, forward slashes. */
export function baselineKeying(root: string, baselineFile: string, result: Pick<ScanResult, 'files'>): BaselineKeying {
  const dir = path.dirname(baselineFile);
  const sources = new Map(result.files.map((f) => [f.path, f.text]));
  return {
    keyPath: (file) => path.relative(dir, path.resolve(root, file)).split(path.sep).join('/'),
    sources: (file) => sources.get(file),
  };
}

function applyBaseline(context: ScanContext, result: ScanResult, file: string): ScanResult {
  const absolute = path.resolve(context.cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`--baseline ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`, 'Create one with `safeguard baseline create`.');
  }
  const parsed = parseBaseline(text, file);
  if (!parsed.ok) throw new SetupError(parsed.errors);
  const comparison = compareWithBaseline(result.findings, parsed.value, baselineKeying(result.root, absolute, result));
  // A baseline written before recipe 2 is matched as it was written, so its entries for findings on a
  // whole block are still lost when any line of that block changes: say how to stop that.
  const older = parsed.value.recipe === 1 ? ' This baseline predates block fingerprints: a finding on a whole block (a missing argument) also comes back when another line of the block changes, until the baseline is recreated.' : '';
  const notes: Diagnostic[] = comparison.gone.map((e) =>
    diagnostic('baseline/gone', 'info', `Baseline entry no longer occurs: ${e.ruleId} on ${e.resource} (${e.file}${e.line !== undefined ? `:${e.line}` : ''}).`, {
      hint: `Fixed or changed since the baseline was made; run \`safeguard baseline create\` to drop it.${older}`,
    }),
  );
  if (comparison.baselined.length > 0) {
    // Written before recipe 3, an entry for a shared module's finding covers that finding in every root module.
    const perRoot = parsed.value.recipe < 3 ? { hint: `This baseline was written by an earlier version (${FINGERPRINT_RECIPE_NAMES[parsed.value.recipe]}): an entry for a finding in a module several root modules call covers that finding in every one of them, until the baseline is recreated with \`safeguard baseline create\`.` } : {};
    notes.push(diagnostic('baseline/matched', 'info', `${comparison.baselined.length} failing findings are in the baseline ${file} and not reported.`, perRoot));
  }
  return { ...result, findings: comparison.findings, diagnostics: [...result.diagnostics, ...notes] };
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/**
 * Files changed since `ref` (committed, staged, unstaged and untracked), relative to the scan root.
 * `scanned` (root-relative) are the files the scan read: one git does not track, ignored ones
 * included (`cdktf.out`, which the CDK for Terraform template's .gitignore lists, named on the
 * command line), cannot be shown unchanged, so it counts as changed; else every finding of a
 * generated stack was hidden as "in unchanged modules".
 */
export function changedFilesSince(root: string, ref: string, scanned: readonly string[] = []): Set<string> {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since ${ref}: not a git revision.`, 'Example: --changed-since origin/main');
  let top: string;
  let names: string[];
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).trim();
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    const base = git(root, ['merge-base', ref, 'HEAD']).trim();
    const tracked = new Set(git(top, ['ls-files', '-z']).split('\0'));
    const untracked = scanned.map((file) => path.relative(top, path.join(root, file)).split(path.sep).join('/')).filter((name) => !tracked.has(name));
    names = [...git(top, ['diff', '--name-only', '-z', '--no-renames', base, '--']).split('\0'), ...git(top, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0'), ...untracked];
  } catch {
    throw new UsageError(`--changed-since ${ref}: not a git revision here, or ${root} is not in a git repository.`, 'Fetch it first (actions/checkout with fetch-depth: 0), e.g. --changed-since origin/main');
  }
  const changed = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    const relative = path.relative(root, path.join(top, name)).split(path.sep).join('/');
    if (!relative.startsWith('../') && relative !== '..') changed.add(relative);
  }
  return changed;
}

export function narrowFindings(context: ScanContext, result: ScanResult, options: { readonly baseline?: string; readonly changedSince?: string }): ScanResult {
  let narrowed = result;
  if (options.changedSince !== undefined) {
    const changed = changedFilesSince(result.root, options.changedSince, result.files.map((f) => f.path));
    const kept = selectChangedFindings(narrowed.findings, changed);
    narrowed = {
      ...narrowed,
      findings: kept,
      diagnostics: [
        ...narrowed.diagnostics,
        diagnostic('scan/changed-since', 'info', `${changed.size} ${changed.size === 1 ? 'file' : 'files'} changed since ${options.changedSince}; ${narrowed.findings.length - kept.length} ${narrowed.findings.length - kept.length === 1 ? 'finding' : 'findings'} in unchanged modules ${narrowed.findings.length - kept.length === 1 ? 'is' : 'are'} not reported.`),
      ],
    };
  }
  if (options.baseline !== undefined) narrowed = applyBaseline(context, narrowed, options.baseline);
  return narrowed;
}
