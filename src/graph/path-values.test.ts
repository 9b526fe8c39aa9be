// path.cwd, path.root and path.module as terraform console 1.11.4 gave them in a root module at
// examples/complete calling ../../modules/x (issue 4: the corpus examples name everything
// "ex-${basename(path.cwd)}"; the scan had "ex-.").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { evaluateFiles, valueOf } from './testing-helpers.js';

const CHILD = `
output "cwd_name" { value = basename(path.cwd) }
output "root" { value = path.root }
`;

const ROOT = `
module "x" { source = "../../modules/x" }
output "name" { value = "ex-\${basename(path.cwd)}" }
output "text" { value = file("\${path.cwd}/../fixtures/a.txt") }
output "root" { value = path.root }
output "child_cwd_name" { value = module.x.cwd_name }
output "child_root" { value = module.x.root }
`;

test('path.cwd is the root module directory: its basename is the directory name, a path built on it reads the same file', () => {
  const { model, diagnostics } = evaluateFiles({ 'examples/complete/main.tf': ROOT, 'modules/x/main.tf': CHILD, 'examples/fixtures/a.txt': 'hello' });
  const value = (name: string): unknown => model.outputs.find((o) => o.module === '' && o.name === name)?.value.value;
  const cases: [string, unknown][] = [
    ['name', 'ex-complete'],
    ['text', 'hello'],
    ['root', '.'],
    ['child_cwd_name', 'complete'],
    ['child_root', '.'],
  ];
  for (const [name, expected] of cases) assert.deepEqual(value(name), expected, name);
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
});

test('a root module at the scan root keeps path.cwd "." (the evaluation is not given its directory name)', () => {
  const { model } = evaluateFiles({ 'main.tf': 'output "o" { value = path.cwd }\n' });
  assert.equal(model.outputs.find((o) => o.name === 'o')?.value.value, '.');
});

test('pathexpand() of a path under "~" is unknown (the home directory of whoever runs Terraform); another path is as written', () => {
  // terraform console 1.11.4 (run as root): "/root", "/root/x", "a/~", true.
  const cases: [string, unknown][] = [
    ['pathexpand("~")', 'unknown'],
    ['pathexpand("~/x")', 'unknown'],
    ['substr(pathexpand("~"), 0, 1) == "/"', 'unknown'],
    ['pathexpand("a/~")', 'a/~'],
    ['pathexpand("/etc")', '/etc'],
  ];
  for (const [expr, expected] of cases) {
    const value = valueOf(expr);
    assert.deepEqual(isUnknown(value) ? 'unknown' : value, expected, expr);
  }
});
