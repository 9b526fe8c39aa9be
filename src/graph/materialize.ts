// Module instances → model: resources (one per count/for_each instance), module calls, variables,
// outputs, terraform settings and provider configurations, depth first from each root module.
import { withIgnoredTagsUnknown } from '../model/ignored-tags.js';
import { dirOf } from '../util/paths.js';
import { defaultTagsReach, tagsAsText } from './default-tags.js';
import type { Attribute, Block, Body, Comment, Expression, HclFile } from '../parsers/hcl/ast.js';
import type { AttachedComment, InstanceReference, ModelBody, NestedBlock, Resource, VariableDecl } from '../model/resource.js';
import type { Sourced } from '../model/sourced.js';
import { attributesAsBlocks } from '../model/attributes-as-blocks.js';
import type { Span } from '../source/span.js';
import { attributeSpan, evaluateBlock, evaluateBody, type AttrResult, type EvaluatedBlock, type EvaluatedBody } from './body.js';
import { EMPTY_SCOPE, Trace } from './evaluate.js';
import { addressKey, MODULE_META, type ChildCall, type Memo, type ModuleInstance, type ResourceInstance, type ResourceInstances } from './instance.js';
import { attributeOf, providerOf, repetitionOf, variableShape, type VariableShape } from './declarations.js';
import type { Declared, ModuleSource } from './load.js';
import { declaresEphemeral, surelyEphemeral, surelyEphemeralWhole, withIterator, type EphemeralIterators, type EphemeralScope } from './ephemeral.js';
import { forEachTraversal } from './traversals.js';
import { renderPolicyDocument } from './policy-document.js';
import { ListV, ObjV, Unk, obj, toPlain, unk, type Val } from './value.js';
import { maskUrlUserinfo } from '../detectors/mask.js';
import { eachReferences, splitReferences } from './instance-references.js';
import { checkImportBlocks } from './import-blocks.js';
import { checkInstanceAddresses } from './instance-addresses.js';
import { referencedAttributes } from './referenced-attributes.js';
import { provisionerReferences } from './static-references.js';
import { weakMemo } from '../util/weak-memo.js';
import { namedAccount } from '../model/aws-account.js';
import { constructPathOf, readJsonComment } from './json-comment.js';

export function sourced(r: AttrResult): Sourced {
  const s: Sourced = { value: toPlain(r.value), span: r.span, provenance: r.value instanceof Unk ? 'unresolved' : 'explicit', via: r.via, sensitive: r.sensitive };
  // Only where it is so: every other Sourced keeps its shape.
  return r.onlyHashedMarks === true ? { ...s, onlyHashedMarks: true } : s;
}

const NO_NULL_ARGUMENTS: ReadonlyMap<string, Sourced> = new Map();

/**
 * A body's arguments as the model holds them: one set to null is left out of `attributes`, as
 * Terraform treats it (the provider's default applies), and kept in `nullArguments` for its place.
 */
function argumentsOf(body: EvaluatedBody): { attributes: Map<string, Sourced>; nullArguments: ReadonlyMap<string, Sourced> } {
  const attributes = new Map<string, Sourced>();
  let nullArguments: Map<string, Sourced> | undefined;
  for (const [k, a] of body.attrs) {
    if (a.value === null) (nullArguments ??= new Map()).set(k, sourced(a));
    else attributes.set(k, sourced(a));
  }
  return { attributes, nullArguments: nullArguments ?? NO_NULL_ARGUMENTS };
}

export function modelBody(body: EvaluatedBody): ModelBody {
  const { attributes, nullArguments } = argumentsOf(body);
  return { span: body.span, attributes, nullArguments, blocks: body.blocks.map(nestedBlock) };
}

function nestedBlock(b: EvaluatedBlock): NestedBlock {
  const body = modelBody(b);
  return { type: b.type, labels: b.labels, span: body.span, attributes: body.attributes, nullArguments: body.nullArguments!, blocks: body.blocks };
}

const commentsOf = new WeakMap<Block, readonly AttachedComment[]>();

/**
 * Comments attached to a block: a whole-file marker at the start of its file, leading, trailing and
 * every comment inside it (once per block). Asked for every variable, output, resource and module
 * call of every instance, nearly always of a block already seen: the memo is read first, with no
 * closure made and no file looked up. Through weakMemo with a closure, TurboFan inlined the whole
 * collection into this function and threw it away four times on corpus (a) (~86 ms of compiling,
 * --trace-opt); callgrind: see the commit.
 */
function blockComments(inst: ModuleInstance, file: string, block: Block): readonly AttachedComment[] {
  const cached = commentsOf.get(block);
  if (cached !== undefined) return cached;
  const comments = commentsOfBlock(inst, fileOf(inst, file), block);
  commentsOf.set(block, comments);
  return comments;
}

function commentsOfBlock(inst: ModuleInstance, file: HclFile | undefined, block: Block): readonly AttachedComment[] {
  const comments = collectBlockComments(inst, file, block);
  const json = readJsonComment(block.body.jsonComment);
  if (json.lines.length === 0) return comments;
  // A JSON block's `"//"` suppressions (graph/json-comment.ts), as the comment lines they stand for.
  const path = file?.path ?? '';
  return [...comments, ...json.lines.map((l) => ({ text: l.text, span: inst.span(path, l.range) }))];
}

/**
 * `{ comments }` of a variable, output, provider or terraform block when it has any: a
 * `# safeguard:ignore` on them was neither honoured nor reported (only resources and module calls
 * carried theirs). Absent otherwise, as most of these blocks have none.
 */
function commentsField(inst: ModuleInstance, file: string, block: Block): { comments?: readonly AttachedComment[] } {
  const comments = blockComments(inst, file, block);
  return comments.length === 0 ? {} : { comments };
}

/** What is malformed in a JSON block's `"//"` suppressions: reported, as a comment marker that is not honoured is. */
function reportJsonCommentProblems(inst: ModuleInstance, file: string, block: Block): void {
  if (block.body.jsonComment === undefined) return;
  for (const p of readJsonComment(block.body.jsonComment).problems) {
    inst.reportHere({
      code: 'suppression/malformed',
      severity: 'warning',
      message: p.message,
      hint: 'Write "//": {"safeguard": {"ignore": [{"id": "<rule-id>", "reason": "<why>", "expires": "YYYY-MM-DD"}]}} (construct.addOverride("//", ...) in CDK for Terraform).',
      span: inst.span(file, p.range),
    });
  }
}

/** `# kics-scan ignore` (not ignore-block or ignore-line): KICS's marker for a whole file. */
const WHOLE_FILE_MARKER = /kics-scan\s+ignore(?![\w-])/;
const headerMarkersOf = new WeakMap<HclFile, readonly Comment[]>();

/** The comments before the file's first attribute or block that mark the whole file. */
function headerMarkers(file: HclFile): readonly Comment[] {
  return weakMemo(headerMarkersOf, file, () => {
    const body = file.body;
    const firstCode = Math.min(body.attributes[0]?.start ?? Infinity, body.blocks[0]?.start ?? Infinity);
    const out: Comment[] = [];
    for (const c of file.comments) {
      if (c.start >= firstCode) break;
      if (WHOLE_FILE_MARKER.test(c.text)) out.push(c);
    }
    return out;
  });
}

function collectBlockComments(inst: ModuleInstance, file: HclFile | undefined, block: Block): AttachedComment[] {
  const header = file === undefined ? [] : headerMarkers(file);
  const headerComments: AttachedComment[] = header.map((c) => ({ text: c.text, span: inst.span(file?.path ?? '', c), fileHeader: true }));
  const out: Comment[] = [...block.leadingComments];
  const all = file?.comments ?? [];
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.start < block.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < all.length && all[i]!.start < block.end; i++) out.push(all[i]!);
  if (block.trailingComment) out.push(block.trailingComment);
  const seen = new Set<number>(header.map((c) => c.start));
  return [...headerComments, ...out.filter((c) => !seen.has(c.start) && seen.add(c.start)).map((c) => ({ text: c.text, span: inst.span(file?.path ?? '', c) }))];
}

/**
 * The tags Terraform's AWS provider manages: the resource's over the provider's default_tags, with
 * the keys its `ignore_tags` names unknown (the provider neither sets nor reads those: systems outside
 * Terraform do; terraform plan 1.11 leaves them out of tags_all). model/ignored-tags.ts.
 */
function effectiveTags(body: EvaluatedBody, provider: EvaluatedBody | undefined, blockSpan: Span): Sourced | undefined {
  const tags = managedTags(body, provider, blockSpan);
  const ignore = provider?.blocks.find((b) => b.type === 'ignore_tags');
  if (ignore === undefined) return tags;
  const keys = ignore.attrs.get('keys')?.value;
  const prefixes = ignore.attrs.get('key_prefixes')?.value;
  if (keys instanceof Unk || prefixes instanceof Unk) return tags === undefined ? undefined : { ...tags, value: toPlain(unk('the provider ignore_tags is known only at apply time')), provenance: 'unresolved' };
  const names = keys instanceof ListV ? keys.items.filter((k): k is string => typeof k === 'string') : [];
  const starts = prefixes instanceof ListV ? prefixes.items.filter((k): k is string => typeof k === 'string') : [];
  return withIgnoredTagsUnknown(tags, { keys: names, prefixes: starts }, blockSpan);
}

function managedTags(body: EvaluatedBody, provider: EvaluatedBody | undefined, blockSpan: Span): Sourced | undefined {
  const tags = body.attrs.get('tags');
  const defaults = provider?.blocks.find((b) => b.type === 'default_tags');
  const defaultTags = defaults?.attrs.get('tags');
  if (!defaultTags) return tags ? sourcedTags(tags) : undefined;
  if (!tags) return { ...sourcedTags(defaultTags), span: blockSpan, via: [defaultTags.span, ...defaultTags.via] };
  let merged: Val;
  if (tags.value instanceof Unk) merged = tags.value;
  else if (defaultTags.value instanceof Unk) merged = defaultTags.value;
  else {
    const entries: [string, Val][] = [];
    if (defaultTags.value instanceof ObjV) entries.push(...defaultTags.value.attrs);
    // A resource tag set to null is left out (the default applies), as the provider merges them.
    if (tags.value instanceof ObjV) for (const e of tags.value.attrs) if (e[1] !== null) entries.push(e);
    merged = tagsAsText(obj(entries, 'map'));
  }
  return { value: toPlain(merged), span: tags.span, provenance: merged instanceof Unk ? 'unresolved' : 'explicit', via: [...tags.via, defaultTags.span], sensitive: tags.sensitive || defaultTags.sensitive };
}

/** Tags written (or default tags) as the model shows them: their numbers and bools as the provider's text (tagsAsText). */
function sourcedTags(tags: AttrResult): Sourced {
  const value = tagsAsText(tags.value);
  return sourced(value === tags.value ? tags : { ...tags, value });
}

interface VariableParts {
  readonly default: Sourced | undefined;
  readonly value: Sourced;
}

/** A variable's default and value as the model shows them (once per declaration when every instance shares them). */
function variableParts(inst: ModuleInstance, decl: Declared<Block>, shape: VariableShape, memo: Memo, blockSpan: Span): VariableParts {
  const shared = shape.sharedMemo === memo;
  if (shared && shape.sharedParts) return shape.sharedParts;
  let defaultSourced: Sourced | undefined;
  if (shape.defaultAttr) {
    const { value, span } = inst.variableDefault(decl)!;
    defaultSourced = { value: toPlain(value), span, provenance: value instanceof Unk ? 'unresolved' : 'explicit', via: [], sensitive: memo.sensitive };
  }
  const span = memo.span ?? blockSpan;
  const via = memo.span !== undefined && memo.via.includes(memo.span) ? memo.via.filter((s) => s !== memo.span) : memo.via;
  const parts: VariableParts = { default: defaultSourced, value: { value: toPlain(memo.value), span, provenance: memo.value instanceof Unk ? 'unresolved' : 'explicit', via, sensitive: memo.sensitive } };
  if (shared) shape.sharedParts = parts;
  return parts;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The model's declaration (one per variable per module instance): the required keys as a literal,
 * each optional one assigned in its place, so the keys keep their order. Object spread here, to add
 * what the declaration says of its values beyond them, took V8's slow copy path for ~17 000
 * variables of bench corpus (a), and was the evaluator's largest allocation site.
 */
function variableDecl(module: string, name: string, span: Span, sensitive: boolean, hasDefault: boolean, parts: VariableParts, description: string | undefined, typeAttr: Attribute | undefined, drivesForEach: boolean, ephemeral: boolean): VariableDecl {
  const declared: Writable<VariableDecl> = { module, name, span, sensitive, hasDefault } as Writable<VariableDecl>;
  if (parts.default !== undefined) declared.default = parts.default;
  declared.value = parts.value;
  if (description !== undefined) declared.description = description;
  const primitiveType = primitiveTypeOf(typeAttr);
  if (primitiveType !== undefined) declared.primitiveType = primitiveType;
  if (drivesForEach) declared.drivesForEach = true;
  if (ephemeral) declared.ephemeral = true;
  return declared;
}

/** The type constraint when it is a primitive keyword (`type = string`): a flag or a count is no secret, whatever its name. */
function primitiveTypeOf(typeAttr: Attribute | undefined): VariableDecl['primitiveType'] {
  const type = typeAttr?.expr.type === 'traversal' && typeAttr.expr.steps.length === 0 ? typeAttr.expr.root : undefined;
  return type === 'bool' || type === 'number' || type === 'string' ? type : undefined;
}

const forEachVariablesByModule = new WeakMap<ModuleSource, ReadonlySet<string>>();

/** The variables a resource, data source or module call's `for_each` reads in `mod`, once per module. */
function forEachVariables(mod: ModuleSource): ReadonlySet<string> {
  let names = forEachVariablesByModule.get(mod);
  if (names === undefined) {
    const found = new Set<string>();
    for (const d of [...mod.resources, ...mod.moduleCalls.values()]) {
      const forEach = repetitionOf(d.node).forEach;
      if (forEach === undefined) continue;
      forEachTraversal(forEach.expr, (t) => {
        if (t.type === 'traversal' && t.root === 'var' && t.steps[0]?.kind === 'attr') found.add(t.steps[0].name);
      });
    }
    forEachVariablesByModule.set(mod, (names = found));
  }
  return names;
}

/**
 * One module instance into the model, then its children, depth first. Kept as small functions:
 * one large function here took the JIT longer to compile (and recompile after each deopt) than
 * it ran on the bench corpus.
 */
export function materialize(inst: ModuleInstance): void {
  const resources = inst.mod.resources;
  for (let slot = 0; slot < resources.length; slot++) materializeResource(inst, slot, resources[slot]!);
  materializeVariables(inst);
  materializeOutputs(inst);
  inst.evaluateUnusedLocals();
  for (const [name, check] of inst.mod.checks) {
    // A check's own scoped data source is read when Terraform runs the check: its assertions are not decidable here.
    if (check.node.body.blocks.some((b) => b.type === 'data')) continue;
    inst.checkConditions(check.file, check.node.body.blocks, EMPTY_SCOPE, `check "${name}"`, true);
  }
  for (const decl of inst.mod.terraform) materializeSettings(inst, decl);
  checkImportBlocks(inst);
  checkInstanceAddresses(inst);
  materializeProviders(inst);
  materializeProviderUses(inst);
  for (const call of inst.childCalls().values()) materializeModuleCall(inst, call);
}

/** The meta-arguments of an ephemeral resource or a check's data source, and its lifecycle: not what it is given. */
const UNSTORED_BLOCK_OPTIONS = { skipAttributes: new Set(['count', 'for_each', 'provider', 'depends_on']), skipBlocks: new Set(['lifecycle']) };

/**
 * Ephemeral resources and check-scoped data sources: no resources of the model (nothing of them is
 * stored, and only their check reads the latter), but Terraform installs and locks their providers
 * as any other's, so the pinning and lock-file rules must see them (an `ephemeral "random_password"`
 * needs hashicorp/random, a check's `data "http"` hashicorp/http).
 */
function materializeProviderUses(inst: ModuleInstance): void {
  const add = (file: string, block: Block, mode: 'ephemeral' | 'data', address: string): void => {
    const type = block.labels[0]!.value;
    const span = inst.span(file, block);
    // Its arguments, once for the block (instances would differ only by each/count), for the literal
    // scans: a token written in a check's data "http" headers is a secret in the code like any other.
    // Silent, as instances are not made (each.key is unknown here); what it refers to without a
    // declaration is reported as for a block with no instances, as Terraform refuses it.
    inst.reportUndeclared({ file, node: block }, address);
    inst.reportRepetitionMisuse({ file, node: block }, address);
    if (mode === 'ephemeral') reportEphemeralRepetition(inst, file, block, inst.configPrefix + address);
    const ctx = { ...inst.bodyContext(file, new Set<string>()), report: (): void => undefined };
    const body = modelBody(evaluateBody(ctx, block.body, span, EMPTY_SCOPE, UNSTORED_BLOCK_OPTIONS));
    inst.ctx.providerUses.push({ module: inst.path, ...rootOf(inst, file), name: providerOf(block, type).name, mode, type, address: inst.path === '' ? address : `${inst.path}.${address}`, span, body });
  };
  for (const [type, byName] of inst.mod.ephemeralByTypeName) for (const [name, decl] of byName) add(decl.file, decl.node, 'ephemeral', `ephemeral.${type}.${name}`);
  for (const [check, decl] of inst.mod.checks) {
    for (const b of decl.node.body.blocks) if (b.type === 'data' && b.labels.length === 2) add(decl.file, b, 'data', `check.${check}.data.${b.labels[0]!.value}.${b.labels[1]!.value}`);
  }
}

function fileOf(inst: ModuleInstance, path: string): HclFile | undefined {
  return inst.mod.files.find((f) => f.path === path);
}

function materializeResource(inst: ModuleInstance, slot: number, decl: Declared<Block>): void {
  const { expansion, instances, configAddress } = inst.resourceInstances(slot);
  const { mode, type, provider: providerName } = inst.plan.resourceShapes[slot]!;
  // Asked even without instances: finding the provider may evaluate its block, and report on it, in this order.
  const provider = inst.providerFor(providerName.name, providerName.alias);
  // Before the instances: terraform validate refuses an ephemeral value in a stored argument however
  // many instances the block makes (1.11.4, `count = 0` with `password = var.pw` ephemeral).
  reportEphemeralRepetition(inst, decl.file, decl.node, configAddress);
  const ephemeralArguments = type.startsWith('aws_') || (mode === 'managed' && type === 'terraform_data') ? reportEphemeralArguments(inst, decl, expansion) : [];
  if (instances.length === 0) {
    // count = 0 or an empty for_each (common in real modules): the body is not evaluated, but
    // Terraform still checks what it refers to.
    inst.reportUndeclared(decl, configAddress);
    return;
  }
  if (mode === 'managed') for (const { expr, message } of provisionerReferences(inst.mod, decl.node)) inst.reportHere({ code: 'eval/unknown-reference', severity: 'error', message: `${configAddress}: ${message}`, span: inst.span(decl.file, expr) });
  const comments = blockComments(inst, decl.file, decl.node);
  reportJsonCommentProblems(inst, decl.file, decl.node);
  const constructPath = constructPathOf(decl.node.body.jsonComment);
  const regionAttr = provider?.body.attrs.get('region');
  const account = provider !== undefined ? providerAccount(provider.body) : undefined;
  // The same for every instance of the block (the model is read-only, so they share it).
  const providerRef = regionAttr === undefined && account === undefined ? providerName : providerRecord(providerName, regionAttr !== undefined ? sourced(regionAttr) : undefined, account);
  const lifecycle = decl.node.body.blocks.find((b) => b.type === 'lifecycle');
  for (const ri of instances) {
    const body = inst.body(ri);
    if (!body) continue;
    if (lifecycle !== undefined && lifecycle.body.blocks.length > 0) inst.checkConditions(decl.file, lifecycle.body.blocks, ri.scope, ri.address, false);
    const { attributes, nullArguments } = argumentsOf(body);
    if (type === 'aws_iam_policy_document' && mode === 'data') {
      const rendered = renderPolicyDocument(body);
      if (rendered.duplicateSid !== undefined) {
        inst.reportHere({ code: 'eval/policy-document', severity: 'error', message: `${ri.address} has two statements with sid "${rendered.duplicateSid}", which the AWS provider refuses (a duplicate Sid); both are judged.`, span: body.span });
      }
      const computed = (v: Val): Sourced => ({ value: toPlain(v), span: body.span, provenance: v instanceof Unk ? 'unresolved' : 'explicit', via: [], sensitive: false });
      attributes.set('json', computed(rendered.json));
      attributes.set('minified_json', computed(rendered.minified));
    }
    const { references, instances } = referencesOf(eachReferences(expansion.refs, expansion.each, ri.key), inst.bodyReferences(ri), configAddress);
    const tags = mode === 'managed' ? effectiveTags(body, defaultTagsReach(type) ? provider?.body : undefined, body.span) : undefined;
    const blocks = body.blocks.map(nestedBlock);
    if (mode === 'managed') attributesAsBlocks(type, attributes, blocks);
    const record = resourceRecord(ri, configAddress, inst, providerRef, tags, references, comments, body.span, attributes, nullArguments, blocks);
    // Added to the record, not spread into a copy: a copy takes other hidden classes, and loops over
    // resources (InfraModel.related) slowed tenfold where many had links.
    if (instances.length > 0) (record as { instanceReferences?: readonly InstanceReference[] }).instanceReferences = instances;
    if (typeof ri.key === 'string' && /\d/.test(ri.key)) (record as { keySpan?: Span }).keySpan = forEachSpan(inst, decl);
    if (constructPath !== undefined) (record as { constructPath?: string }).constructPath = constructPath;
    if (ephemeralArguments.length > 0) (record as { ephemeralArguments?: readonly string[] }).ephemeralArguments = ephemeralArguments;
    inst.ctx.resources.push(record);
  }
}

type Comments = Resource['comments'];

/** Meta-arguments, which are no attributes of the resource's schema. */
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on']);

/**
 * Terraform refuses an ephemeral value (an ephemeral variable or resource, Terraform 1.10+) in an
 * argument of a managed resource or data source that is not write-only: "Invalid use of ephemeral
 * value ... because it is not a write-only attribute and must be persisted to state" (terraform
 * validate 1.11.4: `password = var.db_password` of aws_db_instance, `name` of a data
 * "aws_ssm_parameter"), in a nested block alike (a plain one, or a `dynamic` one's for_each or
 * content: "not valid for "ingress"", said at the resource). Judged where the schema is
 * known: hashicorp/aws, whose write-only attributes (5.100.0: password_wo, master_password_wo,
 * admin_user_password_wo, secret_string_wo, value_wo; none in a nested block) all end in `_wo`, and
 * the built-in terraform_data, which has none. Another provider's are not known here, and a false
 * error fails a valid configuration's scan, so its resources are not judged (terraform validate
 * says it). Read once per block; gives the names reported (Resource.ephemeralArguments).
 */
function reportEphemeralArguments(inst: ModuleInstance, decl: Declared<Block>, expansion: ResourceInstances['expansion']): string[] {
  // Run for every resource block of every module instance: in the modules that declare nothing
  // ephemeral (nearly all) no argument can be, so nothing is built for them (a scope, an address, each's binding).
  if (!mayBeEphemeral(inst)) return [];
  const scope = inst.ephemeralScopeOf(expansion);
  const address = `${inst.configPrefix}${decl.node.type === 'data' ? 'data.' : ''}${decl.node.labels[0]?.value ?? ''}.${decl.node.labels[1]?.value ?? ''}`;
  const each = eachOf(decl.node);
  const refused: string[] = [];
  const report = (name: string, a: Attribute, path: string): void => {
    refused.push(name);
    inst.reportHere({
      code: 'eval/ephemeral-value',
      severity: 'error',
      message: `${address} gives ${path} an ephemeral value, which Terraform refuses ("Invalid use of ephemeral value"): ${name} is not a write-only attribute, so its value would be persisted to state.`,
      hint: 'Pass the value to a write-only argument (a *_wo argument such as password_wo, with its *_wo_version), let the service manage the secret, or wrap the value in ephemeralasnull() to store null.',
      span: inst.attributeSpan(decl.file, a),
    });
  };
  for (const a of decl.node.body.attributes) {
    if (!RESOURCE_META.has(a.name) && !a.name.endsWith('_wo') && surelyEphemeral(scope, a.expr, each)) report(a.name, a, a.name);
  }
  // Terraform says it once per nested block type, however many blocks of it there are.
  const reported = new Set<string>();
  for (const b of decl.node.body.blocks) {
    const name = b.type === 'dynamic' ? b.labels[0]?.value : b.type;
    if (name === undefined || UNSTORED_BLOCKS.has(b.type) || reported.has(name)) continue;
    const found = ephemeralIn(scope, b, name, each);
    if (found === undefined) continue;
    reported.add(name);
    report(name, found.attr, found.path);
  }
  return refused;
}

/**
 * Terraform refuses count or for_each derived from an ephemeral value in any block that takes them
 * (a resource, data source, ephemeral resource or module call, whatever its provider): "Invalid count
 * argument ... The given "count" is derived from an ephemeral value, which means that Terraform
 * cannot persist it between plan/apply rounds" (terraform validate 1.11.4, at the argument; plan for
 * what validate sees unknown, as `count = try(var.n, 1)`). It looks at the whole value: a map whose
 * values are ephemeral is a fine for_each (surelyEphemeralWhole). Once per block, not per instance.
 */
function reportEphemeralRepetition(inst: ModuleInstance, file: string, block: Block, address: string): void {
  if (!mayBeEphemeral(inst)) return;
  const { count, forEach } = repetitionOf(block);
  for (const [meta, a] of [['count', count], ['for_each', forEach]] as const) {
    if (a === undefined || !surelyEphemeralWhole(inst.ephemeralScope, a.expr)) continue;
    inst.reportHere({
      code: 'eval/ephemeral-value',
      severity: 'error',
      message: `${address} gives ${meta} an ephemeral value, which Terraform refuses ("Invalid ${meta} argument"): the instances a block makes are kept from plan to apply, and an ephemeral value is not.`,
      hint: `Derive ${meta} from values that are not ephemeral (a variable not declared ephemeral = true, a resource's attribute), not from an ephemeral variable, resource or module output, or terraform.applying.`,
      span: inst.attributeSpan(file, a),
    });
  }
}

/**
 * Whether anything in the instance's module can be ephemeral (ephemeral.ts declaresEphemeral, once
 * per module): the ephemeral checks below run for every resource, module call and output of every
 * instance, and in a module that declares nothing ephemeral (nearly all) none can find anything. Asked
 * first, the checks' walks are never called there: on corpus (a) they were hot enough for TurboFan
 * to compile mayRead (~7-18 ms of compiling, --trace-opt) for calls that all answered no, and each
 * resource with count or for_each built a scope for nothing. callgrind: see the commit.
 */
function mayBeEphemeral(inst: ModuleInstance): boolean {
  return declaresEphemeral(inst.ephemeralScope);
}

/** A resource's blocks Terraform does not store, where an ephemeral value is allowed (terraform validate 1.11.4 takes one in each). */
const UNSTORED_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

/**
 * The first argument under a nested block that surely holds an ephemeral value, and its path from
 * the resource (`environment.variables`); a `dynamic` block's for_each and labels count with its
 * content, as they make the blocks. `iterators`: `each`, and the iterators of the dynamic blocks
 * around (terraform validate 1.11.4 refuses `description = ingress.value` with `for_each = [var.pw]`).
 * Nested blocks are few and shallow: recursion.
 */
function ephemeralIn(scope: EphemeralScope, block: Block, path: string, iterators: EphemeralIterators | undefined): { attr: Attribute; path: string } | undefined {
  let inner = iterators;
  if (block.type === 'dynamic') {
    const forEach = attributeOf(block.body, 'for_each');
    const named = attributeOf(block.body, 'iterator')?.expr;
    const name = named?.type === 'traversal' ? named.root : block.labels[0]?.value;
    if (forEach !== undefined && name !== undefined) inner = withIterator(iterators, name, forEach.expr);
  }
  for (const a of block.body.attributes) {
    if ((block.type === 'dynamic' && a.name === 'iterator') || a.name.endsWith('_wo')) continue;
    // A dynamic block's for_each makes the blocks from the whole value: one whose elements are
    // ephemeral is fine when the content does not read them (plan 1.11.4 accepts `for_each = { a = var.pw }`
    // with `description = ingress.key`, refuses `for_each = var.ports`). Its labels read the iterator.
    const forEach = block.type === 'dynamic' && a.name === 'for_each';
    const ephemeral = forEach ? surelyEphemeralWhole(scope, a.expr, iterators) : surelyEphemeral(scope, a.expr, inner);
    if (ephemeral) return { attr: a, path: block.type === 'dynamic' ? `${path} (dynamic ${a.name})` : `${path}.${a.name}` };
  }
  for (const b of block.body.blocks) {
    const nested = block.type === 'dynamic' && b.type === 'content' ? path : `${path}.${b.type === 'dynamic' ? (b.labels[0]?.value ?? '') : b.type}`;
    const found = ephemeralIn(scope, b, nested, inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * `each` of a block with for_each: each.value is an element of it (terraform plan 1.11.4 refuses
 * `input = each.value` with `for_each = { a = var.pw }`, and accepts `each.key`).
 */
function eachOf(block: Block): EphemeralIterators | undefined {
  const forEach = repetitionOf(block).forEach;
  return forEach === undefined ? undefined : withIterator(undefined, 'each', forEach.expr);
}

/** A block's for_each argument, where its instance keys are written (Resource.keySpan). */
function forEachSpan(inst: ModuleInstance, decl: Declared<Block>): Span | undefined {
  const forEach = repetitionOf(decl.node).forEach;
  return forEach !== undefined ? inst.attributeSpan(decl.file, forEach) : undefined;
}

/**
 * The model's resource, its optional keys (instanceKey, effectiveTags) in their places, one literal
 * per combination: object spread for them made every resource take V8's slow property-copy path.
 */
function resourceRecord(ri: ResourceInstance, configAddress: string, inst: ModuleInstance, provider: Resource['provider'], tags: Sourced | undefined, references: string[], comments: Comments, span: Span, attributes: Map<string, Sourced>, nullArguments: ReadonlyMap<string, Sourced>, blocks: NestedBlock[]): Resource {
  const { address, mode, type, name, key } = ri;
  const modulePath = inst.path;
  const root = inst.options.rootDir;
  if (key !== undefined) {
    if (tags !== undefined) return { address, configAddress, mode, type, name, modulePath, instanceKey: key, origin: 'terraform', root, provider, effectiveTags: tags, references, comments, span, attributes, nullArguments, blocks };
    return { address, configAddress, mode, type, name, modulePath, instanceKey: key, origin: 'terraform', root, provider, references, comments, span, attributes, nullArguments, blocks };
  }
  if (tags !== undefined) return { address, configAddress, mode, type, name, modulePath, origin: 'terraform', root, provider, effectiveTags: tags, references, comments, span, attributes, nullArguments, blocks };
  return { address, configAddress, mode, type, name, modulePath, origin: 'terraform', root, provider, references, comments, span, attributes, nullArguments, blocks };
}

/** `{ name, alias?, region?, account? }` in that order, without object spread (slow until optimised). */
function providerRecord(p: { name: string; alias?: string }, region: Sourced | undefined, account: Sourced | undefined): Resource['provider'] {
  const out: { name: string; alias?: string; region?: Sourced; account?: Sourced } = { name: p.name };
  if (p.alias !== undefined) out.alias = p.alias;
  if (region !== undefined) out.region = region;
  if (account !== undefined) out.account = account;
  return out;
}

const accountMemo = new WeakMap<EvaluatedBody, Sourced | undefined>();

/**
 * The AWS account a provider configuration names (model/aws-account.ts namedAccount), at the argument
 * that names it; undefined when it names none, or only at apply time. Asked once per resource block.
 */
export function providerAccount(body: EvaluatedBody): Sourced | undefined {
  return weakMemo(accountMemo, body, (b) => {
    const allowed = b.attrs.get('allowed_account_ids');
    const roles = b.blocks.filter((x) => x.type === 'assume_role' || x.type === 'assume_role_with_web_identity');
    const arn = roles.length > 0 ? roles[roles.length - 1]!.attrs.get('role_arn') : undefined;
    const ids = allowed === undefined ? undefined : allowed.value instanceof ListV ? allowed.value.items : [];
    const found = namedAccount<Val>(ids, arn?.value, (v) => (typeof v === 'string' ? v : undefined));
    // Placed at the argument that names it (allowed_account_ids when written, which then decides alone).
    return found === undefined ? undefined : { ...sourced(allowed ?? arn!), value: found.account };
  });
}

/**
 * The count/for_each references, then the body's, without repeats or the resource itself, and the
 * instances it names by key (instance-references.ts).
 */
function referencesOf(expansionRefs: readonly string[], bodyRefs: readonly string[], self: string): { references: string[]; instances: InstanceReference[] } {
  // bodyRefs has no repeats (it was a set).
  return splitReferences(expansionRefs.length === 0 ? bodyRefs : new Set([...expansionRefs, ...bodyRefs]), self);
}

function materializeVariables(inst: ModuleInstance): void {
  const variables = inst.plan.variables;
  // Looked up once per instance, not once per variable (a WeakMap read for each of ~17 000 on corpus (a)).
  const drivesForEach = forEachVariables(inst.mod);
  for (let slot = 0; slot < variables.length; slot++) {
    const variable = variables[slot]!;
    const { name, decl, shape } = variable;
    const memo = inst.variableAt(slot);
    const blockSpan = (variable.span ??= inst.span(decl.file, decl.node));
    const parts = variableParts(inst, decl, shape, memo, blockSpan);
    // Asked before the declaration is built, from the two fields it reads: a scan that keeps each
    // declaration once drops ~16 000 of corpus (a)'s ~17 300 (first-declarations.ts), and each was
    // built, with its comments and root looked up, to be dropped. Callgrind: see the commit.
    if (inst.ctx.input.keepVariable?.({ span: blockSpan, value: parts.value }) === false) continue;
    const made = variableDecl(inst.path, name, blockSpan, memo.sensitive, shape.defaultAttr !== undefined, parts, shape.description, shape.typeAttr, drivesForEach.has(name), shape.ephemeral);
    // Only a root module's variables are set from files (a module's, by its call's arguments).
    const replaced = inst.path === '' ? inst.options.inputs(name)?.overridden : undefined;
    if (replaced !== undefined) (made as Writable<VariableDecl>).overridden = replaced.flatMap((r) => (r.span !== undefined && r.value !== undefined ? [{ value: toPlain(r.value), span: r.span, provenance: r.value instanceof Unk ? ('unresolved' as const) : ('explicit' as const), via: [], sensitive: memo.sensitive }] : []));
    const root = rootOf(inst, blockSpan.file);
    const comments = commentsField(inst, decl.file, decl.node);
    const declared = root.root === undefined && comments.comments === undefined ? made : { ...made, ...root, ...comments };
    inst.ctx.variables.push(declared);
  }
}

function materializeOutputs(inst: ModuleInstance): void {
  const outputs = inst.plan.outputs;
  for (let slot = 0; slot < outputs.length; slot++) {
    const output = outputs[slot]!;
    const { name, decl } = output;
    const memo = inst.outputAt(slot);
    const valueAttr = output.shape.valueAttr;
    const span = (output.blockSpan ??= inst.span(decl.file, decl.node));
    // Terraform refuses an ephemeral output in a root module, which has no caller to take it in
    // ("Ephemeral output not allowed", terraform/node_output.go, checked on `Addr.Module.IsRoot()`;
    // terraform validate 1.11.4 says so). Said at `output "name"`, Terraform's DeclRange. A
    // Terragrunt unit runs its module as a root module; a Stacks component's is called.
    if (inst.path === '' && output.shape.ephemeral) {
      const header = decl.node.labels.at(-1)?.end ?? decl.node.typeRange.end;
      inst.reportHere({
        code: 'eval/ephemeral-output',
        severity: 'error',
        message: `output "${name}" is declared ephemeral in a root module, which Terraform refuses ("Ephemeral output not allowed"): only a child module may return an ephemeral value, to the module that calls it.`,
        hint: 'Remove ephemeral = true (and what makes the value ephemeral) from the root output, or move the output into the child module whose caller uses it.',
        span: inst.span(decl.file, { start: decl.node.start, end: header }),
      });
    } else if (!output.shape.ephemeral && valueAttr !== undefined && mayBeEphemeral(inst) && surelyEphemeral(inst.ephemeralScope, valueAttr.expr)) {
      // Any output not declared ephemeral, a root module's or a called one's: "Ephemeral value not
      // allowed ... not declared as returning an ephemeral value" (terraform validate 1.11.4, at the
      // value argument; a called module's ephemeral output read by its caller, at plan).
      inst.reportHere({
        code: 'eval/ephemeral-output',
        severity: 'error',
        message: `output "${name}" is given an ephemeral value but is not declared ephemeral, which Terraform refuses ("Ephemeral value not allowed").`,
        hint:
          inst.path === ''
            ? 'A root module cannot return an ephemeral value: leave it out of the output, or wrap it in ephemeralasnull() to return null in its place.'
            : 'Declare the output ephemeral = true (its caller may then pass it only where an ephemeral value is allowed), or wrap the value in ephemeralasnull().',
        span: inst.attributeSpan(decl.file, valueAttr),
      });
    }
    if (inst.ctx.input.keepOutput?.(span) === false) continue;
    const reads = (output.readsVariables ??= valueAttr ? [...variablesRead(inst.mod, valueAttr.expr, new Set())] : []);
    inst.ctx.outputs.push({
      module: inst.path,
      name,
      span,
      ...commentsField(inst, decl.file, decl.node),
      // What the block declares: a value derived from a sensitive one but unmasked with nonsensitive()
      // is printed by Terraform, so the output is not sensitive (its value stays marked for redaction).
      sensitive: output.shape.sensitive,
      value: { value: toPlain(memo.value), span: memo.span ?? span, provenance: memo.value instanceof Unk ? 'unresolved' : 'explicit', via: memo.via, sensitive: memo.sensitive },
      referencedAttributes: (output.referencedAttributes ??= valueAttr ? referencedAttributes(valueAttr.expr, inst.mod) : []),
      ...(reads.length > 0 ? { readsVariables: reads } : {}),
    });
    // Only where the value was marked on the way (one bit, set by any sensitive value read) and unmarked.
    if (memo.sensitive && !output.shape.sensitive && valueAttr !== undefined) {
      const unmasked = inst.unmaskedIn(valueAttr.expr);
      if (unmasked !== undefined) (inst.ctx.outputs.at(-1) as { unmasked?: string }).unmasked = unmasked;
    }
  }
}

/**
 * The module's variables an expression reads, directly or through its locals, on every branch (as
 * Terraform marks a value sensitive whichever branch it takes). `seen` stops a cycle of locals,
 * which Terraform refuses anyway.
 */
function variablesRead(mod: ModuleSource, expr: Expression, seen: Set<string>): Set<string> {
  const out = new Set<string>();
  forEachTraversal(expr, (t) => {
    const step = t.type === 'traversal' ? t.steps[0] : undefined;
    if (t.type !== 'traversal' || step?.kind !== 'attr') return;
    if (t.root === 'var') out.add(step.name);
    else if (t.root === 'local' && !seen.has(step.name)) {
      seen.add(step.name);
      const local = mod.locals.get(step.name);
      if (local !== undefined) for (const v of variablesRead(mod, local.node.expr, seen)) out.add(v);
    }
  });
  return out;
}

/** `{ root }` when the root module is not where the block's file is (a Terragrunt unit); else nothing, as before. */
function rootOf(inst: ModuleInstance, file: string): { root?: string } {
  return inst.path === '' && dirOf(file) !== inst.options.rootDir ? { root: inst.options.rootDir } : {};
}

function materializeProviders(inst: ModuleInstance): void {
  for (const decl of inst.mod.providers) {
    const aliasAttr = decl.node.body.attributes.find((a) => a.name === 'alias');
    const alias = aliasAttr ? inst.evalExpr(decl.file, aliasAttr.expr, EMPTY_SCOPE, new Trace(), 'provider alias') : undefined;
    const body = evaluateBody(inst.bodyContext(decl.file, new Set()), decl.node.body, inst.span(decl.file, decl.node), EMPTY_SCOPE);
    inst.ctx.providers.push({ module: inst.path, ...rootOf(inst, body.span.file), name: decl.node.labels[0]!.value, ...(typeof alias === 'string' ? { alias } : {}), body: modelBody(body), ...commentsField(inst, decl.file, decl.node) });
  }
}

/**
 * Terraform refuses an ephemeral value given to a module's variable not declared `ephemeral = true`:
 * "Ephemeral value not allowed ... This input variable is not declared as accepting ephemeral
 * values" (terraform validate 1.11.4, at the argument). A plain value for an ephemeral variable is
 * fine. Once per call, whatever its count or for_each; a module the scan does not have is not judged.
 */
function reportEphemeralInputs(inst: ModuleInstance, call: ChildCall): void {
  const target = call.target;
  if (target === undefined || !mayBeEphemeral(inst)) return;
  const each = eachOf(call.decl.node);
  let scope: EphemeralScope | undefined;
  for (const a of call.decl.node.body.attributes) {
    const declared = MODULE_META.has(a.name) ? undefined : target.variables.get(a.name);
    if (declared === undefined || variableShape(declared.node).ephemeral) continue;
    scope ??= inst.ephemeralScopeOf(call.expansion());
    if (!surelyEphemeral(scope, a.expr, each)) continue;
    inst.reportHere({
      code: 'eval/ephemeral-value',
      severity: 'error',
      message: `${inst.configPrefix}module.${call.name} gives ${a.name} an ephemeral value, which Terraform refuses ("Ephemeral value not allowed"): variable "${a.name}" of ${call.source || target.dir || '.'} is not declared ephemeral.`,
      hint: `Declare variable "${a.name}" ephemeral = true in the module (it may then be used only where an ephemeral value is allowed), or wrap the value in ephemeralasnull().`,
      span: inst.attributeSpan(call.decl.file, a),
    });
  }
}

/** A module block: one ModuleCall per instance, each followed by its child instance's contents. */
function materializeModuleCall(inst: ModuleInstance, call: ChildCall): void {
  const decl = call.decl;
  const block = decl.node;
  const span = inst.span(decl.file, block);
  const sourceAttr = attributeOf(block.body, 'source');
  const sourceSpan = sourceAttr ? inst.attributeSpan(decl.file, sourceAttr) : span;
  const comments = blockComments(inst, decl.file, block);
  reportJsonCommentProblems(inst, decl.file, block);
  reportEphemeralRepetition(inst, decl.file, block, `${inst.configPrefix}module.${call.name}`);
  reportEphemeralInputs(inst, call);
  const expansion = call.expansion();
  const children = call.instances();
  expansion.instances.forEach((i, n) => {
    const inputs = new Map<string, Sourced>();
    for (const attr of block.body.attributes) {
      const input = call.input(n, i.scope, attr.name);
      if (!input?.span || input.value === undefined) continue;
      inputs.set(attr.name, { value: toPlain(input.value), span: input.span, provenance: input.value instanceof Unk ? 'unresolved' : 'explicit', via: input.via, sensitive: input.sensitive });
    }
    const keySpan = typeof i.key === 'string' && /\d/.test(i.key) ? forEachSpan(inst, decl) : undefined;
    inst.ctx.moduleCalls.push({
      address: `${inst.path === '' ? '' : `${inst.path}.`}module.${call.name}${addressKey(i.key, i.unknownKey)}`,
      // Rules and reports see the source without credentials written into its URL.
      source: maskUrlUserinfo(call.source),
      ...(call.version !== undefined ? { version: call.version } : {}),
      span,
      sourceSpan,
      kind: call.kind,
      evaluated: call.evaluated,
      inputs,
      comments,
      ...(keySpan !== undefined ? { keySpan } : {}),
      root: inst.options.rootDir,
    });
    const child = children[n];
    if (child) materialize(child);
  });
}

function materializeSettings(inst: ModuleInstance, decl: Declared<Block>): void {
  const ctx = inst.ctx;
  const block = decl.node;
  const bodyCtx = inst.bodyContext(decl.file, new Set());
  const versionAttr = block.body.attributes.find((a) => a.name === 'required_version');
  const requiredProviders = new Map<string, { source?: string; version?: Sourced; span: Span }>();
  for (const rp of block.body.blocks.filter((b) => b.type === 'required_providers')) {
    const evaluated = evaluateBody(bodyCtx, withoutProviderAliases(rp.body), inst.span(decl.file, rp), EMPTY_SCOPE);
    for (const [name, a] of evaluated.attrs) {
      const v = a.value;
      if (typeof v === 'string') requiredProviders.set(name, { version: sourced(a), span: a.span });
      else if (v instanceof ObjV) {
        requiredProviders.set(name, requiredProvider(v.attrs.get('source'), v.attrs.get('version'), a.span));
      } else requiredProviders.set(name, { span: a.span });
    }
  }
  const requiredProvidersBlock = block.body.blocks.find((b) => b.type === 'required_providers');
  const backendBlock = block.body.blocks.find((b) => b.type === 'backend');
  const cloudBlock = block.body.blocks.find((b) => b.type === 'cloud');
  const backend = backendBlock ? evaluateBlock(bodyCtx, backendBlock, EMPTY_SCOPE) : undefined;
  const cloud = cloudBlock ? evaluateBlock(bodyCtx, cloudBlock, EMPTY_SCOPE) : undefined;
  let requiredVersion: Sourced | undefined;
  if (versionAttr) {
    const trace = new Trace();
    const value = inst.evalExpr(decl.file, versionAttr.expr, EMPTY_SCOPE, trace, 'required_version');
    requiredVersion = { value: toPlain(value), span: attributeSpan(bodyCtx.spans, bodyCtx.file, versionAttr), provenance: value instanceof Unk ? 'unresolved' : 'explicit', via: [], sensitive: false };
  }
  const span = inst.span(decl.file, block);
  ctx.terraform.push({
    module: inst.path,
    ...rootOf(inst, span.file),
    span,
    ...(requiredVersion ? { requiredVersion } : {}),
    ...(backend && backendBlock ? { backend: { type: backendBlock.labels[0]?.value ?? '', span: backend.span, config: modelBody(backend) } } : {}),
    ...(cloud ? { cloud: { span: cloud.span, config: modelBody(cloud) } } : {}),
    requiredProviders,
    ...(requiredProvidersBlock ? { requiredProvidersBlock: inst.span(decl.file, requiredProvidersBlock) } : {}),
    ...commentsField(inst, decl.file, block),
  });
}

/** `{ source?, version?, span }` in that order, without object spread (slow until optimised). */
function requiredProvider(source: Val | undefined, version: Val | undefined, span: Span): { source?: string; version?: Sourced; span: Span } {
  const v: Sourced | undefined = version === undefined ? undefined : { value: toPlain(version), span, provenance: version instanceof Unk ? 'unresolved' : 'explicit', via: [], sensitive: false };
  if (typeof source === 'string') return v === undefined ? { source, span } : { source, version: v, span };
  return v === undefined ? { span } : { version: v, span };
}

/**
 * `configuration_aliases = [aws.replica]` in required_providers names provider configurations,
 * not values: drop it from each provider's object before evaluating.
 */
function withoutProviderAliases(body: Body): Body {
  const hasAliases = (e: Expression): boolean => e.type === 'object' && e.items.some((i) => i.key.type === 'traversal' && i.key.root === 'configuration_aliases');
  if (!body.attributes.some((a) => hasAliases(a.expr))) return body;
  return {
    ...body,
    attributes: body.attributes.map((a) => {
      if (a.expr.type !== 'object' || !hasAliases(a.expr)) return a;
      return { ...a, expr: { ...a.expr, items: a.expr.items.filter((i) => !(i.key.type === 'traversal' && i.key.root === 'configuration_aliases')) } };
    }),
  };
}
