// `safeguard policy test DIR...`: runs every policy's own good and bad examples through the real
// evaluator and reports which fail; exit 1 when any does (or a policy file is invalid), so teams
// can test their bundles in CI. --plugin adds plugin rules, whose `examples.terraform` are run too.
import { formatLocation } from '../source/span.js';
import { loadPlugins } from '../policies/plugins.js';
import { loadPolicies } from '../policies/load.js';
import { testExamples, type ExampleResult } from '../policies/policy-test.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import type { AnyRule } from '../rules/define-rule.js';
import { createColors } from '../reporters/colors.js';
import { SetupError } from './cli-error.js';
import { rulePack } from './rule-pack.js';
import { useColor, type Terminal } from './terminal.js';

export interface PolicyTestFlags {
  readonly plugins: readonly string[];
  readonly color: boolean;
  readonly format: 'text' | 'json';
}

export async function runPolicyTestCommand(context: ScanContext, paths: readonly string[], flags: PolicyTestFlags, terminal: Terminal): Promise<number> {
  const reserved = new Set(rulePack().flatMap((r) => [r.id, ...(r.aliases ?? [])].map((id) => id.toLowerCase())));
  // The bundles are this command's arguments: the hint names them, not --policies or the config.
  const loaded = loadPolicies(context.fs, { cwd: context.cwd, paths, reservedIds: reserved, missingHint: 'Check the path (relative to the working directory): `safeguard policy test DIR|FILE...`.' });
  if (loaded.missing.length > 0) throw new SetupError(loaded.missing);
  const plugins = flags.plugins.length > 0 ? await loadPlugins(flags.plugins, context.cwd, context.importModule) : { rules: [], errors: [], fingerprint: '' };
  if (plugins.errors.length > 0) throw new SetupError(plugins.errors);
  const rules: AnyRule[] = [...loaded.rules, ...plugins.rules];
  const fileOf = new Map(loaded.policies.map((p) => [p.id, p.file]));
  const results: ExampleResult[] = rules.flatMap((rule) => testExamples(rule));
  const failed = results.filter((r) => !r.ok);
  const exitCode = failed.length > 0 || loaded.diagnostics.length > 0 || (rules.length === 0 && loaded.files.length === 0) ? 1 : 0;

  if (flags.format === 'json') {
    const report = {
      schemaVersion: '1.0',
      files: loaded.files,
      invalid: loaded.diagnostics.map((d) => ({ code: d.code, message: d.message, ...(d.span ? { location: formatLocation(d.span) } : d.file ? { location: d.file } : {}) })),
      results: results.map((r) => ({ ...r, ...(fileOf.has(r.ruleId) ? { file: fileOf.get(r.ruleId) } : {}) })),
      passed: results.length - failed.length,
      failed: failed.length,
    };
    terminal.out(`${JSON.stringify(report, null, 2)}\n`);
    return exitCode;
  }

  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  const out: string[] = [];
  for (const d of loaded.diagnostics) out.push(`${c.red('✗')} ${d.span ? `${formatLocation(d.span)}: ` : d.file ? `${d.file}: ` : ''}${d.message}`, ...(d.hint ? [`    ${c.dim(`hint: ${d.hint}`)}`] : []));
  for (const rule of rules) {
    const own = results.filter((r) => r.ruleId === rule.id);
    const where = fileOf.get(rule.id) ?? 'plugin';
    const bad = own.filter((r) => !r.ok);
    if (bad.length === 0) out.push(`${c.green('✓')} ${rule.id} ${c.dim(`(${where}; ${own.map((r) => r.example).join(', ')})`)}`);
    else {
      out.push(`${c.red('✗')} ${rule.id} ${c.dim(`(${where})`)}`);
      for (const r of bad) out.push(`    ${r.example}: ${r.problem}`);
    }
  }
  if (rules.length === 0 && loaded.diagnostics.length === 0) out.push(`No policies found in ${paths.join(', ')} (policy files end in .yaml or .yml).`);
  const invalid = loaded.diagnostics.length > 0 ? `, ${loaded.diagnostics.length} error${loaded.diagnostics.length === 1 ? '' : 's'} in the policy files` : '';
  out.push('', `${rules.length} ${rules.length === 1 ? 'policy' : 'policies'}, ${results.length} example${results.length === 1 ? '' : 's'}: ${results.length - failed.length} passed, ${failed.length} failed${invalid}.`);
  terminal.out(`${out.join('\n')}\n`);
  return exitCode;
}
