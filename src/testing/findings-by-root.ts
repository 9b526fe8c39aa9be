// Test helper for the differentials that scan one rule's examples in several root modules
// (root-modules-judged-apart.test.ts, accounts-judged-apart.test.ts): the findings about each
// root module, each as one line.
import { runRules } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import { evaluateTerraform } from '../graph/index.js';
import type { AnyRule } from '../rules/define-rule.js';

/** Top directory of each finding's file → the findings there, described by `describe`, sorted. */
export function findingsByRoot(rule: AnyRule, files: Record<string, string>, describe: (f: Finding) => string): Map<string, string[]> {
  const texts = new Map(Object.entries(files));
  const { model } = evaluateTerraform({ files: texts, readFile: (p) => texts.get(p) });
  const out = new Map<string, string[]>();
  for (const f of runRules(model, [rule], { today: '2026-01-01' }).findings) {
    const root = f.span.file.slice(0, f.span.file.indexOf('/'));
    const list = out.get(root) ?? [];
    list.push(describe(f));
    out.set(root, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}
