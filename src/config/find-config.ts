// Finds `.safeguard.yaml` upward from the scan root (or takes --config) and validates it.
import path from 'node:path';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { decodeText } from '../discovery/decode-text.js';
import { diagnostic } from '../source/diagnostic.js';
import { err, ok, type Result } from '../source/result.js';
import { CONFIG_FILE_NAMES, EMPTY_CONFIG, type SafeguardConfig } from './safeguard-config.js';
import { validateConfig, type RuleCatalog } from './validate-config.js';

/** The nearest config file at or above `startDir`, or undefined. */
export function findConfigFile(fs: ScanFileSystem, startDir: string): string | undefined {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.stat(candidate)?.kind === 'file') return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface LoadConfigOptions {
  readonly cwd: string;
  /** --config, relative to cwd; when absent the file is searched for from `searchFrom`. */
  readonly explicitPath?: string;
  readonly searchFrom: string;
  readonly catalog: RuleCatalog;
}

export function loadConfig(fs: ScanFileSystem, options: LoadConfigOptions): Result<SafeguardConfig> {
  const absolute = options.explicitPath !== undefined ? path.resolve(options.cwd, options.explicitPath) : findConfigFile(fs, options.searchFrom);
  if (absolute === undefined) return ok(EMPTY_CONFIG);
  const displayPath = path.relative(options.cwd, absolute).split(path.sep).join('/') || path.basename(absolute);
  const bytes = fs.stat(absolute)?.kind === 'file' ? fs.readFile(absolute) : undefined;
  if (!bytes) {
    return err(
      diagnostic('config/not-found', 'error', `Config file ${displayPath} does not exist or cannot be read.`, {
        // Checkov's -c is --check: `-c CKV_AWS_20` names a rule, not a config file.
        hint: options.explicitPath !== undefined && namesRules(options.explicitPath, options.catalog)
          ? `-c is the config file here; to run only these rules (Checkov's -c/--check), use ${options.explicitPath.split(',').map((id) => `--rule ${id}`).join(' ')}.`
          : 'Check the --config path, or remove the option to search for .safeguard.yaml.',
      }),
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return err(diagnostic('config/encoding', 'error', `Config file ${displayPath} is not UTF-8 text.`, { file: displayPath }));
  const result = validateConfig({ text: decoded.text, displayPath, absolutePath: absolute }, options.catalog);
  // Both names beside each other: the second is never read, and its settings would be ignored in silence.
  const other = options.explicitPath === undefined && path.basename(absolute) === CONFIG_FILE_NAMES[0] ? path.join(path.dirname(absolute), CONFIG_FILE_NAMES[1]) : undefined;
  if (!result.ok || other === undefined || fs.stat(other)?.kind !== 'file') return result;
  const ignored = path.relative(options.cwd, other).split(path.sep).join('/') || path.basename(other);
  const warning = diagnostic('config/ignored', 'warning', `${ignored} is not read: ${displayPath} beside it is the config file, and only one is read.`, { file: ignored, hint: `Merge its settings into ${displayPath} and delete it.` });
  return ok(result.value, [...result.warnings, warning]);
}

/** `CKV_AWS_20` or `CKV_AWS_20,CKV_AWS_21`: a Checkov check list, or ids the rule pack knows. */
function namesRules(value: string, catalog: RuleCatalog): boolean {
  const ids = value.split(',');
  return ids.every((id) => /^CKV2?_[A-Z0-9]+_\d+$/.test(id) || catalog.resolve(id).length > 0);
}
