// The GitHub Action (action.yml, a composite action) and the GitLab CI template are YAML that the
// runners load before anything runs: a file that does not parse fails every workflow that uses it.
// action.yml did not (an unquoted description holding `permissions: security-events: write`, a
// mapping inside a plain scalar, which GitHub's and every other YAML parser refuse).
//
// The category its SARIF upload gets: GitHub keeps one analysis per tool and category for a commit,
// so an upload replaces the results of the last one with the same category and closes the alerts it
// no longer holds. With one category for every path, a workflow scanning two stacks (two steps, or a
// matrix over `path`) kept only the last upload's alerts open.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { tempDir } from '../../testing/temp-dir.js';

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

const action = load('action.yml') as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };

/** The category the action uploads with for these inputs: its `category` step run as the runner runs it. */
function categoryFor(inputs: { path: string; category?: string }): string {
  const step = action.runs.steps.find((s) => s.id === 'category');
  assert.ok(step?.run, 'a step with id category computes it');
  assert.deepEqual(step.env, { SG_PATH: '${{ inputs.path }}', SG_CATEGORY: '${{ inputs.category }}' });
  const output = path.join(tempDir('safeguard-action-'), 'output');
  execFileSync('bash', ['-e', '-c', step.run], { env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, SG_PATH: inputs.path, SG_CATEGORY: inputs.category ?? action.inputs.category?.default ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return /^category=(.*)$/m.exec(readFileSync(output, 'utf8'))?.[1] ?? '';
}

test('the SARIF upload takes the computed category', () => {
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.equal(upload?.with?.category, '${{ steps.category.outputs.category }}');
});

test('the scan writes the computed category into the SARIF file (--sarif-category), after computing it', () => {
  // upload-sarif leaves a run's automationDetails alone when it has one: the file and the upload must agree.
  const ids = action.runs.steps.map((s) => s.id);
  assert.ok(ids.indexOf('category') >= 0 && ids.indexOf('category') < ids.indexOf('scan'), ids.join(', '));
  const scan = action.runs.steps.find((s) => s.id === 'scan');
  assert.equal(scan?.env?.SG_SARIF_CATEGORY, '${{ steps.category.outputs.category }}');
  assert.match(scan?.run ?? '', /--format "sarif:\$SG_SARIF" --sarif-category "\$SG_SARIF_CATEGORY"/);
});

test('each scanned path has a category of its own, and the whole repository keeps the one it had', () => {
  assert.equal(categoryFor({ path: '.' }), 'safeguard', 'unchanged for existing workflows: their alerts stay theirs');
  assert.equal(categoryFor({ path: 'envs/prod' }), 'safeguard/envs/prod');
  assert.equal(categoryFor({ path: './envs/prod/' }), 'safeguard/envs/prod', 'one stack, however it is written');
  assert.notEqual(categoryFor({ path: 'envs/prod' }), categoryFor({ path: 'envs/stage' }), 'two legs of a matrix over path');
  assert.equal(categoryFor({ path: 'envs/a  envs/b' }), 'safeguard/envs/a+envs/b');
  assert.equal(categoryFor({ path: 'envs/*' }), 'safeguard/envs/*', 'a word is not expanded as a glob');
  assert.equal(categoryFor({ path: 'envs/prod', category: 'prod-eu' }), 'prod-eu', 'a given category is used as given');
});
