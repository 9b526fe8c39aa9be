// `safeguard rules` and `safeguard explain <id>`: the rule pack, documented from its metadata.
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import { nearestName } from '../config/nearest-name.js';
import type { AnyRule } from '../rules/define-rule.js';
import { createColors } from '../reporters/colors.js';
import { UsageError } from './cli-error.js';
import { findRulesIn, rulePack } from './rule-pack.js';
import { useColor, type Terminal } from './terminal.js';

const SECTION_BY_ID = new Map<string, (typeof HIPAA_SECTIONS)[number]>(HIPAA_SECTIONS.map((s) => [s.id, s]));

function peerIds(rule: AnyRule): string[] {
  const r = rule.references;
  return [...(r.checkov ?? []), ...(r.trivy ?? []), ...(r.awsConfig ?? []), ...(r.kics ?? []), ...(r.terrascan ?? [])];
}

function ruleJson(rule: AnyRule): Record<string, unknown> {
  return {
    id: rule.id,
    aliases: rule.aliases ?? [],
    title: rule.title,
    severity: rule.severity,
    kind: rule.kind,
    controls: rule.controls,
    references: rule.references,
    params: rule.params,
    why: rule.why,
    howToFix: rule.howToFix,
    links: rule.links ?? [],
  };
}

/** Pads columns; the last column is left ragged. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ').trimEnd()).join('\n');
}

export function runRulesCommand(flags: { format: string; color: boolean }, terminal: Terminal, pack: readonly AnyRule[] = rulePack()): number {
  const rules = [...pack].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (flags.format === 'json') {
    terminal.out(`${JSON.stringify({ schemaVersion: '1.0', rules: rules.map(ruleJson) }, null, 2)}\n`);
    return 0;
  }
  if (flags.format !== 'text') throw new UsageError(`--format ${flags.format}: unknown format.`, 'Use --format text or --format json.');
  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  const rows = [['ID', 'SEVERITY', 'TITLE', 'HIPAA', 'ALSO KNOWN AS'], ...rules.map((r) => [r.id, r.severity, r.title, r.controls.join(' '), shortList(peerIds(r), 3)])];
  const [header, ...body] = formatTable(rows).split('\n');
  terminal.out(`${c.bold(header!)}\n${body.join('\n')}\n\n${rules.length} rules. \`safeguard explain <id>\` shows why a rule matters and how to fix it.\n`);
  return 0;
}

export function runExplainCommand(id: string, flags: { color: boolean; format: string }, terminal: Terminal, pack: readonly AnyRule[] = rulePack()): number {
  const found = findRulesIn(pack, id);
  if (found.length === 0) {
    const suggestion = nearestName(id, pack.map((r) => r.id));
    throw new UsageError(`explain ${id}: unknown rule id.`, suggestion ? `Did you mean ${suggestion}?` : 'Run `safeguard rules` to list every rule id.');
  }
  if (flags.format === 'json') {
    terminal.out(`${JSON.stringify({ schemaVersion: '1.0', rules: found.map(ruleJson) }, null, 2)}\n`);
    return 0;
  }
  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  const out: string[] = [];
  if (found.length > 1) out.push(`${id} maps to ${found.length} Safeguard rules.`, '');
  for (const rule of found) {
    out.push(`${c.bold(rule.id)}  ${rule.severity}`, rule.title, '');
    out.push(c.bold('Why'), `  ${rule.why}`, '', c.bold('How to fix'), `  ${rule.howToFix}`, '');
    out.push(c.bold('HIPAA'));
    for (const control of rule.controls) {
      const section = SECTION_BY_ID.get(control);
      // Standards already say "(standard)" in their title; required/addressable is what matters for specifications.
      const status = section && section.requirement !== 'standard' ? `${section.requirement}; ` : '';
      out.push(section ? `  ${section.id} ${section.title} (${status}${section.part})\n    ${section.meaning}` : `  ${control}`);
    }
    out.push('');
    const peers = peerIds(rule);
    if (peers.length > 0 || (rule.aliases ?? []).length > 0) out.push(c.bold('Also known as'), `  ${[...(rule.aliases ?? []), ...peers].join(', ')}`, '');
    const params = Object.entries(rule.params);
    if (params.length > 0) {
      out.push(c.bold('Parameters (set in .safeguard.yaml under rules.<id>.params)'));
      for (const [name, value] of params) out.push(`  ${name} = ${JSON.stringify(value)}`);
      out.push('');
    }
    const examples = rule.examples.terraform;
    if (examples) {
      for (const bad of examples.bad.slice(0, 1)) out.push(c.bold('Non-compliant'), indent(bad), '');
      for (const good of examples.good.slice(0, 1)) out.push(c.bold('Compliant'), indent(good), '');
    }
    if ((rule.links ?? []).length > 0) out.push(c.bold('Links'), ...(rule.links ?? []).map((l) => `  ${l}`), '');
  }
  terminal.out(`${out.join('\n').trimEnd()}\n`);
  return 0;
}

/** The first few items, then a count: the full list is in `explain` and `--format json`. */
function shortList(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(' ') : `${items.slice(0, max).join(' ')} +${items.length - max}`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
