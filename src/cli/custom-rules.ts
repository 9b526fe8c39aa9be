// Custom policies (issue 13) as the CLI sees them: YAML bundles from --policies and the config's
// `policies:`, and plugin rules from --plugin, joined to the built-in pack. Plugins are the user's
// own code and come only from the command line; the config file (which may live in the scanned
// repository) can name YAML policies, which are data, but never a plugin.
import path from 'node:path';
import { isScalar, isSeq, parseDocument } from 'yaml';
import { findConfigFile } from '../config/find-config.js';
import { realPlaceOf } from '../pipeline/real-path-inside.js';
import { decodeText } from '../discovery/decode-text.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { loadPlugins } from '../policies/plugins.js';
import { loadPolicies } from '../policies/load.js';
import type { RuleCatalog } from '../config/validate-config.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { SetupError } from './cli-error.js';
import { ruleCatalogOf, rulePack } from './rule-pack.js';

/** What the command line asked for: --policies DIR (repeatable) and --plugin MODULE (repeatable), loaded. */
export interface CustomRuleFlags {
  readonly policies: readonly string[];
  readonly plugins: readonly string[];
  /** The plugins' rules, once loaded (loadPluginRules). */
  readonly pluginRules?: readonly AnyRule[];
  readonly pluginFingerprint?: string;
}

export interface CustomRulePack {
  /** Built-in rules, then custom policies, then plugin rules. */
  readonly rules: readonly AnyRule[];
  readonly catalog: RuleCatalog;
  /** Invalid policy files: reported with the scan's diagnostics, so the run exits 1. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * '' without custom rules; else a digest of the policy files and plugin entry files. A cache of
   * scan results keyed on rule ids must include it (a policy can change and keep its id). It does not
   * cover what a plugin imports or reads, so `scan` keeps no cache with a plugin (scan-command.ts).
   */
  readonly fingerprint: string;
}

/** Imports --plugin modules (async, so before prepareScan). A plugin that cannot load stops the run (exit 2). */
export async function loadPluginRules<F extends { readonly customRules?: CustomRuleFlags }>(context: ScanContext, flags: F): Promise<F> {
  const custom = flags.customRules;
  if (!custom || custom.plugins.length === 0) return flags;
  const loaded = await loadPlugins(custom.plugins, context.cwd, context.importModule);
  if (loaded.errors.length > 0) throw new SetupError(loaded.errors);
  return { ...flags, customRules: { ...custom, pluginRules: loaded.rules, pluginFingerprint: loaded.fingerprint } };
}

/** `policies:` entries of the config file, read before the config is validated (its `rules:` may name custom ids); `file`: the config file. */
function configPolicies(context: ScanContext, searchFrom: string, explicitPath: string | undefined): { paths: string[]; file?: string } {
  const file = explicitPath !== undefined ? path.resolve(context.cwd, explicitPath) : findConfigFile(context.fs, searchFrom);
  const bytes = file !== undefined && context.fs.stat(file)?.kind === 'file' ? context.fs.readFile(file) : undefined;
  const decoded = bytes ? decodeText(bytes) : undefined;
  if (!file || !decoded?.ok) return { paths: [] };
  const doc = parseDocument(decoded.text);
  const node = doc.errors.length === 0 ? doc.get('policies', true) : undefined;
  const entries = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
  return { paths: entries.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [path.resolve(path.dirname(file), item.value)] : [])), file };
}

/**
 * Files of the config's `policies:` are read only inside the scan root or the config file's own
 * directory (their real paths: a link in the repository to /etc/passwd is outside), unless
 * --allow-outside-root, as var files: the config may be the scanned repository's own, and a policy
 * file's diagnostics quote it (`/proc/self/environ` would have printed the CI's environment).
 */
function confinedTo(context: ScanContext, root: string, configFile: string): (file: string) => string | undefined {
  const bounds = [root, path.dirname(configFile)];
  return (file) => {
    const { real, inside } = realPlaceOf(context.fs, file, bounds);
    if (inside) return undefined;
    return `the config file's policies entry leads outside the scan root and the config file's directory${real !== undefined && real !== file ? ' (through a symbolic link)' : ''}.`;
  };
}

/** The rule pack with custom policies and plugin rules; a bundle that does not exist stops the run (exit 2). */
/** `searchFrom`: where the config is looked for; `root`: what the policies' diagnostics are relative to (the scan root). */
export function customRulePack(context: ScanContext, searchFrom: string, flags: { readonly customRules?: CustomRuleFlags; readonly config?: string; readonly allowOutsideRoot?: boolean }, root = searchFrom): CustomRulePack {
  const builtIn = rulePack();
  const fromConfig = configPolicies(context, searchFrom, flags.config);
  const paths = [...(flags.customRules?.policies ?? []), ...fromConfig.paths];
  const pluginRules = flags.customRules?.pluginRules ?? [];
  if (paths.length === 0 && pluginRules.length === 0) return { rules: builtIn, catalog: ruleCatalogOf(builtIn), diagnostics: [], fingerprint: '' };
  const reserved = new Set(builtIn.flatMap((r) => [r.id, ...(r.aliases ?? [])].map((id) => id.toLowerCase())));
  const confined = fromConfig.file === undefined || flags.allowOutsideRoot === true ? undefined : confinedTo(context, root, fromConfig.file);
  const configEntries = new Set(fromConfig.paths);
  const fromCommandLine = new Set(flags.customRules?.policies ?? []);
  const refuse = confined && ((file: string, entry: string): string | undefined => (configEntries.has(entry) && !fromCommandLine.has(entry) ? confined(file) : undefined));
  const loaded = loadPolicies(context.fs, { cwd: context.cwd, paths, reservedIds: reserved, ...(refuse ? { refuse } : {}) });
  if (loaded.missing.length > 0) throw new SetupError(loaded.missing);
  // Spans in a scan are relative to the scan root (reporters print them from the working directory).
  const rebase = (file: string): string => path.relative(root, path.resolve(context.cwd, file)).split(path.sep).join('/');
  const diagnostics: Diagnostic[] = loaded.diagnostics.map((d) => (d.span ? { ...d, span: { ...d.span, file: rebase(d.span.file) } } : d.file ? { ...d, file: rebase(d.file) } : d));
  const taken = new Set([...reserved, ...loaded.rules.map((r) => r.id.toLowerCase())]);
  const plugins: AnyRule[] = [];
  for (const rule of pluginRules) {
    if (taken.has(rule.id.toLowerCase())) {
      diagnostics.push({ code: 'plugin/duplicate-id', severity: 'error', message: `Plugin rule ${rule.id} has the id of another rule or policy, so it was not run.`, hint: 'Rule ids are unique; rename the plugin rule.' });
      continue;
    }
    taken.add(rule.id.toLowerCase());
    plugins.push(rule);
  }
  const rules = [...builtIn, ...loaded.rules, ...plugins];
  return { rules, catalog: ruleCatalogOf(rules), diagnostics, fingerprint: `${loaded.fingerprint}:${flags.customRules?.pluginFingerprint ?? ''}` };
}

/** `safeguard rules` / `explain` with --policies and --plugin (and the config's policies, found from the working directory). */
export async function listedRules(context: ScanContext, raw: { readonly policies?: readonly string[]; readonly plugin?: readonly string[] }): Promise<readonly AnyRule[]> {
  return listedPack(context, await loadPluginRules(context, { customRules: { policies: raw.policies ?? [], plugins: raw.plugin ?? [] } }));
}

/** The rules a listing shows (plugins already loaded): an invalid policy file stops the run, as nothing is scanned to report it with. */
export function listedPack(context: ScanContext, flags: { readonly customRules?: CustomRuleFlags; readonly config?: string }): readonly AnyRule[] {
  const pack = customRulePack(context, context.cwd, flags);
  if (pack.diagnostics.length > 0) throw new SetupError(pack.diagnostics);
  return pack.rules;
}
