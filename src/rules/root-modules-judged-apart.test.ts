// Root modules are separate deployments (dev and prod stacks, one per account, often with the same
// addresses and names): what one holds must not change how another is judged. For every built-in
// rule, each good and bad example is scanned beside each other one in a second root module, both
// ways round, and the findings about each root must be those it gets scanned alone. Five rules
// found this way had looked a resource up by address or name in every root (an alarm topic's key,
// a data alias, a replica destination, a state bucket, a for_each key's SSN). A source scan judges
// each root module on its own model (pipeline/unit-judging.ts): this is what makes that safe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { findingsByRoot as findingsOf } from '../testing/findings-by-root.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

function findingsByRoot(rule: AnyRule, files: Record<string, string>): Map<string, string[]> {
  return findingsOf(rule, files, describe1);
}

function describe1(f: Finding): string {
  return `${f.status} ${f.resource.address} ${f.span.file}:${f.span.start.line}:${f.span.start.column} ${f.message}`;
}

describe('each root module is judged as if scanned alone', () => {
  for (const rule of allRules as readonly AnyRule[]) {
    const examples = rule.examples.terraform;
    // A rule judged across root modules says why in its metadata (acrossRoots), and a source scan judges it on them all.
    if (!examples || rule.acrossRoots !== undefined) continue;
    test(rule.id, () => {
      const inputs = [...examples.good.map((text, i) => [`good ${i + 1}`, text] as const), ...examples.bad.map((text, i) => [`bad ${i + 1}`, text] as const)];
      const alone = (dir: string, text: string): string[] => findingsByRoot(rule, { [`${dir}/main.tf`]: text }).get(dir) ?? [];
      for (const [first, firstText] of inputs) {
        for (const [second, secondText] of inputs) {
          if (first === second) continue;
          const together = findingsByRoot(rule, { 'a/main.tf': firstText, 'b/main.tf': secondText });
          assert.deepEqual(together.get('a') ?? [], alone('a', firstText), `${first} in a, beside ${second} in b`);
          assert.deepEqual(together.get('b') ?? [], alone('b', secondText), `${second} in b, beside ${first} in a`);
        }
      }
    });
  }
});
