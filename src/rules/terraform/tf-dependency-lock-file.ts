import type { InfraModel } from '../../model/infra-model.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';
import { fullSource, providersOf, type ProviderUse } from './providers-used.js';
import { hasContent, rootAddress, rootAnchor, rootDirs } from './root-modules.js';
import { satisfies } from './version-constraint.js';

interface LockSubject extends Subject {
  readonly dir: string;
  readonly anchorWhat: string;
  readonly providers: readonly ProviderUse[];
}

function targets(model: InfraModel): LockSubject[] {
  return rootDirs(model)
    .filter((dir) => hasContent(model, dir))
    .flatMap((dir) => {
      const providers = providersOf(model, dir, 'all');
      if (providers.length === 0) return []; // nothing to lock
      const anchor = rootAnchor(model, dir);
      return [{ root: dir, address: rootAddress(dir, '.terraform.lock.hcl'), type: 'lock_file', span: anchor.span, dir, anchorWhat: anchor.what, providers }];
    });
}

// The catalog row tf-provider-versions-pinned asks for both bounded constraints and a committed lock
// file. They are two rules because a rule's examples are single main.tf files, which can show a
// constraint but never a lock file.
export default defineRule<LockSubject>({
  id: 'tf-dependency-lock-file',
  title: 'The dependency lock file is committed and covers every provider',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)'],
  kind: 'repo',
  why: 'Without .terraform.lock.hcl each init may select a different provider build, unverified by checksum, for the code that manages ePHI infrastructure.',
  howToFix: 'Run terraform init (and terraform providers lock -platform=... for every CI platform) in the root module and commit .terraform.lock.hcl.',
  links: ['https://developer.hashicorp.com/terraform/language/files/dependency-lock'],
  references: {},
  targets: (model) => targets(model),
  check(t, { model }): Outcome {
    const where = t.dir === '' ? 'The root module' : `Root module ${t.dir}`;
    const locked = model.repo.lockedProviders.get(t.dir);
    if (!locked) return fail(t, { message: `${where} has no committed .terraform.lock.hcl (finding on ${t.anchorWhat}), so provider builds are not pinned by checksum.` });
    const lockedSources = new Set(locked.map((l) => fullSource(l.source)));
    const missing = t.providers.filter((p) => !lockedSources.has(fullSource(p.source ?? p.name)));
    if (missing.length > 0) {
      return fail(t, { message: `${where}'s .terraform.lock.hcl does not lock ${missing.map((p) => `"${p.source ?? p.name}"`).join(', ')} (finding on ${t.anchorWhat}); run terraform init and commit the lock file.` });
    }
    // terraform init refuses a lock whose version the configuration's constraint excludes.
    for (const p of t.providers) {
      const constraint = p.version?.value;
      const entry = locked.find((l) => fullSource(l.source) === fullSource(p.source ?? p.name));
      if (entry === undefined || typeof constraint !== 'string') continue;
      if (satisfies(entry.version, constraint) === false) {
        return fail(p.version!, { message: `${where}'s .terraform.lock.hcl records "${p.source ?? p.name}" ${entry.version}, which its version constraint "${constraint}" excludes, so terraform init refuses it; run terraform init -upgrade and commit the lock file.` });
      }
    }
    return pass(t, `${where}'s .terraform.lock.hcl locks every provider it uses.`);
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n'],
      // A lock file cannot be shown in a one-file example; a module with no providers has nothing to lock.
      good: ['terraform {\n  required_version = "~> 1.9"\n}\n'],
    },
  },
});
