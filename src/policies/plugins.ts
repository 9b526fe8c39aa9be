// TypeScript/JavaScript policy packs: modules the user names with --plugin, exporting rules made
// with the public defineRule API (`safeguard/api`). Loading one runs its code, so plugins come only
// from the command line: the user's own configured code, never the scanned tree or its config file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import { isSeverity } from '../engine/severity.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { ModuleImporter } from '../pipeline/scan-context.js';
import type { Diagnostic } from '../source/diagnostic.js';

export interface LoadedPlugins {
  readonly rules: readonly AnyRule[];
  /** A plugin that cannot be found, imported, or exports no valid rule: the scan cannot run (exit 2). */
  readonly errors: readonly Diagnostic[];
  /** A digest of the plugins' entry files, for caches keyed on the rules (a plugin's own imports are not covered). */
  readonly fingerprint: string;
}

const CONTROL_IDS: ReadonlySet<string> = new Set(HIPAA_SECTIONS.map((s) => s.id));

function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec) || /\.(c|m)?[jt]s$/.test(spec);
}

/** The package's entry for `import`, from its package.json (for packages that only export ESM). */
function packageEntry(spec: string, cwd: string): string | undefined {
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = `.${spec.slice(name.length)}`;
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
      const root = path.dirname(manifest);
      const exported = typeof pkg.exports === 'string' && subpath === '.' ? pkg.exports : (pkg.exports as Record<string, unknown> | undefined)?.[subpath];
      const target = typeof exported === 'string' ? exported : ((exported as Record<string, unknown> | undefined)?.['import'] ?? (exported as Record<string, unknown> | undefined)?.['default']);
      if (typeof target === 'string') return path.join(root, target);
      if (subpath === '.') return path.join(root, pkg.main ?? 'index.js');
      return undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A local file (relative to cwd) or a package resolved from cwd, as a file URL. */
export function resolvePlugin(spec: string, cwd: string): string | undefined {
  if (isPathLike(spec)) {
    const absolute = path.resolve(cwd, spec);
    return existsSync(absolute) ? pathToFileURL(absolute).href : undefined;
  }
  try {
    return pathToFileURL(createRequire(path.join(cwd, 'noop.js')).resolve(spec)).href;
  } catch {
    const entry = packageEntry(spec, cwd);
    return entry && existsSync(entry) ? pathToFileURL(entry).href : undefined;
  }
}

function exportedRules(module: Record<string, unknown>): unknown[] {
  const candidates = [module['default'], module['rules']].filter((c) => c !== undefined);
  const out: unknown[] = [];
  for (const candidate of candidates) {
    if (Array.isArray(candidate)) out.push(...candidate);
    else if (candidate && typeof candidate === 'object' && Array.isArray((candidate as { rules?: unknown }).rules)) out.push(...(candidate as { rules: unknown[] }).rules);
    else out.push(candidate);
  }
  return [...new Set(out)];
}

/** What is wrong with an exported rule, or undefined when it is usable. */
function problemOf(rule: unknown): string | undefined {
  if (!rule || typeof rule !== 'object') return 'is not a rule object (use defineRule from "safeguard/api")';
  const r = rule as Partial<Record<keyof AnyRule, unknown>>;
  if (typeof r.id !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(r.id)) return 'has no valid id';
  if (typeof r.title !== 'string' || r.title === '') return `${r.id} has no title`;
  if (!isSeverity(r.severity)) return `${r.id} has severity ${JSON.stringify(r.severity)}; expected critical, high, medium or low`;
  if (!Array.isArray(r.controls) || r.controls.length === 0) return `${r.id} names no HIPAA control`;
  const bad = (r.controls as unknown[]).find((c) => typeof c !== 'string' || !CONTROL_IDS.has(c));
  if (bad !== undefined) return `${r.id} names an unknown HIPAA section ${JSON.stringify(bad)}`;
  if (typeof r.targets !== 'function' || typeof r.check !== 'function') return `${r.id} needs targets(model) and check(target) functions`;
  return undefined;
}

function normalise(rule: AnyRule): AnyRule {
  return {
    ...rule,
    kind: rule.kind ?? 'attr',
    why: rule.why ?? rule.title,
    howToFix: rule.howToFix ?? rule.title,
    references: rule.references ?? {},
    params: rule.params ?? {},
    examples: rule.examples ?? {},
  };
}

export async function loadPlugins(specs: readonly string[], cwd: string, importModule: ModuleImporter = (url) => import(url)): Promise<LoadedPlugins> {
  const rules: AnyRule[] = [];
  const errors: Diagnostic[] = [];
  const hash = createHash('sha256');
  const problem = (spec: string, message: string, hint: string): void => {
    errors.push({ code: 'plugin/invalid', severity: 'error', message: `--plugin ${spec}: ${message}`, hint });
  };
  for (const spec of specs) {
    const url = resolvePlugin(spec, cwd);
    if (!url) {
      problem(spec, 'not found.', 'Give a path relative to the working directory (./policies/plugin.js) or a package installed there.');
      continue;
    }
    hash.update(`${url}\0`);
    hash.update(readFileSync(new URL(url)));
    let module: Record<string, unknown>;
    try {
      module = (await importModule(url)) as Record<string, unknown>;
    } catch (error) {
      // The plugin is the user's own code: its error message is theirs to see (it names no scanned content).
      problem(spec, `could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 'A plugin is an ES module exporting rules made with defineRule from "safeguard/api"; docs/policies.md shows one.');
      continue;
    }
    const exported = exportedRules(module);
    if (exported.length === 0) {
      problem(spec, 'exports no rules.', 'Export an array of rules as the default export or as `rules`.');
      continue;
    }
    for (const candidate of exported) {
      const why = problemOf(candidate);
      if (why) problem(spec, `an exported rule ${why}.`, 'Build rules with defineRule from "safeguard/api"; docs/policies.md lists the required fields.');
      else rules.push(normalise(candidate as AnyRule));
    }
  }
  return { rules, errors, fingerprint: hash.digest('hex') };
}
