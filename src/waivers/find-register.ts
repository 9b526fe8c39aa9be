// Where the waiver register and the audit log live. Both sit in a `.safeguard/` directory: the
// nearest one at or above the scan root, looking no higher than the project root (the first
// directory with `.git` or `.safeguard.yaml`), so scanning infra/prod finds the repository's
// register. `waivers.file` in the config names another register file.
import path from 'node:path';
import { CONFIG_FILE_NAMES, type SafeguardConfig } from '../config/safeguard-config.js';
import { decodeText } from '../discovery/decode-text.js';
import { realPlaceOf } from '../pipeline/real-path-inside.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { DEFAULT_WAIVER_POLICY, loadWaiverRegister, type WaiverPolicy, type WaiverRegister } from './waiver.js';

export const SAFEGUARD_DIR = '.safeguard';
export const REGISTER_FILE = 'waivers.yaml';
export const AUDIT_LOG_FILE = 'audit.log';

export interface RegisterLocation {
  /** Absolute path of the register file (it may not exist yet). */
  readonly absolute: string;
  /** The directory `paths` globs are relative to: the one holding `.safeguard/`, or the config file's. */
  readonly baseDir: string;
}

/** Directories from `start` up to the project root; just `start` when no project root is found. */
function projectDirs(fs: ScanFileSystem, start: string): string[] {
  const dirs: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    const marker = ['.git', ...CONFIG_FILE_NAMES].some((name) => fs.lstat(path.join(dir, name)) !== undefined);
    if (marker) return dirs;
    if (path.dirname(dir) === dir) return [start];
  }
}

/** The directory containing the nearest `.safeguard/` directory, or undefined. */
export function findSafeguardHome(fs: ScanFileSystem, scanRoot: string): string | undefined {
  return projectDirs(fs, scanRoot).find((dir) => fs.stat(path.join(dir, SAFEGUARD_DIR))?.kind === 'directory');
}

/** Where the register is (or would be created): config `waivers.file`, else `.safeguard/waivers.yaml`. */
export function locateRegister(fs: ScanFileSystem, scanRoot: string, config: Pick<SafeguardConfig, 'path' | 'waivers'>): RegisterLocation {
  if (config.waivers?.file !== undefined) return { absolute: config.waivers.file, baseDir: config.path ? path.dirname(config.path) : scanRoot };
  const home = findSafeguardHome(fs, scanRoot) ?? (config.path ? path.dirname(config.path) : scanRoot);
  return { absolute: path.join(home, SAFEGUARD_DIR, REGISTER_FILE), baseDir: home };
}

export function waiverPolicy(config: Pick<SafeguardConfig, 'waivers'>): WaiverPolicy {
  return {
    maxDurationDays: config.waivers?.maxDurationDays ?? DEFAULT_WAIVER_POLICY.maxDurationDays,
    warnWithinDays: config.waivers?.warnWithinDays ?? DEFAULT_WAIVER_POLICY.warnWithinDays,
  };
}

/**
 * Reads and validates the register; undefined when there is none (and none was configured).
 * `file` in spans is the register's path relative to the scan root, as finding paths are.
 */
export function readWaiverRegister(
  fs: ScanFileSystem,
  scanRoot: string,
  location: RegisterLocation,
  options: { readonly configured: boolean; readonly policy: WaiverPolicy; readonly resolveRule: (id: string) => readonly string[] },
): WaiverRegister | undefined {
  const file = path.relative(scanRoot, location.absolute).split(path.sep).join('/');
  const stat = fs.stat(location.absolute);
  if (stat === undefined && !options.configured) return undefined;
  // The config may be the scanned repository's own, and the register's diagnostics quote it:
  // `waivers: { file: /etc/passwd }`, or a committed link to it, printed its lines in every report.
  // Read only inside the scan root or the directory the register belongs to (real paths).
  const place = stat === undefined ? undefined : realPlaceOf(fs, location.absolute, [scanRoot, location.baseDir]);
  if (place?.real !== undefined && !place.inside) {
    return {
      file,
      waivers: [],
      invalid: [],
      warnings: [],
      errors: [{ code: 'waiver/outside-root', severity: 'error', message: `The waiver register ${file} leads outside the scan root and ${options.configured ? "the config file's directory" : 'the directory holding .safeguard/'}, so it was not read and no waiver applies.`, hint: 'Keep the register in the repository (waivers.file in .safeguard.yaml), not a link out of it.', file }],
    };
  }
  const bytes = stat?.kind === 'file' ? fs.readFile(location.absolute) : undefined;
  const decoded = bytes ? decodeText(bytes) : undefined;
  if (!decoded?.ok) {
    const problem = decoded ? 'is not UTF-8 text' : 'does not exist or cannot be read';
    return {
      file,
      waivers: [],
      invalid: [],
      warnings: [],
      errors: [{ code: 'waiver/unreadable', severity: 'error', message: `The waiver register ${file} ${problem}, so no waiver applies.`, hint: 'Check waivers.file in .safeguard.yaml.', file }],
    };
  }
  return loadWaiverRegister({ file, text: decoded.text, resolveRule: options.resolveRule, policy: options.policy });
}
