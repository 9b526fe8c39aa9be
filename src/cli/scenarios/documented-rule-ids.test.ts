// Every rule id the README, docs/*.md and the CLI's help show as one names a rule `--rule` and the
// config accept: copied from an example, a made-up id (aws-vpc-require-flow-logs) exits 2. Only
// what is written as a rule id is read: a whole inline code span, the argument of --rule,
// --skip-rule or explain, a key under `rules:` in a YAML block (with its params), `rules.ID` of a
// config error, a JSON "ruleId", a waiver's `rule:` and the ids of a `safeguard:ignore` marker.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRules } from '../../rules/index.js';
import { findRulesIn } from '../rule-pack.js';
import { runCli } from './run-cli.js';

/** The prefixes of built-in rule ids; custom policy examples (acme-…, CKV2_ACME_1) are other packs'. */
const ID = String.raw`(?:aws|tf|phi)-[a-z0-9-]*[a-z0-9]`;

interface Mention {
  readonly id: string;
  readonly where: string;
  readonly params?: readonly string[];
}

/** The rule ids in a text, each with where it is (`file:line`). */
function mentionedRuleIds(text: string, file: string): Mention[] {
  const out: Mention[] = [];
  const lines = text.split('\n');
  const at = (index: number): string => `${file}:${text.slice(0, index).split('\n').length}`;
  const patterns = [
    new RegExp(String.raw`\`(${ID})\``, 'g'),
    new RegExp(String.raw`(?:--rule|--skip-rule)[ =](${ID})\b`, 'g'),
    new RegExp(String.raw`\bexplain\s+(${ID})\b`, 'g'),
    new RegExp(String.raw`\brules\.(${ID})\b`, 'g'),
    new RegExp(String.raw`"ruleId":\s*"(${ID})"`, 'g'),
    new RegExp(String.raw`^\s*-?\s*rule:\s*(${ID})\s*(?:#.*)?$`, 'gm'),
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) out.push({ id: m[1]!, where: at(m.index) });
  for (const m of text.matchAll(/safeguard:ignore\s+(\S+)/g)) {
    for (const id of m[1]!.split(',')) if (new RegExp(`^${ID}$`).test(id)) out.push({ id, where: at(m.index) });
  }
  // Keys of a `rules:` mapping: the lines indented under it, with the params written under each.
  lines.forEach((line, i) => {
    const head = /^(\s*)rules:\s*(?:#.*)?$/.exec(line);
    if (!head) return;
    let childIndent: number | undefined;
    let current: { id: string; where: string; params: string[] } | undefined;
    const flush = (): void => {
      if (current) out.push(current);
      current = undefined;
    };
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      const indent = /^\s*/.exec(l)![0].length;
      if (indent <= head[1]!.length || l.trimStart().startsWith('```')) break;
      childIndent ??= indent;
      if (indent === childIndent) {
        flush();
        const key = new RegExp(`^\\s*(${ID}):`).exec(l);
        if (key) current = { id: key[1]!, where: `${file}:${j + 1}`, params: [] };
        continue;
      }
      const params = /^\s*params:\s*\{([^}]*)\}/.exec(l);
      if (current && params) current.params.push(...params[1]!.split(',').map((p) => p.split(':')[0]!.trim()).filter((p) => p !== ''));
    }
    flush();
  });
  return out;
}

function problemsOf(mentions: readonly Mention[]): string[] {
  const problems: string[] = [];
  for (const m of mentions) {
    const rules = findRulesIn(allRules, m.id);
    if (rules.length === 0) {
      problems.push(`${m.where}: ${m.id} is no rule id, alias or peer id`);
      continue;
    }
    for (const p of m.params ?? []) {
      if (!rules.some((r) => Object.hasOwn(r.params ?? {}, p))) problems.push(`${m.where}: ${m.id} has no parameter ${p} (it has ${rules.map((r) => Object.keys(r.params ?? {}).join(', ') || 'none').join('; ')})`);
    }
  }
  return problems;
}

test('the extraction finds ids where they are written as ids, and nothing else', () => {
  const text = [
    'Run `aws-s3-bucket-encryption-at-rest` or `safeguard explain aws-kms-key-rotation`.',
    '$ safeguard scan . --rule aws-made-up --skip-rule=tf-made-up',
    'terraform-aws-lambda and policies/phi-extra.yaml are no ids; `kics-scan ignore` is a marker.',
    '```yaml',
    'rules:',
    '  aws-cloudwatch-log-retention:',
    '    params: { minRetentionDays: 365, minimumDays: 1 }',
    '  CKV_AWS_16: warn',
    '  phi-made-up: off',
    'waivers:',
    '  - rule: aws-rds-storage-encrypted   # by id',
    '```',
    'safeguard: .safeguard.yaml:3:30: rules.aws-typo: expected "off"',
    '"ruleId": "aws-rds-storage-encrypted",',
    '# safeguard:ignore aws-kms-key-rotation,aws-other-typo reason',
  ].join('\n');
  const mentions = mentionedRuleIds(text, 'x.md');
  assert.deepEqual(mentions.map((m) => m.id).sort(), [
    'aws-cloudwatch-log-retention',
    'aws-kms-key-rotation',
    'aws-kms-key-rotation',
    'aws-made-up',
    'aws-other-typo',
    'aws-rds-storage-encrypted',
    'aws-rds-storage-encrypted',
    'aws-s3-bucket-encryption-at-rest',
    'aws-typo',
    'phi-made-up',
    'tf-made-up',
  ]);
  assert.deepEqual(problemsOf(mentions).sort(), [
    'x.md:13: aws-typo is no rule id, alias or peer id',
    'x.md:15: aws-other-typo is no rule id, alias or peer id',
    'x.md:2: aws-made-up is no rule id, alias or peer id',
    'x.md:2: tf-made-up is no rule id, alias or peer id',
    'x.md:6: aws-cloudwatch-log-retention has no parameter minimumDays (it has minRetentionDays)',
    'x.md:9: phi-made-up is no rule id, alias or peer id',
  ]);
});

test('every rule id in README.md, docs/*.md and the CLI help names a rule, with parameters it has', () => {
  const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const mentions = files.flatMap((file) => mentionedRuleIds(readFileSync(file, 'utf8'), file));
  for (const command of [[], ['scan'], ['fix'], ['baseline', 'create'], ['controls'], ['evidence'], ['explain'], ['rules'], ['waivers', 'add'], ['policy', 'test']]) {
    const help = runCli([...command, '--help']);
    assert.equal(help.status, 0, `${command.join(' ')} --help: ${help.stderr}`);
    mentions.push(...mentionedRuleIds(help.stdout, `safeguard ${[...command, '--help'].join(' ')}`));
  }
  assert.ok(mentions.length >= 10, `only ${mentions.length} ids found: is the extraction still reading the docs?`);
  assert.deepEqual(problemsOf(mentions), []);
});
