// Diff-aware scans (`--changed-since REF`): keep findings whose resource's file changed, whose
// related locations (the tfvars line or variable a value came from) changed, or whose Terraform
// module — the directory, in Terraform — had any file changed, since a change to a variable,
// local or tfvars file there can change what the resource evaluates to. More inputs decide a
// finding without being a Terraform file of its module's directory, and each counts too: the
// module blocks that call its module (an input deleted there lets the variable's default through),
// any Terraform file of a module its root module calls (one module's resource is judged with
// another's: a public access block deleted in modules/guard fails the bucket in modules/data),
// a file its root module's evaluation read through file(), templatefile() or fileset() (a bucket
// policy in `policies/tls.json`) and the var files; for a module `terraform init` downloaded, its
// callers alone (its files are no repository file: git cannot show them unchanged). An account's
// findings are judged on every root module: any changed Terraform file counts for them. Pure: the
// CLI asks git.
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import { readModulesJson, type CallLayout, type NamedCall } from '../graph/load.js';
import { LISTING_PREFIX } from '../pipeline/read-inside.js';
import { dirOf } from '../util/paths.js';

/** What else decides a finding than its module's own files (see the top of this file). */
export interface ChangedScope {
  /** Root module ('' for the scan root) → the paths its evaluation read (ScanResult.evaluationReads). */
  readonly readsByRoot?: ReadonlyMap<string, readonly string[]>;
  /** A downloaded module's file → the directories of the modules whose blocks call it (downloadedModuleCallers). */
  readonly callersOf?: (file: string) => readonly string[] | undefined;
  /** A resource in a called module (root module, address) → the directories holding the module blocks on its way (moduleCallerDirs). */
  readonly callersOfAddress?: (root: string, address: string) => readonly string[];
  /** Root module ('' for the scan root) → the directories of every module it calls, its own included (rootModuleDirs). */
  readonly moduleDirsOf?: (root: string) => ReadonlySet<string>;
  /**
   * An account's findings count when any Terraform file changed (`--changed-since`); not for the
   * files a pre-commit hook names (module-context.ts), whose report is about those files' modules.
   */
  readonly accounts?: boolean;
}

/** What Terraform (or Terragrunt) reads: a change to one may change what an account holds. */
const TERRAFORM_INPUT = /\.(?:tf|tf\.json|tfvars|tfvars\.json|hcl)$/;

/** `changed` holds root-relative paths with forward slashes. */
export function selectChangedFindings(findings: readonly Finding[], changed: ReadonlySet<string>, scope: ChangedScope = {}): Finding[] {
  const { readsByRoot, callersOf, callersOfAddress, moduleDirsOf, accounts } = scope;
  const changedDirs = new Set([...changed].map((file) => path.posix.dirname(file)));
  const affected = (file: string): boolean => {
    if (changed.has(file) || changedDirs.has(path.posix.dirname(file))) return true;
    const callers = callersOf?.(file);
    return callers !== undefined && callers.some((dir) => changedDirs.has(dir === '' ? '.' : dir));
  };
  // A root module's findings all count when a file its evaluation read changed (or was added to or
  // removed from a directory fileset() listed): which resource took the value is not recorded.
  const rootChanged = new Map<string, boolean>();
  const readChanged = (root: string): boolean => {
    let known = rootChanged.get(root);
    if (known === undefined) {
      const reads = readsByRoot?.get(root) ?? [];
      known = reads.some((read) => {
        if (!read.startsWith(LISTING_PREFIX)) return changed.has(read);
        const dir = read.slice(LISTING_PREFIX.length);
        const prefix = dir === '' || dir === '.' ? '' : `${dir}/`;
        return [...changed].some((file) => file.startsWith(prefix));
      });
      rootChanged.set(root, known);
    }
    return known;
  };
  // An account's findings (a CloudTrail, Config or GuardDuty for the whole account) are judged on
  // every root module of the scan: the trail a pull request deletes is in another stack than the
  // finding's place, which a deleted file cannot be. They count when any Terraform file changed.
  const terraformChanged = accounts === true && [...changed].some((file) => TERRAFORM_INPUT.test(file));
  // A root module's findings all count when a Terraform file of any module it calls changed: one
  // module's resource is judged with another's (a bucket in modules/data, its public access block
  // in modules/guard), and the deleted block leaves the bucket's finding in an unchanged file.
  const terraformDirs = new Set([...changed].filter((file) => TERRAFORM_INPUT.test(file)).map(dirOf));
  const treeChanged = new Map<string, boolean>();
  const rootTreeChanged = (root: string): boolean => {
    let known = treeChanged.get(root);
    if (known === undefined) {
      const dirs = moduleDirsOf?.(root);
      known = dirs !== undefined && [...terraformDirs].some((dir) => dirs.has(dir));
      treeChanged.set(root, known);
    }
    return known;
  };
  const callerChanged = (f: Finding): boolean => /^(?:module|component)\./.test(f.resource.address) && callersOfAddress !== undefined && callersOfAddress(f.resource.root ?? '', f.resource.address).some((dir) => changedDirs.has(dir === '' ? '.' : dir));
  return findings.filter((f) => (f.resource.kind === 'account' && terraformChanged) || affected(f.span.file) || f.related.some((r) => affected(r.span.file)) || (readsByRoot !== undefined && readChanged(f.resource.root ?? '')) || callerChanged(f) || (moduleDirsOf !== undefined && f.resource.kind !== 'account' && rootTreeChanged(f.resource.root ?? '')));
}

/**
 * For a file of a module `terraform init` downloaded (`envs/prod/.terraform/modules/logs/main.tf`):
 * the directories of the modules whose blocks call it, from each root module's modules.json —
 * the root module and, for a module called by a module, each module on the way (key `app.logs` is
 * called from the module of key `app`). What is downloaded, and with which inputs, is written there.
 * undefined for any other file, and for one no manifest names.
 * `files` maps root-relative paths to text; the manifests among them are read.
 */
export function downloadedModuleCallers(files: ReadonlyMap<string, string>): (file: string) => readonly string[] | undefined {
  const downloads: { readonly dir: string; readonly callers: readonly string[] }[] = [];
  for (const [file, text] of files) {
    if (!/(^|\/)\.terraform\/modules\/modules\.json$/.test(file)) continue;
    const rootDir = dirOf(dirOf(dirOf(file)));
    const entries = readModulesJson(file, text, []);
    for (const entry of entries.values()) {
      if (!entry.dir.split('/').includes('.terraform')) continue;
      const callers = [rootDir];
      const segments = entry.key.split('.');
      for (let i = 1; i < segments.length; i++) {
        const caller = entries.get(segments.slice(0, i).join('.'));
        if (caller) callers.push(caller.dir);
      }
      downloads.push({ dir: entry.dir, callers });
    }
  }
  // Longest directory first: a module downloaded inside another's directory is its own.
  downloads.sort((a, b) => b.dir.length - a.dir.length);
  return (file) => downloads.find((d) => file.startsWith(`${d.dir}/`))?.callers;
}

/** An instance key, then the dot before the next step. */
const KEY = /(?:\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?\./.source;
const MODULE_STEP = new RegExp(`^module\\.([A-Za-z_][\\w-]*)${KEY}`);
const COMPONENT_STEP = new RegExp(`^component\\.([A-Za-z_][\\w-]*)${KEY}`);

/**
 * `module.app["a"].module.db[0].aws_x.y` → names ['app', 'db']: the module calls on the way, without
 * instance keys. A Terraform Stacks component's resource (`component.db.module.kms.aws_x.y`) starts
 * with its component (graph/stacks.ts), a call the stack's directory holds: `component` is its name.
 */
function moduleNames(address: string): { readonly component: string | undefined; readonly names: string[] } {
  const names: string[] = [];
  const component = COMPONENT_STEP.exec(address);
  let rest = component === null ? address : address.slice(component[0].length);
  for (let m = MODULE_STEP.exec(rest); m !== null; m = MODULE_STEP.exec(rest)) {
    names.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { component: component?.[1], names };
}

/**
 * For a resource in a called module: the directories holding the module blocks that call it, the
 * root module's first (`module.app.module.db.x` under envs/prod → envs/prod, then app's directory).
 * Local sources from the layout, downloaded ones from the root module's modules.json; a call
 * neither names ends the walk there. A stack component's resource: the stack's directory (its
 * component block), then the component's module and the modules on the way from it.
 */
export function moduleCallerDirs(layout: CallLayout): (root: string, address: string) => readonly string[] {
  const memo = new Map<string, readonly string[]>();
  return (root, address) => {
    const { component, names } = moduleNames(address);
    // A module block's own findings (`module.app`) are about its file, which affected() reads.
    if (component === undefined && names.length === 0) return [];
    const key = `${root}\u0000${component ?? ''}\u0000${names.join('.')}`;
    let dirs = memo.get(key);
    if (dirs === undefined) {
      const found = [root];
      let dir: string | undefined = component === undefined ? root : layout.components?.get(root)?.find((c) => c.name === component)?.target;
      if (component !== undefined && dir !== undefined && names.length > 0) found.push(dir);
      for (const [i, name] of names.entries()) {
        if (i === names.length - 1 || dir === undefined) break;
        const call: NamedCall | undefined = layout.namedCalls.get(dir)?.find((c) => c.name === name);
        // A stack's components are no root module: terraform init downloads nothing for them here.
        dir = call?.target ?? (component === undefined ? layout.remote.get(root)?.get(names.slice(0, i + 1).join('.'))?.dir : undefined);
        if (dir === undefined) break;
        found.push(dir);
      }
      dirs = found;
      memo.set(key, dirs);
    }
    return dirs;
  };
}

/**
 * For a root module: the directories of every module its configuration holds (its own, the local
 * modules it calls, and those it calls in turn, and the modules `terraform init` downloaded for it).
 */
export function rootModuleDirs(layout: CallLayout): (root: string) => ReadonlySet<string> {
  const memo = new Map<string, ReadonlySet<string>>();
  return (root) => {
    let dirs = memo.get(root);
    if (dirs === undefined) {
      const found = new Set<string>();
      const visit = (dir: string): void => {
        if (found.has(dir)) return;
        found.add(dir);
        for (const call of layout.namedCalls.get(dir) ?? []) if (call.target !== undefined) visit(call.target);
      };
      visit(root);
      for (const component of layout.components?.get(root) ?? []) if (component.target !== undefined) visit(component.target);
      for (const entry of layout.remote.get(root)?.values() ?? []) visit(entry.dir);
      dirs = found;
      memo.set(root, dirs);
    }
    return dirs;
  };
}
