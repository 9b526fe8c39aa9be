import type { InfraModel } from '../../model/infra-model.js';
import { isUnresolved } from '../../model/read.js';
import type { FixRequest } from '../../fixes/fix.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../define-rule.js';
import { fullSource, providersOf, type ProviderUse } from './providers-used.js';
import { hasContent, rootAddress, rootDirs, rootSettings } from './root-modules.js';
import { constraintShape, satisfies } from './version-constraint.js';
import { posix } from 'node:path';

interface ProviderRequirement extends Subject {
  readonly dir: string;
  readonly use: ProviderUse;
}

function targets(model: InfraModel): ProviderRequirement[] {
  return rootDirs(model)
    .filter((dir) => hasContent(model, dir))
    .flatMap((dir) =>
      providersOf(model, dir, 'undeclared').flatMap((use) => {
        const span = use.declared ?? use.usedAt;
        return span ? [{ root: dir, address: rootAddress(dir, `terraform.required_providers.${use.name}`), type: 'required_provider', span, dir, use }] : [];
      }),
    );
}

/**
 * The constraint the lock file supports: `~> MAJOR.MINOR` of the locked version (later minor and
 * patch releases allowed, the next major not), and the source the lock file names. undefined when
 * the lock file does not lock this provider: a fix never invents a version.
 */
export function lockedPin(model: InfraModel, dir: string, use: ProviderUse): { source: string; constraint: string; version: string } | undefined {
  const locked = model.repo.lockedProviders.get(dir) ?? [];
  const wanted = use.source ? fullSource(use.source) : undefined;
  const entry = locked.find((l) => (wanted ? l.source.toLowerCase() === wanted : l.source.toLowerCase().endsWith(`/${use.name.toLowerCase()}`)));
  const m = entry ? /^(\d+)\.(\d+)/.exec(entry.version) : null;
  if (!entry || !m) return undefined;
  return { source: use.source ?? entry.source.replace(/^registry\.terraform\.io\//i, ''), constraint: `~> ${m[1]}.${m[2]}`, version: entry.version };
}

/** Writes (or rewrites) the required_providers entry with the lock file's source and a bounded constraint. */
function pinFix(model: InfraModel, dir: string, use: ProviderUse): FixRequest | undefined {
  const pin = lockedPin(model, dir, use);
  if (!pin) return undefined;
  // A stale lock the author's constraint excludes (>= 5.0 against a locked 3.32.0) is no pin to write: it would downgrade the provider.
  const written = use.version?.value;
  if (typeof written === 'string' && satisfies(pin.version, written) === false) return undefined;
  const settings = rootSettings(model, dir);
  const entry = `{ source = "${pin.source}", version = "${pin.constraint}" }`;
  const withBlock = settings.find((s) => s.requiredProvidersBlock);
  const description = `Pin provider "${use.name}" to ${pin.constraint} (the lock file has ${pin.version})`;
  // An existing entry keeps its layout and comments: only its version (and a missing source) change.
  const keys: [string, string][] = [...(use.source ? [] : [['source', `"${pin.source}"`] as [string, string]]), ['version', `"${pin.constraint}"`]];
  if (withBlock) return { description, safety: 'safe', terraform: (edit) => edit.setObjectKeys(withBlock.requiredProvidersBlock!, use.name, keys) };
  const terraformBlock = settings[0];
  if (terraformBlock) return { description, safety: 'safe', terraform: (edit) => edit.insertBlock(terraformBlock.span, `required_providers {\n  ${use.name} = ${entry}\n}`) };
  return undefined;
}

/** The `version` a provider block of module directory `dir` still sets (Terraform 0.12's way of pinning), if any. */
function legacyVersion(model: InfraModel, dir: string, name: string): string | undefined {
  for (const p of model.providers) {
    if (p.name !== name || posix.dirname(p.body.span.file).replace(/^\.$/, '') !== dir.replace(/^\.$/, '')) continue;
    const version = p.body.attributes.get('version')?.value;
    if (typeof version === 'string') return version;
  }
  return undefined;
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
  check(t, { model }): Outcome {
    const { use } = t;
    const fix = (): { fix?: FixRequest } => {
      const request = pinFix(model, t.dir, use);
      return request ? { fix: request } : {};
    };
    if (!use.declared) {
      const legacy = legacyVersion(model, t.dir, use.name);
      return fail(t, {
        message:
          legacy !== undefined
            ? `Provider "${use.name}" is pinned only by its provider block's version argument (${JSON.stringify(legacy)}), which Terraform 0.13 replaced with required_providers and now warns about; it declares no source.`
            : `Provider "${use.name}" is used but not declared in required_providers, so it has no source or version constraint.`,
        ...fix(),
      });
    }
    const gaps: string[] = [];
    if (!use.source) gaps.push('no source');
    if (!use.version) gaps.push('no version constraint');
    else if (isUnresolved(use.version)) return unknown(use.version, `Provider "${use.name}": the version constraint is not a literal.`);
    else {
      const text = typeof use.version.value === 'string' ? use.version.value : '';
      const shape = constraintShape(text, true);
      if (!shape.valid) gaps.push(`an invalid version constraint "${text}"`);
      else if (!shape.bounded) gaps.push(`an open-ended version constraint "${text}"`);
    }
    if (gaps.length > 0) return fail(t, { message: `Provider "${use.name}" is declared in required_providers with ${gaps.join(' and ')}.`, ...fix() });
    return pass(t, `Provider "${use.name}" is pinned to ${use.source} ${String(use.version?.value)}.`);
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n  }\n}\n'],
      good: ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n'],
    },
  },
});
