// Where resources are written must not change their verdicts: every rule's good and bad examples
// judged as a root module, inside a child module a root calls (once, and for each of two keys), and
// with each resource counted once (`count = 1`, referred to by [0]) give the same outcomes, but for
// the addresses' module path and instance key. Real code bases keep almost everything in modules
// and behind count/for_each; the examples are written flat. Checked across every rule's test cases
// once (stop 37): the differences left are the rules below, each for the reason given.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runRules } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import { evaluateTerraform } from '../graph/index.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

/** Rules whose outcome depends on where the resource is written, on purpose. */
const PLACED: ReadonlyMap<string, string> = new Map([
  ['tf-required-version-pinned', 'a root module holding only a module call anchors its finding at the file, not at a resource'],
  ['tf-dependency-lock-file', 'anchored like tf-required-version-pinned'],
  ['tf-remote-state-encrypted', 'anchored like tf-required-version-pinned'],
  ['tf-remote-state-locked', 'anchored like tf-required-version-pinned'],
  ['tf-no-state-files-in-repo', 'anchored like tf-required-version-pinned'],
  ['tf-provider-versions-pinned', 'a provider used in a child module is judged at the use'],
]);

/** A verdict with the placement taken out: module path, instance key, file and line (which move). */
function verdict(f: Finding): string {
  const address = f.resource.address.replace(/^module\.m(\["[ab]"\])?\./, '').replace(/\[0\]/g, '');
  const message = f.message.replace(/module\.m(\["[ab]"\])?\./g, '').replace(/\[0\]/g, '');
  return `${f.status} ${address} ${message}`;
}

function verdicts(rule: AnyRule, files: Record<string, string>): string[] {
  const texts = new Map(Object.entries(files));
  const { model, diagnostics } = evaluateTerraform({ files: texts, readFile: (p) => texts.get(p) });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.message), [], 'the placed example evaluates cleanly');
  return [...new Set(runRules(model, [rule], { today: '2026-01-01' }).findings.map(verdict))].sort();
}

/** Every top-level resource counted once, and every reference to it by [0]; undefined where that does not apply simply. */
function counted(text: string): string | undefined {
  const names = [...text.matchAll(/^resource\s+"([^"]+)"\s+"([^"]+)"\s*\{/gm)].map((m) => [m[1]!, m[2]!] as const);
  if (names.length === 0 || /^\s*(count|for_each)\s*=|dynamic|depends_on|\[\*\]|\.\*|lifecycle|\b(?:self|each|count)\./m.test(text)) return undefined;
  let out = text.replace(/^(resource\s+"[^"]+"\s+"[^"]+"\s*\{)[ \t]*\}[ \t]*$/gm, '$1\n}').replace(/^(resource\s+"[^"]+"\s+"[^"]+"\s*\{)[ \t]*\n/gm, '$1\n  count = 1\n');
  for (const [type, name] of names) out = out.replace(new RegExp(`\\b${type}\\.${name}\\.`, 'g'), `${type}.${name}[0].`);
  return out;
}

const standalone = (text: string): boolean => !/^\s*(terraform|provider|variable|output|module)\s/m.test(text);

describe('verdicts do not depend on where a resource is written', () => {
  for (const rule of allRules as readonly AnyRule[]) {
    const examples = rule.examples.terraform;
    if (!examples || PLACED.has(rule.id)) continue;
    test(rule.id, () => {
      for (const [label, text] of [...examples.good.map((t, i) => [`good ${i + 1}`, t] as const), ...examples.bad.map((t, i) => [`bad ${i + 1}`, t] as const)]) {
        if (!standalone(text)) continue;
        const flat = verdicts(rule, { 'main.tf': text });
        assert.deepEqual(verdicts(rule, { 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': text }), flat, `${label} in a child module`);
        assert.deepEqual(verdicts(rule, { 'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n}\n', 'm/main.tf': text }), flat, `${label} in a module called for each of two keys`);
        const once = counted(text);
        if (once !== undefined) assert.deepEqual(verdicts(rule, { 'main.tf': once }), flat, `${label} with each resource counted once`);
      }
    });
  }
});
