// Terragrunt units (a terragrunt.hcl with `terraform { source = "<local path>" }`): Terragrunt runs
// the module at the source as a root module, with the unit's `inputs` as TF_VAR_ environment
// variables, the files its `generate` and `remote_state` blocks write, and the blocks of the
// configurations it includes merged in as each include's merge_strategy says (terragrunt-merge.ts).
// Its HCL is HCL2, read by our parser and evaluated by our expression engine with Terragrunt's
// functions added; nothing is ever executed: run_cmd, sops_decrypt_file, get_aws_account_id and
// get_env without a default are unknown, and a dependency's outputs are unknown until it is applied.
// Its mock_outputs are placeholders for `plan`, not the values deployed, except with skip_outputs =
// true, where Terragrunt passes them on apply too (dependencyUse): then they are judged as deployed.
import { posix } from 'node:path';
import type { Attribute, Block, Body, Expression, FunctionCallExpr, HclFile, Range } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { LineIndex } from '../source/line-index.js';
import { EMPTY_SCOPE, Evaluator, NO_ROOTS, Trace, type Scope } from './evaluate.js';
import { defaultBudget } from './functions/index.js';
import { parseHclFile } from './parse.js';
import { EvalError, ListV, ObjV, Unk, obj, typeName, unk, type Val } from './value.js';
import { isMergeStrategy, mergeDependencies, mergeIncluded, type DependencyAttrs, type MergeStrategy } from './terragrunt-merge.js';
import { forEachTraversal } from './traversals.js';
import { isLocalSource, joinInside } from './load.js';
import { attributeOf } from './declarations.js';
import { dirOf } from '../util/paths.js';

export const TERRAGRUNT_FILE = 'terragrunt.hcl';

export function isTerragruntConfig(path: string): boolean {
  return path === TERRAGRUNT_FILE || path.endsWith(`/${TERRAGRUNT_FILE}`);
}

/** One value of a unit's `inputs`, with where it is written (the key through the value). */
export interface TerragruntInput {
  readonly value: Val;
  readonly span: Span;
}

/** A file Terragrunt writes into the module's working copy (generate, remote_state). */
export interface GeneratedFile {
  /** The name Terragrunt gives it (`provider.tf`, `backend.tf`). */
  readonly name: string;
  readonly text: string;
  /** The block that writes it: every finding in the file points there. */
  readonly origin: Span;
}

export interface TerragruntNote {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  readonly span?: Span;
  readonly file?: string;
}

export interface TerragruntUnit {
  /** The unit's directory (where terragrunt.hcl is). */
  readonly dir: string;
  readonly config: string;
  /** The module directory when `terraform.source` is a local path inside the scan root. */
  readonly moduleDir?: string;
  /** `terraform.source` as written (resolved) when it is not a local path: a remote module. */
  readonly remoteSource?: string;
  /** Where `terraform.source` is written. */
  readonly sourceSpan?: Span;
  readonly inputs: ReadonlyMap<string, TerragruntInput>;
  readonly generated: readonly GeneratedFile[];
  readonly notes: readonly TerragruntNote[];
  /** Terragrunt refuses the configuration (notes say why): nothing of it is evaluated. */
  readonly refused?: true;
}

/** Reads a file inside the scan root (root-relative path); undefined when missing or outside. */
export type ReadInside = (rel: string) => string | undefined;

export interface Parsed {
  readonly path: string;
  readonly file: HclFile;
  readonly lines: LineIndex;
}

/** A block of a configuration, with what evaluates it where it is written (an included one in its own file). */
interface BlockIn {
  readonly block: Block;
  readonly file: Parsed;
  readonly scope: Scope;
  readonly evaluator: Evaluator;
}

/** What merges of a configuration (terragrunt-merge.ts): its inputs and blocks, its includes merged in. */
interface Merged {
  readonly inputs: Map<string, TerragruntInput>;
  /** The inputs as one value (read_terragrunt_config(...).inputs, include.x.inputs). */
  readonly inputsValue: Val;
  readonly source?: { readonly value: Val; readonly span: Span };
  readonly generate: Map<string, BlockIn>;
  readonly remoteState?: BlockIn;
}

/** What one configuration file evaluates to, before a child merges it. */
interface Evaluated extends Merged {
  readonly locals: ObjV;
  /** The names of its dependency blocks. */
  readonly dependencies: readonly string[];
  /** Its dependency blocks with those of the configurations it includes merged in (terragrunt-merge.ts). */
  readonly dependencyBlocks: ReadonlyMap<string, DependencyBlock>;
  /** The configuration as an exposed include.<label> and read_terragrunt_config() give it. */
  readonly exposed: ObjV;
}

/**
 * A dependency's outputs: unknown until it is applied, whatever mock_outputs say (placeholders for
 * plan and validate, never the values deployed). The reason names the dependency.
 */
function dependencyValue(name: string, configPath: string | undefined): ObjV {
  const reason = `dependency.${name}.outputs, known after ${configPath ?? name} is applied`;
  return obj([['outputs', new ObjV(new Map(), 'object', reason)]]);
}

/** A `dependency` block, its attributes evaluated where it is written. */
interface DependencyBlock extends DependencyAttrs {
  readonly name: string;
  /** Its header, where the note about it points. */
  readonly span: Span;
}

/**
 * What `dependency.<name>.outputs` holds when Terragrunt applies the unit. The docs ("dependency"):
 * skip_outputs = true skips `terragrunt output` and, "If mock_outputs is configured, set outputs to
 * the value of mock_outputs. Otherwise, outputs will be set to an empty map": mocks "all the time".
 * Terragrunt returns them only for a command mock_outputs_allowed_terraform_commands allows when that
 * list is set and not empty (Dependency.shouldReturnMockOutputs): one without apply leaves the
 * dependency without outputs on apply, and reading them fails. Without skip_outputs the outputs are
 * the applied dependency's, unknown here.
 */
type DependencyUse = 'applied' | 'mocks' | 'mocks-not-on-apply' | 'mocks-unknown' | 'empty' | 'enabled-unknown';

/**
 * `enabled = false` (pkg/config/dependency.go): Terragrunt neither runs the dependency first nor reads
 * its outputs, whatever its config_path; getTerragruntOutputIfAppliedElseConfiguredDefault returns
 * its mock_outputs on every command (shouldReturnMockOutputs is true for a disabled dependency,
 * mock_outputs_allowed_terraform_commands aside), and without mock_outputs the dependency has no
 * `outputs` at all, so a read of one fails. Terragrunt decodes `enabled` as a bool: "false" is false.
 */
function enabledOf(block: DependencyBlock): boolean | 'unknown' {
  const v = block.enabled;
  if (v === undefined || v === null || v === true || v === 'true') return true;
  return v === false || v === 'false' ? false : 'unknown';
}

function dependencyUse(block: DependencyBlock): DependencyUse {
  const enabled = enabledOf(block);
  if (enabled === 'unknown') return 'enabled-unknown';
  if (!enabled) {
    if (block.mockOutputs === undefined || block.mockOutputs === null) return 'empty';
    return block.mockOutputs instanceof ObjV ? 'mocks' : 'mocks-unknown';
  }
  if (block.skipOutputs !== true) return 'applied';
  if (block.mockOutputs === undefined || block.mockOutputs === null) return 'empty';
  if (!(block.mockOutputs instanceof ObjV)) return 'mocks-unknown';
  const allowed = block.allowedCommands;
  if (allowed === undefined || allowed === null) return 'mocks';
  if (!(allowed instanceof ListV) || allowed.items.some((c) => typeof c !== 'string')) return 'mocks-unknown';
  return allowed.items.length === 0 || allowed.items.includes('apply') ? 'mocks' : 'mocks-not-on-apply';
}

/** `dependency.<name>` as the unit's configurations read it: the mock_outputs where they are what apply passes, else outputs unknown. */
function dependencyObject(block: DependencyBlock): ObjV {
  if (dependencyUse(block) === 'mocks') return obj([['outputs', block.mockOutputs!]]);
  return dependencyValue(block.name, typeof block.configPath === 'string' ? block.configPath : undefined);
}

const MAX_DEPTH = 8;

/** Functions Terragrunt adds that would run something or ask AWS: never executed, unknown. */
const RUNS_SOMETHING = new Set([
  'run_cmd',
  'sops_decrypt_file',
  'get_aws_account_id',
  'get_aws_account_alias',
  'get_aws_caller_identity_arn',
  'get_aws_caller_identity_user_id',
  'get_terraform_command',
  'get_terraform_cli_args',
  'get_repo_root',
  'get_path_from_repo_root',
  'get_path_to_repo_root',
  'get_working_dir',
  'get_terragrunt_source_cli_flag',
  'get_default_retryable_errors',
  'mark_as_read',
  'read_tfvars_file',
  'get_terraform_commands_that_need_vars',
  'get_terraform_commands_that_need_input',
  'get_terraform_commands_that_need_locking',
  'get_terraform_commands_that_need_parallelism',
]);

/** Paths as Terragrunt's functions return them: absolute, here with the scan root as `/`. */
const abs = (rel: string): string => `/${rel}`;

/** A path a function or attribute gave, relative to the scan root; undefined outside it. */
function toRel(path: string, baseDir: string): string | undefined {
  if (path.startsWith('/')) return joinInside('', `.${path}`);
  return joinInside(baseDir, path);
}

/**
 * Reads a unit: its configuration with its includes, the module at its source, its inputs and the
 * files it generates. `read` gives the text of any file inside the scan root.
 */
export function readTerragruntUnit(config: string, read: ReadInside, parsed?: ParsedConfigs): TerragruntUnit {
  const dir = dirOf(config);
  const notes: TerragruntNote[] = [];
  const reader = new ConfigReader(read, notes, dir, parsed);
  const evaluated = reader.evaluateUnit(config);
  if (reader.refused) return { dir, config, inputs: new Map(), generated: [], notes, refused: true };
  if (evaluated === undefined) return { dir, config, inputs: new Map(), generated: [], notes };
  reader.dependencyNotes();
  const generated: GeneratedFile[] = [];
  for (const [name, g] of evaluated.generate) {
    const file = reader.generatedFile(name, g);
    if (file) generated.push(file);
  }
  if (evaluated.remoteState) {
    const backend = reader.backendFile(evaluated.remoteState);
    if (backend) generated.push(backend);
  }
  const base = { dir, config, inputs: evaluated.inputs, generated, notes };
  const source = evaluated.source;
  if (source === undefined) return base;
  if (typeof source.value !== 'string') {
    notes.push({ severity: 'warning', code: 'terragrunt/source-unknown', message: `The terraform.source of the Terragrunt unit ${dir || '.'} is not known before Terragrunt runs, so its module was not evaluated.`, span: source.span });
    return { ...base, sourceSpan: source.span };
  }
  const resolved = localSource(source.value, dir);
  if (resolved === 'remote') return { ...base, remoteSource: source.value, sourceSpan: source.span };
  if (resolved === undefined) {
    notes.push({ severity: 'warning', code: 'terragrunt/source-outside-root', message: `The Terragrunt unit ${dir || '.'} runs the module ${source.value}, which is outside the scan root, so it was not evaluated.`, span: source.span });
    return { ...base, sourceSpan: source.span };
  }
  return { ...base, moduleDir: resolved, sourceSpan: source.span };
}

/**
 * The module directory of a local source (`../../modules//rds`: Terragrunt copies the part before
 * `//` and runs in the part after it), 'remote' for anything Terragrunt downloads, undefined when
 * the path leaves the scan root.
 */
export function localSource(source: string, unitDir: string): string | 'remote' | undefined {
  const plain = source.replace(/\?.*$/, '');
  if (!plain.startsWith('/') && !isLocalSource(plain)) return 'remote';
  const path = plain.replace(/(?<!:)\/\/+/g, '/');
  return toRel(path, unitDir);
}

/** Configuration files parsed, by path: shared by the units of one scan (a root `terragrunt.hcl` every unit includes parses once). */
export type ParsedConfigs = Map<string, Parsed | 'missing' | Unparsable>;

/** A configuration with a syntax error: the first one, and how many more the parser found. */
interface Unparsable {
  readonly unparsable: Diagnostic;
  readonly more: number;
}

class ConfigReader {
  private readonly budget = defaultBudget();
  /** Terragrunt refuses the configuration (an invalid merge_strategy): the unit is not evaluated. */
  refused = false;
  /** The dependency blocks of the configurations read, by name (the unit's merged ones last), and the names whose outputs are read. */
  private readonly dependencyBlocks = new Map<string, DependencyBlock>();
  private readonly outputsRead = new Set<string>();
  /** The unit's dependency blocks merged across its includes, once known: what its include chain reads as `dependency`. */
  private unitDependencies: ReadonlyMap<string, DependencyBlock> | undefined;

  constructor(
    private readonly read: ReadInside,
    private readonly notes: TerragruntNote[],
    /** The unit's directory: what get_terragrunt_dir() and find_in_parent_folders() start from. */
    private readonly unitDir: string,
    private readonly parsed: ParsedConfigs = new Map(),
  ) {}

  /**
   * A configuration file parsed. Terragrunt stops on a syntax error in any file it reads (the unit's
   * terragrunt.hcl, an include, a read_terragrunt_config target): the docs' "Configuration parsing
   * order" evaluates nothing of a file before it parses. Our parser recovers from errors, but what it
   * recovers is not what Terragrunt would run, so the unit is refused, with the first syntax error
   * (file, line and column) said in a note whose text names no unit: the scan says it once per file,
   * with every unit that reads it (pipeline/scan.ts).
   */
  private parse(path: string): Parsed | undefined {
    let known = this.parsed.get(path);
    if (known === undefined) {
      const text = this.read(path);
      const result = text === undefined ? undefined : parseHclFile(path, text);
      const errors = result?.diagnostics.filter((d) => d.severity === 'error') ?? [];
      if (text === undefined) known = 'missing';
      else if (result?.file && errors.length === 0) known = { path, file: result.file, lines: new LineIndex(text) };
      else known = { unparsable: errors[0] ?? { code: 'parse/hcl', severity: 'error', message: 'The file could not be parsed.', file: path }, more: Math.max(0, errors.length - 1) };
      this.parsed.set(path, known);
    }
    if (typeof known === 'object' && 'unparsable' in known) {
      this.refused = true;
      const { unparsable: first, more } = known;
      const where = first.span ? `${first.span.start.line}:${first.span.start.column}` : '';
      this.notes.push({
        severity: 'error',
        code: 'terragrunt/parse',
        message: `${path}${where ? `:${where}` : ''} could not be parsed (${first.message.replace(/\.$/, '')}${more > 0 ? `; ${more} more syntax ${more === 1 ? 'error' : 'errors'}` : ''}): Terragrunt stops on a syntax error, so the Terragrunt units that read it were not evaluated.`,
        ...(first.span ? { span: first.span } : { file: path }),
      });
      return undefined;
    }
    return known === 'missing' ? undefined : known;
  }

  private span(file: Parsed, range: Range): Span {
    return file.lines.span(file.path, range.start, range.end);
  }

  /**
   * The unit's configuration evaluated. Terragrunt merges the dependency blocks of the unit and of
   * its includes before it reads any outputs, and the configurations of the include chain all read
   * that one `dependency` (pkg/config/include.go, handleIncludeForDependency: an included
   * configuration is parsed with the child's dependencies; the docs' deep merge example has the
   * parent's inputs read a mock output only the child sets). The merged blocks are known only once
   * every configuration is read: a unit with dependency blocks is evaluated again with them.
   */
  evaluateUnit(config: string): Evaluated | undefined {
    const first = this.evaluate(config, undefined, 0, { chain: true });
    if (this.refused || first === undefined || first.dependencyBlocks.size === 0) return first;
    this.unitDependencies = first.dependencyBlocks;
    this.notes.length = 0;
    this.outputsRead.clear();
    this.dependencyBlocks.clear();
    const evaluated = this.evaluate(config, undefined, 0, { chain: true });
    for (const [name, block] of this.unitDependencies) this.dependencyBlocks.set(name, block);
    return evaluated;
  }

  /**
   * Evaluates the configuration at `path`, with the configurations it includes merged in
   * (terragrunt-merge.ts). `parentDir`: the directory of the configuration being included
   * (get_parent_terragrunt_dir, path_relative_to_include), when `path` is an included one.
   * `childDependencies`: the dependency blocks of a child that includes this one with a deep merge,
   * which the docs make readable here too. `chain`: the unit's configuration or one it includes
   * (not one read_terragrunt_config reads): it reads the unit's merged dependencies once known.
   */
  evaluate(path: string, parentDir: string | undefined, depth: number, options: { readonly childDependencies?: readonly string[]; readonly chain?: boolean } = {}): Evaluated | undefined {
    const { childDependencies = [], chain = false } = options;
    if (depth > MAX_DEPTH) return undefined;
    const file = this.parse(path);
    if (!file) return undefined;
    const body = file.file.body;
    const fileDir = dirOf(path);
    const includeDirs = new Map<string, string>();
    const evaluator = this.evaluator(file, fileDir, parentDir, depth, includeDirs);
    const ownDependencies = body.blocks.filter((b) => b.type === 'dependency').flatMap((b) => (b.labels[0] ? [b.labels[0].value] : []));
    // Includes first: their paths use functions only, and the child's locals may read them.
    const included: { label: string | undefined; evaluated: Evaluated; merge: MergeStrategy; exposed: boolean }[] = [];
    for (const block of body.blocks.filter((b) => b.type === 'include')) {
      const pathAttr = attributeOf(block.body, 'path');
      if (!pathAttr) continue;
      const value = this.eval(evaluator, pathAttr.expr, EMPTY_SCOPE, file);
      const rel = typeof value === 'string' ? toRel(value, fileDir) : undefined;
      if (rel === undefined) {
        this.notes.push({ severity: 'warning', code: 'terragrunt/include', message: `The include at ${path} could not be resolved inside the scan root, so what it sets is not part of the unit.`, span: this.span(file, pathAttr) });
        continue;
      }
      includeDirs.set(block.labels[0]?.value ?? '', dirOf(rel));
      const merge = this.mergeStrategy(block, evaluator, file);
      if (merge === undefined) continue;
      const parent = this.evaluate(rel, dirOf(rel), depth + 1, { childDependencies: merge === 'deep' ? ownDependencies : [], chain });
      if (!parent) {
        // Terragrunt stops on an include whose file is not there; said, as an unresolved include is.
        if (this.parsed.get(rel) === 'missing') this.notes.push({ severity: 'warning', code: 'terragrunt/include', message: `The include at ${path} names ${rel}, which is not in the scan, so what it sets is not part of the unit (Terragrunt stops on it).`, span: this.span(file, pathAttr) });
        continue;
      }
      const expose = attributeOf(block.body, 'expose');
      included.push({ label: block.labels[0]?.value, evaluated: parent, merge, exposed: expose !== undefined && this.eval(evaluator, expose.expr, EMPTY_SCOPE, file) === true });
    }
    const includeValue = this.includeVariable(included, file);
    const dependencies: [string, Val][] = [];
    const dependencyBlocks = body.blocks.filter((b) => b.type === 'dependency' && b.labels[0] !== undefined);
    const configPaths = new Map<Block, Val | undefined>();
    for (const block of dependencyBlocks) {
      const name = block.labels[0]!.value;
      const configPath = attributeOf(block.body, 'config_path');
      const where = configPath ? this.eval(evaluator, configPath.expr, EMPTY_SCOPE, file) : undefined;
      configPaths.set(block, where);
      dependencies.push([name, dependencyValue(name, typeof where === 'string' ? where : undefined)]);
    }
    forEachTraversal(body, (t) => {
      const [first, second] = t.type === 'traversal' && t.root === 'dependency' ? t.steps : [];
      if (first?.kind === 'attr' && second?.kind === 'attr' && second.name === 'outputs') this.outputsRead.add(first.name);
    });
    // A deep merge makes the dependency blocks of the child and of the parent readable in both.
    const deepDependencies = [...childDependencies, ...included.filter((i) => i.merge === 'deep').flatMap((i) => i.evaluated.dependencies)];
    for (const name of deepDependencies) if (!dependencies.some(([n]) => n === name)) dependencies.push([name, dependencyValue(name, undefined)]);
    let scope = EMPTY_SCOPE.with(
      new Map<string, Val>([
        ['include', includeValue],
        ['dependency', obj(dependencies)],
      ]),
    );
    const locals = this.locals(evaluator, body, scope, file);
    scope = scope.bind('local', locals);
    // The rest of a dependency block is read after locals (the docs' parsing order), quietly: Terragrunt reads mock_outputs only when it uses them.
    const ownBlocks = new Map<string, DependencyBlock>();
    for (const block of dependencyBlocks) {
      const attr = (name: string): Val | undefined => {
        const a = attributeOf(block.body, name);
        return a === undefined ? undefined : this.quiet(evaluator, a.expr, scope);
      };
      const [configPath, skipOutputs, mockOutputs, allowedCommands, enabled] = [configPaths.get(block), attr('skip_outputs'), attr('mock_outputs'), attr('mock_outputs_allowed_terraform_commands'), attr('enabled')];
      const own: DependencyBlock = {
        name: block.labels[0]!.value,
        span: this.span(file, { start: block.start, end: block.openBrace.start }),
        ...(configPath !== undefined ? { configPath } : {}),
        ...(skipOutputs !== undefined ? { skipOutputs } : {}),
        ...(mockOutputs !== undefined ? { mockOutputs } : {}),
        ...(allowedCommands !== undefined ? { allowedCommands } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      };
      ownBlocks.set(own.name, own);
      // The child's block is read after its includes': it is the one said, as it overrides theirs (the unit's merged ones replace them all).
      this.dependencyBlocks.set(own.name, own);
    }
    let mergedBlocks: ReadonlyMap<string, DependencyBlock> = ownBlocks;
    for (const inc of [...included].reverse()) if (inc.merge !== 'no_merge') mergedBlocks = mergeDependencies(inc.evaluated.dependencyBlocks, mergedBlocks, inc.merge);
    // What this file reads as `dependency`: its own blocks (their mock_outputs where apply passes them),
    // over them the unit's merged ones once known, for a file of the unit's include chain.
    for (const own of ownBlocks.values()) dependencies.splice(dependencies.findIndex(([n]) => n === own.name), 1, [own.name, dependencyObject(own)]);
    if (chain && this.unitDependencies) {
      for (const block of this.unitDependencies.values()) {
        const at = dependencies.findIndex(([n]) => n === block.name);
        if (at >= 0) dependencies.splice(at, 1, [block.name, dependencyObject(block)]);
        else dependencies.push([block.name, dependencyObject(block)]);
      }
    }
    scope = EMPTY_SCOPE.with(
      new Map<string, Val>([
        ['include', includeValue],
        ['dependency', obj(dependencies)],
      ]),
    ).bind('local', locals);

    const inputs = new Map<string, TerragruntInput>();
    const inputsAttr = attributeOf(body, 'inputs');
    let inputsValue: Val = obj([]);
    if (inputsAttr) {
      inputsValue = this.eval(evaluator, inputsAttr.expr, scope, file);
      if (inputsAttr.expr.type === 'object') {
        for (const item of inputsAttr.expr.items) {
          const key = item.bareKey && item.key.type === 'traversal' ? item.key.root : this.eval(evaluator, item.key, scope, file);
          if (typeof key !== 'string') continue;
          inputs.set(key, { value: this.eval(evaluator, item.value, scope, file), span: this.span(file, { start: item.key.start, end: item.value.end }) });
        }
      } else if (inputsValue instanceof ObjV) {
        for (const [k, v] of inputsValue.attrs) inputs.set(k, { value: v, span: this.span(file, inputsAttr) });
      }
    }
    let source: Evaluated['source'];
    const terraformBlock = body.blocks.find((b) => b.type === 'terraform');
    const sourceAttr = terraformBlock ? attributeOf(terraformBlock.body, 'source') : undefined;
    if (sourceAttr) source = { value: this.eval(evaluator, sourceAttr.expr, scope, file), span: this.span(file, sourceAttr) };
    const generate: Evaluated['generate'] = new Map();
    for (const block of body.blocks.filter((b) => b.type === 'generate')) {
      const name = block.labels[0]?.value;
      if (name !== undefined) generate.set(name, { block, file, scope, evaluator });
    }
    const remoteBlock = body.blocks.find((b) => b.type === 'remote_state');
    const remoteState: Evaluated['remoteState'] = remoteBlock ? { block: remoteBlock, file, scope, evaluator } : undefined;

    // The child's own, then each include merged under it, the last written first (it wins over the earlier ones).
    let merged: Merged = { inputs, inputsValue, generate, ...(source ? { source } : {}), ...(remoteState ? { remoteState } : {}) };
    for (const inc of [...included].reverse()) {
      if (inc.merge !== 'no_merge') merged = mergeIncluded(inc.evaluated, merged, inc.merge, (input, value) => ({ ...input, value }));
    }
    // Built when read (an exposed include, read_terragrunt_config): the unit's own configuration never is.
    let exposed: ObjV | undefined;
    const self = this;
    return {
      ...merged,
      locals,
      dependencies: dependencies.map(([n]) => n),
      dependencyBlocks: mergedBlocks,
      get exposed(): ObjV {
        return (exposed ??= self.exposedValue(merged, locals, dependencies));
      },
    };
  }

  /**
   * Which dependency's outputs the unit reads, said once each at its dependency block (the unit's
   * merged one). Without skip_outputs every value from them is unknown here (known after that unit
   * is applied), and mock_outputs are placeholders for commands run before it is (the docs), never
   * used. With skip_outputs = true Terragrunt passes the mock_outputs on apply too (dependencyUse):
   * their values are judged as deployed, and the warning says so.
   */
  dependencyNotes(): void {
    for (const name of [...this.outputsRead].sort()) {
      const block = this.dependencyBlocks.get(name);
      if (!block) continue;
      const use = dependencyUse(block);
      const reads = `The Terragrunt unit ${this.unitDir || '.'} reads the outputs of dependency "${name}" (${typeof block.configPath === 'string' ? block.configPath : 'config_path not known'})`;
      // What makes Terragrunt skip its real outputs: enabled = false, else skip_outputs = true.
      const skips = enabledOf(block) === false ? 'enabled = false' : 'skip_outputs = true';
      const message = {
        applied: `${reads}, known only after it is applied: every value from them is unknown to this scan, and its mock_outputs are placeholders, never used.`,
        mocks: `${reads}, which sets ${skips}: Terragrunt never reads its real outputs and passes its mock_outputs as the outputs on every command, apply included, so the values read from them are judged as deployed.`,
        'mocks-not-on-apply': `${reads}, which sets skip_outputs = true, but its mock_outputs_allowed_terraform_commands leave out apply: Terragrunt then has no outputs for it on apply and the unit's apply fails where they are read. Every value from them is unknown to this scan.`,
        'mocks-unknown': `${reads}, which sets ${skips}, so Terragrunt passes its mock_outputs as the outputs, but they (or the commands they are allowed for) are not known to this scan: every value from them is unknown.`,
        empty: `${reads}, which sets ${skips} without mock_outputs: Terragrunt gives it no outputs, and a read of one fails.`,
        'enabled-unknown': `${reads}, whose enabled is not known to this scan: Terragrunt reads its outputs when it is enabled and passes its mock_outputs when it is not, so every value from them is unknown.`,
      }[use];
      this.notes.push({ severity: use === 'applied' ? 'info' : 'warning', code: 'terragrunt/dependency-outputs', message, span: block.span });
    }
  }

  /**
   * `merge_strategy`: no_merge, shallow (the default) or deep, as the docs list them. Any other
   * value Terragrunt refuses (an invalid merge strategy error): the unit is then not evaluated, and
   * the error says why, not a silent shallow merge. An unknown value is read as the default, said.
   */
  private mergeStrategy(block: Block, evaluator: Evaluator, file: Parsed): MergeStrategy | undefined {
    const attr = attributeOf(block.body, 'merge_strategy');
    const value = attr ? this.eval(evaluator, attr.expr, EMPTY_SCOPE, file) : null;
    if (value === null) return 'shallow';
    if (typeof value === 'string' && isMergeStrategy(value)) return value;
    if (value instanceof Unk) {
      this.notes.push({ severity: 'warning', code: 'terragrunt/merge-strategy', message: `The merge_strategy of this include in ${file.path} is not known before Terragrunt runs; it was read as "shallow", the default.`, span: this.span(file, attr!) });
      return 'shallow';
    }
    this.refused = true;
    this.notes.push({
      severity: 'error',
      code: 'terragrunt/merge-strategy',
      message: `merge_strategy = ${typeof value === 'string' ? JSON.stringify(value) : 'a ' + typeName(value)} in ${file.path} is not one Terragrunt knows (no_merge, shallow or deep): Terragrunt refuses the configuration, so the Terragrunt unit ${this.unitDir || '.'} was not evaluated.`,
      span: this.span(file, attr!),
    });
    return undefined;
  }

  /**
   * The `include` variable: an include's configuration is readable as include.<label> only with
   * `expose = true` (the docs: "Defaults to false"; Terragrunt leaves an include not exposed out of
   * the variable, so a reference to it is an error). Such a reference is said where it is written,
   * and reads as unknown, never as the value Terragrunt would refuse. A bare include is the variable itself.
   */
  private includeVariable(included: readonly { label: string | undefined; evaluated: Evaluated; exposed: boolean }[], file: Parsed): Val {
    const hidden = (label: string | undefined): Unk => unk(`include${label === undefined ? '' : `.${label}`} is not exposed (its include block does not set expose = true), so Terragrunt refuses to read it`);
    const notExposed = new Set(included.filter((i) => !i.exposed).map((i) => i.label));
    const bare = included.find((i) => i.label === undefined);
    if (notExposed.size > 0) {
      forEachTraversal(file.file.body, (t) => {
        if (t.type !== 'traversal' || t.root !== 'include' || t.steps.length === 0) return;
        const first = t.steps[0]!;
        const label = bare ? undefined : first.kind === 'attr' ? first.name : String(first.key);
        if (!notExposed.has(label)) return;
        this.notes.push({
          severity: 'warning',
          code: 'terragrunt/include-not-exposed',
          message: `include${label === undefined ? '' : `.${label}`} is read here, but its include block does not set expose = true: Terragrunt exposes an included configuration only then and refuses this reference. The value is unknown to this scan.`,
          span: this.span(file, t),
        });
      });
    }
    if (bare) return bare.exposed ? bare.evaluated.exposed : hidden(undefined);
    return obj(included.flatMap((i) => (i.label === undefined ? [] : [[i.label, i.exposed ? i.evaluated.exposed : hidden(i.label)] as const])));
  }

  /**
   * A configuration as include.<label> (exposed) and read_terragrunt_config() give it, with what
   * this scan evaluates of it: inputs, locals, terraform.source, remote_state (backend, config),
   * generate (path, contents) and dependency (outputs unknown). Blocks are read without notes here:
   * the unit's own evaluation of the blocks it uses says what is wrong with them.
   */
  private exposedValue(merged: Merged, locals: ObjV, dependencies: readonly (readonly [string, Val])[]): ObjV {
    const entries: [string, Val][] = [
      ['inputs', merged.inputsValue],
      ['locals', locals],
      ['dependency', obj(dependencies)],
      ['generate', obj([...merged.generate].map(([name, g]) => [name, this.quietBody(g, ['path', 'contents', 'if_exists', 'disable'])]))],
    ];
    if (merged.source) entries.push(['terraform', obj([['source', merged.source.value]])]);
    if (merged.remoteState) entries.push(['remote_state', this.quietBody(merged.remoteState, ['backend', 'config', 'generate', 'disable_init'])]);
    return obj(entries);
  }

  /** The attributes `names` of a block that are written, evaluated where it is, an error unknown and unsaid. */
  private quietBody(b: BlockIn, names: readonly string[]): ObjV {
    const entries: [string, Val][] = [];
    for (const name of names) {
      const attr = attributeOf(b.block.body, name);
      if (attr) entries.push([name, this.quiet(b.evaluator, attr.expr, b.scope)]);
    }
    return obj(entries);
  }

  /** An expression evaluated, an error unknown and unsaid. */
  private quiet(evaluator: Evaluator, expr: Expression, scope: Scope): Val {
    try {
      return evaluator.evaluate(expr, scope, new Trace());
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return unk(`not evaluated: ${e.message}`);
    }
  }

  /** Locals in as many passes as they need (one may read another declared after it); the rest unknown. */
  private locals(evaluator: Evaluator, body: Body, scope: Scope, file: Parsed): ObjV {
    const declared = body.blocks.filter((b) => b.type === 'locals').flatMap((b) => b.body.attributes);
    const done = new Map<string, Val>();
    let pending = declared;
    for (let pass = 0; pass <= declared.length && pending.length > 0; pass++) {
      const next: Attribute[] = [];
      for (const a of pending) {
        try {
          done.set(a.name, evaluator.evaluate(a.expr, scope.bind('local', obj(done)), new Trace()));
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          next.push(a);
        }
      }
      if (next.length === pending.length) break;
      pending = next;
    }
    for (const a of pending) {
      done.set(a.name, unk(`local.${a.name} of ${file.path} could not be evaluated`));
    }
    return obj(done);
  }

  private eval(evaluator: Evaluator, expr: Expression, scope: Scope, file: Parsed): Val {
    try {
      return evaluator.evaluate(expr, scope, new Trace());
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.notes.push({ severity: 'warning', code: 'terragrunt/eval', message: `${e.message} (in ${file.path}); the value is unknown to this scan.`, span: this.span(file, e.range ?? expr) });
      return unk(`not evaluated: ${e.message}`);
    }
  }

  /** `includeDirs`: the directories of the configurations `file` includes, by label, as they are resolved. */
  private evaluator(file: Parsed, fileDir: string, parentDir: string | undefined, depth: number, includeDirs: ReadonlyMap<string, string>): Evaluator {
    const unitDir = this.unitDir;
    const self = this;
    return new Evaluator({
      resolver: NO_ROOTS,
      fn: {
        moduleDir: fileDir,
        rootDir: fileDir,
        budget: this.budget,
        report: () => undefined,
        readFile: (p) => {
          const rel = toRel(p, fileDir);
          return rel === undefined ? undefined : this.read(rel);
        },
        fileExists: (p) => {
          const rel = toRel(p, fileDir);
          return rel === undefined ? 'outside' : this.read(rel) !== undefined;
        },
        listFiles: () => undefined,
        renderTemplate: () => {
          throw new EvalError('Templates are not rendered in a Terragrunt configuration by this scan.');
        },
      },
      reportUnimplemented: () => undefined,
      parseTemplate: () => undefined,
      extraFunction(name: string, args: readonly Val[], call: FunctionCallExpr): Val | undefined {
        switch (name) {
          case 'find_in_parent_folders': {
            const wanted = typeof args[0] === 'string' ? args[0] : TERRAGRUNT_FILE;
            if (args[0] instanceof Unk) return args[0];
            // From the unit's directory's parent up to the scan root (an included configuration is evaluated for the unit).
            for (let dir = unitDir; dir !== ''; ) {
              dir = dirOf(dir);
              const candidate = toRel(wanted, dir);
              if (candidate !== undefined && self.read(candidate) !== undefined) return abs(candidate);
            }
            if (args.length > 1) return args[1]!;
            throw new EvalError(`find_in_parent_folders(): no ${wanted} in a parent folder of ${unitDir || '.'} inside the scan root.`, call);
          }
          case 'path_relative_to_include':
            return parentDir === undefined ? '.' : posix.relative(parentDir, unitDir) || '.';
          case 'path_relative_from_include':
            return parentDir === undefined ? '.' : posix.relative(unitDir, parentDir) || '.';
          case 'get_terragrunt_dir':
          case 'get_original_terragrunt_dir':
            return abs(unitDir);
          case 'get_parent_terragrunt_dir': {
            // In an included configuration: its own directory; in the unit: that of the include named (or the only one).
            if (parentDir !== undefined) return abs(parentDir);
            const named = typeof args[0] === 'string' ? includeDirs.get(args[0]) : includeDirs.size === 1 ? [...includeDirs.values()][0] : undefined;
            return abs(named ?? unitDir);
          }
          case 'get_platform':
            return 'linux';
          case 'get_env':
            if (args.length > 1) return args[1]!;
            return unk(`get_env(${typeof args[0] === 'string' ? JSON.stringify(args[0]) : ''}) without a default: the environment Terragrunt runs in is not known to this scan`);
          case 'read_terragrunt_config': {
            const target = args[0];
            if (typeof target !== 'string') return target instanceof Unk ? target : unk('read_terragrunt_config() of an unknown path');
            const rel = toRel(target, fileDir);
            const read = rel !== undefined ? self.evaluate(rel, undefined, depth + 1) : undefined;
            if (read === undefined) {
              if (args.length > 1) return args[1]!;
              throw new EvalError(`read_terragrunt_config(): ${target} could not be read inside the scan root.`, call);
            }
            return read.exposed;
          }
          default:
            if (RUNS_SOMETHING.has(name)) return unk(`${name}() runs when Terragrunt does; this scan never executes it`);
            return undefined;
        }
      },
    });
  }

  /** A `generate` block's file, when its contents are known text and it is not disabled. */
  generatedFile(name: string, g: BlockIn): GeneratedFile | undefined {
    const origin = this.span(g.file, { start: g.block.start, end: g.block.openBrace.start });
    const disable = attributeOf(g.block.body, 'disable');
    if (disable && this.eval(g.evaluator, disable.expr, g.scope, g.file) === true) return undefined;
    const pathAttr = attributeOf(g.block.body, 'path');
    const contentsAttr = attributeOf(g.block.body, 'contents');
    const path = pathAttr ? this.eval(g.evaluator, pathAttr.expr, g.scope, g.file) : undefined;
    const contents = contentsAttr ? this.eval(g.evaluator, contentsAttr.expr, g.scope, g.file) : undefined;
    if (typeof path !== 'string' || typeof contents !== 'string') {
      this.notes.push({ severity: 'info', code: 'terragrunt/generate-unknown', message: `generate "${name}" writes a file whose name or contents are not known before Terragrunt runs, so it was not evaluated with the unit ${this.unitDir || '.'}.`, span: origin });
      return undefined;
    }
    if (!path.endsWith('.tf') && !path.endsWith('.tf.json')) return undefined; // not Terraform configuration
    return { name: posix.basename(path), text: contents, origin };
  }

  /** `remote_state`: the backend block Terragrunt writes (or passes to `terraform init`). */
  backendFile(r: BlockIn): GeneratedFile | undefined {
    const origin = this.span(r.file, { start: r.block.start, end: r.block.openBrace.start });
    const backendAttr = attributeOf(r.block.body, 'backend');
    const backend = backendAttr ? this.eval(r.evaluator, backendAttr.expr, r.scope, r.file) : undefined;
    if (typeof backend !== 'string' || !/^[a-z0-9_]+$/.test(backend)) return undefined;
    const configAttr = attributeOf(r.block.body, 'config');
    const config = configAttr ? this.eval(r.evaluator, configAttr.expr, r.scope, r.file) : obj([]);
    const lines: string[] = [];
    if (config instanceof ObjV) {
      for (const [k, v] of config.attrs) {
        if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k)) continue;
        const text = hclLiteral(v);
        // A value known only when Terragrunt runs is left out: a backend takes literals only.
        if (text !== undefined) lines.push(`    ${k} = ${text}`);
      }
    }
    const generate = attributeOf(r.block.body, 'generate');
    const genValue = generate ? this.eval(r.evaluator, generate.expr, r.scope, r.file) : undefined;
    const path = genValue instanceof ObjV ? genValue.attrs.get('path') : undefined;
    return { name: typeof path === 'string' ? posix.basename(path) : 'backend.tf', text: `terraform {\n  backend "${backend}" {\n${lines.join('\n')}\n  }\n}\n`, origin };
  }
}

/** A known value as HCL literal text; undefined when some part is unknown. */
function hclLiteral(v: Val): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (v instanceof Unk) return undefined;
  if (v instanceof ListV) {
    const items = v.items.map(hclLiteral);
    return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  const entries = [...v.attrs].map(([k, x]) => [k, hclLiteral(x)] as const);
  return entries.some(([, x]) => x === undefined) ? undefined : `{ ${entries.map(([k, x]) => `${JSON.stringify(k)} = ${x}`).join(', ')} }`;
}

/**
 * The Terragrunt configurations among `files` read as units, sorted by directory. A configuration
 * with no `terraform.source` runs the module in its own directory when there is one there; without
 * one it is only included by others (a root terragrunt.hcl), no unit: it is left out.
 */
export function terragruntUnitsOf(files: ReadonlyMap<string, string>, read: ReadInside, isModuleFile: (path: string) => boolean): TerragruntUnit[] {
  const configs = [...files.keys()].filter(isTerragruntConfig).sort();
  if (configs.length === 0) return [];
  const moduleDirs = new Set([...files.keys()].filter(isModuleFile).map(dirOf));
  const units: TerragruntUnit[] = [];
  const parsed: ParsedConfigs = new Map();
  const readAny = (rel: string): string | undefined => files.get(rel) ?? read(rel);
  for (const config of configs) {
    const unit = readTerragruntUnit(config, readAny, parsed);
    // Kept, not run: the scan says why Terragrunt refuses it (pipeline/scan.ts).
    if (unit.refused) units.push(unit);
    else if (unit.moduleDir !== undefined || unit.remoteSource !== undefined || unit.sourceSpan !== undefined) units.push(unit);
    else if (moduleDirs.has(unit.dir)) units.push({ ...unit, moduleDir: unit.dir });
  }
  return units;
}

/**
 * The root modules of a scan with Terragrunt units: each unit whose module `hasModule` is one of its
 * own (named by the unit's directory), and every other root module but those the units run, which
 * are then modules the units call. A refused unit's directory is no root module either: Terragrunt
 * runs nothing there (its error says the unit was not evaluated), and the .tf files beside its
 * terragrunt.hcl are the module it would run with its inputs, not a root module without them.
 * The evaluator and the scan's planning ask alike.
 */
export function terragruntRoots(rootModules: readonly string[], all: readonly TerragruntUnit[], hasModule: (dir: string) => boolean): { readonly units: ReadonlyMap<string, TerragruntUnit>; readonly roots: string[] } {
  const units = new Map<string, TerragruntUnit>();
  for (const unit of all) if (unit.moduleDir !== undefined && hasModule(unit.moduleDir)) units.set(unit.dir, unit);
  const sources = new Set([...units.values()].map((u) => u.moduleDir!));
  for (const unit of all) if (unit.refused) sources.add(unit.dir);
  return { units, roots: [...new Set([...rootModules.filter((dir) => !sources.has(dir)), ...units.keys()])].sort() };
}

/** Where a unit's generated file lives in the scan: beside the module's files, named so no two units' files meet. */
export function generatedPath(unit: TerragruntUnit, file: GeneratedFile): string {
  return `${unit.moduleDir ? `${unit.moduleDir}/` : ''}(terragrunt ${unit.dir.replace(/\//g, '~') || '.'}) ${file.name}`;
}

/** Whether `path` is one generatedPath gave: a file that exists only in the scan. */
export function isGeneratedPath(path: string): boolean {
  return /(^|\/)\(terragrunt [^/]*\) [^/]+$/.test(path);
}
