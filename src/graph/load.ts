// Files → modules: group Terraform files by directory, parse them once, index each module's
// declarations, find root modules (directories no other module calls) and downloaded remote
// modules (.terraform/modules/modules.json).
import { dirOf, resolveDirLinks, type DirLinks } from '../util/paths.js';
import { posix } from 'node:path';
import type { Attribute, Block, Expression, HclFile, ObjectItem } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { applyTerraformJson } from './json-syntax.js';
import { pushTo } from '../util/multi-map.js';
import { parseHclFile } from './parse.js';
import { isOverrideFile, mergeOverride } from './overrides.js';
import { LineIndex } from '../source/line-index.js';
import { backendProblems, conflictingRequiredVersions, duplicateRequiredProviders, selfReferenceProblems, structureProblems } from './config-structure.js';
import { importAndRemovedProblems, undeclaredDependencies, undeclaredInValidationMessages, undeclaredProviderFunctions } from './static-references.js';
import { moduleCycles, staticCycles } from './static-cycles.js';
import { terraformDataProblems } from './builtin-schema.js';
import { passedProviderProblems } from './passed-providers.js';
import { isAutoLoadedVarFile } from './auto-var-files.js';

export interface Declared<T> {
  readonly file: string;
  readonly node: T;
}

export interface ModuleSource {
  /** Directory relative to the scan root ('' for the root itself). */
  readonly dir: string;
  readonly files: readonly HclFile[];
  readonly variables: ReadonlyMap<string, Declared<Block>>;
  readonly locals: ReadonlyMap<string, Declared<Attribute>>;
  readonly outputs: ReadonlyMap<string, Declared<Block>>;
  readonly resources: readonly Declared<Block>[];
  readonly moduleCalls: ReadonlyMap<string, Declared<Block>>;
  readonly providers: readonly Declared<Block>[];
  readonly terraform: readonly Declared<Block>[];
  /** `check` blocks (Terraform 1.5), by name: their assertions are evaluated, a failing one warned of. */
  readonly checks: ReadonlyMap<string, Declared<Block>>;
  /**
   * Resource blocks, then data blocks, by type, then name (the first block of an address): references
   * look them up from the labels they are written with, without joining a `type.name` string each time.
   */
  readonly byTypeName: ReadonlyMap<string, ReadonlyMap<string, Declared<Block>>>;
  readonly dataByTypeName: ReadonlyMap<string, ReadonlyMap<string, Declared<Block>>>;
  /**
   * `ephemeral "type" "name"` blocks (Terraform 1.10): opened at run time and never stored, so their
   * values are unknown to a scan; by type, then name.
   */
  readonly ephemeralByTypeName: ReadonlyMap<string, ReadonlyMap<string, Declared<Block>>>;
  /** Blocks of override files with no block to override (Terraform refuses them), for loadTree to report. */
  readonly overrideProblems: readonly { readonly file: string; readonly node: Block; readonly message: string }[];
  /** Second declarations of a name (Terraform refuses them; the first is used), for loadTree to report. */
  readonly duplicates: readonly Duplicate[];
}

export interface Duplicate {
  readonly what: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly first: { readonly file: string; readonly start: number };
}

export function isTerraformFile(path: string): boolean {
  return (path.endsWith('.tf') || path.endsWith('.tf.json')) && !posix.basename(path).startsWith('.');
}

export { dirOf };

const joins = new Map<string, string | undefined>();

/**
 * Join a module directory and a relative path; undefined when it leaves the scan root. Remembered:
 * every module instance asks again for each call it makes (ChildCall) and each file it reads, with
 * the same few pairs, and posix.normalize walks the path character by character each time.
 * Callgrind: see the commit.
 */
export function joinInside(dir: string, rel: string): string | undefined {
  const key = `${dir}\u0000${rel}`;
  if (joins.has(key)) return joins.get(key);
  // A bound on what a long-lived process (the library API) keeps: the pairs are few per scan.
  if (joins.size >= 4096) joins.clear();
  const joined = joinPaths(dir, rel);
  joins.set(key, joined);
  return joined;
}

function joinPaths(dir: string, rel: string): string | undefined {
  if (posix.isAbsolute(rel) || /^[A-Za-z]:[\\/]/.test(rel)) return undefined;
  // `../../` from examples/a normalizes to `./`: the trailing slash goes before `.` means the root ('').
  const joined = posix.normalize(posix.join(dir === '' ? '.' : dir, rel)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

export function literalString(expr: Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'template' && expr.parts.every((p) => p.kind === 'literal')) return expr.parts.map((p) => (p as { value: string }).value).join('');
  return undefined;
}

/** An object constructor item's key as written (`a`, `"a"`); undefined for a computed one. */
export function objectItemKey(item: ObjectItem): string | undefined {
  return item.bareKey && item.key.type === 'traversal' ? item.key.root : literalString(item.key);
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/**
 * The path of a Terraform module call's local source, with forward slashes; undefined for any
 * other source. Terraform also takes Windows-style `.\modules\db` and `..\shared` as local paths
 * and normalises their backslashes on every platform (addrs.parseModuleSourceLocal); read as
 * remote, such a call went unevaluated and the database in it unchecked. Not for Terragrunt
 * sources, which go-getter reads.
 */
export function localModulePath(source: string): string | undefined {
  if (!isLocalSource(source) && !source.startsWith('.\\') && !source.startsWith('..\\')) return undefined;
  return source.includes('\\') ? source.replace(/\\/g, '/') : source;
}

export function sourceKind(source: string): 'local' | 'registry' | 'git' | 'other' {
  if (localModulePath(source) !== undefined) return 'local';
  if (source.startsWith('git::') || source.startsWith('github.com/') || source.startsWith('git@') || source.startsWith('bitbucket.org/')) return 'git';
  if (/^([a-z0-9.-]+\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(\/\/.*)?$/.test(source)) return 'registry';
  return 'other';
}

export function buildModule(dir: string, files: readonly HclFile[]): ModuleSource {
  const variables = new Map<string, Declared<Block>>();
  const locals = new Map<string, Declared<Attribute>>();
  const outputs = new Map<string, Declared<Block>>();
  const resources: Declared<Block>[] = [];
  const moduleCalls = new Map<string, Declared<Block>>();
  const providers: Declared<Block>[] = [];
  const terraform: Declared<Block>[] = [];
  const checks = new Map<string, Declared<Block>>();
  const byTypeName = new Map<string, Map<string, Declared<Block>>>();
  const dataByTypeName = new Map<string, Map<string, Declared<Block>>>();
  const ephemeralByTypeName = new Map<string, Map<string, Declared<Block>>>();
  // Override files last, in name order (overrides.ts), whatever order the files came in.
  const ordinary = files.filter((f) => !isOverrideFile(f.path));
  const overriding = files.filter((f) => isOverrideFile(f.path)).sort((a, b) => (posix.basename(a.path) < posix.basename(b.path) ? -1 : 1));
  const duplicates: Duplicate[] = [];
  const providerKeys = new Map<string, Declared<Block>>();
  let stateStore: { file: string; node: Block; store: Block } | undefined;
  /** Keeps the first declaration of a name, as Terraform refuses the module and this scan goes on with the first. */
  const declare = <N extends Block | Attribute>(map: Map<string, Declared<N>>, name: string, d: Declared<N>, what: string): boolean => {
    const first = map.get(name);
    if (first === undefined) {
      map.set(name, d);
      return true;
    }
    const end = d.node.kind === 'block' ? d.node.openBrace.start : d.node.nameRange.end;
    duplicates.push({ what, file: d.file, start: d.node.start, end, first: { file: first.file, start: first.node.start } });
    return false;
  };
  // Data sources by type and name, a check block's own too: Terraform declares those in the module
  // (terraform init 1.11.4 refuses a second data "t" "s", in a check or out of one: "Duplicate data
  // "t" configuration"). Two outside any check are `declare`'s to report.
  const dataKeys = new Map<string, { readonly file: string; readonly node: Block; readonly scoped: boolean }>();
  const dataKey = (file: string, node: Block, scoped: boolean): void => {
    const [type, name] = node.labels;
    if (type === undefined || name === undefined) return;
    const key = `${type.value}\0${name.value}`;
    const first = dataKeys.get(key);
    if (first === undefined) dataKeys.set(key, { file, node, scoped });
    else if (scoped || first.scoped) duplicates.push({ what: `data.${type.value}.${name.value}`, file, start: node.start, end: node.openBrace.start, first: { file: first.file, start: first.node.start } });
  };
  for (const file of ordinary) {
    for (const block of file.body.blocks) {
      const d = { file: file.path, node: block };
      if (block.type === 'data') dataKey(file.path, block, false);
      if (block.type === 'check') for (const nested of block.body.blocks) if (nested.type === 'data') dataKey(file.path, nested, true);
      const [l0, l1] = block.labels;
      switch (block.type) {
        case 'variable':
          if (l0) declare(variables, l0.value, d, `variable "${l0.value}"`);
          break;
        case 'output':
          if (l0) declare(outputs, l0.value, d, `output "${l0.value}"`);
          break;
        case 'locals':
          for (const a of block.body.attributes) declare(locals, a.name, { file: file.path, node: a }, `local.${a.name}`);
          break;
        case 'resource':
        case 'data':
          if (l0 && l1) {
            const byType = block.type === 'data' ? dataByTypeName : byTypeName;
            let names = byType.get(l0.value);
            if (names === undefined) byType.set(l0.value, (names = new Map()));
            if (declare(names, l1.value, d, `${block.type === 'data' ? 'data.' : ''}${l0.value}.${l1.value}`)) resources.push(d);
          }
          break;
        case 'ephemeral':
          if (l0 && l1) {
            let names = ephemeralByTypeName.get(l0.value);
            if (names === undefined) ephemeralByTypeName.set(l0.value, (names = new Map()));
            declare(names, l1.value, d, `ephemeral.${l0.value}.${l1.value}`);
          }
          break;
        case 'module':
          if (l0) declare(moduleCalls, l0.value, d, `module "${l0.value}"`);
          break;
        case 'provider': {
          // One configuration per provider and alias: Terraform refuses a second ("Duplicate provider configuration").
          // An alias that is no literal (`"${"west"}"`) is Terraform's to evaluate: such a block is not compared.
          if (!l0) break;
          const alias = aliasOf(block);
          if (alias === undefined && block.body.attributes.some((a) => a.name === 'alias')) providers.push(d);
          else if (declare(providerKeys, `${l0.value}\0${alias ?? ''}`, d, `provider "${l0.value}"${alias !== undefined ? ` with alias "${alias}"` : ' without an alias'}`)) providers.push(d);
          break;
        }
        case 'terraform':
          terraform.push(d);
          // One backend (or cloud block) per module; two in one terraform block are config-structure.ts's to say.
          for (const store of block.body.blocks) {
            if (store.type !== 'backend' && store.type !== 'cloud') continue;
            if (stateStore !== undefined && stateStore.node !== block) duplicates.push({ what: 'A backend (or cloud block)', file: file.path, start: store.start, end: store.openBrace.start, first: { file: stateStore.file, start: stateStore.store.start } });
            else stateStore ??= { file: file.path, node: block, store };
          }
          break;
        case 'check':
          if (l0) declare(checks, l0.value, d, `check "${l0.value}"`);
          break;
        default:
          break;
      }
    }
  }
  const overrideProblems: { file: string; node: Block; message: string }[] = [];
  for (const file of overriding) {
    for (const block of file.body.blocks) {
      const [l0, l1] = block.labels;
      const merged = (base: Declared<Block> | undefined): Declared<Block> | undefined => (base ? { file: base.file, node: mergeOverride(base.node, block, file.path) } : undefined);
      const missing = (what: string): void => {
        overrideProblems.push({ file: file.path, node: block, message: `${posix.basename(file.path)} overrides ${what}, which no other file of the module declares; Terraform refuses an override without its base block, so it is not applied.` });
      };
      switch (block.type) {
        case 'resource':
        case 'data':
        case 'ephemeral': {
          if (!l0 || !l1) break;
          const byType = block.type === 'data' ? dataByTypeName : block.type === 'ephemeral' ? ephemeralByTypeName : byTypeName;
          const names = byType.get(l0.value);
          const base = names?.get(l1.value);
          const next = merged(base);
          if (!next || !names || !base) {
            missing(`${block.type === 'resource' ? '' : `${block.type}.`}${l0.value}.${l1.value}`);
            break;
          }
          names.set(l1.value, next);
          const at = resources.indexOf(base);
          if (at >= 0) resources[at] = next;
          break;
        }
        case 'variable':
        case 'output':
        case 'module': {
          if (!l0) break;
          const map = block.type === 'variable' ? variables : block.type === 'output' ? outputs : moduleCalls;
          const next = merged(map.get(l0.value));
          if (next) map.set(l0.value, next);
          else missing(`${block.type} "${l0.value}"`);
          break;
        }
        case 'locals':
          // Each local replaces the one of its name, declared where the override declares it.
          for (const a of block.body.attributes) {
            if (locals.has(a.name)) locals.set(a.name, { file: file.path, node: a });
            else missing(`local.${a.name}`);
          }
          break;
        case 'provider': {
          if (!l0) break;
          const alias = aliasOf(block);
          const at = providers.findIndex((p) => p.node.labels[0]?.value === l0.value && aliasOf(p.node) === alias);
          if (at >= 0) providers[at] = merged(providers[at])!;
          // Terraform adds a default configuration an override file writes with no base (an absent
          // one is an empty one to it); an aliased one must have its base (configs mergeFile).
          else if (alias === undefined) providers.push({ file: file.path, node: block });
          else missing(`provider "${l0.value}"${alias !== undefined ? ` (alias ${alias})` : ''}`);
          break;
        }
        case 'terraform':
          if (terraform[0]) terraform[0] = merged(terraform[0])!;
          else terraform.push({ file: file.path, node: block });
          break;
        default:
          break;
      }
    }
  }
  return { dir, files, variables, locals, outputs, resources, moduleCalls, providers, terraform, checks, byTypeName, dataByTypeName, ephemeralByTypeName, overrideProblems, duplicates };
}

/** A provider block's alias when written as a literal string. */
function aliasOf(block: Block): string | undefined {
  return literalString(block.body.attributes.find((a) => a.name === 'alias')?.expr);
}

const builtModules = new WeakMap<HclFile, ModuleSource[]>();

/**
 * buildModule, once per directory and list of parsed files: scan units that share a module (each
 * root module loads the modules it calls) share its index, keyed by its first file.
 */
function moduleOf(dir: string, files: readonly HclFile[]): ModuleSource {
  const first = files[0]!;
  const built = builtModules.get(first) ?? [];
  const found = built.find((m) => m.dir === dir && m.files.length === files.length && m.files.every((f, i) => f === files[i]));
  if (found) return found;
  const mod = buildModule(dir, files);
  built.push(mod);
  builtModules.set(first, built);
  return mod;
}

const callTargets = new WeakMap<ModuleSource, { readonly links: DirLinks | undefined; readonly targets: readonly string[] }>();

/**
 * The directories a module calls with a local source (itself excluded), in call order: once per
 * loaded module, which every scan unit's loadTree and planUnits share (path joins were a visible
 * part of each unit's load).
 */
/**
 * The directory a module call loads when its source is a local path (not the module's own). Through
 * a directory symlink (`links`), the directory it resolves to, where discovery read its files.
 */
function localCallTarget(mod: ModuleSource, call: Block, links: DirLinks | undefined): string | undefined {
  const source = literalString(call.body.attributes.find((a) => a.name === 'source')?.expr);
  const path = source !== undefined ? localModulePath(source) : undefined;
  const joined = path !== undefined ? joinInside(mod.dir, path) : undefined;
  const target = joined !== undefined ? resolveDirLinks(joined, links) : undefined;
  return target !== mod.dir ? target : undefined;
}

export function localCallTargets(mod: ModuleSource, links: DirLinks | undefined): readonly string[] {
  const known = callTargets.get(mod);
  if (known !== undefined && known.links === links) return known.targets;
  const targets: string[] = [];
  for (const call of mod.moduleCalls.values()) {
    const target = localCallTarget(mod, call.node, links);
    if (target !== undefined) targets.push(target);
  }
  callTargets.set(mod, { links, targets });
  return targets;
}

/** A module call as the layout sees it, before evaluation. */
export interface NamedCall {
  readonly name: string;
  /** The directory it loads when its source is a local path (localCallTarget), else undefined. */
  readonly target: string | undefined;
  /** It sets count or for_each: its instances' keys are known only by evaluating. */
  readonly expanded: boolean;
}

function namedCallsOf(mod: ModuleSource, links: DirLinks | undefined): NamedCall[] {
  const out: NamedCall[] = [];
  for (const [name, call] of mod.moduleCalls) {
    const expanded = call.node.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
    out.push({ name, target: localCallTarget(mod, call.node, links), expanded });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface RemoteModuleEntry {
  readonly key: string;
  readonly source: string;
  readonly version?: string;
  readonly dir: string; // relative to the scan root
}

export interface LoadedTree {
  readonly modules: ReadonlyMap<string, ModuleSource>;
  readonly rootModules: readonly string[];
  /** Downloaded modules per root module dir, keyed by modules.json Key ("app", "app.inner"). */
  readonly remote: ReadonlyMap<string, ReadonlyMap<string, RemoteModuleEntry>>;
  readonly parsed: ReadonlyMap<string, HclFile>;
  readonly diagnostics: readonly Diagnostic[];
  /** Directory symlinks a local module source may go through (discovery's `links`). */
  readonly links?: DirLinks;
}

/** A root module's `.terraform/modules/modules.json`: its downloaded and local modules by key (also for `--changed-since`, baseline/changed-files.ts). */
export function readModulesJson(path: string, text: string, diagnostics: Diagnostic[]): Map<string, RemoteModuleEntry> {
  const rootDir = dirOf(dirOf(dirOf(path)));
  const out = new Map<string, RemoteModuleEntry>();
  try {
    const json = JSON.parse(text) as { Modules?: { Key?: string; Source?: string; Version?: string; Dir?: string }[] };
    for (const m of json.Modules ?? []) {
      if (typeof m.Key !== 'string' || m.Key === '' || typeof m.Dir !== 'string') continue;
      const dir = joinInside(rootDir, m.Dir);
      if (dir === undefined) continue;
      out.set(m.Key, { key: m.Key, source: m.Source ?? '', ...(m.Version ? { version: m.Version } : {}), dir });
    }
  } catch (e) {
    diagnostics.push({ code: 'module/manifest', severity: 'warning', message: `${path} is not valid JSON (${(e as Error).message}), so downloaded modules are not evaluated.`, file: path });
  }
  return out;
}

/** How loadTree parses a file: parseHclFile, or a memo of it when one scan loads overlapping trees. */
export type ParseFile = (path: string, text: string) => ReturnType<typeof parseHclFile>;

export function loadTree(files: ReadonlyMap<string, string>, parse: ParseFile = parseHclFile, links?: DirLinks): LoadedTree {
  const diagnostics: Diagnostic[] = [];
  const byDir = new Map<string, HclFile[]>();
  const parsed = new Map<string, HclFile>();
  const remote = new Map<string, Map<string, RemoteModuleEntry>>();
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const text = files.get(path)!;
    if (path.endsWith('.terraform/modules/modules.json')) {
      remote.set(dirOf(dirOf(dirOf(path))), readModulesJson(path, text, diagnostics));
      continue;
    }
    if (!isTerraformFile(path)) continue;
    const result = parse(path, text);
    diagnostics.push(...(result.file?.syntax === 'json' ? result.diagnostics.filter((d) => !inLiteralJsonString(result.file!, d)) : result.diagnostics));
    if (!result.file) continue;
    const file = applyTerraformJson(result.file);
    parsed.set(path, file);
    const dir = dirOf(path);
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir)!.push(file);
  }
  const modules = new Map<string, ModuleSource>();
  for (const [dir, list] of byDir) {
    const mod = moduleOf(dir, list);
    modules.set(dir, mod);
    for (const p of mod.overrideProblems) {
      const text = files.get(p.file) ?? '';
      // terraform init 1.11.4 refuses each ("Missing resource to override", "Missing base variable
      // declaration to override", "Missing base provider configuration for override", ...).
      diagnostics.push({ code: 'module/override', severity: 'error', message: p.message, span: new LineIndex(text).span(p.file, p.node.start, p.node.typeRange.end) });
    }
    for (const dup of mod.duplicates) {
      const line = new LineIndex(files.get(dup.first.file) ?? '').span(dup.first.file, dup.first.start, dup.first.start).start.line;
      diagnostics.push({
        code: 'module/duplicate',
        severity: 'error',
        message: `${dup.what} is declared twice in the module (first in ${posix.basename(dup.first.file)} at line ${line}), so Terraform refuses it; this scan uses the first.`,
        hint: 'Remove or rename one of the two declarations.',
        span: new LineIndex(files.get(dup.file) ?? '').span(dup.file, dup.start, dup.end),
      });
    }
    reportStructure(mod, files, diagnostics);
  }
  // Cycles through a module call need the called module loaded: after every module is.
  for (const mod of modules.values()) reportCallCycles(mod, modules, files, diagnostics, links);
  for (const mod of modules.values()) reportLegacyModuleCalls(mod, modules, files, diagnostics, links);
  for (const mod of modules.values()) reportPassedProviders(mod, modules, files, diagnostics, links);
  const rootModules = rootsOf([...modules.values()].map((mod) => [mod.dir, localCallTargets(mod, links)]));
  let varFileDirs: Set<string> | undefined;
  const hasVarFiles = (dir: string): boolean => (varFileDirs ??= new Set([...files.keys()].filter(isAutoLoadedVarFile).map(dirOf))).has(dir);
  for (const dir of rootModules) {
    const mod = modules.get(dir);
    if (mod === undefined) continue;
    reportUndeclaredProviderAliases(mod, files, diagnostics, hasVarFiles);
    reportBackendExpressions(mod, files, diagnostics);
  }
  return { modules, rootModules, remote, parsed, diagnostics, ...(links !== undefined && links.size > 0 ? { links } : {}) };
}

/**
 * What Terraform's loader refuses before evaluating anything (config-structure.ts), and
 * `depends_on`/`replace_triggered_by` naming nothing declared: errors, as `terraform init` or
 * `plan` fails on them.
 */
function reportStructure(mod: ModuleSource, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): void {
  const said = structureSaid.get(mod);
  if (said !== undefined && readSameTexts(said.texts, files)) {
    for (const d of said.diagnostics) diagnostics.push(d);
    return;
  }
  const texts = new Map<string, string | undefined>();
  const found: Diagnostic[] = [];
  structureDiagnostics(mod, files, texts, found);
  structureSaid.set(mod, { texts, diagnostics: found });
  for (const d of found) diagnostics.push(d);
}

/**
 * reportStructure's diagnostics per module, with the texts their spans were read from: every scan
 * unit whose root calls a module loads it (corpus (a) of the bench: 200 loads of 134 modules), and
 * the checks that are not memoised themselves (conflictingRequiredVersions,
 * undeclaredInValidationMessages), the line indexes and the spans were made again for each. A
 * unit that reads a file with other text (the library API) gets them made again from its own.
 */
const structureSaid = new WeakMap<ModuleSource, { readonly texts: ReadonlyMap<string, string | undefined>; readonly diagnostics: readonly Diagnostic[] }>();

function readSameTexts(texts: ReadonlyMap<string, string | undefined>, files: ReadonlyMap<string, string>): boolean {
  for (const [file, text] of texts) if (files.get(file) !== text) return false;
  return true;
}

function structureDiagnostics(mod: ModuleSource, files: ReadonlyMap<string, string>, texts: Map<string, string | undefined>, diagnostics: Diagnostic[]): void {
  // Line indexes only for files with something to say (most have nothing).
  const lines = new Map<string, LineIndex>();
  const lineIndex = (file: string): LineIndex => {
    let index = lines.get(file);
    if (index === undefined) {
      const text = files.get(file);
      texts.set(file, text);
      lines.set(file, (index = new LineIndex(text ?? '')));
    }
    return index;
  };
  const problems = [...mod.files.flatMap((f) => structureProblems(f).map((p) => ({ ...p, file: f.path }))), ...selfReferenceProblems(mod, (f) => files.get(f)), ...terraformDataProblems(mod), ...duplicateRequiredProviders(mod.files), ...conflictingRequiredVersions(mod.files)];
  for (const p of problems) diagnostics.push({ code: p.code, severity: 'severity' in p && p.severity !== undefined ? p.severity : 'error', message: p.message, ...(p.hint !== undefined ? { hint: p.hint } : {}), span: lineIndex(p.file).span(p.file, p.start, p.end) });
  const undeclared = [...undeclaredDependencies(mod), ...importAndRemovedProblems(mod), ...undeclaredInValidationMessages(mod)];
  for (const { file, call, message } of undeclaredProviderFunctions(mod)) {
    diagnostics.push({ code: 'config/reference', severity: 'error', message, hint: "Declare the provider in the module's required_providers block (the built-in terraform provider too).", span: lineIndex(file).span(file, call.start, call.nameRange.end) });
  }
  const cycles = staticCycles(mod);
  for (const { file, expr, message, code } of undeclared) {
    const span = lineIndex(file).span(file, expr.start, expr.end);
    if (code !== undefined) diagnostics.push({ code, severity: 'error', message, span });
    else diagnostics.push({ code: 'eval/unknown-reference', severity: 'error', message: `${message} Terraform refuses a dependency on something the module does not declare.`, span });
  }
  for (const cycle of cycles) {
    diagnostics.push({
      code: 'eval/cycle',
      severity: 'error',
      message: `Cycle: ${cycle.members.join(', ')} refer to each other, so Terraform cannot order them and refuses the configuration.`,
      hint: 'Break the cycle: one of them must not refer to the others (move the shared part to a local or variable, or to a resource of its own).',
      span: lineIndex(cycle.file).span(cycle.file, cycle.start, cycle.end),
    });
  }
}

/**
 * A call with count, for_each or depends_on of a local module that configures a provider itself (a
 * provider block with arguments; an empty one is only a warning): terraform init 1.11.4 refuses it
 * ("Module is incompatible with count, for_each, and depends_on": the module is a legacy one). Said
 * at the argument, as Terraform says it.
 */
function reportLegacyModuleCalls(mod: ModuleSource, modules: ReadonlyMap<string, ModuleSource>, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[], links: DirLinks | undefined): void {
  for (const call of mod.moduleCalls.values()) {
    const meta = call.node.body.attributes.find((a) => a.name === 'count' || a.name === 'for_each' || a.name === 'depends_on');
    if (meta === undefined) continue;
    const dir = localCallTarget(mod, call.node, links);
    const target = dir !== undefined ? modules.get(dir) : undefined;
    const configured = target?.providers.find((p) => p.node.body.blocks.length > 0 || p.node.body.attributes.some((a) => a.name !== 'alias'));
    if (target === undefined || configured === undefined) continue;
    diagnostics.push({
      code: 'module/source',
      severity: 'error',
      message: `Module is incompatible with count, for_each, and depends_on: ${target.dir || '.'} configures its own provider (provider "${configured.node.labels[0]?.value ?? ''}" in ${posix.basename(configured.file)}), so Terraform refuses ${meta.name} on a call to it.`,
      hint: 'Configure the provider in the calling module and pass it in (providers = { ... }), or call the module without count, for_each and depends_on.',
      span: new LineIndex(files.get(call.file) ?? '').span(call.file, meta.start, meta.nameRange.end),
    });
  }
}

/** Provider configurations a call passes to a local module, against both modules' requirements (passed-providers.ts). */
function reportPassedProviders(mod: ModuleSource, modules: ReadonlyMap<string, ModuleSource>, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[], links: DirLinks | undefined): void {
  for (const call of mod.moduleCalls.values()) {
    const dir = localCallTarget(mod, call.node, links);
    const target = dir !== undefined ? modules.get(dir) : undefined;
    if (target === undefined) continue;
    for (const p of passedProviderProblems(mod, call, target)) {
      diagnostics.push({ code: 'config/reference', severity: 'error', message: p.message, span: new LineIndex(files.get(p.file) ?? '').span(p.file, p.start, p.end) });
    }
  }
}

/**
 * In a root module that configures a provider itself, `provider = aws.east` (or a module call's
 * `providers = { aws = aws.east }`) naming an alias no provider "aws" block declares: terraform
 * validate 1.11.4 refuses it ("Provider configuration not present"). A module scanned as a root but
 * written to be called gets its configurations from a caller (validate 1.11.4 accepts a child's
 * `aws.east` that its caller passes, declared or not), and configuration_aliases declare them too:
 * neither is judged here (configuration_aliases unless the module configures that provider). A
 * module is taken as written to run as a root when it configures the provider named, or any provider
 * (a block with arguments), or has variables files of its own (terraform.tfvars, *.auto.tfvars:
 * Terraform reads those in the working directory only); then
 * `awz.west` with no provider "awz" block is refused the same way. Not a backend block: Terragrunt's
 * modules have one and get their provider blocks from it (generate), which this loader does not see.
 */
function reportUndeclaredProviderAliases(mod: ModuleSource, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[], hasVarFiles: (dir: string) => boolean): void {
  const aliases = new Map<string, Set<string> | 'any'>();
  for (const p of mod.providers) {
    const name = p.node.labels[0]?.value ?? '';
    const attr = p.node.body.attributes.find((a) => a.name === 'alias');
    const alias = attr === undefined ? '' : literalString(attr.expr);
    const known = aliases.get(name) ?? new Set<string>();
    if (known === 'any' || alias === undefined) aliases.set(name, 'any');
    else aliases.set(name, known.add(alias));
  }
  const runsAsRoot =
    mod.providers.some((p) => p.node.body.blocks.length > 0 || p.node.body.attributes.some((a) => a.name !== 'alias')) || hasVarFiles(mod.dir);
  // configuration_aliases ask a caller for configurations; run as a root, nothing passes them
  // (terraform validate 1.11.4 on a module with provider "aws" { region = "us-east-1" },
  // configuration_aliases = [aws.east] and a resource with provider = aws.east: "Provider
  // configuration not present ... provider["registry.terraform.io/hashicorp/aws"].east is required").
  const aliasesNamed = new Set<string>();
  for (const t of mod.terraform) {
    for (const b of t.node.body.blocks) if (b.type === 'required_providers') for (const a of b.body.attributes) if (a.expr.type === 'object' && a.expr.items.some((i) => objectItemKey(i) === 'configuration_aliases')) aliasesNamed.add(a.name);
  }
  // Only where the module configures that provider itself: configuration_aliases otherwise say it is written to be called.
  const configures = (name: string): boolean => mod.providers.some((p) => p.node.labels[0]?.value === name && (p.node.body.blocks.length > 0 || p.node.body.attributes.some((a) => a.name !== 'alias')));
  for (const name of aliasesNamed) if (!configures(name)) aliases.set(name, 'any');
  if (aliases.size === 0 && !runsAsRoot) return;
  const check = (file: string, expr: Expression): void => {
    if (expr.type !== 'traversal' || expr.steps.length !== 1 || expr.steps[0]!.kind !== 'attr') return;
    const known = aliases.get(expr.root) ?? (runsAsRoot ? NO_ALIASES : undefined);
    const alias = expr.steps[0]!.name;
    if (known === undefined || known === 'any' || known.has(alias)) return;
    diagnostics.push({
      code: 'config/reference',
      severity: 'error',
      message: `Provider configuration not present: no provider "${expr.root}" block declares the alias "${alias}" in this root module, so Terraform refuses ${expr.root}.${alias}.`,
      hint: `Add a provider "${expr.root}" block with alias = "${alias}", or name a configuration that exists.${aliasesNamed.has(expr.root) ? ' configuration_aliases only asks a calling module for one, and a root module has no caller.' : ''}`,
      span: new LineIndex(files.get(file) ?? '').span(file, expr.start, expr.end),
    });
  };
  for (const f of mod.files) {
    for (const block of f.body.blocks) {
      if (block.type === 'resource' || block.type === 'data' || block.type === 'ephemeral') {
        const provider = block.body.attributes.find((a) => a.name === 'provider');
        if (provider !== undefined) check(f.path, provider.expr);
      } else if (block.type === 'module') {
        const providers = block.body.attributes.find((a) => a.name === 'providers')?.expr;
        if (providers?.type === 'object') for (const item of providers.items) check(f.path, item.value);
      }
    }
  }
}

const NO_ALIASES: ReadonlySet<string> = new Set();

/**
 * References and calls in a root module's backend settings (config-structure.ts backendProblems), as
 * written in native syntax. An override file's backend replaces the one it overrides: a module with
 * one is left alone.
 */
function reportBackendExpressions(mod: ModuleSource, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): void {
  const hasBackend = (f: HclFile): boolean => f.body.blocks.some((b) => b.type === 'terraform' && b.body.blocks.some((s) => s.type === 'backend' || s.type === 'cloud'));
  if (mod.files.some((f) => isOverrideFile(f.path) && hasBackend(f))) return;
  for (const f of mod.files) {
    if (f.syntax === 'json' || !hasBackend(f)) continue;
    for (const block of f.body.blocks) {
      if (block.type !== 'terraform') continue;
      for (const p of backendProblems(block)) diagnostics.push({ code: p.code, severity: p.severity ?? 'error', message: p.message, ...(p.hint !== undefined ? { hint: p.hint } : {}), span: new LineIndex(files.get(f.path) ?? '').span(f.path, p.start, p.end) });
    }
  }
}

/** Cycles that pass through a call of a local module loaded in the same tree (static-cycles.ts moduleCycles). */
function reportCallCycles(mod: ModuleSource, modules: ReadonlyMap<string, ModuleSource>, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[], links: DirLinks | undefined): void {
  if (mod.moduleCalls.size === 0) return;
  const childOf = (name: string): ModuleSource | undefined => {
    const call = mod.moduleCalls.get(name);
    const dir = call !== undefined ? localCallTarget(mod, call.node, links) : undefined;
    return dir !== undefined ? modules.get(dir) : undefined;
  };
  // A cycle among the module's own blocks is said once, by reportStructure, even when a call joins it.
  const said = new Set(staticCycles(mod).flatMap((c) => c.members));
  for (const cycle of moduleCycles(mod, childOf)) {
    if (cycle.members.some((m) => said.has(m))) continue;
    diagnostics.push({
      code: 'eval/cycle',
      severity: 'error',
      message: `Cycle: ${cycle.members.join(', ')} depend on each other through the module call, so Terraform cannot order them and refuses the configuration.`,
      hint: "Break the cycle: the module's input must not come from what reads the output it computes from that input.",
      span: new LineIndex(files.get(cycle.file) ?? '').span(cycle.file, cycle.start, cycle.end),
    });
  }
}

/**
 * Whether a diagnostic of a .tf.json file lies in a string Terraform never reads as a template: a
 * variable's default and description and an output's description are read with no evaluation
 * context, as their JSON text (instance.ts jsonDefault), so a `${` left open there is no error.
 */
function inLiteralJsonString(file: HclFile, d: Diagnostic): boolean {
  const at = d.span?.start.offset;
  if (at === undefined) return false;
  for (const block of file.body.blocks) {
    if (block.type !== 'variable' && block.type !== 'output') continue;
    for (const body of [block.body, ...block.body.blocks.map((b) => b.body)]) {
      for (const a of body.attributes) {
        const literal = a.name === 'description' || (block.type === 'variable' && a.name === 'default');
        if (literal && a.expr.start <= at && at < a.expr.end) return true;
      }
    }
  }
  return false;
}

/** Directories called as local modules are not roots; neither is anything under .terraform/. */
function rootsOf(calls: readonly (readonly [string, readonly string[]])[]): string[] {
  const called = new Set<string>();
  for (const [, targets] of calls) for (const target of targets) called.add(target);
  return calls.map(([dir]) => dir).filter((d) => !called.has(d) && !/(^|\/)\.terraform(\/|$)/.test(d)).sort();
}

/** What splitting a scan into units needs from its modules (scan-units.ts), without their trees. */
export interface ModuleLayout {
  readonly rootModules: readonly string[];
  /** Downloaded modules per root module dir, as in LoadedTree. */
  readonly remote: ReadonlyMap<string, ReadonlyMap<string, RemoteModuleEntry>>;
  /** Each module directory's local call targets (localCallTargets). */
  readonly calls: ReadonlyMap<string, readonly string[]>;
  /** Each module directory's module calls by name, in name order (for firstInstanceOf). */
  readonly namedCalls: ReadonlyMap<string, readonly NamedCall[]>;
  /** The Terraform files that parsed, sorted. */
  readonly parsed: readonly string[];
  /**
   * The variables some root module declares, sorted: a --var or --var-file value for any other name
   * is used by no root module of the scan (graph/variables.ts says so once, whichever unit runs).
   */
  readonly rootVariables: readonly string[];
}

/**
 * What `--changed-since` follows from a root module to the modules it runs (baseline/changed-files.ts):
 * its module blocks, its downloaded modules and, for a Terraform Stacks directory, its components by
 * stack directory (graph/stacks.ts componentCallsOf), each a call `component.<name>` of its module.
 */
export type CallLayout = Pick<ModuleLayout, 'namedCalls' | 'remote'> & { readonly components?: ReadonlyMap<string, readonly NamedCall[]> };

/** The names of the variables the root modules declare, sorted. */
function rootVariablesOf(rootModules: readonly string[], variablesOf: (dir: string) => Iterable<string> | undefined): string[] {
  const names = new Set<string>();
  for (const dir of rootModules) for (const name of variablesOf(dir) ?? []) names.add(name);
  return [...names].sort();
}

/**
 * The module path (`module.svc`, `module.app.module.db`) under which a scan of every root module in
 * `roots` meets the module in `dir` first: in the first root module, in sorted order, that calls it,
 * when that root calls it by one path only, through calls with neither count nor for_each (their
 * keys are known only by evaluating). undefined when it is not known so: several paths, a keyed
 * one, a downloaded module (its calls are not local), or no root calling it.
 */
export function firstInstancePath(layout: ModuleLayout, roots: readonly string[], dir: string): string | undefined {
  if (dir.split('/').includes('.terraform')) return undefined;
  for (const root of [...roots].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const found: { path: string; keyed: boolean }[] = [];
    const walk = (at: string, path: string, keyed: boolean, seen: ReadonlySet<string>): void => {
      for (const call of layout.namedCalls.get(at) ?? []) {
        if (call.target === undefined || seen.has(call.target) || found.length > 1) continue;
        const next = `${path === '' ? '' : `${path}.`}module.${call.name}`;
        if (call.target === dir) found.push({ path: next, keyed: keyed || call.expanded });
        else walk(call.target, next, keyed || call.expanded, new Set([...seen, call.target]));
      }
    };
    walk(root, '', false, new Set([root]));
    if (found.length === 0) continue;
    return found.length === 1 && !found[0]!.keyed ? found[0]!.path : undefined;
  }
  return undefined;
}

/** The layout of a tree already loaded. */
export function layoutOf(tree: LoadedTree): ModuleLayout {
  const calls = new Map([...tree.modules].map(([dir, mod]) => [dir, localCallTargets(mod, tree.links)] as const));
  const namedCalls = new Map([...tree.modules].map(([dir, mod]) => [dir, namedCallsOf(mod, tree.links)] as const));
  return { rootModules: tree.rootModules, remote: tree.remote, calls, namedCalls, parsed: [...tree.parsed.keys()].sort(), rootVariables: rootVariablesOf(tree.rootModules, (dir) => tree.modules.get(dir)?.variables.keys()) };
}

/**
 * The module layout of `files`: loadTree's modules, roots and downloads, one directory at a time,
 * so no more parse trees are live than `parse` itself keeps (a scan's planning parses every file,
 * and holding all of their trees was most of a monorepo scan's peak memory). Parse diagnostics
 * are left to the units, which parse the same files.
 */
export function loadLayout(files: ReadonlyMap<string, string>, parse: ParseFile = parseHclFile, links?: DirLinks, share?: ShareLayouts): ModuleLayout {
  const remote = new Map<string, Map<string, RemoteModuleEntry>>();
  const ignored: Diagnostic[] = [];
  for (const path of [...files.keys()].sort()) {
    if (path.endsWith('.terraform/modules/modules.json')) remote.set(dirOf(dirOf(dirOf(path))), readModulesJson(path, files.get(path)!, ignored));
  }
  const dirs = layoutDirs(files);
  const own = (i: number): DirLayout | undefined => dirLayout(dirs[i]![0], dirs[i]![1], files, parse, links);
  const laid = share ? share(dirs.length, own) : dirs.map((_, i) => own(i));
  const calls = new Map<string, readonly string[]>();
  const namedCalls = new Map<string, readonly NamedCall[]>();
  const variables = new Map<string, readonly string[]>();
  const parsed: string[] = [];
  laid.forEach((layout, i) => {
    if (layout === undefined) return;
    const dir = dirs[i]![0];
    calls.set(dir, layout.calls);
    namedCalls.set(dir, layout.namedCalls);
    variables.set(dir, layout.variables);
    parsed.push(...layout.parsed);
  });
  const rootModules = rootsOf([...calls]);
  return { rootModules, remote, calls, namedCalls, parsed: parsed.sort(), rootVariables: rootVariablesOf(rootModules, (dir) => variables.get(dir)) };
}

/** What planning reads of one module directory (plain data: a --jobs worker may read it and send it). */
export interface DirLayout {
  readonly calls: readonly string[];
  readonly namedCalls: readonly NamedCall[];
  readonly variables: readonly string[];
  /** Its Terraform files that parsed. */
  readonly parsed: readonly string[];
}

/**
 * Lays out directories 0 … count-1 (layoutDirs) and returns their layouts in that order; `own(i)`
 * lays out directory i in this thread. A --jobs runner shares them with its workers (cli/scan-workers.ts).
 */
export type ShareLayouts = (count: number, own: (index: number) => DirLayout | undefined) => readonly (DirLayout | undefined)[];

/** The directories holding Terraform files, in path order, each with its files in path order. */
export function layoutDirs(files: ReadonlyMap<string, string>): (readonly [string, readonly string[]])[] {
  const byDir = new Map<string, string[]>();
  for (const path of [...files.keys()].sort()) if (isTerraformFile(path)) pushTo(byDir, dirOf(path), path);
  return [...byDir];
}

/** One directory's layout; undefined when none of its files parsed. */
export function dirLayout(dir: string, paths: readonly string[], files: ReadonlyMap<string, string>, parse: ParseFile, links: DirLinks | undefined): DirLayout | undefined {
  const list: HclFile[] = [];
  const parsed: string[] = [];
  for (const path of paths) {
    const file = parse(path, files.get(path)!).file;
    if (!file) continue;
    list.push(applyTerraformJson(file));
    parsed.push(path);
  }
  if (list.length === 0) return undefined;
  const mod = moduleOf(dir, list);
  return { calls: localCallTargets(mod, links), namedCalls: namedCallsOf(mod, links), variables: [...mod.variables.keys()], parsed };
}

/** Providers locked in a .terraform.lock.hcl: `provider "registry.terraform.io/hashicorp/aws" { version = "5.1.0" }`. */
export function lockedProvidersOf(files: ReadonlyMap<string, string>): Map<string, { source: string; version: string }[]> {
  const out = new Map<string, { source: string; version: string }[]>();
  for (const [path, text] of files) {
    if (posix.basename(path) !== '.terraform.lock.hcl') continue;
    const entries: { source: string; version: string }[] = [];
    const result = parseHclFile(path, text);
    if (result.file) {
      for (const block of result.file.body.blocks) {
        if (block.type !== 'provider' || !block.labels[0]) continue;
        const version = literalString(block.body.attributes.find((a) => a.name === 'version')?.expr) ?? '';
        entries.push({ source: block.labels[0].value, version });
      }
    } else {
      for (const m of text.matchAll(/provider\s+"([^"]+)"\s*\{[^}]*?version\s*=\s*"([^"]*)"/g)) entries.push({ source: m[1]!, version: m[2]! });
    }
    out.set(dirOf(path), entries);
  }
  return out;
}
