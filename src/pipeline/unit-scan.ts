// One scan unit (a root module and what it calls, see scan-units.ts): evaluate it. Runs in the main
// thread (--jobs 1) or in a worker, with the same code, so output does not depend on --jobs.
// Everything returned is plain data (structured clone). The rules run in the main thread, on the
// unit's model as it is handed over or on the merged model (source-scan.ts).
import type { Finding } from '../engine/finding.js';
import { createInfraModel, evaluateTerraformParts, type InfraModelParts } from '../graph/index.js';
import { loadTree, type ParseFile } from '../graph/load.js';
import type { InfraModel, RepoFacts } from '../model/infra-model.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { FirstDeclarations } from './first-declarations.js';
import { insideReader } from './read-inside.js';
import type { ScanFileSystem } from './scan-context.js';
import type { DirLinks } from '../util/paths.js';

/** What every unit of one scan shares: plain data, so it can be sent to a worker once. */
export interface UnitContext {
  /** Absolute scan root: file() reads stay inside it. */
  readonly root: string;
  readonly maxFileBytes: number;
  /**
   * Keep each variable and output declaration once (first-declarations.ts): set when only the built-in rules
   * judge the model, which read declarations once; a plugin rule may read every instance's.
   */
  readonly firstDeclarations?: boolean;
}

export interface UnitInput {
  readonly root: string | undefined;
  readonly files: ReadonlyMap<string, string>;
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  readonly varPositions?: Readonly<Record<string, number>>;
  readonly env?: Readonly<Record<string, string>>;
  /** With --var or --var-file: the variables the scan's root modules declare (TerraformScanInput.rootVariables). */
  readonly rootVariables?: readonly string[];
  /** Directory symlinks inside the scan root (TerraformScanInput.links). */
  readonly links?: DirLinks;
}

/** What a unit's evaluation adds to the merged model: the evaluator's parts, all present (plain data, so workers can send them). */
export type ModelParts = Required<Pick<InfraModelParts, 'resources' | 'moduleCalls' | 'variables' | 'outputs' | 'terraform' | 'providers' | 'providerUses'>>;

export interface UnitOutcome {
  readonly parts: ModelParts;
  readonly diagnostics: readonly Diagnostic[];
  /** Files read from disk by file()/templatefile(): path → text (undefined when unreadable), for the cache. */
  readonly reads: readonly (readonly [string, string | undefined])[];
}

const EMPTY_PARTS: ModelParts = emptyParts();

/** Model parts being gathered from several units (the merged model's, a batch's). */
export type GrowingParts = { [K in keyof ModelParts]: ModelParts[K][number][] };

export function emptyParts(): GrowingParts {
  return { resources: [], moduleCalls: [], variables: [], outputs: [], terraform: [], providers: [], providerUses: [] };
}

/** Appends each of `from`'s lists to `into`'s, in order. */
export function appendParts(into: GrowingParts, from: ModelParts): void {
  for (const k of Object.keys(into) as (keyof ModelParts)[]) {
    const list = into[k] as unknown[];
    // A loop, not push(...from[k]): a large unit's list would be more arguments than a call takes.
    for (const item of from[k]) list.push(item);
  }
}

/** A finding as plain data: the fix keeps its description and safety, not its edit callback. */
export function plainFinding(f: Finding): Finding {
  if (!f.fix?.terraform) return f;
  return { ...f, fix: { description: f.fix.description, safety: f.fix.safety } };
}

export function modelOf(parts: ModelParts, repo: RepoFacts): InfraModel {
  return createInfraModel({ ...parts, repo, diagnostics: [] });
}

/** What one thread keeps across the units it evaluates, which it takes in increasing unit order. */
export interface UnitThread {
  /** The thread's parse memo (ParseMemo, WorkerParses); without one each file is parsed afresh. */
  readonly parse?: ParseFile;
  /** The thread's variable and output declarations so far: with `context.firstDeclarations` the unit's repeats of them are left out. */
  readonly declarations?: FirstDeclarations;
}

export function scanUnit(input: UnitInput, fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile' | 'listDir'>, context: UnitContext, thread: UnitThread = {}): UnitOutcome {
  const { parse, declarations } = thread;
  if (input.root === undefined) {
    // Files no root module reaches: parsed for their diagnostics, never evaluated (as in a whole scan).
    return { parts: EMPTY_PARTS, diagnostics: [...loadTree(input.files, parse, input.links).diagnostics], reads: [] };
  }
  const readDiagnostics: Diagnostic[] = [];
  const readFile = insideReader(fs, context.root, context.maxFileBytes, input.files, readDiagnostics);
  // The parts only: the unit's own model indexes would be thrown away (modelOf indexes the merged parts).
  const evaluated = evaluateTerraformParts({
    files: input.files,
    readFile,
    listFiles: readFile.list,
    ...(input.varFiles && input.varFiles.length > 0 ? { varFiles: input.varFiles } : {}),
    ...(input.vars ? { vars: input.vars } : {}),
    ...(input.varPositions ? { varPositions: input.varPositions } : {}),
    ...(input.env ? { env: input.env } : {}),
    ...(input.rootVariables ? { rootVariables: input.rootVariables } : {}),
    ...(input.links ? { links: input.links } : {}),
    ...(parse ? { parse } : {}),
    ...(declarations && context.firstDeclarations === true ? { keepVariable: declarations.keeps, keepOutput: declarations.keepsOutput } : {}),
  });
  return {
    parts: evaluated.parts,
    diagnostics: [...readDiagnostics, ...evaluated.diagnostics],
    reads: [...readFile.reads],
  };
}
