// State shared by every module instance of one scan: diagnostics, spans, budget, loaded modules,
// and the collections the model is built from.
import type { ModuleCall, OutputDecl, ProviderConfig, ProviderUseSite, Resource, TerraformSettings, VariableDecl } from '../model/resource.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import type { Range } from '../parsers/hcl/ast.js';
import { isKnownFunction, type Budget } from './functions/index.js';
import type { LoadedTree, ModuleSource } from './load.js';
import type { SpanFactory } from './parse.js';
import { dirOf, joinInside } from './load.js';
import { pushTo } from '../util/multi-map.js';

export interface GraphInput {
  readonly files: ReadonlyMap<string, string>;
  readFile(relPath: string): string | undefined;
  /** TerraformScanInput.listFiles. */
  listFiles?(relDir: string): readonly string[] | undefined;
  /** TerraformScanInput.keepVariable. */
  readonly keepVariable?: (v: Pick<VariableDecl, 'span' | 'value'>) => boolean;
  /** TerraformScanInput.keepOutput. */
  readonly keepOutput?: (span: Span) => boolean;
}

/**
 * Functions Terraform has: the built-ins, all evaluated (functions/index.ts), and provider-defined
 * ones (`provider::google::name_from_id`), whose providers a scan does not run.
 */
function isTerraformFunctionName(name: string): boolean {
  const bare = name.startsWith('core::') ? name.slice(6) : name;
  return name.startsWith('provider::') || isKnownFunction(bare);
}

/** How many diagnostics one evaluation lists; the rest are counted (a broken generated tree can give millions). */
export const MAX_DIAGNOSTICS = 5000;

export class GraphContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly resources: Resource[] = [];
  readonly moduleCalls: ModuleCall[] = [];
  readonly variables: VariableDecl[] = [];
  readonly outputs: OutputDecl[] = [];
  readonly terraform: TerraformSettings[] = [];
  readonly providers: ProviderConfig[] = [];
  readonly providerUses: ProviderUseSite[] = [];
  /** Module directories an instance evaluates (one of the scan's roots, or a call's instance). */
  readonly evaluatedModules = new Set<string>();
  /** Modules a call with no instances runs (count = 0, an empty for_each), and the call's address: checked statically unless evaluated elsewhere. */
  readonly modulesWithoutInstances = new Map<string, { readonly mod: ModuleSource; readonly call: string }>();
  private readonly reportedFunctions = new Set<string>();

  constructor(
    readonly input: GraphInput,
    readonly tree: LoadedTree,
    readonly spans: SpanFactory,
    readonly budget: Budget,
  ) {}

  private readonly reportedKeys = new Set<string>();
  /** Diagnostics past MAX_DIAGNOSTICS, counted so that the report says how many it leaves out. */
  private unlisted = 0;

  /** Report once per code, place and message: a module evaluated for many callers says it once. */
  report(d: Diagnostic): void {
    const key = `${d.code}|${d.span ? `${d.span.file}:${d.span.start.offset}` : d.file ?? ''}|${d.message}`;
    if (this.reportedKeys.has(key)) return;
    this.reportedKeys.add(key);
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push(d);
    else this.unlisted++;
  }

  /** The diagnostics, with one more saying how many were left out past the limit, if any were. */
  allDiagnostics(rootDirs: readonly string[]): Diagnostic[] {
    if (this.unlisted === 0) return this.diagnostics;
    const where = rootDirs.length === 1 ? `the root module in ${rootDirs[0] || '.'}` : `${rootDirs.length} root modules`;
    return [
      ...this.diagnostics,
      {
        code: 'eval/diagnostics-limit',
        severity: 'warning',
        message: `${this.unlisted} more diagnostics were found evaluating ${where} and are not listed: only the first ${MAX_DIAGNOSTICS} are.`,
        hint: 'Fix the diagnostics listed, or scan the root modules one at a time, to see the rest.',
        file: rootDirs.length === 1 ? rootDirs[0] || '.' : '.',
      },
    ];
  }

  private byDir: Map<string, string[]> | undefined;

  /** The input files directly in `dir` (root-relative, '' for the root), indexed once per evaluation. */
  filesIn(dir: string): readonly string[] {
    if (this.byDir === undefined) {
      this.byDir = new Map();
      for (const path of this.input.files.keys()) pushTo(this.byDir, dirOf(path), path);
    }
    return this.byDir.get(dir) ?? [];
  }

  reportUnimplemented(name: string, file: string, range: Range): void {
    if (this.reportedFunctions.has(name)) return;
    this.reportedFunctions.add(name);
    if (name === 'list' || name === 'map') {
      // Gone since Terraform 0.12, and no later version brings them back: every call fails
      // (terraform validate 1.11.4: 'the "list" function was deprecated in Terraform v0.12 and is no longer available').
      this.report({
        code: 'eval/error',
        severity: 'error',
        message: `The ${name}() function was removed in Terraform 0.12, so Terraform refuses the call; its results are unknown here.`,
        hint: name === 'list' ? 'Use tolist([...]) or a [ ... ] list.' : 'Use tomap({...}) or a { ... } object.',
        span: this.spans.span(file, range),
      });
      return;
    }
    if (!isTerraformFunctionName(name)) {
      // A warning, not an error: a function of a Terraform newer than this list must not fail a scan.
      this.report({
        code: 'eval/unknown-function',
        severity: 'warning',
        message: `There is no function named ${name}() in Terraform (up to 1.17), so Terraform would refuse the configuration; its results are unknown here.`,
        hint: 'Check the spelling; a function of a newer Terraform needs a newer Safeguard.',
        span: this.spans.span(file, range),
      });
      return;
    }
    this.report({
      code: 'eval/unsupported-function',
      severity: 'info',
      message: `The function ${name}() is not evaluated by Safeguard; its results are treated as known only at apply time.`,
      span: this.spans.span(file, range),
    });
  }

  /** Read a file for file()/templatefile(): relative to `baseDir`, never outside the scan root. */
  readInside(baseDir: string, path: string, file: string, range: Range): string | undefined {
    const rel = joinInside(baseDir, path);
    if (rel === undefined) {
      this.report({
        code: 'eval/file-outside-root',
        severity: 'warning',
        message: `Refused to read "${path}": it is outside the scan root, so its content is unknown.`,
        hint: 'Scan a directory that contains the file.',
        span: this.spans.span(file, range),
      });
      return undefined;
    }
    return this.input.files.get(rel) ?? this.input.readFile(rel);
  }
}
