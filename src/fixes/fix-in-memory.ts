// Fixing a map of file texts with no file system: evaluate, run the rules, fix, repeat. Used by
// the fixer's tests and the per-rule fix checks (issue 10: bad example → fix → re-parse → re-scan →
// re-fix changes nothing).
import { runRules } from '../engine/run-rules.js';
import { evaluateTerraform } from '../graph/index.js';
import type { AnyRule } from '../rules/define-rule.js';
import { fixFiles, type FixOptions, type FixRun } from './fix-files.js';

export const FIX_TEST_TODAY = '2026-01-01';

export function findingsOf(files: ReadonlyMap<string, string>, rules: readonly AnyRule[]) {
  const evaluated = evaluateTerraform({ files, readFile: (p) => files.get(p) });
  return runRules(evaluated.model, rules, { today: FIX_TEST_TODAY }).findings;
}

export function fixInMemory(files: Readonly<Record<string, string>> | ReadonlyMap<string, string>, rules: readonly AnyRule[], options: FixOptions): Promise<FixRun> {
  const initial = files instanceof Map ? (files as ReadonlyMap<string, string>) : new Map(Object.entries(files));
  return fixFiles(initial, async (current) => findingsOf(current, rules), options);
}
