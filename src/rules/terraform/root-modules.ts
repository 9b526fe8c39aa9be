// Root modules and their anchors for repo-level rules: a backend, a lock file or a version
// constraint belongs to a root module (a directory Terraform is run in), and a finding about
// something missing points at the module's terraform block, else its first provider or resource
// block, else the first line of its first .tf file (and says so).
import type { InfraModel } from '../../model/infra-model.js';
import type { TerraformSettings } from '../../model/resource.js';
import type { Span } from '../../source/span.js';

export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

/** A span covering no text at the start of `file`, for findings about a whole file. */
export function wholeFileSpan(file: string): Span {
  const start = { line: 1, column: 1, offset: 0 };
  return { file, start, end: start };
}

/** `terraform.backend` for the scan root, `infra/prod: terraform.backend` elsewhere. */
export function rootAddress(dir: string, what: string): string {
  return dir === '' ? what : `${dir}: ${what}`;
}

/** Root module directories: the evaluator's list, else the directories holding root-module blocks. */
export function rootDirs(model: InfraModel): string[] {
  if (model.repo.rootModules.length > 0) return [...model.repo.rootModules];
  const dirs = new Set<string>();
  for (const t of model.terraform) if (t.module === '') dirs.add(dirOf(t.span.file));
  for (const p of model.providers) if (p.module === '') dirs.add(dirOf(p.body.span.file));
  for (const r of model.resources) if (r.modulePath === '') dirs.add(dirOf(r.span.file));
  return [...dirs].sort();
}

/** The root module's terraform blocks (a module may split them across files). */
export function rootSettings(model: InfraModel, dir: string): TerraformSettings[] {
  return model.terraform.filter((t) => t.module === '' && dirOf(t.span.file) === dir);
}

/** True when the root module declares anything (blocks other than variables/outputs). */
export function hasContent(model: InfraModel, dir: string): boolean {
  return (
    rootSettings(model, dir).length > 0 ||
    model.providers.some((p) => p.module === '' && dirOf(p.body.span.file) === dir) ||
    model.resources.some((r) => r.modulePath === '' && dirOf(r.span.file) === dir) ||
    model.moduleCalls.some((m) => !m.address.includes('.module.') && dirOf(m.span.file) === dir)
  );
}

/** Where a finding about something missing from the root module points, and how to describe it. */
export function rootAnchor(model: InfraModel, dir: string): { span: Span; what: string } {
  const settings = rootSettings(model, dir)[0];
  if (settings) return { span: settings.span, what: 'the terraform block' };
  const provider = model.providers.find((p) => p.module === '' && dirOf(p.body.span.file) === dir);
  if (provider) return { span: provider.body.span, what: `the provider "${provider.name}" block (the module has no terraform block)` };
  const resource = model.resources.find((r) => r.modulePath === '' && dirOf(r.span.file) === dir);
  if (resource) return { span: resource.span, what: `${resource.address} (the module has no terraform block)` };
  const file = model.repo.files.filter((f) => dirOf(f) === dir && f.endsWith('.tf')).sort()[0] ?? (dir === '' ? 'main.tf' : `${dir}/main.tf`);
  return { span: wholeFileSpan(file), what: `the whole file ${file}` };
}
