// The fix loop (STYLE.md §6, issue 10): scan, plan the fixes of failing findings, take edits in
// offset order skipping any that overlap one already taken, apply, re-parse, and repeat until a
// pass changes nothing (at most MAX_PASSES). A file whose result does not parse is a bug: it is
// put back as it was, reported as an error, and left alone for the rest of the run.
import type { Finding } from '../engine/finding.js';
import { parseHcl } from '../parsers/hcl/index.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { applyEdits, editsConflict, sameEdit } from './apply-edits.js';
import type { TextEdit } from './fix.js';
import { FixEditError } from './hcl-editor.js';
import { ParsedFiles, planFix, type PlannedFix } from './plan-fix.js';
import { pushTo } from '../util/multi-map.js';
import { constructAdvice, type SynthesizedFile } from './synthesized.js';
import { terragruntOwnedReason } from './terragrunt-owned.js';
import { isTerragruntConfig } from '../graph/terragrunt.js';

export const MAX_PASSES = 10;

export type FixStatus =
  | 'applied'
  | 'skipped-unsafe' // needs --unsafe
  | 'manual' // the rule has no automatic edit
  | 'overlap' // kept clashing with another fix's edits
  | 'failed' // could not be placed, or its file's output did not parse
  | 'in-construct' // the file is CDK for Terraform's output: the change belongs in the construct (notes say which)
  | 'no-change'; // the edit is already there yet the rule still fails

export interface FixEntry {
  readonly ruleId: string;
  readonly address: string;
  /**
   * The root module the finding was evaluated for (Finding.resource.root), when not the scan root:
   * a module called from several roots, or roots with the same main.tf, have findings alike but for it.
   */
  readonly root?: string;
  readonly file: string;
  readonly line: number;
  readonly description: string;
  readonly safety: 'safe' | 'unsafe';
  readonly status: FixStatus;
  /** Where the change went when not the flagged attribute; why a fix failed. */
  readonly notes: readonly string[];
}

export interface FixOptions {
  /** Also apply fixes that may replace, restart or re-permission live infrastructure. */
  readonly unsafe: boolean;
  /** Only these rules' fixes (canonical ids); all when undefined. */
  readonly ruleIds?: ReadonlySet<string>;
  /** Only the findings in these files (`fix FILE`), paths relative to the scan root; all when undefined. */
  readonly onlyFiles?: ReadonlySet<string>;
  readonly maxPasses?: number;
  /**
   * Files no fix may edit, each with the reason shown: a file that is not valid UTF-8 was read
   * with U+FFFD in place of its invalid bytes, and writing that text back would change them.
   */
  readonly unwritable?: ReadonlyMap<string, string>;
  /**
   * Files CDK for Terraform synthesized (fixes/synthesized.ts), by path: no fix edits them, as the
   * next `cdktf synth` or `deploy` rewrites them; each finding there says what to change in its construct.
   */
  readonly synthesized?: ReadonlyMap<string, SynthesizedFile>;
}

export interface FixRun {
  /** Every file's text after fixing (unchanged files included). */
  readonly files: ReadonlyMap<string, string>;
  /** Paths whose text changed. */
  readonly changed: readonly string[];
  readonly entries: readonly FixEntry[];
  /** Failing findings after the last pass. */
  readonly remaining: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly passes: number;
  /**
   * A finding's line in the text the fix started from (FixEntry.line is given so): the fixes made
   * above it in its file moved it in the text after them. A remaining finding is matched with its
   * entry by this line, and a dry run, which changes no file, shows it.
   */
  readonly lineBefore: (finding: Finding) => number;
}

/** Returns the findings for the given file texts (a scan over an overlay of the real files). */
export type FindFailures = (files: ReadonlyMap<string, string>) => Promise<readonly Finding[]>;

/**
 * One entry per finding, the same across passes. Root modules reuse addresses (envs/dev and envs/prod
 * with the same main.tf; a shared module called from both), so the root and the finding's file are
 * in the key: without them one root's fix was listed, counted and audited while every root's file was
 * edited.
 */
const keyOf = (f: Finding): string => `${f.ruleId}|${f.resource.root ?? ''}|${f.span.file}|${f.resource.address}|${f.fix?.description ?? ''}`;

function parseErrors(file: string, text: string): number {
  if (file.endsWith('.json')) return 0;
  return parseHcl(text, file).diagnostics.filter((d) => d.severity === 'error').length;
}

/** What the passes share: the texts so far, each fix's outcome, files left alone, diagnostics. */
interface FixState {
  readonly current: Map<string, string>;
  /** The texts the fix started from, and each pass's applied edits by file: a later pass's finding is reported at its line there. */
  readonly initial: ReadonlyMap<string, string>;
  readonly applied: Map<string, (readonly TextEdit[])[]>;
  readonly entries: Map<string, FixEntry>;
  readonly frozen: Set<string>;
  readonly diagnostics: Diagnostic[];
  readonly options: FixOptions;
}

export async function fixFiles(initial: ReadonlyMap<string, string>, findFailures: FindFailures, options: FixOptions): Promise<FixRun> {
  const state: FixState = { current: new Map(initial), initial, applied: new Map(), entries: new Map(), frozen: new Set(), diagnostics: [], options };
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  let passes = 0;
  let pass = await scanAndPass(findFailures, state, passes >= maxPasses);
  while (pass.took) {
    passes++;
    pass = await scanAndPass(findFailures, state, passes >= maxPasses);
  }
  const { current } = state;
  const changed = [...current.keys()].filter((f) => current.get(f) !== initial.get(f)).sort();
  const lineBefore = (f: Finding): number => originalLine(state, f.span.file, f.span.start.offset, f.span.start.line);
  return { files: current, changed, entries: [...state.entries.values()], remaining: pass.failing, diagnostics: state.diagnostics, passes, lineBefore };
}

/**
 * One scan, then a pass over its failing findings unless it is the `last` scan; the findings are
 * returned only when no pass was taken. A finding's edit callback holds its scan's whole model
 * (~170 MB for corpus (b) of the bench), so no pass's findings may still be referenced while the
 * next scan runs: they live in this function's frame, which is gone by then.
 */
async function scanAndPass(findFailures: FindFailures, state: FixState, last: boolean): Promise<{ readonly took: boolean; readonly failing: readonly Finding[] }> {
  const failing = (await findFailures(state.current)).filter((f) => f.status === 'fail');
  const took = !last && takePass(state, failing);
  return { took, failing: took ? [] : failing };
}

/** One pass over the failing findings: plans their fixes, applies the edits taken; false when it took none. */
function takePass(state: FixState, failing: readonly Finding[]): boolean {
  const { current, entries, frozen, diagnostics, options } = state;
  const record = (f: Finding, status: FixStatus, notes: readonly string[] = [], at?: PlannedFix['at']): void => {
    const key = keyOf(f);
    const previous = entries.get(key)?.status;
    if (previous === 'failed' || (previous === 'applied' && status !== 'failed')) return;
    const line = originalLine(state, f.span.file, f.span.start.offset, f.span.start.line);
    // A fix made in a caller's module input is named there, where the edit is; the finding's place
    // (the module's shared code, not edited) goes in a note.
    const where = at ? { file: at.file, line: originalLine(state, at.file, at.offset, lineAt(current.get(at.file) ?? '', at.offset)) } : { file: f.span.file, line };
    entries.set(key, {
      ruleId: f.ruleId,
      address: f.resource.address,
      ...(f.resource.root !== undefined ? { root: f.resource.root } : {}),
      file: where.file,
      line: where.line,
      description: f.fix!.description,
      safety: f.fix!.safety,
      status,
      notes: at ? [...notes, `flagged at ${f.span.file}:${line}`] : notes,
    });
  };
  const parsed = new ParsedFiles(current);
  // The edits taken this pass, by file in the order first taken: an edit is compared only with its
  // own file's (a list of every edit made each check quadratic: thousands of fixes in a monorepo).
  const taken = new Map<string, TextEdit[]>();
  const takenBy = new Map<TextEdit, Finding>();
  for (const finding of failing) {
    if (!finding.fix || (options.ruleIds && !options.ruleIds.has(finding.ruleId)) || (options.onlyFiles && !options.onlyFiles.has(finding.span.file))) continue;
    // Before the other checks: neither --unsafe nor a manual edit of the file would make it stick.
    const synthesized = options.synthesized?.get(finding.span.file);
    if (synthesized !== undefined) {
      record(finding, 'in-construct', constructAdvice(finding, current));
      continue;
    }
    if (!finding.fix.terraform) {
      record(finding, 'manual');
      continue;
    }
    if (finding.fix.safety === 'unsafe' && !options.unsafe) {
      record(finding, 'skipped-unsafe');
      continue;
    }
    // A value a Terragrunt unit's input sets: an edit of the module it runs would change every unit
    // that runs it, and the failing value stays set in terragrunt.hcl (fixes do not edit it yet).
    const input = finding.related.find((r) => isTerragruntConfig(r.span.file));
    if (input) {
      record(finding, 'failed', [`the value comes from the Terragrunt input at ${input.span.file}:${input.span.start.line}; change it there (a fix in the module would change every unit that runs it)`]);
      continue;
    }
    let plan;
    try {
      plan = planFix(finding, parsed);
    } catch (error) {
      if (!(error instanceof FixEditError)) throw error;
      record(finding, 'failed', [error.message]);
      continue;
    }
    const reasonFor = (file: string): string | undefined => options.unwritable?.get(file) ?? terragruntOwnedReason(file, '', file);
    const blocked = plan.edits.find((e) => reasonFor(e.file) !== undefined);
    if (blocked) {
      record(finding, 'failed', [reasonFor(blocked.file)!]);
      continue;
    }
    const edits = plan.edits.filter((e) => !frozen.has(e.file));
    if (edits.length === 0) {
      // Nothing to change: a count/for_each sibling or an earlier pass already made this edit.
      record(finding, entries.has(keyOf(finding)) ? 'applied' : 'no-change', plan.notes, plan.at);
      continue;
    }
    const fresh = edits.filter((e) => !(taken.get(e.file) ?? []).some((t) => sameEdit(t, e)));
    if (fresh.some((e) => (taken.get(e.file) ?? []).some((t) => editsConflict(t, e)))) {
      record(finding, 'overlap');
      continue;
    }
    for (const e of fresh) {
      pushTo(taken, e.file, e);
      takenBy.set(e, finding);
    }
    record(finding, 'applied', plan.notes, plan.at);
  }
  if (taken.size === 0) return false;
  for (const [file, fileEdits] of taken) {
    const before = current.get(file) ?? '';
    const after = applyEdits(before, fileEdits);
    if (parseErrors(file, after) > parseErrors(file, before)) {
      frozen.add(file);
      for (const e of fileEdits) record(takenBy.get(e)!, 'failed', ['the edited file did not parse, so it was left unchanged (this is a bug in the fix)']);
      diagnostics.push({
        code: 'fix/broken-output',
        severity: 'error',
        file,
        message: `Applying fixes to ${file} produced text that does not parse, so the file was left unchanged.`,
        hint: 'This is a bug in safeguard; please report it with the rule ids listed for this file.',
      });
      continue;
    }
    current.set(file, after);
    const history = state.applied.get(file) ?? [];
    history.push(fileEdits);
    state.applied.set(file, history);
  }
  return true;
}

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The line in the text the fix started from of an offset in the current text: each earlier pass's
 * edits are undone on the offset, last pass first (an offset inside inserted text maps to where the
 * text was inserted). Without edits to the file, the finding's own line.
 */
function originalLine(state: FixState, file: string, offset: number, line: number): number {
  const history = state.applied.get(file);
  const text = state.initial.get(file);
  if (history === undefined || text === undefined) return line;
  let at = offset;
  for (let p = history.length - 1; p >= 0; p--) {
    let shift = 0;
    let inside: number | undefined;
    for (const e of [...history[p]!].sort((a, b) => a.start - b.start)) {
      const start = e.start + shift; // where the edit's text begins in the pass's result
      const end = start + e.text.length;
      if (at >= end) shift += e.text.length - (e.end - e.start);
      else if (at >= start) inside = e.start;
      else break;
    }
    at = inside ?? at - shift;
  }
  return lineAt(text, at);
}
