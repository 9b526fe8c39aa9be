// The bundled examples are a contract: every `# expect: <rule-id>` comment in examples/noncompliant
// marks a planted misconfiguration that the scan must report right there, and examples/hipaa-baseline
// must scan clean with every rule on.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluateTerraform } from '../graph/index.js';
import { createInfraModel } from '../graph/infra-model.js';
import { isSweptName } from '../pipeline/document-sweep.js';
import { DOCUMENT_RULE_IDS } from '../rules/terraform/document-scan.js';
import { runRules } from '../engine/run-rules.js';
import { allRules } from '../rules/index.js';
import type { Finding } from '../engine/finding.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(tf|tfvars|tf\.json|tfvars\.json)$|\.terraform\.lock\.hcl$/.test(name) || isSweptName(name)) files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function scanExample(name: string): { findings: readonly Finding[]; files: Map<string, string>; errors: string[] } {
  const files = readTree(join(ROOT, 'examples', name));
  // Other text files (.env, YAML) go to the secret and PHI sweep, as in a scan.
  const documents = [...files].filter(([path]) => isSweptName(path)).map(([path, text]) => ({ path, text }));
  const terraform = new Map([...files].filter(([path]) => !isSweptName(path)));
  const evaluated = evaluateTerraform({ files: terraform, readFile: (p) => terraform.get(p) });
  const result = runRules(evaluated.model, allRules, { today: '2026-01-01' });
  const swept = runRules(createInfraModel({ resources: [], repo: { documents } }), allRules.filter((r) => DOCUMENT_RULE_IDS.has(r.id)), { today: '2026-01-01' });
  const errors = [...evaluated.diagnostics, ...result.diagnostics].filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  return { findings: [...result.findings, ...swept.findings], files, errors };
}

const show = (fs: readonly Finding[]): string => fs.map((f) => `  ${f.ruleId} ${f.span.file}:${f.span.start.line} ${f.message}`).join('\n');

describe('examples/noncompliant', () => {
  const { findings, files, errors } = scanExample('noncompliant');
  test('parses and evaluates without errors', () => assert.deepEqual(errors, []));
  const expectations: { file: string; line: number; rule: string }[] = [];
  for (const [file, text] of files) {
    text.split(/\r?\n/).forEach((line, i) => {
      const m = /#\s*expect:\s*(.+)$/.exec(line);
      if (m) for (const rule of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) expectations.push({ file, line: i + 1, rule });
    });
  }
  test('plants at least 20 misconfigurations', () => assert.ok(expectations.length >= 20, `${expectations.length} planted`));
  for (const e of expectations) {
    test(`${e.file}:${e.line} trips ${e.rule}`, () => {
      const failures = findings.filter((f) => f.status === 'fail' && f.ruleId === e.rule);
      // The finding points at the marked line's next line (the attribute) or at the block that begins there,
      // or at a tfvars/variable line the value travelled through.
      const hit = failures.some(
        (f) =>
          (f.span.file === e.file && f.span.start.line <= e.line + 1 && f.span.end.line >= e.line + 1) ||
          f.related.some((r) => r.span.file === e.file && r.span.start.line === e.line + 1),
      );
      assert.ok(hit, `no ${e.rule} failure covering ${e.file}:${e.line + 1}; failures of that rule:\n${show(failures)}`);
    });
  }
});

describe('examples/hipaa-baseline', () => {
  const { findings, errors } = scanExample('hipaa-baseline');
  test('parses and evaluates without errors', () => assert.deepEqual(errors, []));
  test('has no failing finding with every rule on', () => {
    assert.deepEqual(show(findings.filter((f) => f.status === 'fail')), '');
  });
  test('judges a substantial part of the pack', () => {
    const judged = new Set(findings.filter((f) => f.status === 'pass').map((f) => f.ruleId));
    assert.ok(judged.size >= 60, `only ${judged.size} rules passed on the baseline`);
  });
});
