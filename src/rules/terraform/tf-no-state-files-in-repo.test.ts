import rule from './tf-no-state-files-in-repo.js';
import { testRule } from '../../testing/rule-tester.js';

const main = 'terraform {\n  required_version = "~> 1.9"\n}\n';

testRule(rule, {
  pass: [
    { name: 'no state files', terraform: { 'main.tf': main, 'README.md': '# infra\n' } },
    { name: 'backend config of an initialised working copy is not state', terraform: { 'main.tf': main, '.terraform/terraform.tfstate': '{}' } },
    { name: 'local backend writing outside the repository', terraform: 'terraform {\n  backend "local" {\n    path = "/var/lib/terraform/phi.tfstate"\n  }\n}\n' },
  ],
  fail: [
    { name: 'committed state file, finding on the whole file', terraform: { 'main.tf': main, 'envs/prod/terraform.tfstate': '{"version": 4}' }, findings: [{ file: 'envs/prod/terraform.tfstate', line: 1, column: 1, message: /state file.*whole file/ }] },
    { name: 'state backup and crash log', terraform: { 'main.tf': main, 'terraform.tfstate.backup': '{}', 'crash.log': 'panic' }, findings: [{ file: 'crash.log', line: 1 }, { file: 'terraform.tfstate.backup', line: 1 }] },
  ],
});
