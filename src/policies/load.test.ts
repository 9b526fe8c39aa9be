// Loading policy bundles: directories searched recursively for .yaml/.yml, files named directly,
// duplicate and built-in ids rejected at the policy's id, missing bundles reported separately.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { loadPolicies } from './load.js';

const policy = (id: string): string => `metadata:\n  id: ${id}\n  name: Policy ${id}\ndefinition:\n  cond_type: attribute\n  resource_types: all\n  attribute: tags.owner\n  operator: exists\n`;

test('directories are searched recursively for YAML policies; other files and node_modules are ignored', () => {
  const fs = memoryFileSystem({
    files: {
      '/repo/policies/a.yaml': policy('acme-a'),
      '/repo/policies/nested/b.yml': policy('acme-b'),
      '/repo/policies/README.md': '# not a policy',
      '/repo/policies/plugin/pack.js': 'export default []',
      '/repo/policies/node_modules/x/c.yaml': policy('acme-c'),
      '/repo/single.yaml': policy('acme-d'),
    },
  });
  const loaded = loadPolicies(fs, { cwd: '/repo', paths: ['policies', '/repo/single.yaml'] });
  assert.deepEqual(loaded.diagnostics, []);
  assert.deepEqual(loaded.files, ['policies/a.yaml', 'policies/nested/b.yml', 'single.yaml']);
  assert.deepEqual(loaded.rules.map((r) => r.id), ['acme-a', 'acme-b', 'acme-d']);
});

test('a duplicate id and a built-in id are errors at the id; the other policies still load', () => {
  const fs = memoryFileSystem({ files: { '/r/p/1.yaml': policy('acme-a'), '/r/p/2.yaml': policy('ACME-A'), '/r/p/3.yaml': policy('aws-s3-bucket-tls-only'), '/r/p/4.yaml': policy('acme-b') } });
  const loaded = loadPolicies(fs, { cwd: '/r', paths: ['p'], reservedIds: new Set(['aws-s3-bucket-tls-only']) });
  assert.deepEqual(loaded.rules.map((r) => r.id), ['acme-a', 'acme-b']);
  assert.deepEqual(
    loaded.diagnostics.map((d) => `${d.span?.file}:${d.span?.start.line}:${d.span?.start.column} ${d.message}`),
    ['p/2.yaml:2:7 metadata.id: policy id ACME-A is already defined at p/1.yaml:2:7.', 'p/3.yaml:2:7 metadata.id: aws-s3-bucket-tls-only is the id of a built-in rule.'],
  );
});

test('a missing bundle is reported apart from invalid files', () => {
  const loaded = loadPolicies(memoryFileSystem({ files: {} }), { cwd: '/r', paths: ['nope'] });
  assert.equal(loaded.missing.length, 1);
  assert.match(loaded.missing[0]!.message, /Policy bundle nope does not exist/);
});
