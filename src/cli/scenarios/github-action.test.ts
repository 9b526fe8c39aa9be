// The GitHub Action (action.yml, a composite action) and the GitLab CI template are YAML that the
// runners load before anything runs: a file that does not parse fails every workflow that uses it.
// action.yml did not (an unquoted description holding `permissions: security-events: write`, a
// mapping inside a plain scalar, which GitHub's and every other YAML parser refuse).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from 'yaml';

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}

/** The file parsed strictly: YAML errors (and warnings) fail the test. */
function load(file: string): unknown {
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, strict: true, uniqueKeys: true });
  assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], file);
  return doc.toJS();
}

test('action.yml and the GitLab template parse as YAML', () => {
  load('templates/safeguard.gitlab-ci.yml');
  load('.pre-commit-hooks.yaml');
  const action = load('action.yml') as { inputs: Record<string, { description?: unknown; default?: unknown }>; runs: { using: string; steps: Step[] } };
  assert.equal(action.runs.using, 'composite');
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.equal(typeof input.description, 'string', `inputs.${name}.description`);
    assert.equal(typeof input.default, 'string', `inputs.${name}.default: the runner passes strings`);
  }
  // Every input the steps read is declared (a typo reads as an empty string, silently).
  const used = new Set([...JSON.stringify(action.runs.steps).matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!));
  for (const name of used) assert.ok(name in action.inputs, `inputs.${name} is used but not declared`);
});
