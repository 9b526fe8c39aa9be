// Filesystem built-ins. Files are read through the scan's readFile, relative to the root module
// directory (Terraform's working directory), and never outside the scan root.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { EvalError, unk, type Val } from '../value.js';
import { str, type FunctionContext, type FunctionSpec } from './args.js';

function read(ctx: FunctionContext, p: Val | undefined, fn: string): string {
  const text = ctx.readFile(str(p));
  if (text === undefined) throw new EvalError(`${fn}: the file "${str(p)}" could not be read inside the scan root.`, undefined, 'eval/file');
  return text;
}

function hashFile(algorithm: string, encoding: 'hex' | 'base64'): FunctionSpec {
  return { min: 1, max: 1, fn: ([p], ctx) => createHash(algorithm).update(read(ctx, p, `file${algorithm}`)).digest(encoding) };
}

export const filesystemFunctions: Record<string, FunctionSpec> = {
  file: { min: 1, max: 1, fn: ([p], ctx) => read(ctx, p, 'file') },
  filebase64: { min: 1, max: 1, fn: ([p], ctx) => Buffer.from(read(ctx, p, 'filebase64'), 'utf8').toString('base64') },
  fileexists: { min: 1, max: 1, fn: ([p], ctx) => ctx.fileExists(str(p)) },
  fileset: { min: 2, max: 2, fn: () => unk('fileset() needs a directory listing') },
  templatefile: { min: 2, max: 2, fn: ([p, vars], ctx) => ctx.renderTemplate(read(ctx, p, 'templatefile'), vars ?? null, str(p)) },
  filemd5: hashFile('md5', 'hex'),
  filesha1: hashFile('sha1', 'hex'),
  filesha256: hashFile('sha256', 'hex'),
  filesha512: hashFile('sha512', 'hex'),
  filebase64sha256: hashFile('sha256', 'base64'),
  filebase64sha512: hashFile('sha512', 'base64'),
  basename: { min: 1, max: 1, fn: ([p]) => posix.basename(str(p)) },
  dirname: { min: 1, max: 1, fn: ([p]) => posix.dirname(str(p)) },
  abspath: { min: 1, max: 1, fn: ([p]) => posix.normalize(str(p)) },
  pathexpand: { min: 1, max: 1, fn: ([p]) => str(p) },
};
