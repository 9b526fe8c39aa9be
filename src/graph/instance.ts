// One module instance (the root module, or `module.app["prod"]`): lazily evaluated, memoised
// variables, locals, resources and outputs, resolving references for the expression evaluator.
import type { Attribute, Block, Expression, FunctionCallExpr, Range, TemplateExpr, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { attributeSpan, evaluateBody, evaluateGuarded, dedupeSpans, type BodyContext, type EvaluatedBody } from './body.js';
import type { GraphContext } from './context.js';
import { EMPTY_SCOPE, Evaluator, MISSING, NO_ROOTS, SENSITIVE_EACH, Scope, Trace, type EvalEnv, type Missing, type RootResolver } from './evaluate.js';
import { decodeTfvarsText } from './tfvars-decode.js';
import type { FunctionContext } from './functions/index.js';
import { attributeOf, repetitionOf, resourceShape, variableShape, type VariableShape } from './declarations.js';
import { RefKind, modulePlan, type ModulePlan, type Reference } from './module-plan.js';
import { joinInside, literalString, localCallTargets, localModulePath, type Declared, type ModuleSource } from './load.js';
import { isOutsideRootLink, resolveDirLinks } from '../util/paths.js';
import { parseTemplateText, templateLine } from './parse.js';
import { didYouMean, repetitionMisuse, resourceMeant, undeclaredReferences, undeclaredUnderExpression } from './static-references.js';
import { ephemeralMark, ephemeralPartsOf, readsEphemeral, type EphemeralScope } from './ephemeral.js';
import { nullTypeOf } from './null-types.js';
import { certainlyUnmarked, markedSource, sensitiveSource, type InstanceEach, type InstanceKey, type KeptReading, type MarkLinks } from './sensitive-outputs.js';
import { findNode, freeTraversals } from './traversals.js';
import { jsonLiteral } from './variables.js';
import { overrideFileOf } from './overrides.js';
import { nearestName } from '../config/nearest-name.js';
import { TERRAFORM_DATA_SCHEMA, isBuiltinTerraformData } from './builtin-schema.js';
import { eachInstances, instanceRef, markInstance, markWhole, wholeRef } from './instance-references.js';
import { renderPolicyDocument } from './policy-document.js';
import { defaultTagsReach, plannedTagsAll, withPlannedTags } from './default-tags.js';
import { hasPlannedPolicy, withPlannedPolicies } from './provider-json.js';
import { writtenOut } from './written-out.js';
import { ANY, convert, parseTypeCached, valueType, withDeclaredType, type TypeSpec } from './types.js';
import { isSecretName } from '../detectors/names.js';
import { COMPUTED_BY_PROVIDER, READ_FROM_PROVIDER } from '../model/computed-from.js';
import type { DeferredRead, UnknownCause } from '../model/unknown-cause.js';
import { applyTimeOf, describeApplyTime } from './apply-time.js';
import { deferredRead } from './deferred-read.js';
import { inStaticCycle } from './static-cycles.js';
import { failsBeforeMarks } from './for-each-failure.js';
import { refersToSecretName } from './secret-names.js';
import { EvalError, INSTANCE_COUNT, ListV, compareKeys, MISSING_INSTANCE_KEY, UNEXPECTED_INSTANCE_KEY, ObjV, Unk, computedUnknown, markClosedSchema, markComputedNotNull, evalErrorSeverity, formatNumber, obj, severityByOrigin, tuple, typeName, unk, untyped, withoutTypes, withoutValues, type Val } from './value.js';
import { maskUrlUserinfo } from '../detectors/mask.js';

/** How deep module calls nest before the scan stops evaluating them (an error names the call). */
const MAX_MODULE_DEPTH = 64;
/** Instances past these are not read one by one by the checks that read syntax (as a collection's elements past 64 are not). */
const MAX_INSTANCES_READ = 64;

/** A memoised value with what it travelled through. */
export interface Memo {
  readonly value: Val;
  /** The declaration that produced it (local attribute, output value, module input). */
  readonly span?: Span;
  readonly via: readonly Span[];
  readonly sensitive: boolean;
  /** Marked only through one-way functions (Trace.onlyHashedMarks); absent counts as false. */
  readonly onlyHashedMarks?: boolean;
  readonly refs: readonly string[];
}

/** Where a variable's value came from, before type conversion. */
export interface VariableInput {
  readonly value?: Val;
  /** A -var or TF_VAR_ string: parsed as an expression unless the variable is a string. */
  readonly raw?: string;
  readonly span?: Span;
  readonly via: readonly Span[];
  readonly sensitive: boolean;
  /** Marked only through one-way functions (a module input `sha256(var.pw)`: Trace.onlyHashedMarks). */
  readonly onlyHashedMarks?: boolean;
  readonly refs: readonly string[];
  readonly origin: string; // 'tfvars file x', '-var', 'TF_VAR_x', 'module input'
  /**
   * The values written in files (a terraform.tfvars line, an *.auto.tfvars or --var-file line, a
   * Terragrunt input) that a later source of Terraform's precedence replaced, or that a variables
   * file Terraform does not load sets (prod.tfvars, not given): unused by the evaluation, yet still
   * committed, so the literal scans judge them (rootVariableInputs). An input with these alone has no value.
   */
  readonly overridden?: readonly VariableInput[];
}

/** A variable that sets nullable = false given null, with no default to take instead (also a Terraform stack's variable, stack-inputs.ts). */
export function nullInputDiagnostic(name: string, span: Span): Diagnostic {
  return { code: 'vars/null', severity: 'error', message: `var.${name} is given null, but it sets nullable = false and has no default, so Terraform refuses the value (a required variable not set).`, span };
}

/** A variable that sets nullable = false and a null default (also a Terraform stack's variable). */
export function nullDefaultDiagnostic(name: string, span: Span): Diagnostic {
  return { code: 'vars/null-default', severity: 'error', message: `variable "${name}" sets nullable = false and a null default, which Terraform refuses.`, hint: 'Give a non-null default, or drop the default to make the variable required.', span };
}

export interface ResourceInstance {
  readonly decl: Declared<Block>;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** undefined without count or for_each; '?' when the instances are unknown. Always present: one object shape. */
  readonly key: string | number | undefined;
  readonly unknownKey: boolean;
  readonly scope: Scope;
}

export interface ResourceInstances {
  /** `type.name` / `data.type.name`, and with this instance's module prefix (what references record). */
  readonly local: string;
  readonly configAddress: string;
  readonly expansion: Expansion;
  readonly instances: readonly ResourceInstance[];
  /** Instances by String(key), for `type.name[key]` references. */
  readonly byKey: ReadonlyMap<string, ResourceInstance>;
}

interface Expansion {
  readonly kind: 'single' | 'count' | 'for_each' | 'unknown';
  /** Every instance has the same shape (key undefined when there is none): they are read in hot loops. */
  readonly instances: readonly { key: string | number | undefined; unknownKey: boolean; scope: Scope }[];
  readonly refs: readonly string[];
  /**
   * `for_each = aws_s3_bucket.b` (another resource's instances, whole): its configuration address,
   * and by key the instance that is each.value, so each instance links to its own (materialize).
   */
  readonly each?: { readonly configAddress: string; readonly byKey: ReadonlyMap<string, string> };
}

export interface ProviderRef {
  readonly instance: ModuleInstance;
  readonly name: string;
  readonly alias?: string;
}

/** Attributes the provider always computes; a configured value would be a different argument. */
const ALWAYS_COMPUTED = new Set(['id', 'arn']);
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on']);
/** Arguments of a module block that are not inputs of the module. */
export const MODULE_META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/** count and for_each: evaluated, and reported on, by the expansion itself. */
const META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each']);
const NO_REFS: readonly string[] = [];
const NO_INSTANCES: ReadonlyMap<string, ResourceInstance> = new Map();
/** Every traversal whose root is not a declaration of the module shares this one record. */
const OTHER_REFERENCE: Reference = { kind: RefKind.Other, slot: 0, from: 0, name: '' };
/** A sensitive for_each, refused or whose keys would show a secret: one instance with an unknown key. */
const SENSITIVE_FOR_EACH_HINT = 'Iterate over keys that are not secret, with only the values sensitive: for_each = nonsensitive(toset(keys(var.x))) and var.x[each.key] in the body, or a map whose values alone are marked with sensitive().';
/** The expansion of a block without count or for_each (shared: expansions are never changed). */
/** Errors that depend on the values an instance sees, not on the configuration's shape (assumed()). */
const VALUE_ERRORS: ReadonlySet<string> = new Set(['eval/instance-key', INSTANCE_COUNT, 'eval/index', 'eval/error']);

/**
 * An instance this scan assumes (a count or for_each it could not know, or one Terraform refuses,
 * is checked as one instance) may not exist at all, and Terraform evaluates a body only for the
 * instances there are: with a count of 0, terraform plan 1.11.4 says nothing of an
 * `aws_route_table.database[0]` that has no instances. What fails on values there (a missing
 * instance or index, a function refusing a value) is a warning, not an error. References and types
 * are checked in every block, instances or not, and stay errors.
 */
function assumed(d: Diagnostic): Diagnostic {
  if (d.severity !== 'error' || !VALUE_ERRORS.has(d.code)) return d;
  return { ...d, severity: 'warning', message: `${d.message} (in an instance the scan assumes: its count or for_each is not known here, or refused)` };
}

function assumedContext(ctx: BodyContext): BodyContext {
  const report = ctx.report;
  return { ...ctx, report: (d: Diagnostic): void => report(assumed(d)) };
}

const SINGLE: Expansion = { kind: 'single', instances: [{ key: undefined, unknownKey: false, scope: EMPTY_SCOPE }], refs: NO_REFS };
const SENSITIVE_FOR_EACH: Expansion = { kind: 'unknown', instances: [{ key: undefined, unknownKey: true, scope: unknownScope('the for_each is sensitive') }], refs: NO_REFS };

export function addressKey(key: string | number | undefined, unknownKey: boolean): string {
  if (unknownKey) return '[?]';
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

function stepName(step: TraversalStep | undefined): string | undefined {
  return step?.kind === 'attr' ? step.name : undefined;
}

function findAttr(block: Block, name: string): Attribute | undefined {
  return attributeOf(block.body, name);
}

export interface InstanceOptions {
  readonly mod: ModuleSource;
  /** '' for a root module, else `module.app["prod"]`. */
  readonly path: string;
  /** `module.app` form of path. */
  readonly configPath: string;
  readonly rootDir: string;
  /** The modules.json key of this instance ('' for a root). */
  readonly manifestKey: string;
  readonly inputs: (name: string) => VariableInput | undefined;
  readonly parent?: ModuleInstance;
  /** What marks the value the caller gives variable `name`, for the checks that read marks from the syntax. */
  readonly inputMarked?: (name: string) => string | undefined;
  readonly providerMap?: ReadonlyMap<string, ProviderRef>;
  /**
   * The configuration of a provider the module declares none of and no caller passes: a Terraform
   * Stacks component's, which the stack gives (stack-inputs.ts StackEvaluation.provider).
   */
  readonly givenProvider?: (name: string, alias: string | undefined) => EvaluatedBody | undefined;
  /** Module directories on the way here, for cycle detection. */
  readonly stack: readonly string[];
  /** This instance, or one of the calls above it, is one the scan assumes (a count or for_each it could not know): see assumed(). */
  readonly hypothetical?: boolean;
}

export class ModuleInstance implements RootResolver {
  /**
   * options.mod and options.path, as fields: read some 90 000 times in a scan of a few hundred
   * modules, where a getter's call cost a frame each (this code mostly runs unoptimised).
   */
  readonly mod: ModuleSource;
  readonly path: string;
  readonly evaluator: Evaluator;
  /** The module's slots, and this instance's memos by slot (see module-plan.ts). */
  readonly plan: ModulePlan;
  private readonly variableMemos: (Memo | undefined)[];
  private readonly localMemos: (Memo | 'pending' | undefined)[];
  private readonly outputMemos: (Memo | 'pending' | undefined)[];
  /** By resource slot (the block's position in mod.resources). */
  private readonly expansionMemos: (Expansion | 'pending' | undefined)[];
  private readonly bodyMemo = new Map<string, EvaluatedBody | 'pending'>();
  private readonly bodyRefs = new Map<string, readonly string[]>();
  private readonly providerMemo = new Map<string, EvaluatedBody | null>();
  private readonly instancesMemos: (ResourceInstances | undefined)[];
  private readonly objectMemo = new Map<string, Val>();
  private moduleValue: Val | undefined;
  private children: Map<string, ChildCall> | undefined;
  private links: MarkLinks | undefined;
  private secretTexts: readonly string[] | undefined;
  private currentFile: string;
  private currentCall: Range = { start: 0, end: 0 };

  constructor(
    readonly ctx: GraphContext,
    readonly options: InstanceOptions,
  ) {
    this.mod = options.mod;
    this.path = options.path;
    this.currentFile = options.mod.files[0]?.path ?? '';
    ctx.evaluatedModules.add(options.mod.dir);
    const plan = modulePlan(options.mod);
    this.plan = plan;
    this.variableMemos = new Array<Memo | undefined>(plan.variables.length);
    this.localMemos = new Array<Memo | 'pending' | undefined>(plan.locals.length);
    this.outputMemos = new Array<Memo | 'pending' | undefined>(plan.outputs.length);
    this.expansionMemos = new Array<Expansion | 'pending' | undefined>(options.mod.resources.length);
    this.instancesMemos = new Array<ResourceInstances | undefined>(options.mod.resources.length);
    const self = this;
    const fn: FunctionContext = {
      moduleDir: options.mod.dir,
      rootDir: options.rootDir,
      budget: ctx.budget,
      report: (d) => self.reportHere(d),
      readFile: (p) => ctx.readInside(options.rootDir, p, self.currentFile, self.currentCall),
      fileExists: (p) => {
        const rel = joinInside(options.rootDir, p);
        return rel === undefined ? 'outside' : ctx.input.files.has(rel) || ctx.input.readFile(rel) !== undefined;
      },
      listFiles: (p) => {
        const rel = joinInside(options.rootDir, p);
        return rel === undefined ? 'outside' : ctx.input.listFiles?.(rel);
      },
      renderTemplate: (text, vars, origin) => self.renderTemplate(text, vars, origin),
      decodeTfvars: (text) => {
        // As Terraform reads a variables file: no names defined, no function callable.
        const constants = new Evaluator({ resolver: NO_ROOTS, fn, reportUnimplemented: () => undefined, parseTemplate: parseTemplateText, callsRefused: true });
        return decodeTfvarsText(text, (expr) => constants.evaluate(expr, EMPTY_SCOPE, new Trace()));
      },
    };
    const env: EvalEnv = {
      resolver: this,
      fn,
      reportUnimplemented: (name, range) => ctx.reportUnimplemented(name, self.currentFile, range),
      parseTemplate: parseTemplateText,
      onCall: (call: FunctionCallExpr) => {
        self.currentCall = call;
      },
      isUnmarked: (expr: Expression) => certainlyUnmarked(self.mod, expr),
      undeclaredIn: (expr: Expression) => undeclaredUnderExpression(self.mod, expr),
      nullType: (expr: Expression, isBound: (name: string) => boolean) =>
        nullTypeOf({ mod: self.mod, isRoot: self.options.parent === undefined && self.options.path === '', isBound, variableType: (name) => self.declaredType(name) }, expr),
      readsEphemeral: (expr: Expression) => readsEphemeral(self.ephemeralScope, expr),
      ephemeralMark: (expr: Expression, forElements) => ephemeralMark(self.ephemeralScope, expr, forElements),
      ephemeralPartsOf: (expr: Expression, forElements) => {
        const found = ephemeralPartsOf(self.ephemeralScope, expr, forElements);
        if (found === undefined) return undefined;
        // Any instance's: which instance a computed key reads is not known here.
        const instances = self.childCalls().get(found.call)?.instances() ?? [];
        return { parts: found.parts, keptSensitive: instances.some((child) => found.kept.some((name) => child.output(name)?.sensitive === true)) };
      },
    };
    this.evaluator = new Evaluator(env);
  }

  private ephemeralScopeMemo: EphemeralScope | undefined;

  /** This module, and the modules its calls run, whose outputs may be declared ephemeral (ephemeral.ts). */
  get ephemeralScope(): EphemeralScope {
    return (this.ephemeralScopeMemo ??= {
      mod: this.mod,
      called: (name) => this.childCalls().get(name)?.target,
      knownCollection: (collection) => this.knownCollection(collection),
      noInstances: (name) => {
        const call = this.childCalls().get(name);
        if (call === undefined || call.expandingNow) return false;
        return hasNoInstance(call.expansion());
      },
    });
  }

  /** `module.app.` (config form, no instance keys), '' for a root module: prefixes absolute configAddresses. */
  get configPrefix(): string {
    return (this.configPrefixText ??= this.options.configPath === '' ? '' : `${this.options.configPath}.`);
  }

  private configPrefixText: string | undefined;

  /** reportHere bound once: a body context is made per resource body. */
  private readonly report = (d: Diagnostic): void => this.reportHere(d);

  /**
   * Reports a diagnostic found in this instance. Inside a called module the hint names the instance
   * and its root module: a module evaluated for several callers is reported once (GraphContext), and
   * may fail for one caller's inputs only, so the place in the module alone does not say which call to fix.
   */
  reportHere(d: Diagnostic): void {
    if (this.options.hypothetical === true) d = assumed(d);
    const { path, rootDir } = this.options;
    if (path === '') {
      this.ctx.report(d);
      return;
    }
    // An invalid reference or call fails in every instance alike; other errors may depend on this caller's inputs.
    const everyCaller = d.code === 'eval/unknown-reference' || d.code === 'eval/arguments';
    const where = `Found evaluating ${path} for the root module ${rootDir || '.'}${everyCaller ? '.' : "; another caller's inputs may give another result."}`;
    this.ctx.report({ ...d, hint: d.hint === undefined ? where : `${d.hint} ${where}` });
  }

  bodyContext(file: string, refs: Set<string>): BodyContext {
    this.currentFile = file;
    return { evaluator: this.evaluator, spans: this.ctx.spans, file, report: this.report, refs };
  }

  span(file: string, range: Range): Span {
    return this.ctx.spans.span(file, range);
  }

  /** The span of an attribute: name through end of expression. */
  attributeSpan(file: string, attr: Attribute): Span {
    return attributeSpan(this.ctx.spans, file, attr);
  }

  /** Evaluate a standalone expression in module scope (constants in settings blocks, etc.); references go to `trace`. */
  evalExpr(file: string, expr: Expression, scope: Scope, trace: Trace, what: string, hypothetical = false): Val {
    const saved = this.currentFile;
    let guard = this.guards.get(file);
    if (guard === undefined) {
      // evaluateGuarded reads no refs from its context: one per file serves every expression.
      guard = { evaluator: this.evaluator, spans: this.ctx.spans, file, report: this.report, refs: new Set() };
      this.guards.set(file, guard);
    }
    this.currentFile = file;
    const value = evaluateGuarded(hypothetical ? assumedContext(guard) : guard, expr, scope, trace, what);
    this.currentFile = saved;
    return value;
  }

  private readonly guards = new Map<string, BodyContext>();

  // ---- variables

  variable(name: string): Memo | undefined {
    const slot = this.plan.variableSlots.get(name);
    return slot === undefined ? undefined : this.variableAt(slot);
  }

  /** The variable in `slot` of this module's plan. */
  variableAt(slot: number): Memo {
    const cached = this.variableMemos[slot];
    if (cached !== undefined) return cached;
    const { name, decl, shape } = this.plan.variables[slot]!;
    const block = decl.node;
    // Without an input, the value depends on the declaration only: every instance shares one memo.
    let input: VariableInput | undefined;
    let inputRead = false;
    // A root's variable with no default reads differently from a module's (requiredVariableReason): its own memo.
    const requiredAtRoot = this.options.path === '' && shape.defaultAttr === undefined;
    const shared = requiredAtRoot ? undefined : shape.sharedMemo;
    if (shared !== undefined) {
      input = this.options.inputs(name);
      inputRead = true;
      if (!hasInputValue(input)) {
        this.variableMemos[slot] = shared;
        return shared;
      }
    }
    const { defaultAttr, typeAttr, sensitive: isSensitive, nullable } = shape;
    let type: TypeSpec = ANY;
    let failed = false;
    if (typeAttr) {
      try {
        type = this.variableType(decl, typeAttr, name);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        failed = true;
        // Terraform refuses a type constraint it cannot read ("Invalid type specification").
        this.reportHere({ code: 'eval/type', severity: 'error', message: `variable "${name}": ${e.message}`, span: this.span(decl.file, typeAttr) });
      }
    }
    if (!inputRead) input = this.options.inputs(name);
    let value: Val;
    let via: Span[] = [];
    let sensitive = isSensitive;
    // A digest of a sensitive value passed in keeps its hashed mark, even where the variable is
    // declared sensitive: the declaration marks what it holds, which is still the digest. Given an
    // unmarked value, the declaration is the only mark, and one in the clear.
    let onlyHashedMarks = false;
    let refs: readonly string[] = NO_REFS;
    let span: Span | undefined;
    let given = false;
    if (hasInputValue(input)) {
      given = true;
      value = input.raw !== undefined ? this.parseRaw(input.raw, typeAttr === undefined ? undefined : type, name) : input.value!;
      via = input.span ? [...input.via, input.span] : [...input.via];
      sensitive ||= input.sensitive;
      onlyHashedMarks = input.sensitive && input.onlyHashedMarks === true;
      refs = input.refs;
      span = input.span;
      // Terraform reads a default against its type when it loads the configuration, given a value
      // or not ("Invalid default value for variable", terraform init 1.11.4): a tfvars value or a
      // module argument does not hide a default that can never be used.
      if (defaultAttr && typeAttr && !failed) this.checkUnusedDefault(decl, type, name, isSensitive);
      if (value === null && !nullable && defaultAttr) value = this.variableDefault(decl)!.value;
      else if (value === null && !nullable) {
        this.reportHere(nullInputDiagnostic(name, span ?? this.span(decl.file, block)));
        value = unk({ kind: 'variable', module: this.path, name, why: 'null' });
      }
    } else if (defaultAttr) {
      const d = this.variableDefault(decl)!;
      value = d.value;
      span = d.span;
      via = [span];
    } else if (this.options.path === '') {
      // A root variable with no default and no value: Terraform refuses to plan without it, so its
      // value is not one known only at apply time (model/required-variable.ts).
      value = unk({ kind: 'variable', module: this.path, name, why: 'required' });
    } else {
      value = unk({ kind: 'variable', module: this.path, name, why: 'unset' });
    }
    try {
      value = convert(value, type, `var.${name}`);
      // An unknown value (none given, or one known only at apply time) is an unknown of the declared type.
      if (value instanceof Unk && typeAttr !== undefined && !failed) value = withDeclaredType(value, type);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      failed = true;
      this.reportHere({ code: 'eval/type', severity: 'error', message: `The value of var.${name} does not match its type: ${withoutValues(e.message, sensitive || isSecretName(name))}`, span: span ?? this.span(decl.file, block) });
    }
    const marks = onlyHashedMarks ? { sensitive, onlyHashedMarks } : { sensitive };
    const memo: Memo = span ? { value, via: dedupeSpans(via), ...marks, refs, span } : { value, via: dedupeSpans(via), ...marks, refs };
    this.variableMemos[slot] = memo;
    // Terraform validates a default too, when no value is given.
    if (!failed && shape.validations.length > 0) this.validate(decl, name, shape.validations, span ?? this.span(decl.file, block), refs.length === 0, sensitive || isSecretName(name));
    // A failed type or conversion is reported by each scan that evaluates the variable, so it is not shared.
    if (!given && !failed && !requiredAtRoot) shape.sharedMemo = memo;
    return memo;
  }

  /**
   * A value (given, or the default) that fails a `validation` condition makes Terraform refuse the
   * configuration: said at the value (the tfvars line, the module argument, the default). A condition this evaluator cannot decide
   * (an error, an unknown) says nothing; Terraform's own message is shown only when it is plain text,
   * as an interpolated one could print the value.
   */
  private validate(decl: Declared<Block>, name: string, validations: VariableShape['validations'], at: Span, fromConfiguration: boolean, sensitive: boolean): void {
    for (const { condition, message } of validations) {
      const saved = this.currentFile;
      this.currentFile = decl.file;
      let ok: Val;
      const trace = new Trace(false);
      try {
        ok = this.evaluator.evaluate(condition.expr, EMPTY_SCOPE, trace);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        // A condition Terraform cannot evaluate fails the plan as the value failing it would.
        this.reportHere({ code: e.code, severity: evalErrorSeverity(e.code, trace.readsConfigurationOnly()), message: `The validation of var.${name}: ${e.code === 'eval/unknown-reference' ? e.message : withoutValues(e.message, sensitive)}`, span: this.span(decl.file, e.range ?? condition.expr) });
        ok = null;
      } finally {
        this.currentFile = saved;
      }
      if (ok !== null && !(ok instanceof Unk) && typeof ok !== 'boolean' && ok !== 'true' && ok !== 'false') {
        this.reportHere({ code: 'vars/validation', severity: 'error', message: `The validation condition of var.${name} is a ${typeName(ok)}, not a bool, so Terraform refuses it.`, span: this.span(decl.file, condition.expr) });
        continue;
      }
      if (ok !== false && ok !== 'false') continue;
      this.reportHere({
        code: 'vars/validation',
        // A value read from a resource or module output may be one we see otherwise than Terraform.
        severity: severityByOrigin(fromConfiguration),
        message: `The value of var.${name} fails its validation, so Terraform would refuse this configuration${message !== undefined ? `: ${message}` : '.'}`,
        span: at,
      });
    }
  }

  /** Variable `name`'s type constraint; 'none' when it has none; undefined when undeclared (null-types.ts). */
  private declaredType(name: string): TypeSpec | 'none' | undefined {
    const decl = this.mod.variables.get(name);
    if (decl === undefined) return undefined;
    const { typeAttr } = variableShape(decl.node);
    if (typeAttr === undefined) return 'none';
    try {
      return this.variableType(decl, typeAttr, name);
    } catch {
      return undefined;
    }
  }

  /** A variable's type constraint (a method, not a closure in variable(): see moduleReference). */
  private variableType(decl: Declared<Block>, typeAttr: Attribute, name: string): TypeSpec {
    return parseTypeCached(typeAttr.expr, (e) => this.evalExpr(decl.file, e, EMPTY_SCOPE, new Trace(), `variable "${name}" type default`));
  }

  /** A default that does not convert to its variable's type, where a given value is used instead: said at the default. */
  private checkUnusedDefault(decl: Declared<Block>, type: TypeSpec, name: string, sensitive: boolean): void {
    const d = this.variableDefault(decl);
    if (d === undefined || d.value === null) return;
    try {
      convert(d.value, type, `var.${name}`);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.reportHere({ code: 'eval/type', severity: 'error', message: `Invalid default value for variable: the default of var.${name} does not match its type, so Terraform refuses it even where a value is given: ${withoutValues(e.message, sensitive || isSecretName(name))}`, span: d.span });
    }
  }

  /**
   * A variable's default as written, before conversion: evaluated once per declaration, since
   * Terraform requires defaults to be constants (no references), so every instance shares it.
   */
  variableDefault(decl: Declared<Block>): { readonly value: Val; readonly span: Span } | undefined {
    const shape = variableShape(decl.node);
    const cached = shape.written;
    if (cached) return cached;
    const defaultAttr = shape.defaultAttr;
    if (!defaultAttr) return undefined;
    const name = decl.node.labels[0]?.value ?? '';
    const saved = this.currentFile;
    const value = this.jsonDefault(decl, defaultAttr) ?? this.evalExpr(decl.file, defaultAttr.expr, EMPTY_SCOPE, new Trace(), `variable "${name}" default`);
    const span = this.attributeSpan(decl.file, defaultAttr);
    this.currentFile = saved;
    // Said once per declaration, whatever the caller (every instance shares this memo).
    if (value === null && !shape.nullable) {
      this.ctx.report(nullDefaultDiagnostic(name, span));
    }
    const result = { value, span };
    shape.written = result;
    return result;
  }

  /**
   * A default written in JSON syntax, read as Terraform reads it: with no evaluation context, so a
   * string is its text (`"${var.x}"` is those eight characters), never a template; read in the file
   * it is written in (an override file's, when one replaced it). Undefined for native syntax.
   */
  private jsonDefault(decl: Declared<Block>, attr: Attribute): Val | undefined {
    const path = overrideFileOf(attr) ?? decl.file;
    const file = this.mod.files.find((f) => f.path === path);
    return file?.syntax === 'json' ? jsonLiteral(file.text, attr.expr) : undefined;
  }

  /**
   * A -var or TF_VAR_ value as Terraform reads it: literal text for a variable with no type or a
   * primitive type, an HCL expression for any other (`type = any` included: `["x", 1]` is a tuple).
   */
  private parseRaw(raw: string, type: TypeSpec | undefined, name: string): Val {
    if (type === undefined || type.kind === 'string' || type.kind === 'number' || type.kind === 'bool') return raw;
    const parsed = parseTemplateText(`\${${raw}}`, `-var ${name}`);
    if (!parsed) return raw;
    try {
      return this.evaluator.evaluate(parsed, EMPTY_SCOPE, new Trace());
    } catch {
      return raw;
    }
  }

  // ---- locals

  local(name: string): Memo | undefined {
    const slot = this.plan.localSlots.get(name);
    return slot === undefined ? undefined : this.localAt(slot);
  }

  /**
   * Evaluate the locals nothing referred to: Terraform evaluates every local, so an error in one
   * that nothing uses still fails its plan, and must be reported here too.
   */
  evaluateUnusedLocals(): void {
    for (let slot = 0; slot < this.localMemos.length; slot++) if (this.localMemos[slot] === undefined) this.localAt(slot);
  }

  /**
   * Preconditions and postconditions (a resource's lifecycle, an output's own): one known to be
   * false makes Terraform fail the plan, so the scan says so at the condition, as an error when it
   * reads the configuration alone. One on self or on apply-time values says nothing. `report`:
   * whether an error in a condition is reported here (a resource's body reported its own).
   */
  checkConditions(file: string, blocks: readonly Block[], scope: Scope, label: string, report: boolean): void {
    for (const b of blocks) {
      if (b.type !== 'precondition' && b.type !== 'postcondition' && b.type !== 'assert') continue;
      const condition = attributeOf(b.body, 'condition');
      if (!condition) continue;
      const trace = new Trace(false);
      let ok: Val;
      if (report) ok = this.evalExpr(file, condition.expr, scope, trace, `${label} ${b.type}`);
      else {
        const saved = this.currentFile;
        this.currentFile = file;
        try {
          ok = this.evaluator.evaluate(condition.expr, scope, trace);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          ok = null;
        } finally {
          this.currentFile = saved;
        }
      }
      if (ok !== false && ok !== 'false') continue;
      const message = literalString(attributeOf(b.body, 'error_message')?.expr);
      const said = message !== undefined ? `: ${message}` : '.';
      // A failing check block assertion is a warning in Terraform too: the plan goes on.
      if (b.type === 'assert') this.reportHere({ code: 'eval/check', severity: 'warning', message: `An assertion of ${label} is false, so Terraform warns of it${said}`, span: this.attributeSpan(file, condition) });
      else {
        this.reportHere({
          code: `eval/${b.type}`,
          severity: severityByOrigin(trace.readsConfigurationOnly()),
          message: `A ${b.type} of ${label} is false, so Terraform fails the plan${said}`,
          span: this.attributeSpan(file, condition),
        });
      }
    }
  }

  /** What a block that is never evaluated (no instances) refers to without its declaration: errors, as Terraform checks them. */
  reportUndeclared(decl: Declared<Block>, label: string): void {
    for (const { expr, message } of undeclaredReferences(this.mod, decl.node, META_ARGUMENTS, (call) => this.childCalls().get(call)?.target)) {
      this.reportHere({ code: 'eval/unknown-reference', severity: 'error', message: `${label}: ${message}`, span: this.span(decl.file, expr) });
    }
  }

  /** count.… or each.… in an ephemeral resource or a check's data source that does not set it (repetitionMisuse). */
  reportRepetitionMisuse(decl: Declared<Block>, label: string): void {
    for (const { expr, message } of repetitionMisuse(decl.node)) {
      this.reportHere({ code: 'eval/unknown-reference', severity: 'error', message: `${label}: ${message}`, span: this.span(decl.file, expr) });
    }
  }

  /** The local in `slot` of this module's plan. */
  private localAt(slot: number): Memo {
    const cached = this.localMemos[slot];
    const local = this.plan.locals[slot]!;
    const { name, decl, what } = local;
    if (cached === 'pending') {
      if (!inStaticCycle(this.mod, `local.${name}`)) this.reportHere({ code: 'eval/cycle', severity: 'error', message: `local.${name} refers to itself through other locals, so Terraform refuses the configuration (a cycle).`, span: this.span(decl.file, decl.node) });
      return { value: unk(`local.${name} is part of a reference cycle`), via: [], sensitive: false, refs: [] };
    }
    if (cached !== undefined) return cached;
    this.localMemos[slot] = 'pending';
    const trace = new Trace();
    const saved = this.currentFile;
    const value = this.evalExpr(decl.file, decl.node.expr, EMPTY_SCOPE, trace, what);
    this.currentFile = saved;
    const span = (local.span ??= this.attributeSpan(decl.file, decl.node));
    this.currentFile = saved;
    const memo: Memo = { value, span, via: dedupeSpans(trace.via), sensitive: trace.sensitive, onlyHashedMarks: trace.onlyHashedMarks, refs: trace.refList() };
    this.localMemos[slot] = memo;
    return memo;
  }

  // ---- resources

  private expansion(slot: number, decl: Declared<Block>, label: string): Expansion {
    const cached = this.expansionMemos[slot];
    if (cached === 'pending') return { kind: 'unknown', instances: [{ key: undefined, unknownKey: true, scope: unknownScope() }], refs: [] };
    if (cached) return cached;
    this.expansionMemos[slot] = 'pending';
    const result = this.expand(decl.file, decl.node, label);
    this.expansionMemos[slot] = result;
    return result;
  }

  private spendSteps(n: number): void {
    this.ctx.budget.steps -= n;
    if (this.ctx.budget.steps < 0) throw new EvalError('Evaluation budget exhausted (too many iterations); remaining values are unknown.', undefined, 'eval/budget');
  }

  /** Instances are capped per block and per scan (count = 1e7, or count inside a counted module). */
  private spendInstances(n: number, what: string): void {
    const budget = this.ctx.budget;
    if (n > budget.maxCollectionLength) throw new EvalError(`${what} exceeds the evaluation budget of ${budget.maxCollectionLength} instances per block; it is checked as one instance.`, undefined, 'eval/budget');
    budget.instances -= n;
    if (budget.instances < 0) throw new EvalError(`${what} exceeds the evaluation budget: the scan already has too many resource and module instances; it is checked as one instance.`, undefined, 'eval/budget');
  }

  /** How marks reach this instance from its caller and its module calls (sensitive-outputs.ts). */
  private markLinks(): MarkLinks {
    return (this.links ??= {
      input: this.options.inputMarked,
      output: (call, out, deep, key) => this.childCalls().get(call)?.outputMarked(out, deep, key),
      outputNames: (call) => this.childCalls().get(call)?.target?.outputs.keys() ?? [],
      hasInstances: (call) => this.childCalls().get(call)?.hasInstances(),
      known: (collection) => this.knownCollection(collection),
    });
  }

  /**
   * What `collection` holds in this instance, written out (written-out.ts), when the evaluation knows
   * it whole: the checks that read syntax then read a `%{ for }` over it element by element. Evaluated
   * quietly, as its expression already was where it is written (what fails there is said there).
   */
  knownCollection(collection: Expression): Expression | undefined {
    let known = this.knownCollections.get(collection);
    // each, count and self differ by resource instance, and this reads the module instance's scope.
    if (known === undefined && (readsRepetition(collection) || freeTraversals(collection).some((t) => t.root === 'self'))) known = null;
    if (known === undefined) {
      let value: Val | undefined;
      try {
        value = this.evaluator.evaluate(collection, EMPTY_SCOPE, new Trace(false));
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
      known = (value === undefined ? undefined : writtenOut(value, collection)) ?? null;
      this.knownCollections.set(collection, known);
    }
    return known ?? undefined;
  }

  private readonly knownCollections = new WeakMap<Expression, Expression | null>();

  /**
   * The ephemeral scope for the arguments of a block that expands so: a `%{ for }` collection reading
   * its each or count is written out from its value in each instance (ephemeral.ts instanceCollections).
   */
  ephemeralScopeOf(expansion: Expansion): EphemeralScope {
    if (expansion.kind !== 'count' && expansion.kind !== 'for_each') return this.ephemeralScope;
    return { ...this.ephemeralScope, instanceCollections: (collection) => this.collectionPerInstance(collection, expansion) };
  }

  /** `collection` evaluated quietly in each instance's scope (its first 64), written out where known. */
  private collectionPerInstance(collection: Expression, expansion: Expansion): readonly Expression[] {
    let memo = this.perInstanceCollections.get(expansion);
    if (memo === undefined) this.perInstanceCollections.set(expansion, (memo = new WeakMap()));
    let found = memo.get(collection);
    if (found === undefined) {
      const written: Expression[] = [];
      for (const i of expansion.instances.slice(0, MAX_INSTANCES_READ)) {
        let value: Val | undefined;
        try {
          value = this.evaluator.evaluate(collection, i.scope, new Trace(false));
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
        }
        const known = value === undefined ? undefined : writtenOut(value, collection);
        if (known !== undefined) written.push(known);
      }
      memo.set(collection, (found = written));
    }
    return found;
  }

  private readonly perInstanceCollections = new WeakMap<Expansion, WeakMap<Expression, readonly Expression[]>>();

  /**
   * What makes the value of `expr` itself sensitive in this instance (sensitive-outputs.ts), if
   * anything certainly does; `scope`: where it reads each or count (a module call's argument, per
   * instance of the call), whose `%{ for }` collections are read from their value there, and `each`
   * where its `each.value` is an element of a literal for_each, with that element's own marks.
   */
  markedBy(expr: Expression, scope?: Scope, each?: InstanceEach): string | undefined {
    if (scope === undefined) return markedSource(this.mod, expr, this.markLinks());
    return markedSource(this.mod, expr, { ...this.markLinks(), known: (collection) => this.knownCollectionIn(collection, scope) }, each);
  }

  /** knownCollection, of a collection reading each or count evaluated (quietly) in `scope`. */
  private knownCollectionIn(collection: Expression, scope: Scope): Expression | undefined {
    if (!readsRepetition(collection)) return this.knownCollection(collection);
    let value: Val | undefined;
    try {
      value = this.evaluator.evaluate(collection, scope, new Trace(false));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
    return value === undefined ? undefined : writtenOut(value, collection);
  }

  /**
   * What `expr` unmasks with nonsensitive() (`var.db_password`), if an argument of one of its
   * nonsensitive() calls certainly holds a sensitive value: Terraform then prints that text.
   */
  unmaskedIn(expr: Expression): string | undefined {
    let found: string | undefined;
    findNode(expr, (node) => {
      if (node.type !== 'call' || node.name !== 'nonsensitive') return false;
      const arg = (node as unknown as FunctionCallExpr).args[0];
      found = arg !== undefined ? sensitiveSource(this.mod, arg, this.markLinks()) : undefined;
      return found !== undefined;
    });
    return found;
  }

  /** What marks output `out` of this instance: its top level, or (deep) any part of it. */
  markedOutput(out: string, deep: boolean): string | undefined {
    const slot = this.plan.outputSlots.get(out);
    const output = slot === undefined ? undefined : this.plan.outputs[slot]!;
    const valueAttr = output?.shape.valueAttr;
    if (valueAttr === undefined) return undefined;
    return deep ? sensitiveSource(this.mod, valueAttr.expr, this.markLinks(), output) : markedSource(this.mod, valueAttr.expr, this.markLinks());
  }

  /**
   * The texts (4 characters or more) of the values of the variables declared sensitive in this
   * instance and its callers: where secrets come from (what is computed from one holds its text).
   * Not every value that read one: the sensitive bit is sticky, so `{ a = var.pw, b = "x" }["b"]`
   * has it, and "x" is no secret.
   */
  private sensitiveTexts(): readonly string[] {
    if (this.secretTexts !== undefined) return this.secretTexts;
    const texts: string[] = [...(this.options.parent?.sensitiveTexts() ?? [])];
    const collect = (v: Val, depth: number): void => {
      if (depth > 16 || texts.length > 1000) return;
      if (typeof v === 'string') {
        if (v.length >= 4) texts.push(v);
      } else if (v instanceof ListV) for (const x of v.items) collect(x, depth + 1);
      else if (v instanceof ObjV) for (const x of v.attrs.values()) collect(x, depth + 1);
    };
    for (let slot = 0; slot < this.plan.variables.length; slot++) if (this.plan.variables[slot]!.shape.sensitive) collect(this.variableAt(slot).value, 0);
    return (this.secretTexts = texts);
  }

  /**
   * Whether this module, a module that calls it or one it calls writes nonsensitive(): the sensitive
   * bit is sticky (a rule asks whether an output derives from a secret, unmarked or not), so a key
   * the user unmarked would look like a secret's text to the check above, which then stands aside.
   */
  private nonsensitiveNearby(): boolean {
    const writes = (mod: ModuleSource): boolean => mod.files.some((f) => f.text.includes('nonsensitive'));
    for (let i: ModuleInstance | undefined = this; i !== undefined; i = i.options.parent) if (writes(i.mod)) return true;
    const seen = new Set<ModuleSource>();
    const below = (mod: ModuleSource): boolean => {
      for (const dir of localCallTargets(mod, this.ctx.tree.links)) {
        const target = this.ctx.tree.modules.get(dir);
        if (target === undefined || seen.has(target)) continue;
        seen.add(target);
        if (writes(target) || below(target)) return true;
      }
      return false;
    };
    return below(this.mod);
  }

  /** count / for_each of a resource or module block. */
  expand(file: string, block: Block, label: string): Expansion {
    const { count: countAttr, forEach: forEachAttr } = repetitionOf(block);
    if (!countAttr && !forEachAttr) return SINGLE;
    const trace = new Trace(false); // read for its references only
    const saved = this.currentFile;
    try {
      if (countAttr) {
        const v = this.evalExpr(file, countAttr.expr, EMPTY_SCOPE, trace, `${label} count`);
        // A string converts as Terraform converts it to a number ("2.0" and "1e0" are whole numbers).
        const n = typeof v === 'string' && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : v;
        if (typeof n === 'number' && Number.isInteger(n) && n >= 0) {
          this.spendInstances(n, `count ${n}`);
          const instances = [];
          for (let i = 0; i < n; i++) instances.push({ key: i, unknownKey: false, scope: EMPTY_SCOPE.bind('count', obj([['index', i]])) });
          return { kind: 'count', instances, refs: trace.refList() };
        }
        const reason = v instanceof Unk ? v.reason : `count is ${typeof v === 'string' ? withoutValues(`"${v}"`, trace.sensitive || refersToSecretName(countAttr)) : v === null ? 'null' : typeof v === 'number' ? formatNumber(v) : `a ${typeName(v)}`}`;
        if (v instanceof Unk) this.reportUnknownRepetition('count', label, reason, [v], this.span(file, countAttr));
        // A known count that is no whole number ≥ 0: Terraform refuses it ("Invalid count argument").
        else this.reportHere({ code: 'eval/count', severity: severityByOrigin(trace.readsConfigurationOnly()), message: `The count of ${label} must be a whole number of at least 0, but ${reason}, so Terraform refuses it; it is checked as one instance.`, span: this.span(file, countAttr) });
        return { kind: 'unknown', instances: [{ key: undefined, unknownKey: true, scope: EMPTY_SCOPE.bind('count', obj([['index', unk(reason)]])) }], refs: trace.refList() };
      }
      if (forEachAttr) {
        // Terraform refuses a sensitive for_each ("Invalid for_each argument"): its keys would show the
        // value in instance addresses. Checked before evaluating, so no key of it is ever printed here;
        // but for an evaluation that Terraform refuses first (for-each-failure.ts), said below.
        const secret = this.markedBy(forEachAttr.expr);
        if (secret !== undefined && !failsBeforeMarks(this.mod, forEachAttr.expr, () => this.evaluator.evaluate(forEachAttr.expr, EMPTY_SCOPE, new Trace(false)))) {
          this.reportHere({ code: 'eval/for-each', severity: 'error', message: `for_each of ${label} is sensitive (${secret}), so Terraform refuses it: its keys would show the sensitive value in the instances' addresses. It is checked as one instance.`, hint: SENSITIVE_FOR_EACH_HINT, span: this.span(file, forEachAttr) });
          return SENSITIVE_FOR_EACH;
        }
        const v = this.evalExpr(file, forEachAttr.expr, EMPTY_SCOPE, trace, `${label} for_each`);
        const entries: [string, Val][] = [];
        let unknown: Unk | undefined = v instanceof Unk ? v : undefined;
        // Every unknown key (a set's elements), to find one Terraform knows only at apply; none where Terraform refuses a list anyway.
        const unknownKeys: Unk[] = unknown ? [unknown] : [];
        if (v instanceof ObjV) for (const [k, x] of v.attrs) entries.push([k, x]);
        else if (v instanceof ListV) {
          // Terraform refuses a list or tuple here; a set of ours is a set there (toset(), setunion(), a set variable).
          if (v.kind !== 'set') this.reportHere({ code: 'eval/for-each-list', severity: severityByOrigin(trace.readsConfigurationOnly()), message: `for_each of ${label} is a ${v.kind}, so Terraform refuses it: it requires a map or a set of strings (use toset()).`, span: this.span(file, forEachAttr) });
          let bad: Val | undefined;
          for (const x of v.items) {
            if (x instanceof Unk) {
              unknown ??= x;
              if (v.kind === 'set') unknownKeys.push(x);
            }
            else if (typeof x === 'string') entries.push([x, x]);
            else if (typeof x === 'number') entries.push([String(x), x]);
            else bad ??= x;
          }
          // Terraform: "Invalid for_each set argument" (a set of strings, without null). A set of numbers
          // alone is one too; numbers beside strings were unified to strings, as by toset(["a", 1]).
          if (bad === undefined && v.kind === 'set' && v.items.length > 0 && v.items.every((x) => typeof x === 'number')) bad = v.items[0]!;
          if (bad !== undefined) {
            const what = bad === null ? 'a null element' : `a ${typeName(bad)} element`;
            this.reportHere({ code: 'eval/for-each', severity: severityByOrigin(trace.readsConfigurationOnly()), message: `for_each of ${label} has ${what}, so Terraform refuses it: a set for for_each holds strings only${typeof bad === 'number' ? '' : '; that element is left out here'}.`, span: this.span(file, forEachAttr) });
          }
        } else if (!unknown) {
          this.reportHere({ code: 'eval/for-each', severity: severityByOrigin(trace.readsConfigurationOnly()), message: `for_each of ${label} is ${v === null ? 'null' : `a ${typeName(v)}`}, so Terraform refuses it: it requires a map or a set of strings.`, span: this.span(file, forEachAttr) });
        }
        // What the marks read from the syntax miss (an element picked out of a collection built around a
        // secret, a for over one, a function joining one in): keys that hold a sensitive variable's text
        // would print it in every address. Terraform refuses such a for_each; here it is one instance.
        if (!unknown && trace.sensitive && entries.length > 0 && !this.nonsensitiveNearby()) {
          const secrets = this.sensitiveTexts();
          if (secrets.length > 0 && entries.some(([k]) => secrets.some((t) => k.includes(t)))) {
            this.reportHere({ code: 'eval/for-each', severity: 'warning', message: `for_each of ${label} has keys that hold the text of a sensitive value, so Terraform refuses it (it refuses a for_each computed from a sensitive value: its keys would show it in the instances' addresses). It is checked as one instance.`, hint: SENSITIVE_FOR_EACH_HINT, span: this.span(file, forEachAttr) });
            return SENSITIVE_FOR_EACH;
          }
        }
        if (!unknown) this.spendInstances(entries.length, `for_each of ${entries.length} elements`);
        if (unknown) {
          this.reportUnknownRepetition('for_each', label, unknown.reason, unknownKeys, this.span(file, forEachAttr));
          return { kind: 'unknown', instances: [{ key: undefined, unknownKey: true, scope: unknownScope(unknown.reason) }], refs: trace.refList() };
        }
        const eachScope = trace.sensitive ? EMPTY_SCOPE.bind(SENSITIVE_EACH, true) : EMPTY_SCOPE;
        const instances = entries.map(([k, x]) => ({ key: k, unknownKey: false, scope: eachScope.bind('each', obj([['key', k], ['value', x]])) }));
        const each = eachInstances(v, entries);
        return each ? { kind: 'for_each', instances, refs: trace.refList(), each } : { kind: 'for_each', instances, refs: trace.refList() };
      }
      return SINGLE;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.reportHere({ code: e.code, severity: evalErrorSeverity(e.code, trace.readsConfigurationOnly()), message: `${label}: ${withoutValues(e.message, trace.sensitive || refersToSecretName(countAttr ?? forEachAttr))}`, span: this.span(file, e.range ?? block) });
      return { kind: 'unknown', instances: [{ key: undefined, unknownKey: true, scope: unknownScope() }], refs: [] };
    } finally {
      this.currentFile = saved;
    }
  }

  /**
   * A count or for_each the scan does not know (`reason`): said as info, unless one of `unknowns`
   * is a value Terraform itself knows only at apply (apply-time.ts), for which terraform plan 1.11.4
   * refuses it ("Invalid count argument", "Invalid for_each argument" for a set element or a map
   * whose keys are unknown; unknown values of a map with known keys it takes). An error where
   * Terraform certainly refuses it, a warning where the provider may know the value at plan. Only
   * info in an instance the scan assumes (assumed()): that instance may not exist.
   */
  private reportUnknownRepetition(meta: 'count' | 'for_each', label: string, reason: string, unknowns: readonly Unk[], span: Span): void {
    const part = this.options.hypothetical === true ? undefined : applyTimeOf(unknowns);
    const what = meta === 'count' ? `The count of ${label}` : `The for_each of ${label}`;
    if (part === undefined) {
      this.reportHere({ code: meta === 'count' ? 'eval/unknown-count' : 'eval/unknown-for-each', severity: 'info', message: `${what} is not known to the scan (${reason}); it is checked as one instance.`, span });
      return;
    }
    const summary = meta === 'count' ? '"Invalid count argument"' : '"Invalid for_each argument"';
    const known = meta === 'count' ? 'depends on a value known only at apply' : 'has keys known only at apply';
    const message = part.certain
      ? `${what} ${known} (${describeApplyTime(part.cause)}), so Terraform refuses it: ${meta === 'count' ? 'it cannot predict how many instances there will be' : 'it cannot determine the keys of the instances'} (${summary}). It is checked as one instance.`
      : `${what} may ${meta === 'count' ? 'depend on a value' : 'have keys'} known only at apply (${describeApplyTime(part.cause)}): Terraform refuses it (${summary}) unless the provider knows that value at plan, from a default in its schema. It is checked as one instance.`;
    const hint =
      meta === 'count'
        ? 'Base the count on values known at plan (variables, literals, the length of a list written out), or apply what it depends on first (terraform apply -target).'
        : 'Use a map whose keys are known at plan (written out, or from variables), with the values known only at apply as its values.';
    this.reportHere({ code: meta === 'count' ? 'eval/count' : 'eval/for-each', severity: part.certain ? 'error' : 'warning', message, hint, span });
  }

  /**
   * The instances of the resource block in `slot` (its position in mod.resources), memoised with an
   * index by key (references look them up often).
   */
  resourceInstances(slot: number): ResourceInstances {
    const cached = this.instancesMemos[slot];
    if (cached) return cached;
    const decl = this.mod.resources[slot]!;
    const { mode, type, name, local } = this.plan.resourceShapes[slot]!;
    const expansion = this.expansion(slot, decl, local);
    const prefix = this.path === '' ? '' : `${this.path}.`;
    // A loop, not map(closure): the closure's context cost an allocation per block and instance.
    const instances = new Array<ResourceInstance>(expansion.instances.length);
    for (let n = 0; n < instances.length; n++) {
      const i = expansion.instances[n]!;
      instances[n] = {
        decl,
        mode,
        type,
        name,
        address: `${prefix}${local}${addressKey(i.key, i.unknownKey)}`,
        key: i.key !== undefined ? i.key : i.unknownKey ? '?' : undefined,
        unknownKey: i.unknownKey,
        scope: i.scope,
      };
    }
    // Keys exist only with count or for_each (and none with count = 0): one shared empty index otherwise.
    let byKey: ReadonlyMap<string, ResourceInstance> = NO_INSTANCES;
    if (expansion.kind !== 'single' && instances.length > 0) {
      const index = new Map<string, ResourceInstance>();
      for (const i of instances) if (i.key !== undefined && !index.has(String(i.key))) index.set(String(i.key), i);
      byKey = index;
    }
    const result = { local, configAddress: this.configPrefix + local, expansion, instances, byKey };
    // A pending expansion (a reference cycle through count/for_each) is not the final answer.
    if (this.expansionMemos[slot] !== 'pending') this.instancesMemos[slot] = result;
    return result;
  }

  /** The evaluated body of a resource instance (memoised; a reference cycle yields unknowns). */
  body(inst: ResourceInstance): EvaluatedBody | undefined {
    const cached = this.bodyMemo.get(inst.address);
    if (cached === 'pending') return undefined;
    if (cached) return cached;
    this.bodyMemo.set(inst.address, 'pending');
    const refs = new Set<string>();
    const saved = this.currentFile;
    const ctx = inst.unknownKey ? assumedContext(this.bodyContext(inst.decl.file, refs)) : this.bodyContext(inst.decl.file, refs);
    const evaluated = evaluateBody(ctx, inst.decl.node.body, this.span(inst.decl.file, inst.decl.node), inst.scope, { skipAttributes: RESOURCE_META });
    // A JSON policy argument as the AWS provider plans it (provider-json.ts): what references read and rules see.
    // Its tags too (default-tags.ts withPlannedTags): no null key, numbers as text.
    const policies = inst.mode === 'managed' && hasPlannedPolicy(inst.type) ? withPlannedPolicies(inst.type, evaluated) : evaluated;
    const body = inst.mode === 'managed' && inst.type.startsWith('aws_') && defaultTagsReach(inst.type) ? withPlannedTags(policies) : policies;
    this.currentFile = saved;
    this.bodyMemo.set(inst.address, body);
    this.bodyRefs.set(inst.address, [...refs]);
    return body;
  }

  bodyReferences(inst: ResourceInstance): readonly string[] {
    return this.bodyRefs.get(inst.address) ?? [];
  }

  /** An attribute of a resource instance as another expression sees it. */
  private instanceAttribute(inst: ResourceInstance, name: string, trace: Trace): Val {
    if (ALWAYS_COMPUTED.has(name)) return computedUnknown(attributeCause(inst, name, 'computed', deferredRead(this, inst)), name, inst.type, this.computedNotNull(inst));
    const body = this.body(inst);
    if (!body) return unk(`${inst.address} refers to itself`);
    if (name === 'output' && inst.type === 'terraform_data' && inst.mode === 'managed') return terraformDataOutput(inst, body.attrs.get('input')?.value ?? null);
    const attr = body.attrs.get(name);
    // An AWS resource's tags left out, null or empty (`{}`, or a null key alone): the provider plans
    // null (its schema computes no tags; terraform plan 1.11.4, hashicorp/aws 5.100:
    // `output "t" { value = aws_s3_bucket.b.tags }` is null).
    if (name === 'tags' && (attr === undefined || attr.value === null || (attr.value instanceof ObjV && attr.value.attrs.size === 0)) && inst.mode === 'managed' && inst.type.startsWith('aws_') && defaultTagsReach(inst.type)) return null;
    if (attr) {
      trace.absorb({ via: attr.via, sensitive: attr.sensitive, onlyHashedMarks: attr.onlyHashedMarks, refs: NO_REFS }, attr.span);
      // Terraform treats an argument set to null as one left out: the provider then decides it
      // (`region = var.region` with a null default gives the provider's region, not null).
      if (attr.value === null) return unk({ ...attributeCause(inst, name, undefined, deferredRead(this, inst)), nulled: true });
      // Without the types of unknowns in it: the provider converts the argument to its schema's type.
      return withoutTypes(attr.value);
    }
    if (inst.type === 'aws_iam_policy_document' && inst.mode === 'data' && (name === 'json' || name === 'minified_json')) {
      const rendered = renderPolicyDocument(body);
      return this.readAtApply(inst, name, name === 'json' ? rendered.json : rendered.minified);
    }
    // data "aws_default_tags" reads its provider's default_tags ({} without them), which this scan knows.
    if (inst.type === 'aws_default_tags' && inst.mode === 'data' && name === 'tags') {
      const { provider } = resourceShape(inst.decl.node);
      const config = this.providerFor(provider.name, provider.alias);
      const tags = config?.body.blocks.find((b) => b.type === 'default_tags')?.attrs.get('tags');
      if (config && !tags) return obj([], 'map');
      if (tags) {
        trace.absorb({ via: tags.via, sensitive: tags.sensitive, refs: NO_REFS }, tags.span);
        return tags.value;
      }
    }
    // An AWS resource's tags_all, which the provider plans from its tags and default_tags.
    if (name === 'tags_all' && inst.mode === 'managed') {
      const planned = this.plannedTagsAll(inst, body, trace);
      if (planned !== undefined) return planned;
    }
    // The template provider's data source (old stacks render user data with it): rendered as templatefile() renders.
    if (inst.type === 'template_file' && inst.mode === 'data' && name === 'rendered') return this.readAtApply(inst, name, this.renderTemplateFile(inst, body, trace));
    // A loop, not filter(closure over name): see moduleReference.
    const blocks: Val[] = [];
    for (const b of body.blocks) if (b.type === name) blocks.push(blockObject(b));
    if (blocks.length > 0) return tuple(blocks);
    return computedUnknown(attributeCause(inst, name, undefined, deferredRead(this, inst)), name, inst.mode === 'managed' ? inst.type : undefined, this.computedNotNull(inst));
  }

  /**
   * The tags_all the AWS provider plans for this instance (default-tags.ts plannedTagsAll), undefined
   * where it plans it unknown; the provenance of its parts goes to `trace` when there is one.
   */
  private plannedTagsAll(inst: ResourceInstance, body: EvaluatedBody, trace: Trace | undefined): Val | undefined {
    if (!inst.type.startsWith('aws_') || !defaultTagsReach(inst.type)) return undefined;
    const { provider } = resourceShape(inst.decl.node);
    if (provider.name !== 'aws') return undefined;
    const config = this.providerFor(provider.name, provider.alias)?.body;
    const defaults = config?.blocks.find((b) => b.type === 'default_tags')?.attrs.get('tags');
    const tags = body.attrs.get('tags');
    const ignore = config?.blocks.find((b) => b.type === 'ignore_tags');
    const keys = ignore?.attrs.get('keys')?.value ?? null;
    const prefixes = ignore?.attrs.get('key_prefixes')?.value ?? null;
    if (!(keys === null || keys instanceof ListV) || !(prefixes === null || prefixes instanceof ListV)) return undefined;
    const texts = (l: ListV | null): string[] => (l === null ? [] : l.items.filter((k): k is string => typeof k === 'string'));
    const planned = plannedTagsAll(defaults?.value, tags?.value, { keys: texts(keys), prefixes: texts(prefixes) });
    if (planned !== undefined && trace !== undefined) for (const a of [defaults, tags]) if (a) trace.absorb({ via: a.via, sensitive: a.sensitive, refs: NO_REFS }, a.span);
    return planned;
  }

  /**
   * A data source's attribute rendered here (a policy document's JSON, a template_file's text), as
   * Terraform plans it: unknown where it reads the data source only at apply (deferredRead: it refers
   * to a managed resource with changes, or depends on one), its text kept for rules as a template's
   * is (terraform plan 1.11.4: the json of a document naming `aws_s3_bucket.b.bucket`, or with
   * `depends_on = [aws_s3_bucket.b]`, is "(known after apply)").
   */
  private readAtApply(inst: ResourceInstance, name: string, rendered: Val): Val {
    if (typeof rendered !== 'string') return rendered;
    const deferred = deferredRead(this, inst);
    return deferred === undefined ? rendered : new Unk(attributeCause(inst, name, undefined, deferred), rendered, false);
  }

  /**
   * Whether Terraform knows the instance's computed id and ARN are not null at plan: a data source's
   * read at plan (it has its values), terraform_data's (its provider refines its id so); not another
   * provider's resource, nor a data source read only at apply (computedUnknown).
   */
  private computedNotNull(inst: ResourceInstance): boolean {
    return inst.mode === 'data' ? deferredRead(this, inst) === undefined : inst.type === 'terraform_data';
  }

  private instanceObject(inst: ResourceInstance): Val {
    const cached = this.objectMemo.get(inst.address);
    if (cached !== undefined) return cached;
    const body = this.body(inst);
    if (!body) return unk(`${inst.address} refers to itself`);
    const entries: [string, Val][] = [];
    // Null arguments are left out, as in instanceAttribute: the object's open attributes are unknown.
    for (const [k, a] of body.attrs) if (!ALWAYS_COMPUTED.has(k) && a.value !== null) entries.push([k, withoutTypes(a.value)]);
    const byType = new Map<string, Val[]>();
    for (const b of body.blocks) {
      if (!byType.has(b.type)) byType.set(b.type, []);
      byType.get(b.type)!.push(blockObject(b));
    }
    for (const [k, vs] of byType) if (!body.attrs.has(k)) entries.push([k, tuple(vs)]);
    if (inst.mode === 'managed') {
      const tagsAll = this.plannedTagsAll(inst, body, undefined);
      if (tagsAll !== undefined) entries.push(['tags_all', tagsAll]);
    }
    if (inst.type === 'aws_iam_policy_document' && inst.mode === 'data') {
      const rendered = renderPolicyDocument(body);
      entries.push(['json', this.readAtApply(inst, 'json', rendered.json)], ['minified_json', this.readAtApply(inst, 'minified_json', rendered.minified)]);
    }
    const o = obj(entries);
    const value = new ObjV(o.attrs, 'object', `${inst.mode === 'data' ? READ_FROM_PROVIDER : COMPUTED_BY_PROVIDER}`);
    markInstance(value, inst.address);
    if (this.computedNotNull(inst)) markComputedNotNull(value);
    if (inst.mode === 'managed' && isBuiltinTerraformData(this.mod, inst.decl.node)) markClosedSchema(value, TERRAFORM_DATA_SCHEMA);
    this.objectMemo.set(inst.address, value);
    return value;
  }

  /** `data "template_file"`'s rendered text: its template with its vars, or unknown when either is. */
  private renderTemplateFile(inst: ResourceInstance, body: EvaluatedBody, trace: Trace): Val {
    const template = body.attrs.get('template');
    const vars = body.attrs.get('vars');
    for (const a of [template, vars]) if (a) trace.absorb({ via: a.via, sensitive: a.sensitive, refs: NO_REFS }, a.span);
    if (typeof template?.value !== 'string') return template?.value instanceof Unk ? untyped(template.value) : unk(attributeCause(inst, 'rendered', undefined, deferredRead(this, inst)));
    return this.renderTemplate(template.value, vars?.value ?? obj([]), `${inst.address}.template`);
  }

  /** Whether an output of this instance holds or is declared a sensitive value (known once asModuleObject has run). */
  moduleSensitive = false;

  /** `module.x` as a whole object: every output of this instance (memoised). */
  asModuleObject(): Val {
    if (this.moduleValue !== undefined) return this.moduleValue;
    const entries: [string, Val][] = [];
    const outputs = this.plan.outputs;
    for (let slot = 0; slot < outputs.length; slot++) {
      const memo = this.outputAt(slot);
      entries.push([outputs[slot]!.name, memo.value]);
      if (memo.sensitive) this.moduleSensitive = true;
    }
    const value = obj(entries);
    this.moduleValue = value;
    return value;
  }

  /** `consumed` counts from the first step (as resolveRoot's does): `from` plus the steps used here. */
  private resourceReference(slot: number, steps: readonly TraversalStep[], from: number, trace: Trace, orMissing: boolean): Val | Missing {
    const { local, configAddress, expansion, instances, byKey } = this.resourceInstances(slot);
    trace.addRef(configAddress);
    if (expansion.kind === 'single') {
      if (steps[from]?.kind === 'index') throw unexpectedKey(local, steps[from]!);
      const attr = stepName(steps[from]);
      const value = attr !== undefined ? this.instanceAttribute(instances[0]!, attr, trace) : this.instanceObject(instances[0]!);
      this.markExactRead(trace, instances, configAddress);
      return this.resolved(value, attr !== undefined ? from + 1 : from);
    }
    const first = steps[from];
    // Terraform checks this before it evaluates anything ("Missing resource instance key"), whatever the count.
    if (first?.kind === 'attr') {
      const meta = expansion.kind === 'for_each' || (expansion.kind === 'unknown' && repetitionOf(this.mod.resources[slot]!.node).forEach !== undefined) ? 'for_each' : 'count';
      throw new EvalError(
        `Missing resource instance key: because ${local} has "${meta}" set, its attributes must be read on one instance (${local}[${meta === 'count' ? 'count.index' : 'each.key'}].${first.name}) or on all of them (${local}[*].${first.name}).`,
        first,
        MISSING_INSTANCE_KEY,
      );
    }
    if (expansion.kind === 'unknown') {
      trace.addRef(wholeRef(configAddress));
      return this.resolved(unk({ kind: 'instances', address: local, type: local.startsWith('data.') ? local.split('.')[1]! : local.split('.')[0]! }), from);
    }
    if (first?.kind === 'index') {
      const inst = byKey.get(String(first.key));
      if (!inst) {
        if (orMissing) return MISSING;
        throw noSuchInstance(local, first, expansion);
      }
      const ref = instanceRef(configAddress, inst.address);
      trace.addRef(ref);
      const attr = stepName(steps[from + 1]);
      const value = attr !== undefined ? this.instanceAttribute(inst, attr, trace) : this.instanceObject(inst);
      this.markExactRead(trace, [inst], configAddress, ref);
      return this.resolved(value, attr !== undefined ? from + 2 : from + 1);
    }
    // Each reference to all instances builds them all (ten times the cost of a for iteration): charged,
    // so `count = N` referring to another counted resource cannot cost N² unchecked (issue 12).
    this.spendSteps(instances.length * 10);
    trace.addRef(wholeRef(configAddress));
    const whole = this.allInstances(expansion.kind === 'count', instances);
    markWhole(whole, configAddress);
    this.markExactRead(trace, instances, configAddress, wholeRef(configAddress));
    return this.resolved(whole, from);
  }

  /**
   * Marks the references just read exact (Trace.markExact) when every instance read is the built-in
   * terraform_data with a body that reads nothing but the configuration: its input and
   * triggers_replace are the values written, its output an unknown of the input's type, its id an
   * unknown string, as terraform plan 1.11.4 has them (`terraform_data.t.input.nope` of a string
   * input: "Unsupported attribute: Can't access attributes on a primitive-typed value (string).").
   */
  private markExactRead(trace: Trace, instances: readonly ResourceInstance[], ...refs: string[]): void {
    if (instances.length === 0) return;
    for (const inst of instances) {
      if (inst.mode !== 'managed' || inst.unknownKey || !isBuiltinTerraformData(this.mod, inst.decl.node)) return;
      const read = this.bodyRefs.get(inst.address);
      if (read === undefined || read.length > 0) return;
    }
    for (const ref of refs) trace.markExact(ref);
  }

  /** Every instance's object: a tuple for count, an object by key for for_each. */
  private allInstances(counted: boolean, instances: readonly ResourceInstance[]): Val {
    if (counted) {
      const items: Val[] = [];
      for (const i of instances) items.push(this.instanceObject(i));
      return tuple(items);
    }
    const entries: [string, Val][] = [];
    for (const i of instances) entries.push([String(i.key), this.instanceObject(i)]);
    return obj(entries);
  }

  // ---- module calls and outputs

  childCalls(): Map<string, ChildCall> {
    if (!this.children) {
      this.children = new Map();
      for (const [name, decl] of this.mod.moduleCalls) this.children.set(name, new ChildCall(this, name, decl));
    }
    return this.children;
  }

  output(name: string): Memo | undefined {
    const slot = this.plan.outputSlots.get(name);
    return slot === undefined ? undefined : this.outputAt(slot);
  }

  /** The output in `slot` of this module's plan. */
  outputAt(slot: number): Memo {
    const cached = this.outputMemos[slot];
    const output = this.plan.outputs[slot]!;
    const { name, decl, shape, what } = output;
    if (cached === 'pending') return { value: unk(`output ${name} refers to itself`), via: [], sensitive: false, refs: [] };
    if (cached !== undefined) return cached;
    const { valueAttr, sensitive } = shape;
    this.outputMemos[slot] = 'pending';
    const trace = new Trace();
    const value = valueAttr ? this.evalExpr(decl.file, valueAttr.expr, EMPTY_SCOPE, trace, what) : null;
    if (decl.node.body.blocks.length > 0) this.checkConditions(decl.file, decl.node.body.blocks, EMPTY_SCOPE, `output "${name}"`, true);
    if (!valueAttr) this.reportHere({ code: 'eval/output', severity: 'error', message: `output "${name}" has no value argument, which Terraform requires.`, span: this.span(decl.file, decl.node) });
    const span = valueAttr ? (output.valueSpan ??= this.attributeSpan(decl.file, valueAttr)) : (output.blockSpan ??= this.span(decl.file, decl.node));
    if (this.path === '' && valueAttr && !sensitive) this.checkSensitiveOutput(name, decl, valueAttr.expr, output);
    // A digest's output keeps the hashed mark, declared sensitive = true or not (a root module's must say so).
    const memo: Memo = { value, span, via: dedupeSpans(trace.via), sensitive: trace.sensitive || sensitive, onlyHashedMarks: trace.onlyHashedMarks, refs: trace.refList() };
    this.outputMemos[slot] = memo;
    return memo;
  }

  /** Terraform refuses a root module output that holds a sensitive value unless it says so (sensitive-outputs.ts). */
  private checkSensitiveOutput(name: string, decl: Declared<Block>, expr: Expression, kept: KeptReading): void {
    const source = sensitiveSource(this.mod, expr, this.markLinks(), kept);
    if (source === undefined) return;
    this.reportHere({
      code: 'eval/sensitive-output',
      severity: 'error',
      message: `output "${name}" refers to a sensitive value (${source}) but does not set sensitive = true, so Terraform refuses it: a root module output holding sensitive data must say so.`,
      hint: 'Add sensitive = true to the output, or wrap the value in nonsensitive() if it is not secret.',
      span: this.span(decl.file, decl.node.labels[0] ?? decl.node),
    });
  }

  /**
   * Like resourceReference, `consumed` counts from the first step. Helpers are functions, not
   * closures: a closure made every reference allocate a context for the variables it captured.
   */
  private moduleReference(name: string, steps: readonly TraversalStep[], from: number, expr: TraversalExpr, trace: Trace): Val | undefined {
    const call = this.childCalls().get(name);
    if (!call) return undefined;
    // The call's own count or for_each reads it (a cycle, reported by static-cycles.ts).
    if (call.expandingNow) return this.resolved(unk(`module.${name} is read by its own count or for_each`), from);
    const instances = call.instances();
    // count = 0 or for_each = {} gives an empty tuple or object, known whether or not the module is
    // in the scan (`[for m in module.remote : m.id]` is [] with terraform 1.11.4, not unknown).
    if (!call.evaluated && !hasNoInstance(call.expansion())) {
      trace.addRef(`${this.configPrefix}module.${name}`);
      return this.resolved(unk(`module.${name} (${maskUrlUserinfo(call.source)}) is not downloaded, so its outputs are unknown`), from);
    }
    if (call.expansion().kind === 'unknown') return this.resolved(unk({ kind: 'instances', address: `module.${name}` }), from);
    // Its instances were not made (nested past the depth budget, reported there): its outputs are not
    // known to the scan. Read as made, the missing instance failed the whole root module.
    if (instances.length < call.expansion().instances.length) return this.resolved(unk(`module.${name} is not evaluated (nested more than ${MAX_MODULE_DEPTH} modules deep)`), from);
    if (call.expansion().kind === 'single') {
      const out = stepName(steps[from]);
      if (out !== undefined) return this.resolved(absorbOutput(call, instances[0]!, out, expr, trace), from + 1);
      return this.resolved(moduleObject(instances[0]!, trace), from);
    }
    const first = steps[from];
    if (first?.kind === 'index') {
      const child = instances[instanceIndex(call.expansion().instances, first.key)];
      if (!child) throw noSuchInstance(`module.${name}`, first, call.expansion());
      const out = stepName(steps[from + 1]);
      if (out !== undefined) return this.resolved(absorbOutput(call, child, out, expr, trace), from + 2);
      return this.resolved(moduleObject(child, trace), from + 1);
    }
    this.spendSteps(instances.length * 10);
    if (call.expansion().kind === 'count') return this.resolved(tuple(instances.map((child) => moduleObject(child, trace))), from);
    return this.resolved(obj(call.expansion().instances.map((i, n) => [String(i.key), moduleObject(instances[n]!, trace)])), from);
  }

  // ---- providers

  /** The provider configuration a resource in this instance uses, following module inheritance. */
  providerFor(name: string, alias?: string): { instance: ModuleInstance; decl?: Declared<Block>; body: EvaluatedBody } | undefined {
    const key = alias ? `${name}.${alias}` : name;
    // Asked once per resource block: the answer depends on the instance and the key only.
    let found = this.providerForMemo.get(key);
    if (found === undefined) {
      found = this.findProvider(name, alias, key) ?? null;
      this.providerForMemo.set(key, found);
    }
    return found ?? undefined;
  }

  private readonly providerForMemo = new Map<string, { instance: ModuleInstance; decl?: Declared<Block>; body: EvaluatedBody } | null>();

  private findProvider(name: string, alias: string | undefined, key: string): { instance: ModuleInstance; decl?: Declared<Block>; body: EvaluatedBody } | undefined {
    for (const decl of this.mod.providers) {
      const declAlias = findAttr(decl.node, 'alias');
      const a = declAlias ? (declAlias.expr.type === 'template' ? declAlias.expr.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('') : undefined) : undefined;
      if (decl.node.labels[0]?.value === name && a === alias) return { instance: this, decl, body: this.providerBody(decl, key) };
    }
    const mapped = this.options.providerMap?.get(key);
    if (mapped) return mapped.instance.providerFor(mapped.name, mapped.alias);
    if (!alias && this.options.parent) return this.options.parent.providerFor(name);
    const given = this.options.givenProvider?.(name, alias);
    return given !== undefined ? { instance: this, body: given } : undefined;
  }

  private providerBody(decl: Declared<Block>, key: string): EvaluatedBody {
    const cached = this.providerMemo.get(key);
    if (cached) return cached;
    const saved = this.currentFile;
    const body = evaluateBody(this.bodyContext(decl.file, new Set()), decl.node.body, this.span(decl.file, decl.node), EMPTY_SCOPE);
    this.currentFile = saved;
    this.providerMemo.set(key, body);
    return body;
  }

  // ---- templates

  private templateDepth = 0;

  private renderTemplate(text: string, vars: Val, origin: string): Val {
    // A template that includes itself would recurse until the stack overflows (issue 12).
    if (this.templateDepth >= 8) throw new EvalError(`templatefile() calls nest more than 8 deep at ${origin} (does a template include itself?).`, undefined, 'eval/budget');
    this.templateDepth++;
    try {
      return this.renderTemplateText(text, vars, origin);
    } finally {
      this.templateDepth--;
    }
  }

  private renderTemplateText(text: string, vars: Val, origin: string): Val {
    const parsed: TemplateExpr | undefined = parseTemplateText(text, origin);
    if (!parsed) throw new EvalError(`The template ${origin} could not be parsed.`);
    if (vars instanceof Unk) return vars;
    const names = new Map<string, Val>();
    if (vars instanceof ObjV) for (const [k, v] of vars.attrs) names.set(k, v);
    const isolated = new Evaluator({
      resolver: NO_ROOTS,
      fn: this.evaluator.env.fn,
      reportUnimplemented: this.evaluator.env.reportUnimplemented,
      parseTemplate: parseTemplateText,
    });
    try {
      return isolated.evaluate(parsed, EMPTY_SCOPE.with(names), new Trace());
    } catch (e) {
      // The error's range is in the template's text, not in the file of the call: said at the call,
      // naming the template and its line (Terraform reports the call too).
      if (!(e instanceof EvalError) || e.range === undefined) throw e;
      const line = templateLine(text, e.range.start);
      // A name the vars lack is the call's error, which try() and can() catch (terraform console
      // 1.11.4: can(templatestring(local.t, {})) is false for a template naming ${nope}), not the
      // check of the configuration's references Terraform makes before evaluating.
      throw new EvalError(`${origin} line ${line}: ${e.message}`, undefined, e.code === 'eval/unknown-reference' ? 'eval/error' : e.code);
    }
  }

  // ---- RootResolver

  /** How many steps the last resolveRoot consumed (see RootResolver). */
  consumed = 0;

  /**
   * The value of a resolved root, recording how many steps it used. Its arguments are evaluated
   * first, so a nested resolution (a local referring to a variable) is over when this records.
   */
  private resolved(value: Val, consumed: number): Val {
    this.consumed = consumed;
    return value;
  }

  /** path.module: the module's directory relative to the root module's. */
  private relativeToRoot(dir: string): string {
    if (dir === this.options.rootDir) return '.';
    const from = this.options.rootDir === '' ? [] : this.options.rootDir.split('/');
    const to = dir === '' ? [] : dir.split('/');
    let i = 0;
    while (i < from.length && i < to.length && from[i] === to[i]) i++;
    return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/') || '.';
  }

  resolveRoot(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace, orMissing: boolean): Val | Missing | undefined {
    // var and local first: their slot lookup by name costs no more than the references map would,
    // and leaving them out keeps that map (filled on every tree's first evaluation) small.
    if (root === 'var') return this.variableReference(steps, expr, trace);
    if (root === 'local') return this.localReference(steps, expr, trace);
    let ref = this.plan.references.get(expr);
    if (ref === undefined) {
      ref = this.findReference(root, steps, expr);
      this.plan.references.set(expr, ref);
    }
    if (ref.kind === RefKind.Other) return this.resolveOther(root, steps, expr, trace);
    return this.resolveKnown(ref, steps, expr, trace, orMissing);
  }

  // The two below resolve most references (29 000 of corpus (a)'s 40 000): stepName and resolved
  // are written out in them, as each call costs a frame where this code runs unoptimised (most of
  // a cold scan).

  private variableReference(steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): Val | undefined {
    const step = steps[0];
    if (step?.kind !== 'attr') return undefined;
    const first = step.name;
    const slot = this.plan.variableSlots.get(first);
    if (slot === undefined) throw new EvalError(`Reference to undeclared input variable "${first}".${didYouMean(first, this.mod.variables.keys(), 'var.')}`, expr, 'eval/unknown-reference');
    const memo = this.variableAt(slot);
    trace.absorb(memo);
    this.consumed = 1;
    return memo.value;
  }

  private localReference(steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): Val | undefined {
    const step = steps[0];
    if (step?.kind !== 'attr') return undefined;
    const first = step.name;
    const slot = this.plan.localSlots.get(first);
    if (slot === undefined) throw new EvalError(`Reference to undeclared local value "${first}".${didYouMean(first, this.mod.locals.keys(), 'local.')}`, expr, 'eval/unknown-reference');
    const memo = this.localAt(slot);
    trace.absorb(memo, memo.span);
    this.consumed = 1;
    return memo.value;
  }

  /**
   * A traversal's root and first steps as a resource, data source or module call of this module
   * (OTHER_REFERENCE for other roots); throws for an undeclared data source, as its evaluation would.
   */
  private findReference(root: string, steps: readonly TraversalStep[], expr: TraversalExpr): Reference {
    const first = stepName(steps[0]);
    if (first === undefined) return OTHER_REFERENCE;
    switch (root) {
      case 'data': {
        const name = stepName(steps[1]);
        if (name === undefined) return OTHER_REFERENCE;
        const decl = this.mod.dataByTypeName.get(first)?.get(name);
        if (!decl) throw new EvalError(`Reference to undeclared data source "data.${first}.${name}".`, expr, 'eval/unknown-reference');
        return { kind: RefKind.Resource, slot: this.plan.resourceSlots.get(decl)!, from: 2, name: '' };
      }
      case 'module':
        // An undeclared call takes the general path, which makes the instance's calls (and their diagnostics) first, then throws.
        return this.mod.moduleCalls.has(first) ? { kind: RefKind.Module, slot: 0, from: 1, name: first } : OTHER_REFERENCE;
      case 'path':
      case 'terraform':
      case 'self':
      case 'count':
      case 'each':
        return OTHER_REFERENCE;
      default: {
        const decl = this.mod.byTypeName.get(root)?.get(first);
        return decl === undefined ? OTHER_REFERENCE : { kind: RefKind.Resource, slot: this.plan.resourceSlots.get(decl)!, from: 1, name: '' };
      }
    }
  }

  private resolveKnown(ref: Reference, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace, orMissing: boolean): Val | Missing {
    switch (ref.kind) {
      case RefKind.Resource:
        return this.resourceReference(ref.slot, steps, ref.from, trace, orMissing);
      default: {
        // Terraform reads `module.<call>[key]` as an instance, whose outputs only an attribute names:
        // terraform plan 1.11.4 refuses `module.m["a"]["out"]` ("Invalid reference: Module instance
        // objects do not support this operation"), and takes `module.m.a["out"]` and `module.db["out"]`.
        if (steps[1]?.kind === 'index' && steps[2]?.kind === 'index') {
          throw new EvalError(`Invalid reference: module.${ref.name}[…] is an instance of the call, whose outputs only an attribute names (module.${ref.name}[…].<output>), so Terraform refuses another index after it.`, expr);
        }
        const r = this.moduleReference(ref.name, steps, 1, expr, trace);
        if (r === undefined) throw new EvalError(`Reference to undeclared module "${ref.name}".`, expr, 'eval/unknown-reference');
        return r;
      }
    }
  }

  /** Roots that are not declarations of this module (module calls, path, terraform, ...), and undeclared resources. */
  private resolveOther(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): Val | undefined {
    const first = stepName(steps[0]);
    switch (root) {
      case 'module': {
        if (first === undefined) return undefined;
        const r = this.moduleReference(first, steps, 1, expr, trace);
        if (r === undefined) throw new EvalError(`Reference to undeclared module "${first}".`, expr, 'eval/unknown-reference');
        return r;
      }
      case 'data':
        return undefined; // `data` or `data.type` without a name
      case 'ephemeral': {
        // Opened during each plan and apply and never stored (Terraform 1.10): a scan cannot know it.
        const name = stepName(steps[1]);
        if (first === undefined || name === undefined) return undefined;
        if (!this.mod.ephemeralByTypeName.get(first)?.has(name)) throw new EvalError(`Reference to undeclared ephemeral resource "ephemeral.${first}.${name}".`, expr, 'eval/unknown-reference');
        return this.resolved(unk({ kind: 'ephemeral', type: first, name }), 2);
      }
      case 'path': {
        if (first === 'module') return this.resolved(this.relativeToRoot(this.mod.dir), 1);
        if (first === 'root') return this.resolved('.', 1);
        if (first === 'cwd') return this.resolved(workingDirectory(this.options.rootDir), 1);
        return undefined;
      }
      case 'terraform':
        if (first === 'workspace') return this.resolved('default', 1);
        if (first === 'applying') return this.resolved(false, 1);
        return undefined;
      case 'self':
        // Valid in postconditions, provisioners and connection blocks: the object after apply.
        return this.resolved(unk('self is known only after apply'), 0);
      case 'count':
      case 'each':
        throw new EvalError(`"${root}" can only be used inside a resource or module block that sets ${root === 'count' ? 'count' : 'for_each'}.`, expr, 'eval/unknown-reference');
      default:
        // Not a declared resource (findReference finds those).
        if (first !== undefined && root.includes('_')) throw new EvalError(`Reference to undeclared resource "${root}.${first}".${resourceMeant(this.mod, root, first)}`, expr, 'eval/unknown-reference');
        return undefined;
    }
  }
}

const repetitionReads = new WeakMap<Expression, boolean>();

/** Whether an expression reads each or count: its value then differs by instance of its block. Once per syntax node (every instance of a call asks). */
function readsRepetition(expr: Expression): boolean {
  let reads = repetitionReads.get(expr);
  if (reads === undefined) repetitionReads.set(expr, (reads = freeTraversals(expr).some((t) => t.root === 'each' || t.root === 'count')));
  return reads;
}

function hasInputValue(input: VariableInput | undefined): input is VariableInput {
  return input !== undefined && (input.value !== undefined || input.raw !== undefined);
}

function unknownScope(reason = 'known only at apply time'): Scope {
  return EMPTY_SCOPE.with(new Map<string, Val>([
    ['count', obj([['index', unk(reason)]])],
    ['each', obj([['key', unk(reason)], ['value', unk(reason)]])],
  ]));
}

/**
 * Why an attribute of an instance is unknown: the provider computes it, or a data source reads it
 * when Terraform runs (`how` unless given: ids and ARNs are told as computed, data sources' too);
 * `deferred`: a data source Terraform reads only at apply (deferred-read.ts).
 */
function attributeCause(inst: ResourceInstance, attribute: string, how: 'computed' | 'read' = inst.mode === 'data' ? 'read' : 'computed', deferred?: DeferredRead): UnknownCause & { readonly kind: 'attribute' } {
  return deferred === undefined ? { kind: 'attribute', address: inst.address, type: inst.type, mode: inst.mode, attribute, how } : { kind: 'attribute', address: inst.address, type: inst.type, mode: inst.mode, attribute, how, deferred };
}

/**
 * terraform_data's `output` at plan time: null without an input, else an unknown of the input's type
 * (terraform plan 1.11.4: keys() of the output of `input = { b = 1, a = "x" }` is ["a", "b"], length()
 * of `[1, "a"]`'s is 2, of tolist([...])'s or tomap({...})'s unknown; without input it is null).
 */
function terraformDataOutput(inst: ResourceInstance, input: Val): Val {
  if (input === null) return null;
  const unknown = computedUnknown(attributeCause(inst, 'output'), 'output', inst.type);
  const type = valueType(input);
  return type === undefined ? unknown : unknown.withType(type);
}

function blockObject(b: EvaluatedBody): Val {
  const entries: [string, Val][] = [];
  for (const [k, a] of b.attrs) entries.push([k, withoutTypes(a.value)]);
  const byType = new Map<string, Val[]>();
  for (const nested of (b as { blocks: readonly (EvaluatedBody & { type: string })[] }).blocks) {
    if (!byType.has(nested.type)) byType.set(nested.type, []);
    byType.get(nested.type)!.push(blockObject(nested));
  }
  for (const [k, vs] of byType) entries.push([k, tuple(vs)]);
  const o = obj(entries);
  return new ObjV(o.attrs, 'object', COMPUTED_BY_PROVIDER);
}

/**
 * `path.cwd`: Terraform gives the absolute path of the directory it runs in, the root module's
 * (terraform console 1.11.4 in examples/complete: "/…/examples/complete", in its child modules too).
 * The scan knows no absolute path, so the root module's directory is written relative to itself
 * through its parent ("../complete"): a file path built on it names the same file, and its basename
 * is the directory's name, which modules put in names (`"ex-${basename(path.cwd)}"`, was "ex-.").
 * The scan root itself, whose name the evaluation is not given, stays ".".
 */
function workingDirectory(rootDir: string): string {
  return rootDir === '' ? '.' : `../${rootDir.slice(rootDir.lastIndexOf('/') + 1)}`;
}

/** The position of the instance with this key (-1 when none has it). */
function instanceIndex(instances: Expansion['instances'], key: string | number): number {
  const wanted = String(key);
  for (let n = 0; n < instances.length; n++) if (String(instances[n]!.key) === wanted) return n;
  return -1;
}

/** `module.name.out` of one child instance, its provenance added to `trace`. */
function absorbOutput(call: ChildCall, child: ModuleInstance, out: string, expr: TraversalExpr, trace: Trace): Val {
  const memo = child.output(out);
  if (!memo) {
    if (!child.mod.outputs.size && !call.evaluated) return unk(`module.${call.name} is not evaluated`);
    throw new EvalError(`module.${call.name} has no output "${out}".`, expr, 'eval/unknown-reference');
  }
  trace.absorb(memo, memo.span);
  return memo.value;
}

/**
 * `x[k]` for an instance there is not. Counted from the configuration alone (count/for_each read no
 * resource or module), the instances are Terraform's too and a missing one fails its plan: an error
 * naming the instances. Counted from a resource, ours may differ where values are partly unknown.
 */
function noSuchInstance(local: string, step: TraversalStep & { kind: 'index' }, expansion: Expansion): EvalError {
  const key = JSON.stringify(step.key);
  if (expansion.refs.length > 0) return new EvalError(`${local}[${key}] does not exist.`, step, 'eval/index');
  const keys = expansion.instances.slice(0, 5).map((i) => JSON.stringify(i.key)).join(', ');
  const has = expansion.instances.length === 0 ? 'no instances' : `the instances ${keys}${expansion.instances.length > 5 ? ', …' : ''}`;
  return new EvalError(`${local}[${key}] does not exist: ${local} has ${has}.`, step, 'eval/instance-key');
}

/** `module.name` read whole: an object of its outputs, sensitive when one of them is (its values are masked then). */
function moduleObject(child: ModuleInstance, trace: Trace): Val {
  const value = child.asModuleObject();
  if (child.moduleSensitive) trace.sensitive = true;
  return value;
}

/** A `module "x"` block in one parent instance: its source, expansion and child instances. */
/** A count or for_each that gives no instance: the call is then an empty tuple or object. */
function hasNoInstance({ kind, instances }: Expansion): boolean {
  return (kind === 'count' || kind === 'for_each') && instances.length === 0;
}

export class ChildCall {
  private expanded: Expansion | undefined;
  private expanding = false;
  private instanceList: ModuleInstance[] | undefined;
  /** Per instance index, by argument name. */
  private readonly inputMemo: Map<string, VariableInput>[] = [];
  readonly source: string;
  readonly target: ModuleSource | undefined;
  readonly kind: 'local' | 'registry' | 'git' | 'other';
  readonly version: string | undefined;
  readonly manifestKey: string;

  constructor(
    readonly parent: ModuleInstance,
    readonly name: string,
    readonly decl: Declared<Block>,
  ) {
    const ctx = parent.ctx;
    const sourceAttr = findAttr(decl.node, 'source');
    const sourceExpr = sourceAttr?.expr;
    this.source = sourceExpr?.type === 'template' && sourceExpr.parts.every((p) => p.kind === 'literal') ? sourceExpr.parts.map((p) => (p as { value: string }).value).join('') : '';
    const versionExpr = findAttr(decl.node, 'version')?.expr;
    this.version = versionExpr?.type === 'template' && versionExpr.parts[0]?.kind === 'literal' ? versionExpr.parts[0].value : undefined;
    this.manifestKey = parent.options.manifestKey ? `${parent.options.manifestKey}.${name}` : name;
    const span = parent.span(decl.file, decl.node);
    this.kind = classify(this.source);
    let target: ModuleSource | undefined;
    if (this.kind === 'local') {
      // Through a directory symlink, the directory it resolves to: discovery read the files there (util/paths.ts DirLinks).
      const joined = joinInside(parent.mod.dir, localModulePath(this.source) ?? this.source);
      const dir = joined !== undefined ? resolveDirLinks(joined, ctx.tree.links) : undefined;
      if (dir === undefined || isOutsideRootLink(dir)) {
        ctx.report({
          code: 'module/outside-root',
          // Unverified is not compliant: a CI job scanning an environment directory alone went green
          // with the module holding its database never read.
          severity: 'error',
          message: `module "${name}" uses ${this.source}, which ${dir === undefined ? 'is' : 'links to a directory'} outside the scan root, so it is not evaluated.`,
          hint: 'Scan a directory that holds both the caller and the module (the repository root, say) to evaluate it; the scan reads no file outside the directory it is given.',
          span,
        });
      } else if (parent.options.stack.includes(dir)) ctx.report({ code: 'module/cycle', severity: 'error', message: `module "${name}" calls ${this.source}, which is already being evaluated (a module cycle: ${[...parent.options.stack, dir].map((d) => d || '.').join(' → ')}).`, span });
      else if (!ctx.tree.modules.has(dir)) {
        // No file at all there, by the listing fileset() reads: the directory is not there (Git keeps
        // no empty one), and terraform init 1.11.4 refuses the call ("Unreadable module directory:
        // Unable to evaluate directory symlink: lstat modules/nope: no such file or directory"). A
        // directory with files but no Terraform ones (ignored, excluded, not .tf) stays a warning.
        const listed = ctx.input.listFiles?.(dir);
        if (listed !== undefined && listed.length === 0) {
          ctx.report({ code: 'module/missing', severity: 'error', message: `Unreadable module directory: module "${name}" uses ${this.source}, but there is no directory ${dir || '.'} with any file in it, so Terraform refuses the call.`, hint: 'Correct the source path (it is relative to the calling module), or add the module.', span });
        } else ctx.report({ code: 'module/missing', severity: 'warning', message: `module "${name}" uses ${this.source}, but ${dir || '.'} has no Terraform files.`, span });
      }
      else target = ctx.tree.modules.get(dir);
    } else {
      const entry = ctx.tree.remote.get(parent.options.rootDir)?.get(this.manifestKey);
      const dir = entry?.dir;
      if (dir !== undefined && ctx.tree.modules.has(dir) && !parent.options.stack.includes(dir)) target = ctx.tree.modules.get(dir);
      // Terraform refuses a module without a source, or with one that is not a literal string ("Variables not allowed").
      else if (!sourceExpr || this.source === '') ctx.report({ code: 'module/source', severity: 'error', message: `module "${name}" has no literal source, which Terraform requires, so it is not evaluated.`, span });
      else ctx.report({ code: 'module/not-downloaded', severity: 'info', message: `module "${name}" (${maskUrlUserinfo(this.source)}) is not downloaded, so its resources are not checked.`, hint: 'Run terraform init (or terraform get) before scanning to include remote modules.', span });
    }
    this.target = target;
    if (target) this.checkInterface(target);
  }

  /**
   * Terraform refuses a call that sets an argument the module declares no variable for (a
   * misspelt input is silently unused otherwise) or leaves out a variable without a default.
   * Checked once per call, whatever its count or for_each (Terraform checks it before expanding).
   */
  private checkInterface(target: ModuleSource): void {
    const { parent, decl, name } = this;
    const where = this.source || target.dir || '.';
    for (const a of decl.node.body.attributes) {
      if (MODULE_META.has(a.name) || target.variables.has(a.name)) continue;
      const near = nearestName(a.name, target.variables.keys());
      parent.ctx.report({
        code: 'module/unknown-input',
        severity: 'error',
        message: `module "${name}" sets ${a.name}, but ${where} declares no variable "${a.name}", so Terraform refuses the call (an unsupported argument).${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
        hint: near !== undefined ? `Rename it to ${near}, or declare variable "${a.name}" in ${where}.` : `Check the spelling against the variables ${where} declares, or declare variable "${a.name}" there.`,
        span: parent.attributeSpan(decl.file, a),
      });
    }
    // The module's variables without a default, read once per module (a call to a module of 150
    // variables looked at each one's arguments again).
    for (const { name: variable, decl: declared } of modulePlan(target).required) {
      if (this.inputAttr(variable) !== undefined) continue;
      parent.ctx.report({
        code: 'module/missing-input',
        severity: 'error',
        message: `module "${name}" does not set ${variable}, which ${where} requires (its variable has no default), so Terraform refuses the call.`,
        hint: `Set ${variable} in the module block, or give the variable a default in ${declared.file}.`,
        span: parent.span(decl.file, decl.node),
      });
    }
  }

  /**
   * One module argument of instance `n`, evaluated once: the child's variable and the model's
   * ModuleCall.inputs share it (and a failing argument is reported once).
   */
  input(n: number, scope: Scope, name: string): VariableInput | undefined {
    const attr = this.inputAttr(name);
    if (!attr) return undefined;
    const memo = (this.inputMemo[n] ??= new Map());
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    const parent = this.parent;
    const trace = new Trace();
    // An argument of an instance the scan assumes is evaluated as its body would be (assumed()).
    const value = parent.evalExpr(this.decl.file, attr.expr, scope, trace, `module.${this.name} input ${name}`, this.expansion().instances[n]?.unknownKey === true);
    const span = parent.attributeSpan(this.decl.file, attr);
    const result: VariableInput = { value, span, via: dedupeSpans(trace.via, span), sensitive: trace.sensitive, onlyHashedMarks: trace.onlyHashedMarks, refs: trace.refList(), origin: 'module input' };
    memo.set(name, result);
    return result;
  }

  /**
   * What marks the value this call gives variable `name` in instance `n` (whose scope is `scope`),
   * if anything certainly does: the same for every instance, unless the argument reads each or count
   * (`"%{ for x in each.value }${var.pw}%{ endfor }"`: terraform plan 1.11.4 refuses a root output of
   * the instance whose each.value has an element, and accepts one of the instance whose is empty).
   */
  private inputMarked(name: string, n: number, scope: Scope): string | undefined {
    const attr = this.inputAttr(name);
    if (attr === undefined) return undefined;
    const perInstance = readsRepetition(attr.expr);
    const memo = perInstance ? ((this.instanceInputMarks ??= [])[n] ??= new Map()) : (this.inputMarks ??= new Map());
    const cached = memo.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const found = perInstance ? this.parent.markedBy(attr.expr, scope, this.instanceEach(n)) : this.parent.markedBy(attr.expr);
    memo.set(name, found ?? null);
    return found;
  }

  /** Instance `n`'s key and the call's for_each, where it has one (sensitive-outputs.ts InstanceEach). */
  private instanceEach(n: number): InstanceEach | undefined {
    const forEach = repetitionOf(this.decl.node).forEach?.expr;
    const instance = forEach === undefined ? undefined : this.expansion().instances[n];
    return forEach !== undefined && typeof instance?.key === 'string' && !instance.unknownKey ? { forEach, key: instance.key } : undefined;
  }

  /**
   * The block's argument `name` when it is a module input (not source, count, ...): asked for every
   * variable of every child instance, so the arguments are indexed once (the first of a name, as
   * the parser and attributeOf keep it).
   */
  private inputAttr(name: string): Attribute | undefined {
    let attrs = this.inputAttrs;
    if (attrs === undefined) {
      attrs = new Map();
      for (const a of this.decl.node.body.attributes) if (!attrs.has(a.name)) attrs.set(a.name, a);
      for (const meta of MODULE_META) attrs.delete(meta);
      this.inputAttrs = attrs;
    }
    return attrs.get(name);
  }

  private inputAttrs: Map<string, Attribute> | undefined;
  private inputMarks: Map<string, string | null> | undefined;
  private instanceInputMarks: Map<string, string | null>[] | undefined;
  private outputMarks: Map<string, string | null> | undefined;

  get evaluated(): boolean {
    return this.target !== undefined;
  }

  /** Whether the call's count or for_each is being evaluated now. */
  get expandingNow(): boolean {
    return this.expanding;
  }

  expansion(): Expansion {
    if (this.expanded !== undefined) return this.expanded;
    this.expanding = true;
    try {
      return (this.expanded = this.parent.expand(this.decl.file, this.decl.node, `module.${this.name}`));
    } finally {
      this.expanding = false;
    }
  }

  /**
   * What marks output `out` of this call, if anything certainly does; `deep`: any part of it. The
   * same for every instance (marks come from the caller's expressions), unless an argument reads
   * each or count: then of instance `key` when a key written out reads one (`module.m["a"].out`), of
   * every instance when one the syntax does not name is read (null: `values(module.m)[0].out`), else
   * of any instance (a read of the whole call holds them all).
   */
  outputMarked(out: string, deep: boolean, key?: InstanceKey): string | undefined {
    const perInstance = this.inputsPerInstance();
    const keyText = key === null ? 'every' : typeof key === 'object' ? `position:${key.position}` : `${typeof key}:${key}`;
    const memoKey = `${deep ? '*' : ''}${out}${perInstance && key !== undefined ? `\u0000${keyText}` : ''}`;
    const memo = (this.outputMarks ??= new Map());
    const cached = memo.get(memoKey);
    if (cached !== undefined) return cached ?? undefined;
    memo.set(memoKey, null); // a reference back to this output while it is read claims nothing
    let inner: string | undefined;
    if (this.target !== undefined) {
      const instances = this.instances();
      if (!perInstance) inner = instances[0]?.markedOutput(out, deep);
      else if (key === null || (typeof key === 'object' && key !== undefined && this.atPosition(key.position) === undefined)) {
        const each = instances.map((child) => child.markedOutput(out, deep));
        inner = each.every((m) => m !== undefined) ? each[0] : undefined;
      } else if (typeof key === 'object' && key !== undefined) {
        // values(module.p)[0].out: the first instance in key order, as values() gives them; terraform
        // plan 1.11.4 refuses it where that instance's out is marked, whatever the others'.
        inner = instances[this.atPosition(key.position)!]?.markedOutput(out, deep);
      } else if (key !== undefined) inner = instances[instanceIndex(this.expansion().instances, key)]?.markedOutput(out, deep);
      else for (let n = 0; n < instances.length && inner === undefined; n++) inner = instances[n]!.markedOutput(out, deep);
    }
    const found = inner === undefined ? undefined : `module.${this.name}.${out} (${inner})`;
    memo.set(memoKey, found ?? null);
    return found;
  }

  /**
   * The index (in instances()) of the instance at `position` in key order, as values() of the call's
   * instances orders them; undefined where a key is unknown or the position is past the last.
   */
  private atPosition(position: number): number | undefined {
    const expansion = this.expansion().instances;
    if (this.expansion().kind !== 'for_each' || expansion.some((i) => i.unknownKey)) return undefined;
    const order = expansion.map((i, n) => ({ key: String(i.key), n })).sort((a, b) => compareKeys(a.key, b.key));
    return order[position]?.n;
  }

  /** 'instances' where the call certainly has one at least: its count or for_each known, not 0 or empty (sensitive-outputs.ts). */
  hasInstances(): 'instances' | undefined {
    const expansion = this.expansion();
    return this.target !== undefined && expansion.kind !== 'unknown' && expansion.instances.length > 0 && !expansion.instances.some((i) => i.unknownKey) ? 'instances' : undefined;
  }

  /** Whether an argument of the call reads each or count, so that what marks it may differ by instance. */
  private inputsPerInstance(): boolean {
    return (this.readsRepetitionMemo ??= this.decl.node.body.attributes.some((a) => !MODULE_META.has(a.name) && readsRepetition(a.expr)));
  }

  private readsRepetitionMemo: boolean | undefined;

  instances(): ModuleInstance[] {
    if (this.instanceList) return this.instanceList;
    // Read back by its own count or for_each (a cycle, reported by static-cycles.ts): no instance yet, and none kept.
    if (this.expanding) return [];
    const target = this.target;
    if (!target) return (this.instanceList = []);
    if (this.parent.options.stack.length > MAX_MODULE_DEPTH) {
      this.parent.reportHere({ code: 'eval/budget', severity: 'error', message: `module "${this.name}" is nested more than ${MAX_MODULE_DEPTH} modules deep, so it is not evaluated.`, span: this.parent.span(this.decl.file, this.decl.node) });
      return (this.instanceList = []);
    }
    const parent = this.parent;
    const providerMap = providersArgument(parent, this.decl.node);
    // No instance evaluates the arguments, but Terraform still checks what they refer to.
    if (this.expansion().instances.length === 0) {
      parent.reportUndeclared(this.decl, `module.${this.name}`);
      // Nor is the module it runs, which terraform validate checks all the same (index.ts reportModulesWithoutInstances).
      if (!parent.ctx.modulesWithoutInstances.has(target.dir)) parent.ctx.modulesWithoutInstances.set(target.dir, { mod: target, call: `${parent.path === '' ? '' : `${parent.path}.`}module.${this.name}` });
    }
    this.instanceList = this.expansion().instances.map((i, n) => {
      const path = `${parent.path === '' ? '' : `${parent.path}.`}module.${this.name}${addressKey(i.key, i.unknownKey)}`;
      const inputs = (name: string): VariableInput | undefined => this.input(n, i.scope, name);
      return new ModuleInstance(parent.ctx, {
        mod: target,
        path,
        configPath: `${parent.options.configPath === '' ? '' : `${parent.options.configPath}.`}module.${this.name}`,
        rootDir: parent.options.rootDir,
        manifestKey: this.manifestKey,
        inputs,
        inputMarked: (name) => this.inputMarked(name, n, i.scope),
        parent,
        providerMap,
        stack: [...parent.options.stack, target.dir],
        ...(parent.options.hypothetical === true || i.unknownKey ? { hypothetical: true } : {}),
      });
    });
    return this.instanceList;
  }
}

function classify(source: string): 'local' | 'registry' | 'git' | 'other' {
  if (localModulePath(source) !== undefined) return 'local';
  if (source.startsWith('git::') || source.startsWith('github.com/') || source.startsWith('git@') || source.startsWith('bitbucket.org/')) return 'git';
  if (/^([a-z0-9.-]+\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(\/\/.*)?$/.test(source)) return 'registry';
  return 'other';
}

/** `providers = { aws = aws.replica, aws.dst = aws.other }` */
function providersArgument(parent: ModuleInstance, block: Block): Map<string, ProviderRef> {
  const map = new Map<string, ProviderRef>();
  const expr = findAttr(block, 'providers')?.expr;
  if (expr?.type !== 'object') return map;
  const name = (e: Expression): { name: string; alias?: string } | undefined => {
    if (e.type !== 'traversal') return undefined;
    const alias = e.steps[0]?.kind === 'attr' ? e.steps[0].name : undefined;
    return alias ? { name: e.root, alias } : { name: e.root };
  };
  for (const item of expr.items) {
    const k = name(item.key);
    const v = name(item.value);
    if (!k || !v) continue;
    map.set(k.alias ? `${k.name}.${k.alias}` : k.name, { instance: parent, ...v });
  }
  return map;
}


/**
 * `aws_kms_key.k[0]` for a resource with neither count nor for_each: Terraform's "Unexpected resource
 * instance key" (terraform validate 1.11, try() or not). Not for a module call: `module.m[0]` is an
 * index into its object, which fails only when planned ("Invalid index").
 */
function unexpectedKey(local: string, step: TraversalStep): EvalError {
  return new EvalError(
    `Unexpected resource instance key: because ${local} has neither "count" nor "for_each" set, references to it take no instance key; remove the brackets to refer to its single instance.`,
    step,
    UNEXPECTED_INSTANCE_KEY,
  );
}
