// Helpers shared by the HCL parser tests (locating the project root and reference data).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest ancestor with package.json and src/parsers/hcl, else the cwd. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'parsers', 'hcl'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return process.cwd();
}

export const ROOT = projectRoot();
export const SHARED = resolve(ROOT, '..', 'shared');
export const HCLREF_BIN = join(ROOT, '.cache', 'hclref');

export interface Record {
  file: string;
  errors: number;
  body: unknown;
}

export function readJsonl(path: string): Record[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record);
}
