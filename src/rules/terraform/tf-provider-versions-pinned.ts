import type { InfraModel } from '../../model/infra-model.js';
import { isUnresolved } from '../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../define-rule.js';
import { providersOf, type ProviderUse } from './providers-used.js';
import { hasContent, rootAddress, rootDirs } from './root-modules.js';
import { constraintShape } from './version-constraint.js';

interface ProviderRequirement extends Subject {
  readonly dir: string;
  readonly use: ProviderUse;
}

function targets(model: InfraModel): ProviderRequirement[] {
  return rootDirs(model)
    .filter((dir) => hasContent(model, dir))
    .flatMap((dir) =>
      providersOf(model, dir).flatMap((use) => {
        const span = use.declared ?? use.usedAt;
        return span ? [{ address: rootAddress(dir, `terraform.required_providers.${use.name}`), type: 'required_provider', span, dir, use }] : [];
      }),
    );
}

export default defineRule<ProviderRequirement>({
  id: 'tf-provider-versions-pinned',
  title: 'Every provider declares a source and a bounded version',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)'],
  kind: 'repo',
  why: 'An unpinned provider can change how ePHI resources are created or defaulted (encryption, public access) on the next init; a declared source and bounded version make provider upgrades reviewed changes. The dependency lock file is checked by tf-dependency-lock-file.',
  howToFix: 'Declare each provider in terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 5.0" } } } and commit .terraform.lock.hcl.',
  links: ['https://developer.hashicorp.com/terraform/language/providers/requirements'],
  references: {},
  targets: (model) => targets(model),
  check(t): Outcome {
    const { use } = t;
    if (!use.declared) return fail(t, { message: `Provider "${use.name}" is used but not declared in required_providers, so it has no source or version constraint.` });
    const gaps: string[] = [];
    if (!use.source) gaps.push('no source');
    if (!use.version) gaps.push('no version constraint');
    else if (isUnresolved(use.version)) return unknown(use.version, `Provider "${use.name}": the version constraint is not a literal.`);
    else {
      const text = typeof use.version.value === 'string' ? use.version.value : '';
      const shape = constraintShape(text);
      if (!shape.valid) gaps.push(`an invalid version constraint "${text}"`);
      else if (!shape.bounded) gaps.push(`an open-ended version constraint "${text}"`);
    }
    if (gaps.length > 0) return fail(t, { message: `Provider "${use.name}" is declared in required_providers with ${gaps.join(' and ')}.` });
    return pass(t, `Provider "${use.name}" is pinned to ${use.source} ${String(use.version?.value)}.`);
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n  }\n}\n'],
      good: ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n'],
    },
  },
});
