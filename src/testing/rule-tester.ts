// The rule tester (STYLE.md §7): table cases plus every `examples` entry of the rule, run through
// the real parser and evaluator, so a rule is always tested on evaluated Terraform.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateTerraform } from '../graph/index.js';
import { runRules } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import type { AnyRule, RuleParams, Rule, Subject } from '../rules/define-rule.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { NATIVE_ONLY, NoJsonForm, treeToJsonSyntax, unplacedVerdict } from './to-json-syntax.js';

export type TerraformFiles = string | Readonly<Record<string, string>>;

export interface ExpectedFinding {
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly file?: string;
  readonly message?: RegExp;
}

export interface RuleCase {
  readonly name: string;
  readonly terraform: TerraformFiles;
  readonly params?: RuleParams;
  /** The scan's day (YYYY-MM-DD) for date-aware rules; TEST_TODAY when absent. */
  readonly today?: string;
}

export interface FailCase extends RuleCase {
  readonly findings?: readonly ExpectedFinding[];
}

export interface RuleCases {
  readonly pass?: readonly RuleCase[];
  readonly fail?: readonly FailCase[];
  readonly unknown?: readonly RuleCase[];
}

export const TEST_TODAY = '2026-01-01';

function filesOf(terraform: TerraformFiles): Map<string, string> {
  return typeof terraform === 'string' ? new Map([['main.tf', terraform]]) : new Map(Object.entries(terraform));
}

export interface RuleRun {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse, evaluate and run one rule over an in-memory Terraform tree. */
export function runRuleOn(rule: AnyRule, terraform: TerraformFiles, params?: RuleParams, today: string = TEST_TODAY): RuleRun {
  const files = filesOf(terraform);
  const evaluated = evaluateTerraform({ files, readFile: (path) => files.get(path) });
  const settings = params ? new Map([[rule.id, { params }]]) : undefined;
  const result = runRules(evaluated.model, [rule], { today, ...(settings ? { settings } : {}) });
  return { findings: result.findings, diagnostics: [...evaluated.diagnostics, ...result.diagnostics] };
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.status} ${f.span.file}:${f.span.start.line}:${f.span.start.column} ${f.resource.address}: ${f.message}`).join('\n') || '  (none)';
}

function assertParsed(run: RuleRun, label: string): void {
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, `${label}: the input must parse and evaluate cleanly, got:\n${errors.map((e) => `  ${e.code} ${e.message}`).join('\n')}`);
}

export function testRule<T extends Subject, P extends RuleParams>(rule: Rule<T, P>, cases: RuleCases): void {
  const anyRule = rule as unknown as AnyRule;
  describe(rule.id, () => {
    test('metadata is complete', () => {
      assert.match(rule.id, /^(aws|tf|phi|az|gcp|k8s)-[a-z0-9-]+$/, 'rule ids are lower-case, provider first');
      assert.ok(rule.controls.length > 0, 'a rule names at least one HIPAA control');
      assert.ok(rule.title.length > 0 && rule.why.length > 0 && rule.howToFix.length > 0, 'title, why and howToFix are required');
      const examples = rule.examples.terraform;
      assert.ok(examples && examples.bad.length > 0 && examples.good.length > 0, 'at least one bad and one good Terraform example');
      const names = [...(cases.pass ?? []), ...(cases.fail ?? []), ...(cases.unknown ?? [])].map((c) => c.name);
      assert.equal(new Set(names).size, names.length, 'case names are unique');
    });

    (rule.examples.terraform?.bad ?? []).forEach((text, i) => {
      test(`bad example ${i + 1} gives exactly one failure`, () => {
        const run = runRuleOn(anyRule, text);
        assertParsed(run, `bad example ${i + 1}`);
        const failures = run.findings.filter((f) => f.status === 'fail');
        assert.equal(failures.length, 1, `expected exactly one failure, got:\n${describeFindings(run.findings)}`);
      });
    });
    (rule.examples.terraform?.good ?? []).forEach((text, i) => {
      test(`good example ${i + 1} gives no failure`, () => {
        const run = runRuleOn(anyRule, text);
        assertParsed(run, `good example ${i + 1}`);
        const failures = run.findings.filter((f) => f.status === 'fail' || f.status === 'unknown');
        assert.equal(failures.length, 0, `expected no failure or unknown, got:\n${describeFindings(run.findings)}`);
      });
    });

    for (const c of cases.pass ?? []) {
      test(`passes: ${c.name}`, () => {
        const run = runRuleOn(anyRule, c.terraform, c.params, c.today);
        assertParsed(run, c.name);
        assert.equal(run.findings.filter((f) => f.status !== 'pass').length, 0, `expected only passes, got:\n${describeFindings(run.findings)}`);
        assert.ok(run.findings.some((f) => f.status === 'pass'), 'the rule judged nothing: a pass case must produce at least one pass');
      });
    }
    for (const c of cases.fail ?? []) {
      test(`fails: ${c.name}`, () => {
        const run = runRuleOn(anyRule, c.terraform, c.params, c.today);
        assertParsed(run, c.name);
        const failures = run.findings.filter((f) => f.status === 'fail');
        assert.ok(failures.length > 0, `expected a failure, got:\n${describeFindings(run.findings)}`);
        if (c.findings) {
          assert.equal(failures.length, c.findings.length, `expected ${c.findings.length} failures, got:\n${describeFindings(failures)}`);
          c.findings.forEach((expected, i) => {
            const actual = failures[i]!;
            assert.equal(actual.span.start.line, expected.line, `failure ${i + 1} line`);
            if (expected.column !== undefined) assert.equal(actual.span.start.column, expected.column, `failure ${i + 1} column`);
            if (expected.endLine !== undefined) assert.equal(actual.span.end.line, expected.endLine, `failure ${i + 1} end line`);
            if (expected.endColumn !== undefined) assert.equal(actual.span.end.column, expected.endColumn, `failure ${i + 1} end column`);
            if (expected.file !== undefined) assert.equal(actual.span.file, expected.file, `failure ${i + 1} file`);
            if (expected.message) assert.match(actual.message, expected.message);
          });
        }
      });
    }
    // The same cases written in Terraform's JSON syntax (.tf.json, as CDK for Terraform writes it)
    // must be judged alike: status, address and message, positions taken out (to-json-syntax.ts).
    const nativeOnly = NATIVE_ONLY.get(rule.id);
    test('judges its cases alike written in JSON syntax', { skip: nativeOnly ?? false }, (t) => {
      const differences: string[] = [];
      for (const c of [...(cases.pass ?? []), ...(cases.fail ?? []), ...(cases.unknown ?? [])]) {
        const files = typeof c.terraform === 'string' ? { 'main.tf': c.terraform } : c.terraform;
        let json: Record<string, string>;
        try {
          json = treeToJsonSyntax(files);
        } catch (e) {
          if (e instanceof NoJsonForm) {
            t.diagnostic(`${c.name} skipped: ${e.message}`);
            continue;
          }
          throw e;
        }
        const outcome = (run: RuleRun): string[] => [...run.diagnostics.filter((d) => d.severity === 'error').map((d) => `error ${d.code} ${d.message}`), ...run.findings.map(unplacedVerdict)].sort();
        const native = outcome(runRuleOn(anyRule, files, c.params, c.today));
        const converted = outcome(runRuleOn(anyRule, json, c.params, c.today));
        if (JSON.stringify(converted) !== JSON.stringify(native)) differences.push(`${c.name}:\n  native: ${native.join('\n          ')}\n  JSON:   ${converted.join('\n          ')}\n${Object.values(json).join('\n')}`);
      }
      assert.deepEqual(differences, []);
    });
    for (const c of cases.unknown ?? []) {
      test(`unknown: ${c.name}`, () => {
        const run = runRuleOn(anyRule, c.terraform, c.params, c.today);
        assertParsed(run, c.name);
        assert.equal(run.findings.filter((f) => f.status === 'fail').length, 0, `an apply-time value must not fail:\n${describeFindings(run.findings)}`);
        assert.ok(run.findings.some((f) => f.status === 'unknown'), `expected an unknown outcome, got:\n${describeFindings(run.findings)}`);
      });
    }
  });
}
