// Root module variable values in Terraform's precedence, lowest first: TF_VAR_ environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then
// --var-file and --var as given. Each value keeps the span of the line that set it.
import { posix } from 'node:path';
import { nearestName } from '../config/nearest-name.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Expression, FunctionCallExpr } from '../parsers/hcl/ast.js';
import type { GraphContext } from './context.js';
import { EMPTY_SCOPE, Evaluator, NO_ROOTS, Trace } from './evaluate.js';
import { defaultBudget } from './functions/index.js';
import { parseHclFile } from './parse.js';
import type { VariableInput } from './instance.js';
import { EvalError, fromJson, withoutValues, type Val } from './value.js';
import { isSecretName } from '../detectors/names.js';

export interface VariableSources {
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * For a --var, how many of `varFiles` came before it on the command line (Terraform applies -var
   * and -var-file in the order given, so `-var a=1 -var-file f` lets f's a win). Absent: after them all.
   */
  readonly varPositions?: Readonly<Record<string, number>>;
  readonly env?: Readonly<Record<string, string>>;
}

function constantEvaluator(ctx: GraphContext, callsRefused = false): Evaluator {
  return new Evaluator({
    callsRefused,
    resolver: NO_ROOTS,
    fn: {
      moduleDir: '',
      rootDir: '',
      budget: ctx.budget ?? defaultBudget(),
      report: (d: Diagnostic) => ctx.report(d),
      readFile: () => undefined,
      fileExists: () => false,
      listFiles: () => undefined,
      renderTemplate: () => {
        throw new EvalError('Templates cannot be rendered in a variables file.');
      },
    },
    reportUnimplemented: () => undefined,
    parseTemplate: () => undefined,
  });
}

function readVarFile(ctx: GraphContext, path: string, origin: string, out: Map<string, VariableInput>): void {
  const text = ctx.input.files.get(path) ?? ctx.input.readFile(path);
  if (text === undefined) {
    ctx.report({ code: 'vars/missing', severity: 'warning', message: `Variables file ${path} could not be read.`, file: path });
    return;
  }
  const parsed = parseHclFile(path, text);
  if (path.endsWith('.json') && !parsed.file) {
    // No JSON parser available: values without template evaluation, spans on the key only.
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      for (const [name, value] of Object.entries(json ?? {})) {
        const at = Math.max(0, text.indexOf(JSON.stringify(name)));
        out.set(name, { value: fromJson(value), span: ctx.spans.span(path, { start: at, end: at + JSON.stringify(name).length }), via: [], sensitive: false, refs: [], origin });
      }
    } catch (e) {
      ctx.report({ code: 'vars/parse', severity: 'error', message: `${path} is not valid JSON: ${(e as Error).message}`, file: path });
    }
    return;
  }
  const json = parsed.file?.syntax === 'json';
  // Its values are read as JSON, never as templates: a template the parser could not read in one is no error to Terraform.
  if (!json || !isJson(text)) for (const d of parsed.diagnostics) ctx.report(d);
  if (!parsed.file) return;
  const evaluator = constantEvaluator(ctx);
  // Terraform reads a var file without functions: a call it evaluates is refused ("Function calls not
  // allowed"), one in a branch it does not take is not (terraform plan 1.11.4).
  const withoutCalls = json ? evaluator : constantEvaluator(ctx, true);
  for (const attr of parsed.file.body.attributes) {
    let value;
    try {
      // Terraform reads a JSON var file's values as JSON: "${var.x}" is that text, never a template.
      value = json ? jsonLiteral(text, attr.expr) ?? evaluator.evaluate(attr.expr, EMPTY_SCOPE, new Trace()) : evaluateRefusingCalls(ctx, path, attr.name, attr.expr, withoutCalls, evaluator);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      // A var file holds constants: Terraform refuses one it cannot evaluate (a reference, a failing call).
      ctx.report({ code: 'vars/invalid', severity: 'error', message: `${attr.name} in ${path}: ${withoutValues(e.message, isSecretName(attr.name))}`, span: ctx.spans.span(path, e.range ?? attr.expr) });
      continue;
    }
    const span = ctx.spans.span(path, { start: attr.start, end: Math.max(attr.expr.end, attr.nameRange.end) });
    out.set(attr.name, { value, span, via: [], sensitive: false, refs: [], origin });
  }
}

/** The input without the values it replaced (those are listed once, by the input that replaced them all). */
function withoutOverridden(input: VariableInput): VariableInput {
  if (input.overridden === undefined) return input;
  const { overridden: _replaced, ...rest } = input;
  return rest;
}

/**
 * A var file's value, with a function call Terraform would evaluate reported as the error it is; the
 * value is still computed with functions and used here, so the rest of the scan sees it.
 */
function evaluateRefusingCalls(ctx: GraphContext, path: string, name: string, expr: Expression, withoutCalls: Evaluator, evaluator: Evaluator): Val {
  try {
    return withoutCalls.evaluate(expr, EMPTY_SCOPE, new Trace());
  } catch (e) {
    if (!(e instanceof EvalError) || e.code !== 'eval/call-refused') throw e;
    const call = e.range as FunctionCallExpr;
    ctx.report({ code: 'vars/invalid', severity: 'error', message: `${name} in ${path}: function calls are not allowed in a variables file, so Terraform refuses it (${call.name}()).`, span: ctx.spans.span(path, call) });
    return evaluator.evaluate(expr, EMPTY_SCOPE, new Trace());
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The JSON value written at `range` of `text`, or undefined when it is not one on its own. */
export function jsonLiteral(text: string, range: { readonly start: number; readonly end: number }): Val | undefined {
  try {
    return fromJson(JSON.parse(text.slice(range.start, range.end)) as unknown);
  } catch {
    return undefined;
  }
}

const varFileCache = new WeakMap<GraphContext, Map<string, Map<string, VariableInput>>>();

/** The values a variables file sets, read and parsed once per scan (a --var-file applies to every root module). */
function varFileValues(ctx: GraphContext, path: string): ReadonlyMap<string, VariableInput> {
  let perScan = varFileCache.get(ctx);
  if (!perScan) {
    perScan = new Map();
    varFileCache.set(ctx, perScan);
  }
  let values = perScan.get(path);
  if (!values) {
    values = new Map();
    readVarFile(ctx, path, path, values);
    perScan.set(path, values);
  }
  return values;
}

/**
 * The values of a variables file Terraform does not load (prod.tfvars, not given): read without a
 * word, since what is wrong in a file Terraform never reads is no error of this configuration.
 */
function unloadedValues(ctx: GraphContext, path: string): ReadonlyMap<string, VariableInput> {
  const values = new Map<string, VariableInput>();
  const silent = Object.create(ctx, { report: { value: () => undefined } }) as GraphContext;
  readVarFile(silent, path, path, values);
  return values;
}

/**
 * A --var or --var-file value for a variable no root module of the scan declares: `terraform plan`
 * refuses such a -var ("Error: Value for undeclared variable") and warns of it in a -var-file, and
 * either way the value is used nowhere: a misspelt name (`--var pubb=true`) leaves the variable
 * meant at its default, which the rules then judge. A warning, not an error: what was judged is the
 * configuration as written (exit codes stay the findings'), and the file's own tfvars get the same
 * (vars/undeclared). The value is never quoted, only the name, in quotes (so that a name that looks
 * like a secret is masked as any quoted text of a message is). A file given with --var-file that is
 * also a root module's own (terraform.tfvars) is left to that module's check.
 */
export function reportUndeclaredGiven(ctx: GraphContext, sources: VariableSources, declared: ReadonlySet<string>, ownFiles: ReadonlySet<string>): void {
  const near = (name: string): string | undefined => nearestName(name, declared);
  for (const path of new Set(sources.varFiles ?? [])) {
    if (ownFiles.has(path)) continue;
    for (const [name, input] of varFileValues(ctx, path)) {
      if (declared.has(name)) continue;
      const meant = near(name);
      ctx.report({
        code: 'vars/undeclared',
        severity: 'warning',
        message: `${path} sets "${name}", but no root module declares a variable of that name, so the value is used nowhere (Terraform warns of it too).${meant !== undefined ? ` Did you mean "${meant}"?` : ''}`,
        hint: meant !== undefined ? `Rename it to ${meant}, or declare variable "${name}".` : `Declare variable "${name}", or remove the value.`,
        ...(input.span ? { span: input.span } : { file: path }),
      });
    }
  }
  for (const name of Object.keys(sources.vars ?? {})) {
    if (declared.has(name)) continue;
    const meant = near(name);
    ctx.report({
      code: 'vars/undeclared',
      severity: 'warning',
      message: `A --var sets "${name}", but no root module declares a variable of that name, so the value is used nowhere (terraform plan refuses it: "Value for undeclared variable").${meant !== undefined ? ` Did you mean "${meant}"?` : ''}`,
      hint: meant !== undefined ? `Write --var ${meant}=…, or declare variable "${name}".` : `Declare variable "${name}", or drop the --var.`,
    });
  }
}

/**
 * The root module's variable values, in Terraform's precedence. A value in the root's own
 * terraform.tfvars or *.auto.tfvars for a variable the module does not declare is said (Terraform
 * warns "Value for undeclared variable"): a misspelt name leaves the variable at its default, which
 * the rules then judge. Files given with --var-file reach every root module of a scan, so a name
 * one root does not declare is no mistake there.
 */
export function rootVariableInputs(ctx: GraphContext, rootDir: string, sources: VariableSources, declared?: ReadonlyMap<string, unknown>, lowest?: ReadonlyMap<string, VariableInput>): Map<string, VariableInput> {
  // `lowest`: values under every other source (a Terragrunt unit's inputs, set as TF_VAR_ variables).
  const out = new Map<string, VariableInput>(lowest ?? []);
  // Every value set over another keeps the file-written values it replaced (VariableInput.overridden):
  // `--var db_password=x` changes what Terraform uses, not what terraform.tfvars holds in the repository.
  const set = (name: string, input: VariableInput): void => {
    const before = out.get(name);
    if (before === undefined) return void out.set(name, input);
    const kept = [...(before.overridden ?? []), ...(before.span !== undefined && before.value !== undefined ? [withoutOverridden(before)] : [])];
    out.set(name, kept.length === 0 ? input : { ...input, overridden: kept });
  };
  for (const [name, value] of Object.entries(sources.env ?? {})) {
    if (name.startsWith('TF_VAR_')) set(name.slice(7), { raw: value, via: [], sensitive: false, refs: [], origin: name });
  }
  const inDir = ctx.filesIn(rootDir);
  const base = (p: string): string => posix.basename(p);
  const ordered = [
    ...inDir.filter((p) => base(p) === 'terraform.tfvars'),
    ...inDir.filter((p) => base(p) === 'terraform.tfvars.json'),
    ...inDir.filter((p) => base(p).endsWith('.auto.tfvars') || base(p).endsWith('.auto.tfvars.json')).sort((a, b) => (base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : 0)),
    ...(sources.varFiles ?? []),
  ];
  const given = sources.varFiles ?? [];
  const ownFiles = ordered.slice(0, ordered.length - given.length);
  for (const path of ownFiles) for (const [name, input] of varFileValues(ctx, path)) set(name, input);
  const setVar = (name: string, value: string): void => set(name, { raw: value, via: [], sensitive: false, refs: [], origin: '-var' });
  const vars = Object.entries(sources.vars ?? {});
  const positionOf = (name: string): number => Math.min(sources.varPositions?.[name] ?? given.length, given.length);
  given.forEach((path, i) => {
    for (const [name, value] of vars) if (positionOf(name) === i) setVar(name, value);
    for (const [name, input] of varFileValues(ctx, path)) set(name, input);
  });
  for (const [name, value] of vars) if (positionOf(name) === given.length) setVar(name, value);
  if (declared !== undefined) {
    const own = new Set(ownFiles);
    for (const path of own) {
      for (const [name, input] of varFileValues(ctx, path)) {
        if (declared.has(name)) continue;
        const near = nearestName(name, declared.keys());
        ctx.report({
          code: 'vars/undeclared',
          severity: 'warning',
          message: `${base(path)} sets ${name}, but the root module declares no variable "${name}", so Terraform ignores the value (it warns of it too).${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
          hint: near !== undefined ? `Rename it to ${near}, or declare variable "${name}".` : `Declare variable "${name}", or remove the value.`,
          ...(input.span ? { span: input.span } : { file: path }),
        });
      }
    }
  }
  // prod.tfvars beside the configuration is for `terraform plan -var-file`: its values are not the
  // configuration's unless given, and a scan that ignored it unsaid would look like it judged them.
  const loaded = new Set(ordered);
  for (const path of inDir) {
    if (loaded.has(path) || !(path.endsWith('.tfvars') || path.endsWith('.tfvars.json'))) continue;
    // Not applied, but committed: its values are kept as unused (VariableInput.overridden), so the
    // literal scans judge a password in prod.tfvars as they judge one in terraform.tfvars.
    for (const [name, input] of unloadedValues(ctx, path)) {
      if (declared !== undefined && !declared.has(name)) continue;
      const current = out.get(name);
      out.set(name, current === undefined ? { via: [], sensitive: false, refs: [], origin: 'not loaded', overridden: [input] } : { ...current, overridden: [...(current.overridden ?? []), input] });
    }
    ctx.report({
      code: 'vars/not-loaded',
      severity: 'info',
      message: `${base(path)} is not loaded by Terraform on its own (only terraform.tfvars and *.auto.tfvars are), so its values were not applied.`,
      hint: 'Pass it with --var-file (or list it in the config file\'s var_files) to judge the configuration with its values.',
      file: path,
    });
  }
  return out;
}
