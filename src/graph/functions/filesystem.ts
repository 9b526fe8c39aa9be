// Filesystem built-ins. Files are read through the scan's readFile, relative to the root module
// directory (Terraform's working directory), and never outside the scan root.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { EvalError, set, unk, type Val } from '../value.js';
import { notNullResult, str, type FunctionContext, type FunctionSpec } from './args.js';
import { globToRegExp } from './glob.js';

function read(ctx: FunctionContext, p: Val | undefined, fn: string): string {
  const text = ctx.readFile(str(p));
  // A directory with files in it (file("."), file(path.module)) is one whatever a build step makes:
  // terraform validate 1.11.4 refuses it ("Invalid value for "path" parameter: failed to read file:
  // read .: is a directory").
  if (text === undefined && isDirectory(ctx, str(p))) throw new EvalError(`${fn}: "${str(p)}" is a directory, not a file, so Terraform refuses to read it.`);
  // Outside the root is refused and reported before this (GraphContext.readInside); here the file is
  // not there (often a build step's output, made before `terraform plan`), or not readable text.
  if (text === undefined) throw new EvalError(`${fn}: there is no readable file "${str(p)}" in the scan (it may be made by a build step before terraform plan runs), so the value is unknown.`, undefined, 'eval/file');
  return text;
}

/** Whether `path` is a directory with a file in it, by the listing fileset() reads. */
function isDirectory(ctx: FunctionContext, path: string): boolean {
  const listed = ctx.listFiles(path);
  return Array.isArray(listed) && listed.length > 0;
}

function hashFile(algorithm: string, encoding: 'hex' | 'base64'): FunctionSpec {
  return { min: 1, max: 1, fn: ([p], ctx) => createHash(algorithm).update(read(ctx, p, `file${algorithm}`)).digest(encoding) };
}

/**
 * fileset(path, pattern): the regular files under path matching the pattern, relative to path, as a
 * set (sorted). A directory that is not there gives the empty set, as in Terraform; one outside the
 * scan root or too large to list leaves the result unknown.
 */
function fileset(ctx: FunctionContext, dir: string, pattern: string): Val {
  const matcher = globToRegExp(posix.normalize(pattern).replace(/^\.\//, ''));
  const files = ctx.listFiles(dir);
  if (files === 'outside') return unk(`fileset() lists "${dir}", which is outside the scan root`);
  if (files === undefined) return unk(`fileset() could not list "${dir}" (no listing, or too many files)`);
  return set(files.filter((f) => matcher.test(f)));
}

/**
 * fileexists(path): whether the file is there. A path outside the scan root is never looked at, so
 * the answer is unknown, not false: `fileexists("/etc/passwd") ? … : …` took the false branch, a
 * value Terraform on the CI machine would not.
 */
function fileexists(ctx: FunctionContext, path: string): Val {
  const exists = ctx.fileExists(path);
  if (exists === 'outside') return unk(`fileexists() asks about "${path}", which is outside the scan root`);
  // A directory is no file, and Terraform says so (terraform console 1.11.4: fileexists("d") of a
  // directory fails, "\"d\" is a directory, not a file"). One here has files listed under it.
  if (!exists) {
    const under = ctx.listFiles(path);
    if (Array.isArray(under) && under.length > 0) throw new EvalError(`fileexists: "${path}" is a directory, not a file.`);
  }
  return exists;
}

/**
 * Go's path.Clean, which Terraform's basename() and dirname() apply: no repeated, trailing or `.`
 * separators, `..` taken back where it can be, and "." for nothing (Node's normalize keeps a
 * trailing slash and gives "" for "").
 */
function goClean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Go's filepath.Base (terraform console 1.11.4: basename("") is ".", basename("/") and basename("//") are "/"). */
function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir: the cleaned text before the last separator (terraform console 1.11.4: dirname("a/b/") is "a/b", dirname("a//b") and dirname("a/./b") are "a"). */
function goDir(p: string): string {
  return goClean(p.slice(0, p.lastIndexOf('/') + 1));
}

export const filesystemFunctions: Record<string, FunctionSpec> = {
  file: { min: 1, max: 1, fn: ([p], ctx) => read(ctx, p, 'file') },
  filebase64: { min: 1, max: 1, fn: ([p], ctx) => Buffer.from(read(ctx, p, 'filebase64'), 'utf8').toString('base64') },
  fileexists: { min: 1, max: 1, fn: ([p], ctx) => fileexists(ctx, str(p)) },
  fileset: { min: 2, max: 2, fn: ([p, pattern], ctx) => fileset(ctx, str(p), str(pattern)) },
  templatefile: { min: 2, max: 2, fn: ([p, vars], ctx) => notNullResult(ctx.renderTemplate(read(ctx, p, 'templatefile'), vars ?? null, str(p)), str(p)) },
  filemd5: hashFile('md5', 'hex'),
  filesha1: hashFile('sha1', 'hex'),
  filesha256: hashFile('sha256', 'hex'),
  filesha512: hashFile('sha512', 'hex'),
  filebase64sha256: hashFile('sha256', 'base64'),
  filebase64sha512: hashFile('sha512', 'base64'),
  basename: { min: 1, max: 1, fn: ([p]) => goBase(str(p)) },
  dirname: { min: 1, max: 1, fn: ([p]) => goDir(str(p)) },
  abspath: { min: 1, max: 1, fn: ([p]) => posix.normalize(str(p)) },
  pathexpand: { min: 1, max: 1, fn: ([p]) => pathexpand(str(p)) },
};

/**
 * pathexpand(): a leading "~" is the home directory of whoever runs Terraform ("/root" where
 * terraform console 1.11.4 ran), which the scan does not know: unknown, not the "~" the path was,
 * which made `substr(pathexpand("~"), 0, 1) == "/"` (terraform-aws-lambda's choice of python3 over
 * python.exe) false on every machine. Any other path is returned as it is, as Terraform does.
 */
function pathexpand(p: string): Val {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return unk({ kind: 'function', fn: 'pathexpand', text: 'pathexpand("~…") is under the home directory of whoever runs Terraform' });
  return p;
}
