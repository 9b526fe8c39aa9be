// Terraform's JSON syntax must not change a verdict: every rule's good and bad examples, judged as
// written (native syntax) and converted to a .tf.json file (testing/to-json-syntax.ts, the form
// CDK for Terraform and in-house generators write), give the same outcomes: status, address and
// message, with positions taken out (a finding in JSON points at the key that names the block).
// The rule tester checks every rule's test cases the same way. Found this way (stop 39): a nested
// block named `provider` read as the meta-argument (EKS encryption_config), aws_ssm_document's
// permissions map read as a block; a corpus scan converted alike found provider_meta refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runRules } from '../engine/run-rules.js';
import { evaluateTerraform } from '../graph/index.js';
import { NATIVE_ONLY, NoJsonForm, treeToJsonSyntax, unplacedVerdict } from '../testing/to-json-syntax.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

function verdicts(rule: AnyRule, files: Record<string, string>): string[] {
  const texts = new Map(Object.entries(files));
  const { model, diagnostics } = evaluateTerraform({ files: texts, readFile: (p) => texts.get(p) });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], 'the configuration evaluates cleanly');
  return runRules(model, [rule], { today: '2026-01-01' }).findings.map(unplacedVerdict).sort();
}

describe('verdicts do not depend on writing Terraform in JSON syntax', () => {
  for (const rule of allRules as readonly AnyRule[]) {
    const examples = rule.examples.terraform;
    if (!examples || NATIVE_ONLY.has(rule.id)) continue;
    test(rule.id, (t) => {
      const differences: string[] = [];
      for (const [label, text] of [...examples.good.map((t, i) => [`good ${i + 1}`, t] as const), ...examples.bad.map((t, i) => [`bad ${i + 1}`, t] as const)]) {
        let json: Record<string, string>;
        try {
          json = treeToJsonSyntax({ 'main.tf': text });
        } catch (e) {
          // No faithful JSON form (to-json-syntax.ts says which): said, not guessed.
          if (e instanceof NoJsonForm) {
            t.diagnostic(`${label} skipped: ${e.message}`);
            continue;
          }
          throw e;
        }
        const native = verdicts(rule, { 'main.tf': text });
        const converted = verdicts(rule, json);
        if (JSON.stringify(converted) !== JSON.stringify(native)) differences.push(`${label}:\n  native: ${native.join('\n          ')}\n  JSON:   ${converted.join('\n          ')}\n${json['main.tf.json']}`);
      }
      assert.deepEqual(differences, []);
    });
  }
});
