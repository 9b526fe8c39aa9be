// Root modules and their anchors for repo-level rules: a backend, a lock file or a version
// constraint belongs to a root module (a directory Terraform is run in), and a finding about
// something missing points at the module's terraform block, else its first provider or resource
// block, else the first line of its first .tf file (and says so).
import { dirOf } from '../../util/paths.js';
import { isTerraformStacksFile } from '../../discovery/input-format.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { ProviderConfig, ProviderUseSite, Resource, TerraformSettings } from '../../model/resource.js';
import { weakMemo } from '../../util/weak-memo.js';
import { pushTo } from '../../util/multi-map.js';
import type { Span } from '../../source/span.js';

export { dirOf };

/** A span covering no text at the start of `file`, for findings about a whole file. */
export function wholeFileSpan(file: string): Span {
  const start = { line: 1, column: 1, offset: 0 };
  return { file, start, end: start };
}

/** `terraform.backend` for the scan root, `infra/prod: terraform.backend` elsewhere. */
export function rootAddress(dir: string, what: string): string {
  return dir === '' ? what : `${dir}: ${what}`;
}

interface RootIndex {
  readonly settings: Map<string, TerraformSettings[]>;
  readonly providers: Map<string, ProviderConfig[]>;
  readonly resources: Map<string, Resource[]>;
  readonly providerUses: Map<string, ProviderUseSite[]>;
  readonly moduleCalls: Set<string>;
}

const indexes = new WeakMap<InfraModel, RootIndex>();


/**
 * Root-module blocks grouped by directory, built once per model: repo-level rules ask per root
 * module, and a monorepo has thousands of them, so a scan of every block per root would be quadratic.
 */
function rootIndex(model: InfraModel): RootIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { settings: new Map(), providers: new Map(), resources: new Map(), providerUses: new Map(), moduleCalls: new Set() };
  // By the root evaluated where it is known: a Terragrunt unit's blocks are in the module it runs.
  for (const t of model.terraform) if (t.module === '') pushTo(index.settings, t.root ?? dirOf(t.span.file), t);
  // A Terraform stack's provider blocks are the stack's, whose directory is no root module (graph/stacks.ts).
  for (const p of model.providers) if (p.module === '' && !isTerraformStacksFile(p.body.span.file)) pushTo(index.providers, p.root ?? dirOf(p.body.span.file), p);
  for (const r of model.resources) if (r.modulePath === '') pushTo(index.resources, r.root ?? dirOf(r.span.file), r);
  for (const u of model.providerUses) if (u.module === '') pushTo(index.providerUses, u.root ?? dirOf(u.span.file), u);
  for (const m of model.moduleCalls) if (!m.address.includes('.module.')) index.moduleCalls.add(dirOf(m.span.file));
  indexes.set(model, index);
  return index;
}

/** Root module directories: the evaluator's list, else the directories holding root-module blocks. */
export function rootDirs(model: InfraModel): string[] {
  if (model.repo.rootModules.length > 0 || model.repo.rootModulesKnown === true) return [...model.repo.rootModules];
  const index = rootIndex(model);
  return [...new Set([...index.settings.keys(), ...index.providers.keys(), ...index.resources.keys(), ...index.providerUses.keys()])].sort();
}

/** The terraform blocks of a root module. */
export function rootSettings(model: InfraModel, dir: string): TerraformSettings[] {
  return rootIndex(model).settings.get(dir) ?? [];
}

/** Provider blocks written in a root module itself. */
export function rootProviders(model: InfraModel, dir: string): readonly ProviderConfig[] {
  return rootIndex(model).providers.get(dir) ?? [];
}

/** Ephemeral resources and check-scoped data sources written in a root module itself, for the providers they need. */
export function rootProviderUses(model: InfraModel, dir: string): readonly ProviderUseSite[] {
  return rootIndex(model).providerUses.get(dir) ?? [];
}

/** Resources written in a root module itself (not in its child modules). */
export function rootResources(model: InfraModel, dir: string): readonly Resource[] {
  return rootIndex(model).resources.get(dir) ?? [];
}

/**
 * True when the root module declares anything (blocks other than variables/outputs). Ephemeral
 * resources and check blocks' data sources too (Terraform 1.10): a root of only those is run, has a
 * state and a backend, and installs and locks their providers, and its repository checks were skipped.
 */
export function hasContent(model: InfraModel, dir: string): boolean {
  const index = rootIndex(model);
  return index.settings.has(dir) || index.providers.has(dir) || index.resources.has(dir) || index.moduleCalls.has(dir) || index.providerUses.has(dir);
}

/** Where a finding about something missing in a root module points, and how the message names it. */
export function rootAnchor(model: InfraModel, dir: string): { span: Span; what: string } {
  const settings = rootSettings(model, dir)[0];
  if (settings) return { span: settings.span, what: 'the terraform block' };
  const provider = rootProviders(model, dir)[0];
  if (provider) return { span: provider.body.span, what: `the provider "${provider.name}" block (the module has no terraform block)` };
  const resource = rootResources(model, dir)[0];
  if (resource) return { span: resource.span, what: `${resource.address} (the module has no terraform block)` };
  const use = rootProviderUses(model, dir)[0];
  if (use) return { span: use.span, what: `${use.address} (the module has no terraform block)` };
  const file = firstTfFiles(model).get(dir) ?? (dir === '' ? 'main.tf' : `${dir}/main.tf`);
  return { span: wholeFileSpan(file), what: `the whole file ${file}` };
}

const firstTfFileMemo = new WeakMap<InfraModel, Map<string, string>>();

/**
 * Each directory's first `.tf` file by name, gathered once per model: filtering every file for each
 * root module that needed an anchor was quadratic in a monorepo of root modules holding only
 * variables or outputs.
 */
function firstTfFiles(model: InfraModel): Map<string, string> {
  return weakMemo(firstTfFileMemo, model, () => {
    const first = new Map<string, string>();
    for (const f of model.repo.files) {
      if (!f.endsWith('.tf')) continue;
      const dir = dirOf(f);
      const known = first.get(dir);
      if (known === undefined || f < known) first.set(dir, f);
    }
    return first;
  });
}
