// Terraform Stacks (Terraform 1.13+, HCP Terraform): a stack's component configuration
// (`*.tfcomponent.hcl`, `*.tfstack.hcl` before 1.13) names, in `component` blocks, the modules that
// make up the stack. A component's module is no root module: the stack gives it its inputs
// (`inputs = { ... }`), its provider configurations (`providers = { ... }`; "Modules sourced by
// component blocks cannot declare their own providers", developer.hashicorp.com/terraform/language/
// stacks/create/declare-providers), and the stack's own lock file and Terraform version. So the scan
// evaluates each component's module as a called module, `component.<name>`, under the stack's
// directory, and judges its resources; the repository rules that ask a root module for a backend,
// a lock file or required_version do not judge it. The inputs the component passes are evaluated
// as the stack's deployments give them (stack-inputs.ts), and so are the provider `config` blocks
// the component is passed. What the module leaves out takes its default, as Terraform gives it.
import type { Expression, HclFile } from '../parsers/hcl/ast.js';
import type { Span } from '../source/span.js';
import { LineIndex } from '../source/line-index.js';
import { resolveDirLinks, isOutsideRootLink, type DirLinks } from '../util/paths.js';
import { attributeOf } from './declarations.js';
import { dirOf, joinInside, literalString, localModulePath, objectItemKey, type NamedCall, type ParseFile } from './load.js';
import { parseHclFile } from './parse.js';

/** A stack's component configuration file: `.tfcomponent.hcl` (Terraform 1.13+) or `.tfstack.hcl` (the beta's name). */
export function isStackComponentConfig(path: string): boolean {
  return /\.(tfcomponent|tfstack)\.hcl$/i.test(path);
}

/** One `component` block whose source is a local module. */
export interface StackComponent {
  /** The stack's directory (where its component configuration is). */
  readonly stackDir: string;
  readonly file: string;
  readonly name: string;
  /** The module directory the local source names, inside the scan root. */
  readonly moduleDir: string;
  /** It sets for_each: its instances' keys are the stack's to know. */
  readonly expanded: boolean;
  /**
   * The inputs the component passes, by variable name, with where each is written; undefined when
   * `inputs` is no object written out (`inputs = local.common`): then any variable may be given one.
   */
  readonly inputs: ReadonlyMap<string, Span> | undefined;
  /** Where the `inputs` argument is (or the block, without one). */
  readonly inputsSpan: Span;
  /** Where the `providers` argument is (or the block, without one). */
  readonly providersSpan: Span;
}

/** The local-source components of every stack component configuration among `files`, by file and block order. */
export function stackComponentsOf(files: ReadonlyMap<string, string>, links?: DirLinks, parse: ParseFile = parseHclFile): StackComponent[] {
  const out: StackComponent[] = [];
  for (const path of [...files.keys()].filter(isStackComponentConfig).sort()) {
    const text = files.get(path)!;
    const file = parse(path, text).file;
    if (file !== undefined) out.push(...componentsIn(path, text, file, links));
  }
  return out;
}

function componentsIn(path: string, text: string, file: HclFile, links: DirLinks | undefined): StackComponent[] {
  const out: StackComponent[] = [];
  const stackDir = dirOf(path);
  let lines: LineIndex | undefined;
  const span = (r: { start: number; end: number }): Span => (lines ??= new LineIndex(text)).span(path, r.start, r.end);
  for (const block of file.body.blocks) {
    const name = block.labels[0]?.value;
    if (block.type !== 'component' || name === undefined) continue;
    const source = literalString(attributeOf(block.body, 'source')?.expr);
    const local = source !== undefined ? localModulePath(source) : undefined;
    const joined = local !== undefined ? joinInside(stackDir, local) : undefined;
    const moduleDir = joined !== undefined ? resolveDirLinks(joined, links) : undefined;
    // A registry or Git source is not in the scan; a path out of the scan root is not read.
    if (moduleDir === undefined || isOutsideRootLink(moduleDir)) continue;
    const inputsAttr = attributeOf(block.body, 'inputs');
    const providersAttr = attributeOf(block.body, 'providers');
    out.push({
      stackDir,
      file: path,
      name,
      moduleDir,
      expanded: attributeOf(block.body, 'for_each') !== undefined,
      inputs: inputsAttr === undefined ? new Map() : inputNames(inputsAttr.expr, span),
      inputsSpan: span(inputsAttr ?? block),
      providersSpan: span(providersAttr ?? block),
    });
  }
  return out;
}

/** The keys of an object written out, each with the span of its item; undefined for any other expression. */
function inputNames(expr: Expression, span: (r: { start: number; end: number }) => Span): Map<string, Span> | undefined {
  if (expr.type !== 'object') return undefined;
  const names = new Map<string, Span>();
  for (const item of expr.items) {
    const key = objectItemKey(item);
    if (key === undefined) return undefined; // a computed key: any variable may be the one it names
    if (!names.has(key)) names.set(key, span({ start: item.key.start, end: item.value.end }));
  }
  return names;
}

/**
 * The units a scan evaluates once stacks are known: the root modules less the modules stack
 * components run, and each stack's directory, whose unit evaluates its components (`stacks`).
 * `moduleRoots` are the root modules proper, which the repository rules judge: a stack's directory
 * is one only when it is also a root module of its own.
 */
export function stackRoots(
  rootModules: readonly string[],
  all: readonly StackComponent[],
  hasModule: (dir: string) => boolean,
): { readonly stacks: ReadonlyMap<string, readonly StackComponent[]>; readonly roots: string[]; readonly moduleRoots: ReadonlySet<string> } {
  const stacks = new Map<string, StackComponent[]>();
  for (const c of all) {
    if (!hasModule(c.moduleDir)) continue;
    const list = stacks.get(c.stackDir);
    if (list === undefined) stacks.set(c.stackDir, [c]);
    else list.push(c);
  }
  if (stacks.size === 0) return { stacks, roots: [...rootModules], moduleRoots: new Set(rootModules) };
  const components = new Set([...stacks.values()].flatMap((list) => list.map((c) => c.moduleDir)));
  const moduleRoots = new Set(rootModules.filter((dir) => !components.has(dir)));
  return { stacks, roots: [...new Set([...moduleRoots, ...stacks.keys()])].sort(), moduleRoots };
}

/** The components by stack directory, each as a module call (`component.<name>` runs its module): what `--changed-since` follows from a stack to its modules. */
export function componentCallsOf(all: readonly StackComponent[]): Map<string, NamedCall[]> {
  const out = new Map<string, NamedCall[]>();
  for (const c of all) {
    const call: NamedCall = { name: c.name, target: c.moduleDir, expanded: c.expanded };
    const list = out.get(c.stackDir);
    if (list === undefined) out.set(c.stackDir, [call]);
    else list.push(call);
  }
  return out;
}
