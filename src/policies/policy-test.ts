// `safeguard policy test`: every policy's own examples, run through the real parser, evaluator and
// engine (as src/testing/rule-tester.ts does for built-in rules). A bad example must fail the
// policy; a good one must pass it and fail nothing, so a bundle can be tested in CI.
import { runRules } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import { evaluateTerraform } from '../graph/index.js';
import type { AnyRule } from '../rules/define-rule.js';

export interface ExampleResult {
  readonly ruleId: string;
  /** 'good[0]', 'bad[1]', or 'examples' when the rule has none. */
  readonly example: string;
  readonly ok: boolean;
  /** Why it failed (empty when ok). */
  readonly problem: string;
}

const TODAY = '2026-01-01';

function summarise(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings (does the example declare a resource the policy applies to?)';
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

export function runExample(rule: AnyRule, text: string): { findings: readonly Finding[]; errors: readonly string[] } {
  const files = new Map([['main.tf', text]]);
  const evaluated = evaluateTerraform({ files, readFile: (p) => files.get(p) });
  const run = runRules(evaluated.model, [rule], { today: TODAY, inlineSuppressions: false });
  const errors = [...evaluated.diagnostics, ...evaluated.model.diagnostics, ...run.diagnostics]
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.span ? `main.tf:${d.span.start.line}:${d.span.start.column}: ` : ''}${d.message}`);
  return { findings: run.findings.filter((f) => f.ruleId === rule.id), errors };
}

export function testExamples(rule: AnyRule): ExampleResult[] {
  const examples = rule.examples.terraform;
  if (!examples || examples.good.length === 0 || examples.bad.length === 0) {
    return [{ ruleId: rule.id, example: 'examples', ok: false, problem: 'needs at least one good and one bad example (examples: {good: [...], bad: [...]})' }];
  }
  const results: ExampleResult[] = [];
  examples.bad.forEach((text, i) => {
    const { findings, errors } = runExample(rule, text);
    const failed = findings.filter((f) => f.status === 'fail').length;
    const problem = errors.length > 0 ? `the example does not parse: ${errors[0]}` : failed === 0 ? `expected the policy to fail, got ${summarise(findings)}` : '';
    results.push({ ruleId: rule.id, example: `bad[${i}]`, ok: problem === '', problem });
  });
  examples.good.forEach((text, i) => {
    const { findings, errors } = runExample(rule, text);
    const notPassing = findings.filter((f) => f.status !== 'pass');
    const problem =
      errors.length > 0
        ? `the example does not parse: ${errors[0]}`
        : notPassing.length > 0
          ? `expected the policy to pass, got ${summarise(findings)}${notPassing[0] ? `: ${notPassing[0].message}` : ''}`
          : findings.length === 0
            ? `expected the policy to pass, got ${summarise(findings)}`
            : '';
    results.push({ ruleId: rule.id, example: `good[${i}]`, ok: problem === '', problem });
  });
  return results;
}
