import { terraformArtifactKind } from '../../discovery/terraform-artifacts.js';
import type { InfraModel } from '../../model/infra-model.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';
import { backendsOf } from './backend.js';
import { rootAnchor, rootDirs, wholeFileSpan } from './root-modules.js';

interface RepoFile extends Subject {
  readonly type: 'file' | 'repository';
  /** What the file is, for the message; undefined for the repository-level pass. */
  readonly problem?: string;
  /** The finding is about the whole file (its span covers no text). */
  readonly wholeFile?: boolean;
}

const DESCRIBED: Readonly<Record<NonNullable<ReturnType<typeof terraformArtifactKind>>, string>> = {
  state: 'a Terraform state file',
  'state backup': 'a Terraform state backup',
  'workspace state': 'a workspace state file (terraform.tfstate.d)',
  'crash log': 'a Terraform crash log',
  'saved plan': 'a saved Terraform plan (it embeds the configuration and state values)',
};

function problemOf(file: string, crashLogs: boolean): string | undefined {
  const kind = terraformArtifactKind(file);
  return kind === undefined || (kind === 'crash log' && !crashLogs) ? undefined : DESCRIBED[kind];
}

function targets(model: InfraModel, crashLogs: boolean): RepoFile[] {
  const found: RepoFile[] = [];
  for (const file of model.repo.files) {
    const problem = problemOf(file, crashLogs);
    if (problem) found.push({ address: file, type: 'file', span: wholeFileSpan(file), problem, wholeFile: true });
  }
  // An explicit backend "local" with a relative path writes state into the working tree, i.e. the repository.
  for (const b of backendsOf(model)) {
    if (b.implicit || b.backendType !== 'local') continue;
    const path = b.config?.attributes.get('path');
    const value = typeof path?.value === 'string' ? path.value : 'terraform.tfstate';
    if (value.startsWith('/') || value.startsWith('../') || /^[A-Za-z]:[\\/]/.test(value)) continue;
    found.push({ address: b.address, type: 'file', span: path?.span ?? b.span, problem: `configured to write state to ${value} inside the repository (backend "local")` });
  }
  if (found.length > 0) return found;
  const dir = rootDirs(model)[0];
  if (dir === undefined) return [];
  return [{ address: 'repository', type: 'repository', span: rootAnchor(model, dir).span }];
}

export default defineRule<RepoFile, { flagCrashLogs: boolean }>({
  id: 'tf-no-state-files-in-repo',
  title: 'No Terraform state, plans or crash logs are committed',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)'],
  kind: 'repo',
  why: 'State files, saved plans and crash logs contain every managed secret in plain text and possibly ePHI values; committed, they are readable by everyone with repository access, forever in its history.',
  howToFix:
    'Delete the file, purge it from git history, rotate the secrets it contained, keep state in an encrypted remote backend, and add *.tfstate, *.tfstate.*, *.tfplan and crash.log to .gitignore.',
  links: ['https://developer.hashicorp.com/terraform/language/state/sensitive-data', 'https://github.com/github/gitignore/blob/main/Terraform.gitignore'],
  references: {},
  params: { flagCrashLogs: true },
  targets: (model, params) => targets(model, params.flagCrashLogs),
  check(file): Outcome {
    if (!file.problem) return pass(file, 'No Terraform state files, saved plans or crash logs are in the scanned tree.');
    if (!file.wholeFile) return fail(file, { message: `${file.address} is ${file.problem}.` });
    return fail(file, { message: `${file.address} is ${file.problem} inside the repository (finding on the whole file).` });
  },
  acrossRoots: {
    why: 'the repository is one subject',
    reads: [],
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  backend "local" {\n    path = "state/terraform.tfstate"\n  }\n}\n'],
      good: ['terraform {\n  backend "s3" {\n    bucket       = "example-tf-state"\n    key          = "phi/terraform.tfstate"\n    region       = "us-east-1"\n    encrypt      = true\n    use_lockfile = true\n  }\n}\n'],
    },
  },
});
