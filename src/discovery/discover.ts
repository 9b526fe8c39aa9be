// Walks the scan paths and returns the infrastructure-as-code files to read, each with its format
// and text, plus everything skipped and why.
import path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../source/diagnostic.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { IGNORE_FILES, IgnoreStack } from './ignore-rules.js';
import { classifyByName, classifyJsonDocument, classifyLargeJsonDocument, classifyYamlDocument, FORMAT_LABELS, SCANNED_FORMATS, terraformOtherFileKind, isTerraformStacksFile, type InputFormat } from './input-format.js';
import type { SkippedFile } from './skipped-file.js';
import { decodeText, firstInvalidUtf8 } from './decode-text.js';
import { decodeNonUtf8Terraform, decodeNulTerraform, readsInvalidUtf8, replacedUtf8Warning } from './terraform-encoding.js';
import type { Position } from '../source/span.js';
import { needleMask, readIndexed, sourceDigest, type FileIndex, type IndexedFile, type Needle } from './file-index.js';
import { isFailedInput, type FailureReason } from './failed-input.js';
import { dirOf, OUTSIDE_ROOT_LINK, type DirLinks } from '../util/paths.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/**
 * Plans and states of large estates run to hundreds of MB (issue 7); they are read once as text and
 * parsed into one offset tree (src/bench/plan-bench.ts measures it), so they get a higher limit.
 */
export const DEFAULT_MAX_PLAN_FILE_BYTES = 512 * 1024 * 1024;

export interface DiscoverOptions {
  /** Absolute, symlink-free scan root. */
  readonly root: string;
  /** Absolute paths to walk (files or directories), all inside `root`. */
  readonly targets: readonly string[];
  readonly maxFileBytes?: number;
  /** Limit for plan and state JSON (only JSON documents may use it; others keep maxFileBytes). */
  readonly maxPlanFileBytes?: number;
  /** Globs relative to the root (config `exclude` and --exclude). */
  readonly exclude?: readonly string[];
  /**
   * The scan cache's file index: a file whose identity it holds is not read (its text is, when asked
   * for), and each file read is noted in it. With a file system that cannot identify files, unused.
   */
  readonly index?: FileIndex;
}

export interface DiscoveredFile {
  /** Relative to the scan root, forward slashes. */
  readonly path: string;
  readonly format: InputFormat;
  /** Read from disk when first asked for, for a file the index knew (DiscoverOptions.index). */
  readonly text: string;
  /** sourceDigest of the text, when known without hashing it again (with an index). */
  readonly digest?: string;
  /** For a file the index knew: the words of file-index.ts NEEDLES its text holds (fileIncludes). */
  readonly needles?: readonly Needle[];
}

export interface Discovery {
  /** Files the scan reads, sorted by path. */
  readonly files: readonly DiscoveredFile[];
  readonly skipped: readonly SkippedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every file path seen, scanned or not (RepoFacts.files). */
  readonly seen: readonly string[];
  /**
   * Files read only as the module context of a Terraform file named on the command line (the
   * Terraform modules under the root): evaluated with it, but not what the user asked about
   * (pipeline/module-context.ts). Sorted.
   */
  readonly context: readonly string[];
  /** The PATHs, relative to the root, when one of them is a Terraform file (what `context` was read for). */
  readonly named?: NamedPaths;
  /**
   * Directory symlinks inside the root whose files were read at the directory they resolve to
   * (util/paths.ts DirLinks): a module called through one loads them from there. Absent when none.
   */
  readonly links?: DirLinks;
}

/** Files and directories named on the command line, relative to the scan root ('' is the root). */
export interface NamedPaths {
  readonly files: readonly string[];
  readonly dirs: readonly string[];
}

/** Whether a root-relative path is one of the named files or inside a named directory. */
export function isNamed(named: NamedPaths, file: string): boolean {
  return named.files.includes(file) || named.dirs.some((d) => d === '' || file.startsWith(`${d}/`));
}

const NOT_IAC_DOCUMENT = 'not a Terraform, plan, state, CloudFormation or Kubernetes document';

const VENDORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Terragrunt's cache directory (see walkDir). */
export const TERRAGRUNT_CACHE = '.terragrunt-cache';
export const TERRAGRUNT_CACHE_DETAIL = 'Terragrunt cache: copies of modules; scan plan JSON instead';
/** Safeguard's own inputs: read as settings, not listed as skipped. */
const OWN_FILES = new Set(['.gitignore', '.safeguardignore', '.safeguard.yaml', '.safeguard.yml']);

export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute);
  // `..notes/x` is a directory of the root whose name starts with two dots, not a step out of it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The CACHEDIR.TAG of Safeguard's scan cache (cli/source-scan-setup.ts writes it), which discovery knows for its own. */
export const OWN_CACHE_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file marks the Safeguard scan cache (https://bford.info/cachedir/).\n';

/** A CACHEDIR.TAG that is Safeguard's own (OWN_CACHE_TAG), byte for byte. */
function isOwnCache(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes.length === OWN_CACHE_TAG.length && new TextDecoder().decode(bytes) === OWN_CACHE_TAG;
}

export function discover(fs: ScanFileSystem, options: DiscoverOptions): Discovery {
  const { root } = options;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxPlanBytes = Math.max(maxBytes, options.maxPlanFileBytes ?? DEFAULT_MAX_PLAN_FILE_BYTES);
  const excluded = options.exclude && options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : undefined;
  // The glob that left a path out, named in its detail: the globs come from --exclude and the config alike.
  // Each glob compiled once: a glob that leaves out a large directory tree is asked about every path.
  const globMatchers = (options.exclude ?? []).map((glob) => [glob, picomatch(glob, { dot: true })] as const);
  const index = fs.identify ? options.index : undefined;
  const reader = { fs, maxBytes };
  const excludedBy = (rel: string): string => globMatchers.find(([, matches]) => matches(rel))?.[0] ?? '';
  const files = new Map<string, DiscoveredFile>();
  /**
   * One string per distinct file content (issue 11): a repository repeats files (a stack copied per
   * environment, a module vendored twice, the same versions.tf in every example), and each text is
   * kept to the end of the scan, for code frames and as the parent of the model's strings, which are
   * slices of it. Bench corpus (a) holds 413 distinct texts in 617 Terraform files; (b), ten copies of it,
   * 14 MB of Terraform text with 1.2 MB distinct. The lookup hashes a text once (V8 hashes a long
   * string by its length and compares the few texts of the same length), against parsing it.
   */
  const texts = new Map<string, string>();
  const shared = (text: string): string => {
    const known = texts.get(text);
    if (known !== undefined) return known;
    texts.set(text, text);
    return text;
  };
  const skipped = new Map<string, SkippedFile>();
  const diagnostics: Diagnostic[] = [];
  /** Directories whose Terraform Stacks files were warned about. */
  const stacksWarned = new Set<string>();
  const seen = new Set<string>();
  /** Each directory walked, by its real path, with the root-relative path it was walked at. */
  const visitedDirs = new Map<string, string>();
  /**
   * Directory symlinks met in the walk (see walkLinks): walked after everything else, so a linked
   * directory's files are read once, at their own path when the walk reaches it, whichever name sorts first.
   */
  const pendingLinks: PendingLink[] = [];
  const links = new Map<string, string>();

  /**
   * While the root is walked for the context of named Terraform files: the directories of those
   * files. Files elsewhere were not asked about, so what the walk leaves out there is not listed
   * (nor is a file there that cannot be read an error); a directory scan lists it.
   */
  let contextWalk: ReadonlySet<string> | undefined;
  const quietInContext = (rel: string): boolean => contextWalk !== undefined && !contextWalk.has(dirOf(rel.replace(/\/$/, '')));
  const skip = (entry: SkippedFile): void => {
    if (quietInContext(entry.path)) return;
    if (!skipped.has(entry.path)) skipped.set(entry.path, entry);
  };
  /**
   * A skip that leaves part of the configuration unverified (see failed-input.ts): listed like any
   * skip, and also an error diagnostic, so every report shows it and the run fails.
   */
  const skipInput = (entry: SkippedFile & { readonly reason: FailureReason }, explicit: boolean, where?: string): void => {
    if (quietInContext(entry.path)) return;
    skip(entry);
    if (!isFailedInput(entry.path, entry.reason, explicit)) return;
    diagnostics.push({
      code: `discovery/${entry.reason}`,
      severity: 'error',
      message: `${entry.path} was not checked: ${entry.detail}${where ? ` (${where})` : ''}.`,
      hint: 'Fix the file (or its permissions), or list it in .safeguardignore or the config `exclude` to leave it out of the scan on purpose.',
      file: entry.path,
    });
  };

  function readFile(absolute: string, rel: string, explicit: boolean): void {
    seen.add(rel);
    const byName = classifyByName(rel);
    if (byName === 'other') {
      const kind = terraformOtherFileKind(rel);
      if (kind !== undefined) {
        // A component configuration's `component` blocks are read for the modules they run (graph/stacks.ts), with the
        // variables, locals, deployments and other components' outputs that give their inputs and the provider
        // configurations passed them (graph/stack-inputs.ts); nothing else of a stack is.
        const components = /\.(tfcomponent|tfstack)\.hcl$/i.test(rel);
        const deployments = /\.tfdeploy\.hcl$/i.test(rel);
        const detail = components
          ? `${kind}: read for the local modules its components run (evaluated as called modules), their inputs and the provider configurations passed them, its other blocks not evaluated, not yet supported`
          : deployments
            ? `${kind}: read for the inputs its deployments give the stack, not evaluated as infrastructure, not yet supported`
            : `${kind}: not evaluated as infrastructure, not yet supported`;
        skip({ path: rel, reason: 'not-yet-supported', detail });
        // A stack gives its components' modules their inputs and provider configurations: those modules are evaluated
        // as the stack's called modules, with what deployments give differently unknown (a warning, once per directory).
        if (isTerraformStacksFile(rel) && !quietInContext(rel) && !stacksWarned.has(dirOf(rel))) {
          stacksWarned.add(dirOf(rel));
          diagnostics.push({
            code: 'discovery/terraform-stacks',
            severity: 'warning',
            message: `${rel} is a Terraform Stacks file, which Safeguard does not fully evaluate yet: the local modules its components run are checked as the stack's called modules (component.<name>), once for all deployments: an input or provider setting (region, default_tags) the deployments give differently is unknown, and so is a for_each provider's configuration.`,
            hint: 'Read the findings on those modules against the inputs and providers the stack passes them, and waive the ones the stack settles.',
            file: rel,
          });
        }
        return;
      }
      skip({ path: rel, reason: 'not-iac', detail: explicit ? 'not a file Safeguard reads (Terraform .tf/.tf.json/.tfvars, plan or state JSON)' : 'not infrastructure-as-code' });
      return;
    }
    // A JSON document may be a plan or state, which may be larger: its content decides below.
    const limit = byName === 'json-document' ? maxPlanBytes : maxBytes;
    // Statted before it is read: a write between the two gives the next scan another identity.
    const identity = index ? fs.identify!(absolute) : undefined;
    const indexed = identity && identity.sizeBytes <= maxBytes ? index!.known(rel, identity) : undefined;
    // What reading it gave last time (the same text): a Terraform file, or a document skipped for its content.
    if (indexed?.format === 'not-iac') return skip({ path: rel, reason: 'not-iac', detail: NOT_IAC_DOCUMENT });
    if (indexed && indexed.format !== 'swept' && !SCANNED_FORMATS.has(indexed.format)) return skip({ path: rel, reason: 'not-yet-supported', detail: `${FORMAT_LABELS[indexed.format]}: not yet supported, skipped` });
    if (indexed && indexed.format !== 'swept') {
      files.set(rel, new IndexedDiscoveredFile(rel, indexed.format, indexed, absolute, reader));
      return;
    }
    const file = fs.readRegularFile(absolute, limit);
    if (!file) {
      // Listed a moment ago: deleted since (nothing there now), or there but not readable.
      const detail = fs.lstat(absolute) ? 'could not be read' : 'it disappeared during the scan';
      skipInput({ path: rel, reason: 'unreadable', detail }, explicit);
      return;
    }
    if (file.bytes === undefined) {
      skipInput({ path: rel, reason: 'too-large', detail: `larger than the ${formatBytes(limit)} limit (${formatBytes(file.sizeBytes)})` }, explicit);
      return;
    }
    const { bytes } = file;
    let decoded = decodeText(bytes);
    // Only a text decoded as it is (no warning about it) is indexed: an indexed file gets no diagnostics.
    const clean = decoded.ok;
    // Terraform reads invalid UTF-8 in comments and strings (terraform-encoding.ts): such a file
    // is read as Terraform reads it, with a warning, unless Terraform refuses it too.
    const syntax = readsInvalidUtf8(byName);
    // Likewise a NUL byte in a comment or string of native syntax: no binary file to Terraform.
    let nulAt: Position | undefined;
    if (!decoded.ok && decoded.reason === 'binary' && syntax === 'native') {
      const read = decodeNulTerraform(bytes);
      if (read.ok) decoded = read.decoded;
      else nulAt = read.refusedAt;
    }
    if (!decoded.ok && decoded.reason === 'invalid-utf8' && syntax !== undefined) {
      const read = decodeNonUtf8Terraform(bytes, syntax);
      if (!read.ok) {
        const at = read.refusedAt;
        skipInput({ path: rel, reason: 'invalid-utf8', detail: 'not valid UTF-8 text outside a comment, which Terraform refuses as well' }, explicit, `the first such byte at line ${at.line}, column ${at.column}`);
        return;
      }
      decoded = { ok: true, text: read.text };
      if (!quietInContext(rel)) diagnostics.push(replacedUtf8Warning(rel, read.firstReplaced));
    }
    if (!decoded.ok) {
      const at = decoded.reason === 'invalid-utf8' ? firstInvalidUtf8(bytes) : undefined;
      const where = at ? `first invalid byte at line ${at.line}, column ${at.column}` : nulAt ? `a NUL byte outside a comment or string, which Terraform refuses as well, at line ${nulAt.line}, column ${nulAt.column}` : undefined;
      skipInput({ path: rel, reason: decoded.reason, detail: decoded.reason === 'binary' ? 'binary file' : 'not valid UTF-8 text' }, explicit, where);
      return;
    }
    let format: InputFormat | undefined;
    const oversized = file.sizeBytes > maxBytes;
    // Over the ordinary limit only a plan or state is read; sniffing its keys avoids building a
    // whole object tree just to classify it.
    if (byName === 'json-document') format = oversized ? classifyLargeJsonDocument(decoded.text) : classifyJsonDocument(decoded.text);
    else if (byName === 'yaml-document') format = classifyYamlDocument(decoded.text);
    else format = byName;
    if (oversized && format !== 'terraform-plan' && format !== 'terraform-state') {
      skipInput({ path: rel, reason: 'too-large', detail: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(file.sizeBytes)}), and not a Terraform plan or state` }, explicit);
      return;
    }
    // A document skipped for what it holds is indexed too (the sweep reads it for secrets and PHI by the same digest).
    const skippedIndexable = index && identity && clean && !oversized;
    if (format === undefined) {
      if (skippedIndexable) index.note(rel, identity, sourceDigest(decoded.text), 'not-iac', 0);
      skip({ path: rel, reason: 'not-iac', detail: NOT_IAC_DOCUMENT });
      return;
    }
    if (!SCANNED_FORMATS.has(format)) {
      if (skippedIndexable) index.note(rel, identity, sourceDigest(decoded.text), format, 0);
      skip({ path: rel, reason: 'not-yet-supported', detail: `${FORMAT_LABELS[format]}: not yet supported, skipped` });
      return;
    }
    if (index && identity && clean && !oversized && format !== 'terraform-plan' && format !== 'terraform-state') {
      const digest = sourceDigest(decoded.text);
      index.note(rel, identity, digest, format, needleMask(decoded.text));
      files.set(rel, { path: rel, format, text: shared(decoded.text), digest });
      return;
    }
    index?.forget(rel);
    files.set(rel, { path: rel, format, text: shared(decoded.text) });
  }

  /** Resolves a symlink; returns the real path when it stays inside the root. */
  function followLink(absolute: string, rel: string): string | undefined {
    const real = fs.realPath(absolute);
    if (real === undefined) {
      skipInput({ path: rel, reason: 'unreadable', detail: 'a broken symbolic link (or a link loop)' }, false);
      return undefined;
    }
    if (!isInside(root, real)) {
      const entry = { path: rel, reason: 'outside-root', detail: 'symbolic link to a path outside the scan root, not followed' } as const;
      // A module called through it is outside the root, as a call of "../elsewhere" is (instance.ts).
      links.set(rel, OUTSIDE_ROOT_LINK);
      if (isFailedInput(rel, entry.reason, false)) return void skipInput(entry, false);
      skip(entry);
      if (!quietInContext(rel)) diagnostics.push({
        code: 'discovery/outside-root',
        severity: 'warning',
        message: `${rel} links to a path outside the scan root, so it was not read.`,
        hint: 'Scan the directory it points to as well, or replace the link with the file.',
        file: rel,
      });
      return undefined;
    }
    return real;
  }

  /** `real` is the directory's path with every link resolved (the caller knows it: a child reached without a link is its parent's real path and its name). */
  function walkDir(absolute: string, real: string, rel: string, ignores: IgnoreStack, insideTerraformDir: boolean, contextOnly = false): void {
    if (visitedDirs.has(real)) return; // a directory reached twice
    visitedDirs.set(real, rel);
    const entries = fs.listDir(absolute);
    if (entries === undefined) {
      skipInput({ path: rel === '' ? './' : `${rel}/`, reason: 'unreadable', detail: 'the directory could not be listed' }, false);
      return;
    }
    // Only ignore files the listing has are opened (a failed open per directory was a tenth of a
    // warm scan); case-insensitively, as a case-insensitive file system would open them.
    let stack = ignores;
    for (const name of IGNORE_FILES) {
      if (!entries.some((listed) => listed.name.length === name.length && listed.name.toLowerCase() === name)) continue;
      const bytes = fs.readFile(path.join(absolute, name));
      if (bytes) stack = stack.with(rel, name, new TextDecoder().decode(bytes));
    }
    for (const entry of entries) {
      const { name } = entry;
      const childAbs = joinName(absolute, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let target = childAbs;
      let targetReal = joinName(real, name);
      let kind = entry.kind;
      if (kind === 'symlink') {
        const resolved = followLink(childAbs, childRel);
        if (resolved === undefined) continue;
        target = resolved;
        targetReal = resolved;
        kind = fs.stat(resolved)?.kind ?? 'other';
      }
      const isDirectory = kind === 'directory';
      if (isDirectory && VENDORED_DIRS.has(name)) {
        skip({ path: `${childRel}/`, reason: 'vendored', detail: name === 'node_modules' ? 'dependency directory' : 'version-control directory' });
        continue;
      }
      // A cache directory tagged per https://bford.info/cachedir/. Safeguard's own scan cache is one
      // too, but it is the tool's, not a directory of the user's the scan left out: listed, it was
      // "skipped" on every run of a repository with .safeguard/ (the cache is made before discovery).
      if (isDirectory && fs.stat(path.join(target, 'CACHEDIR.TAG'))?.kind === 'file') {
        if (!isOwnCache(fs.readFile(path.join(target, 'CACHEDIR.TAG')))) skip({ path: `${childRel}/`, reason: 'vendored', detail: 'cache directory (CACHEDIR.TAG)' });
        continue;
      }
      if (isDirectory && name === TERRAGRUNT_CACHE) {
        // Terragrunt's working copies: every module it downloads or copies (the whole tree before a
        // `//`), once per unit, with generated files. Read, each copy was judged as a root module of
        // its own (the same finding up to nine times, fixes in files Terragrunt overwrites). Listed
        // before the ignore files are asked so the reason is this one; a plan or state JSON in it is
        // still read when named on the command line (readFile of a target).
        skip({ path: `${childRel}/`, reason: 'vendored', detail: TERRAGRUNT_CACHE_DETAIL });
        continue;
      }
      if (isDirectory && name === '.terraform') {
        // Terraform's working directory: only downloaded modules and their manifest are read;
        // they are read even when .gitignore lists .terraform (it usually does).
        walkTerraformDir(target, childRel);
        continue;
      }
      // A directory named on the command line is walked whatever the ignore files say of it (see
      // the targets below); reached first from a named ancestor, it is walked from here the same way.
      const namedHere = isDirectory && !insideTerraformDir && !contextOnly && namedDirRels.has(childRel);
      if (!insideTerraformDir && !namedHere) {
        const verdict = stack.test(childRel, isDirectory);
        if (verdict.ignored) {
          skip({ path: isDirectory ? `${childRel}/` : childRel, reason: 'ignored', detail: `ignored by ${verdict.by ?? '.gitignore'}` });
          if (!isDirectory) seen.add(childRel);
          continue;
        }
      }
      if (excluded && (excluded(childRel) || (isDirectory && excluded(`${childRel}/`)))) {
        const glob = excludedBy(childRel) || excludedBy(`${childRel}/`);
        skip({ path: isDirectory ? `${childRel}/` : childRel, reason: 'excluded', detail: `excluded by the exclude glob "${glob}" (--exclude or the config's exclude)` });
        continue;
      }
      if (isDirectory && entry.kind === 'symlink') pendingLinks.push({ target, real: targetReal, rel: childRel, ignores: namedHere ? stack.exempting(childRel) : stack, insideTerraformDir, contextOnly });
      else if (isDirectory) walkDir(target, targetReal, childRel, namedHere ? stack.exempting(childRel) : stack, insideTerraformDir, contextOnly);
      else if (contextOnly && (kind !== 'file' || !isModuleFile(name))) continue; // context: the Terraform modules only
      else if (kind === 'file' && !OWN_FILES.has(name)) readFile(target, childRel, false);
      else if (kind === 'other') {
        // A FIFO, socket or device: reading it could block forever, so it is never opened.
        seen.add(childRel);
        skipInput({ path: childRel, reason: 'unreadable', detail: 'not a regular file (a pipe, socket or device), never opened' }, false);
      }
    }
  }

  /**
   * The directory symlinks met, after the walk: Terraform reads a module called through a link
   * (`source = "./current"`) from the directory the link resolves to, so its files are read once, at
   * that directory's own path, and the link is recorded (`links`) for the modules to be found there;
   * read under the link as well, they were one module at two paths, and whichever the walk reached
   * second was "missing" to a call written with its path. A linked directory the walk did not reach
   * otherwise (ignored, excluded, outside the PATHs given) is walked at the link's path, as before.
   * A link back to a directory being walked (`loop -> .`) is recorded the same way and never walked again.
   */
  function walkLinks(): void {
    for (let next = pendingLinks.shift(); next !== undefined; next = pendingLinks.shift()) {
      const walkedAt = visitedDirs.get(next.real);
      if (walkedAt === undefined) walkDir(next.target, next.real, next.rel, next.ignores, next.insideTerraformDir, next.contextOnly);
      else if (walkedAt !== next.rel && !links.has(next.rel)) links.set(next.rel, walkedAt);
    }
  }

  function walkTerraformDir(absolute: string, rel: string): void {
    const modules = path.join(absolute, 'modules');
    let skippedOther = false;
    for (const name of fs.readDir(absolute) ?? []) {
      if (name === 'modules' && fs.stat(modules)?.kind === 'directory') walkDir(modules, fs.realPath(modules) ?? modules, `${rel}/modules`, IgnoreStack.empty(), true);
      else skippedOther = true;
    }
    if (skippedOther) skip({ path: `${rel}/`, reason: 'vendored', detail: "Terraform's working directory (only .terraform/modules is read)" });
  }

  const ancestorIgnores = ancestorIgnoreStack(fs, root);
  // What the user names is what they want scanned: an ignore rule that leaves out a named directory
  // (or one of its ancestors, the scan root included) does not empty it; the rules still apply to
  // what is inside it (IgnoreStack.exempting). Files named are read whatever the ignore files say.
  const namedDirRels = new Set(options.targets.filter((t) => fs.stat(t)?.kind === 'directory').map((t) => toRelative(root, t)));
  for (const target of options.targets) {
    const rel = toRelative(root, target);
    const stat = fs.stat(target);
    if (stat?.kind === 'directory') walkDir(target, fs.realPath(target) ?? target, rel, (rel === '' ? ancestorIgnores : ignoresDownTo(fs, root, rel, ancestorIgnores)).exempting(rel), false);
    else if (stat?.kind === 'file') readFile(fs.realPath(target) ?? target, rel, true); // named explicitly: ignore files do not apply
  }
  walkLinks();

  // A Terraform file named alone is judged as Terraform sees it, with the rest of its module, the
  // modules it calls and those that call it (a pre-commit hook passes only the staged files, whose
  // references are declared in their siblings): every Terraform module under the root is read as
  // context and evaluated with it; the report is narrowed afterwards (pipeline/module-context.ts).
  const namedFiles = options.targets.filter((t) => fs.stat(t)?.kind === 'file').map((t) => toRelative(root, t));
  const namedDirs = options.targets.filter((t) => fs.stat(t)?.kind === 'directory').map((t) => toRelative(root, t));
  const namesTerraform = namedFiles.some((f) => {
    const format = files.get(f)?.format;
    return format !== undefined && MODULE_FORMATS.has(format);
  });
  const context: string[] = [];
  if (namesTerraform) {
    const before = new Set(files.keys());
    contextWalk = new Set(namedFiles.map(dirOf));
    walkDir(root, fs.realPath(root) ?? root, '', ancestorIgnores, false, true);
    walkLinks();
    contextWalk = undefined;
    // A named file in a directory the ignore files or the config leave out still gets its siblings:
    // it was asked about, and its module is incomplete without them.
    for (const file of namedFiles) {
      const dir = dirOf(file);
      const absolute = dir === '' ? root : path.join(root, ...dir.split('/'));
      const real = fs.realPath(absolute);
      if (real === undefined || visitedDirs.has(real)) continue;
      for (const entry of fs.listDir(real) ?? []) {
        const childRel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.kind === 'file' && isModuleFile(entry.name) && !files.has(childRel)) readFile(joinName(real, entry.name), childRel, false);
      }
    }
    for (const p of files.keys()) if (!before.has(p)) context.push(p);
  }

  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    files: [...files.values()].sort(byPath),
    skipped: [...skipped.values()].sort(byPath),
    diagnostics,
    seen: [...seen].sort(),
    context: context.sort(),
    ...(namesTerraform ? { named: { files: [...namedFiles].sort(), dirs: [...namedDirs].sort() } } : {}),
    ...(links.size > 0 ? { links: new Map([...links].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {}),
  };
}

/** A directory symlink inside the root, met in the walk, with what walking it there would take. */
interface PendingLink {
  /** The directory it resolves to (absolute) and the same with every link resolved. */
  readonly target: string;
  readonly real: string;
  /** Where the link is (root-relative). */
  readonly rel: string;
  readonly ignores: IgnoreStack;
  readonly insideTerraformDir: boolean;
  readonly contextOnly: boolean;
}

/** A Terraform file an ignore file left out, or an ignored directory holding one: `path` as skipped, `by` the ignore file. */
export interface IgnoredTerraform {
  readonly path: string;
  readonly by: string;
}

const TERRAFORM_NAME = /\.(tf|tf\.json|tfvars|tfvars\.json)$/i;
/** How many entries of one ignored directory are looked at for a Terraform file: a build tree can be large. */
const IGNORED_DIR_LOOK = 5000;

/**
 * For a scan that found no input: the ignored entries that hold Terraform (a Terraform file, or a
 * directory with one within its first entries), so the message can say the ignore files left them
 * out rather than that there are none (`scan .` of a CDK for Terraform project, whose .gitignore lists cdktf.out).
 */
export function ignoredTerraform(fs: ScanFileSystem, root: string, skipped: readonly SkippedFile[]): IgnoredTerraform[] {
  const found: IgnoredTerraform[] = [];
  for (const entry of skipped) {
    if (entry.reason !== 'ignored') continue;
    const by = entry.detail.replace(/^ignored by /, '');
    if (!entry.path.endsWith('/')) {
      if (TERRAFORM_NAME.test(entry.path)) found.push({ path: entry.path, by });
      continue;
    }
    let budget = IGNORED_DIR_LOOK;
    const holdsTerraform = (dir: string): boolean => {
      for (const child of fs.listDir(dir) ?? []) {
        if (--budget < 0) return false;
        if (child.kind === 'file' && TERRAFORM_NAME.test(child.name)) return true;
        if (child.kind === 'directory' && !VENDORED_DIRS.has(child.name) && child.name !== '.terraform' && holdsTerraform(joinName(dir, child.name))) return true;
      }
      return false;
    };
    if (holdsTerraform(path.join(root, ...entry.path.slice(0, -1).split('/')))) found.push({ path: entry.path, by });
  }
  return found;
}

/** The formats that make up a Terraform module as Terraform loads it. */
const MODULE_FORMATS = new Set<InputFormat>(['terraform', 'terraform-json', 'terraform-vars', 'terraform-vars-json']);

/** Files Terraform reads from a module directory on its own: configuration, auto-loaded variables, the lock file. */
function isModuleFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json') || lower === 'terraform.tfvars' || lower === 'terraform.tfvars.json' || lower.endsWith('.auto.tfvars') || lower.endsWith('.auto.tfvars.json') || lower === '.terraform.lock.hcl';
}

/** .gitignore files above the scan root, up to the repository root (the directory holding .git). */
function ancestorIgnoreStack(fs: ScanFileSystem, root: string): IgnoreStack {
  const chain: string[] = [];
  let dir = root;
  for (;;) {
    chain.unshift(dir);
    if (fs.stat(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) return IgnoreStack.empty(); // not in a repository: only files inside the root count
    dir = parent;
  }
  let stack = IgnoreStack.empty();
  for (const ancestor of chain.slice(0, -1)) {
    const bytes = fs.readFile(path.join(ancestor, '.gitignore'));
    if (!bytes) continue;
    const prefix = toRelative(ancestor, root);
    stack = stack.withAncestor(prefix, path.join(path.relative(root, ancestor), '.gitignore').split(path.sep).join('/'), '.gitignore', new TextDecoder().decode(bytes));
  }
  return stack;
}

/** The ignore files between the root and a target subdirectory (exclusive). */
function ignoresDownTo(fs: ScanFileSystem, root: string, rel: string, base: IgnoreStack): IgnoreStack {
  let stack = base;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const dirRel = parts.slice(0, i).join('/');
    for (const name of IGNORE_FILES) {
      const bytes = fs.readFile(path.join(root, ...parts.slice(0, i), name));
      if (bytes) stack = stack.with(dirRel, name, new TextDecoder().decode(bytes));
    }
  }
  return stack;
}

/** A directory's path and the name of an entry in it: path.join normalised the whole path again, for every entry. */
function joinName(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? `${dir}${name}` : `${dir}${path.sep}${name}`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * A file the index knew: its text is read, and checked against the digest, when first asked for.
 * A class, not an object literal with a getter per file: a warm scan makes one per file, and the
 * literal cost ~14 µs each (its accessor and closure made anew) in code V8 had not optimised yet.
 */
class IndexedDiscoveredFile implements DiscoveredFile {
  readonly digest: string;
  readonly needles: readonly Needle[];
  private read: string | undefined;

  constructor(
    readonly path: string,
    readonly format: InputFormat,
    indexed: IndexedFile,
    private readonly absolute: string,
    private readonly reader: { readonly fs: ScanFileSystem; readonly maxBytes: number },
  ) {
    this.digest = indexed.digest;
    this.needles = indexed.needles;
  }

  get text(): string {
    return (this.read ??= readIndexed(this.reader.fs, this.absolute, this.path, this.digest, this.reader.maxBytes));
  }
}
