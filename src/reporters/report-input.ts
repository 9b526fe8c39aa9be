// What every reporter receives: the scan's results and a context (sources for code frames, rule
// documentation, display options). Reporters are pure: (input, context) → string. They never read
// the file system (issue 2); the CLI hands them the file texts it already has.
import path from 'node:path';
import { rootDirectoryOf } from '../model/module-path.js';
import type { FailOn } from '../config/safeguard-config.js';
import type { SkippedFile } from '../discovery/skipped-file.js';
import type { ControlId } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import type { Diagnostic } from '../source/diagnostic.js';

export interface ReportInput {
  /** The scan root relative to the working directory ('' when they are the same). */
  readonly displayRoot: string;
  /**
   * The scan root relative to the repository's root ('' when the same; cli/repository-root.ts), for
   * the reports a code host reads (repositoryPath); undefined outside a repository.
   */
  readonly repositoryRoot?: string;
  readonly files: readonly { readonly path: string }[];
  /** Paths among `files` read only as the module context of named Terraform files (not reported on). */
  readonly contextFiles?: readonly string[];
  readonly skipped: readonly SkippedFile[];
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rulesRun: readonly { readonly id: string }[];
  readonly timings: { readonly discoverMs: number; readonly evaluateMs: number; readonly rulesMs: number; readonly totalMs: number };
  readonly failOn: FailOn;
  /** Failing findings that fail the run (at or above failOn, not in warn mode). */
  readonly blocking: readonly Finding[];
  readonly exitCode: 0 | 1;
  /** `--shard i/n`: this report covers one slice of the root modules. */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** The parts of a rule reports print beside a finding. */
export interface RuleDoc {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly howToFix: string;
  readonly links: readonly string[];
  /** Default severity and HIPAA sections: SARIF and Markdown describe every rule run, not only failing ones. */
  readonly severity?: Severity;
  readonly controls?: readonly ControlId[];
  readonly examples?: { readonly bad: readonly string[]; readonly good: readonly string[] };
}

export interface ReportContext {
  readonly tool: { readonly name: string; readonly version: string };
  /** A scanned file's text by its root-relative path. */
  sources(file: string): string | undefined;
  ruleDoc(id: string): RuleDoc | undefined;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  /** `--compact` (Checkov's name and meaning): the text report leaves out code frames. */
  readonly compact?: boolean;
  /** Waived findings in machine reports (SARIF `suppressions`); left out by default (GitHub shows them as open alerts). */
  readonly includeSuppressed?: boolean;
  /** The clock the CLI read once: report timestamps (GitLab's scan times). */
  readonly now?: Date;
  /**
   * `--sarif-category`: the SARIF run's automationDetails.id, which GitHub code scanning reads as the
   * analysis's category (sarif.ts automationId).
   */
  readonly sarifCategory?: string;
  /** Where a file's lines can be linked, e.g. `https://github.com/o/r/blob/<sha>/` (Markdown reports). */
  readonly sourceLinkBase?: string;
  /** The JSON report's findings as an earlier report wrote them (issue 11), for a warm scan to copy. */
  readonly findingsMemo?: FindingsMemo;
}

/**
 * The text of a JSON report's findings, remembered by everything it depends on (json.ts memoSignature):
 * which findings, in which order (their places among the scan cache's findings, named by the entries'
 * generations), whether each blocks, the display root and the rules' documentation. A warm scan of an
 * unchanged tree then copies the ~20 MB of findings of a large report instead of writing each again.
 */
export interface FindingsMemo {
  /** Names the cache entries (their generations, in order) that `places` counts through. */
  readonly entries: string;
  /** Each finding's place among those entries' findings; undefined when one has none (a waiver applied, say). */
  places(findings: readonly Finding[]): Uint32Array | undefined;
  /**
   * The text remembered under `signature` as UTF-8 bytes, a piece at a time, each piece valid only
   * until the next is asked for (one buffer is reused: reading ~20 MB into fresh memory cost more in
   * page faults than the read). Undefined when there is none, or it does not begin with
   * `shape.start` and end with `shape.end` (ASCII). Damage found only once every piece was read
   * (its digest) throws FindingsMemoDamaged after the last piece: whatever was written from the
   * pieces must then be thrown away and written again without the memo.
   */
  read(signature: string, shape: { readonly start: string; readonly end: string }): Iterable<Uint8Array> | undefined;
  /** Remembers text under `signature`, piece by piece; none of it is readable until `end()`. */
  write(signature: string): FindingsMemoWriter | undefined;
}

/** A remembered text turned out damaged after it was handed out (FindingsMemo.read): the output made from it is not to be kept. */
export class FindingsMemoDamaged extends Error {
  constructor(readonly file: string) {
    super(`the findings memo ${file} is damaged`);
  }
}

export interface FindingsMemoWriter {
  add(piece: string): void;
  end(): void;
  /** Nothing is remembered (the report was not finished). */
  abort(): void;
}

export type Reporter = (input: ReportInput, context: ReportContext) => string;

/** A root-relative path as the user should see it: relative to the working directory. */
/**
 * The finding's root module as shown (displayPath), where its file does not tell it: the file is
 * outside the root module's directory (a module called from several roots reports the same address
 * at the same line for each). Undefined otherwise.
 */
export function rootNotShownByFile(input: Pick<ReportInput, 'displayRoot'>, f: Finding): string | undefined {
  const root = rootOutsideFile(f);
  return root === undefined ? undefined : displayPath(input, root);
}

/**
 * The finding's message, with its root module as a code host names paths (repositoryPath) where its
 * file does not tell it: SARIF, GitLab and Markdown show two stacks' findings on one line of a shared
 * module, and without it their texts were the same.
 */
export function messageWithRoot(input: Pick<ReportInput, 'displayRoot' | 'repositoryRoot'>, f: Pick<Finding, 'message' | 'resource' | 'span'>): string {
  const root = rootForHost(input, f);
  return `${root === undefined ? f.message : `${f.message} (root module ${root})`}${constructNote(f)}`;
}

/**
 * ` (construct phi-stack/PhiStorage/Bucket)` for a resource CDK for Terraform synthesized, else ''.
 * Its address is a generated unique id; the construct path is what the user wrote and changes.
 */
export function constructNote(f: Pick<Finding, 'resource'>, before = ' '): string {
  return f.resource.constructPath === undefined ? '' : `${before}(construct ${f.resource.constructPath})`;
}

/** rootNotShownByFile as a code host names paths (repositoryPath), for the reports it reads beside the files they name. */
export function rootForHost(input: Pick<ReportInput, 'displayRoot' | 'repositoryRoot'>, f: Pick<Finding, 'resource' | 'span'>): string | undefined {
  const root = rootOutsideFile(f);
  return root === undefined ? undefined : repositoryPath(input, root);
}

/** rootNotShownByFile, the root as the finding holds it (relative to the scan root). */
export function rootOutsideFile(f: Pick<Finding, 'resource' | 'span'>): string | undefined {
  return rootNotShownByPath(f.resource.root, f.span.file);
}

/**
 * `root` unless `file` (relative to the scan root) is inside it and so tells it (a fix's entry, listed
 * at its edited file). A plan's or state's root is its file, standing for the root module in its
 * directory (rootDirectoryOf): the configuration's files there tell it too. Outside, the plan itself
 * is named (and fingerprinted): one directory may hold a plan per environment or workspace
 * (dev.plan.json, prod.plan.json), each its own deployment.
 */
export function rootNotShownByPath(root: string | undefined, file: string): string | undefined {
  if (root === undefined) return undefined;
  const dir = rootDirectoryOf(root);
  return file === dir || dir === '' || file.startsWith(`${dir}/`) ? undefined : root;
}

/** `files` split into those reported on and those read only as the context of named Terraform files (ReportInput.contextFiles). */
export function splitContextFiles<F extends { readonly path: string }>(files: readonly F[], contextFiles: readonly string[] | undefined): { readonly scanned: readonly F[]; readonly context: readonly F[] } {
  if (!contextFiles || contextFiles.length === 0) return { scanned: files, context: [] };
  const context = new Set(contextFiles);
  return { scanned: files.filter((f) => !context.has(f.path)), context: files.filter((f) => context.has(f.path)) };
}

export function displayPath(input: Pick<ReportInput, 'displayRoot'>, file: string): string {
  if (input.displayRoot === '') return file;
  // Reporters ask once per finding and related span, of a few hundred distinct files: each is
  // normalised once per root (a report asks under two at most: the working directory's and the repository's).
  let memo = memos.get(input.displayRoot);
  if (memo === undefined) {
    if (memos.size >= 4) memos.clear();
    memos.set(input.displayRoot, (memo = { root: path.posix.normalize(input.displayRoot).replace(/(.)\/$/, '$1'), shown: new Map() }));
  }
  let shown = memo.shown.get(file);
  if (shown === undefined) {
    // A path as discovery gives it (no `.` or `..` step, no empty one, relative) joins the normalised
    // root as normalize would join them: normalize walked each of the report's ~650 paths of corpus
    // (a) character by character, before the JIT had warmed to it (~4 ms of a warm scan).
    const { root } = memo;
    if (NOT_PLAIN.test(file)) shown = path.posix.normalize(`${input.displayRoot}/${file}`);
    else shown = root === '.' ? file : root === '/' ? `/${file}` : `${root}/${file}`;
    memo.shown.set(file, shown);
  }
  return shown;
}

/** A path that normalize would change: empty, absolute, with an empty, `.` or `..` step, or a trailing slash. */
const NOT_PLAIN = /^$|^\/|\/$|\/\/|(^|\/)\.\.?(\/|$)/;

/**
 * A file as a code host names it (SARIF, GitLab, GitHub annotations, Markdown links): relative to the
 * repository's root when the scan knows it, else as displayPath shows it.
 */
export function repositoryPath(input: Pick<ReportInput, 'displayRoot' | 'repositoryRoot'>, file: string): string {
  if (input.repositoryRoot === undefined) return displayPath(input, file);
  return displayPath({ displayRoot: input.repositoryRoot }, file);
}

const memos = new Map<string, { readonly root: string; readonly shown: Map<string, string> }>();

/**
 * A report's pieces as text: strings as they are, pieces of UTF-8 bytes (a remembered JSON findings
 * text, each valid until the next is asked for) decoded as a stream, as a piece may end inside a character.
 */
export function* textPieces(pieces: Iterable<string | Uint8Array>): Generator<string> {
  const decoder = new TextDecoder();
  for (const piece of pieces) yield typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** A chunk this long (or of bytes) is handed on as it is, not copied into a join: the JSON report's batches are ~65 KB. */
const PASS_THROUGH = 32 * 1024;

/**
 * Small chunks joined into pieces of at least `size` characters (fewer writes). The default keeps a
 * piece under V8's ~128 KB large-object size even as UTF-16 (16 K characters plus a chunk under
 * PASS_THROUGH): a larger string is allocated in the old generation, where it stays after it is
 * written until a full collection. Pieces of 1 M characters made a CSV scan of corpus (b) of the
 * bench peak at 427-432 MB; pieces of 32 K, 388-396 MB.
 */
export function batched(chunks: Iterable<string>, size?: number): Generator<string>;
export function batched(chunks: Iterable<string | Uint8Array>, size?: number): Generator<string | Uint8Array>;
export function* batched(chunks: Iterable<string | Uint8Array>, size = 16 * 1024): Generator<string | Uint8Array> {
  let buffer: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    if (typeof chunk !== 'string' || chunk.length >= PASS_THROUGH) {
      if (buffer.length > 0) yield buffer.join('');
      buffer = [];
      length = 0;
      yield chunk;
      continue;
    }
    buffer.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}
