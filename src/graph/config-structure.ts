// The shape of a configuration file as Terraform's own loader checks it before anything is
// evaluated (internal/configs: configFileSchema and each block's schema), so that what
// `terraform init`/`validate` refuses fails the scan too. A block of a type Terraform does not know
// (`resouce "aws_s3_bucket" "phi" {}`) was silently left out of the model here: its resource was
// never judged. Only Terraform's own language is checked (meta-arguments, variable, output,
// locals, lifecycle, check and condition blocks), never a provider's arguments, which need its
// schema. Names Terraform versions newer than 1.11 added are accepted, not refused.
import type { Attribute, Block, Body, Expression, HclFile, TraversalExpr } from '../parsers/hcl/ast.js';
import { isValidIdentifier } from '../parsers/hcl/identifier.js';
import { freeTraversals, plainConstant } from './traversals.js';
import { isOverrideFile, overrideFileOf } from './overrides.js';
import { nearestName } from '../config/nearest-name.js';
import { literalString, localModulePath } from './load.js';
import { checkProvisionerSchemas } from './provisioner-schema.js';
import { backendSettingProblems } from './backend-schemas.js';
import { checkModuleVersion, checkRequiredProviders, checkRequiredVersion, unsatisfiable } from './terraform-settings.js';

export interface StructureProblem {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** An error unless said otherwise. */
  readonly severity?: 'warning';
  readonly start: number;
  readonly end: number;
}

interface BlockShape {
  /** Label names, as Terraform's schema names them. */
  readonly labels: readonly string[];
}

/** Top-level block types, with their labels. `action` is Terraform 1.14's; its body is not checked. */
const TOP_LEVEL: ReadonlyMap<string, BlockShape> = new Map([
  ['terraform', { labels: [] }],
  ['provider', { labels: ['name'] }],
  ['variable', { labels: ['name'] }],
  ['locals', { labels: [] }],
  ['output', { labels: ['name'] }],
  ['module', { labels: ['name'] }],
  ['resource', { labels: ['type', 'name'] }],
  ['data', { labels: ['type', 'name'] }],
  ['ephemeral', { labels: ['type', 'name'] }],
  ['moved', { labels: [] }],
  ['import', { labels: [] }],
  ['removed', { labels: [] }],
  ['check', { labels: ['name'] }],
  ['action', { labels: ['type', 'name'] }],
]);

/** `deprecated` (OpenTofu 1.10) and `const` are newer than Terraform 1.11. */
const VARIABLE_ARGUMENTS = ['description', 'default', 'type', 'sensitive', 'nullable', 'ephemeral', 'deprecated', 'const'];
/** `deprecated` is Terraform 1.13's. */
const OUTPUT_ARGUMENTS = ['description', 'value', 'depends_on', 'sensitive', 'ephemeral', 'deprecated'];
/** `enabled` and `action_trigger` are newer than 1.11. */
const LIFECYCLE_ARGUMENTS = ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'enabled'];
const LIFECYCLE_BLOCKS = ['precondition', 'postcondition', 'action_trigger'];
const CHECK_RULE_ARGUMENTS = ['condition', 'error_message'];
/** The terraform block of Terraform and of OpenTofu (`encryption`), and newer ones (`state_store`). */
const TERRAFORM_ARGUMENTS = ['required_version', 'experiments', 'language'];
const TERRAFORM_BLOCKS = ['backend', 'cloud', 'required_providers', 'provider_meta', 'encryption', 'state_store'];
/** A module block's own arguments and block types (moduleBlockSchema): no variable may take these names. */
const MODULE_META_ARGUMENTS = ['source', 'version', 'count', 'for_each', 'depends_on', 'providers'];
const MODULE_RESERVED_BLOCKS = ['lifecycle', 'locals', 'provider'];

const BAD_IDENTIFIER = 'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.';

const found = new WeakMap<HclFile, readonly StructureProblem[]>();

/**
 * What Terraform's loader refuses in `file`, in source order; once per parsed file, which every
 * module instance and scan unit shares. A `.tf.json` file is checked as parsed by the schema
 * (parsers/hcl/parse-json.ts): its keys are blocks or arguments as Terraform's schema has them, and
 * `//` keys, comments there, are gone.
 */
export function structureProblems(file: HclFile): readonly StructureProblem[] {
  const cached = found.get(file);
  if (cached !== undefined) return cached;
  const out: StructureProblem[] = [];
  checkFile(file, isOverrideFile(file.path), file.syntax === 'json', out);
  out.sort((a, b) => a.start - b.start);
  found.set(file, out);
  return out;
}

function checkFile(file: HclFile, override: boolean, json: boolean, out: StructureProblem[]): void {
  for (const attr of file.body.attributes) {
    const problem = json ? jsonTopLevelProperty(attr) : unexpectedArgument(attr);
    if (problem !== undefined) out.push(problem);
  }
  for (const block of file.body.blocks) {
    const shape = TOP_LEVEL.get(block.type);
    if (shape === undefined) {
      out.push(unexpectedTopLevel(block));
      continue;
    }
    if (!labelsFit(block, shape, out)) continue;
    nestedLabelsFit(block, out);
    switch (block.type) {
      case 'variable':
        checkVariable(block, override, json, out);
        break;
      case 'output':
        checkName(block, 0, 'Invalid output name', out);
        onlyKnown(block.body, OUTPUT_ARGUMENTS, ['precondition'], out);
        checkDependsOn(block, json, out);
        checkConstantBools(block.body, ['sensitive', 'ephemeral'], json, out);
        if (!json) checkConstantText(block.body, 'description', out);
        for (const b of block.body.blocks) if (b.type === 'precondition') checkRule(b, override, out);
        break;
      case 'locals':
        // Only JSON can spell such a name (`"1x": 1`); native syntax has no way to.
        for (const a of block.body.attributes) if (!isValidIdentifier(a.name)) out.push({ code: 'config/name', message: `Invalid local value name "${a.name}": ${BAD_IDENTIFIER}`, start: a.start, end: a.nameRange.end });
        for (const b of block.body.blocks) out.push({ code: 'config/block', message: `Unexpected "${b.type}" block: blocks are not allowed in locals, only arguments.`, start: b.start, end: b.typeRange.end });
        break;
      case 'module':
        checkName(block, 0, 'Invalid module instance name', out);
        checkCountAndForEach(block, out);
        checkDependsOn(block, json, out);
        checkLocalVersion(block, out);
        checkRelativeWithoutDot(block, out);
        checkModuleVersion(block, out);
        if (!json) checkProvidersArgument(block, out);
        for (const b of block.body.blocks) {
          if (b.type === '_') continue;
          const reserved = MODULE_RESERVED_BLOCKS.includes(b.type);
          out.push({
            code: 'config/block',
            message: reserved ? `The block type name "${b.type}" is reserved in module blocks for use by Terraform in a future version.` : `Blocks of type "${b.type}" are not expected in a module block: a module's inputs are arguments.`,
            start: b.start,
            end: b.typeRange.end,
          });
        }
        break;
      case 'resource':
      case 'data':
      case 'ephemeral':
        checkName(block, 0, block.type === 'data' ? 'Invalid data source name' : 'Invalid resource type name', out);
        checkName(block, 1, block.type === 'data' ? 'Invalid data resource name' : 'Invalid resource name', out);
        checkCountAndForEach(block, out);
        checkDependsOn(block, json, out);
        checkLifecycle(block, override, json, out);
        checkDynamicBlocks(block.body, out);
        if (!json) checkProviderReference(block, out);
        if (block.type === 'resource') checkProvisioners(block, out);
        // An override file's provisioners replace the base's: judged in neither here. JSON keeps strings for every value.
        if (block.type === 'resource' && !override && !json) checkProvisionerSchemas(block, out);
        if (block.type === 'resource') checkDestroyTimeReferences(block, out);
        checkMetaBlocks(block, out);
        break;
      case 'check':
        checkName(block, 0, 'Invalid check block name', out);
        // terraform init 1.11.4: "Can't override check blocks: Override files cannot override check blocks."
        if (override) out.push({ code: 'config/block', message: "Can't override check blocks: a check block in an override file is refused by Terraform; write it in an ordinary file.", start: block.start, end: block.typeRange.end });
        checkCheck(block, override, json, out);
        break;
      case 'provider': {
        const alias = block.body.attributes.find((a) => a.name === 'alias');
        const name = alias !== undefined ? literalString(alias.expr) : undefined;
        if (alias !== undefined && name !== undefined && !isValidIdentifier(name)) out.push({ code: 'config/name', message: `Invalid provider configuration alias "${name}": ${BAD_IDENTIFIER}`, start: alias.expr.start, end: alias.expr.end });
        // configs/provider.go: an alias is read with no evaluation context ("${\"west\"}" is one), and these names are reserved for later versions.
        if (alias !== undefined && !json) checkConstantText(block.body, 'alias', out);
        for (const a of block.body.attributes) {
          if (PROVIDER_RESERVED.includes(a.name)) out.push({ code: 'config/argument', message: `Reserved argument name in provider block: "${a.name}" is reserved for use by Terraform in a future version, so Terraform refuses it here.`, start: a.start, end: a.nameRange.end });
        }
        checkDynamicBlocks(block.body, out);
        break;
      }
      case 'terraform':
        onlyKnown(block.body, TERRAFORM_ARGUMENTS, TERRAFORM_BLOCKS, out);
        if (!json) checkConstantText(block.body, 'required_version', out);
        checkRequiredVersion(block, out);
        if (!json) checkLanguage(block, out);
        checkRequiredProviders(block, out, json);
        checkBackends(block, out);
        checkExperiments(block, out);
        break;
      case 'moved':
        onlyKnown(block.body, ['from', 'to'], [], out);
        if (!override) requireArguments(block, [['from'], ['to']], out);
        if (!json) for (const a of block.body.attributes) if (a.name === 'from' || a.name === 'to') checkStaticAddress(a, 'moved', false, out);
        if (!json) checkMovedKinds(block, out);
        break;
      case 'import': {
        onlyKnown(block.body, ['to', 'id', 'identity', 'provider', 'for_each'], [], out);
        if (!override) requireArguments(block, [['to'], ['id', 'identity']], out);
        checkImportArguments(block, out);
        const to = block.body.attributes.find((a) => a.name === 'to');
        if (!json && to !== undefined) checkStaticAddress(to, 'import', block.body.attributes.some((a) => a.name === 'for_each'), out);
        break;
      }
      case 'removed':
        onlyKnown(block.body, ['from'], ['lifecycle', 'provisioner', 'connection'], out);
        if (!override) requireArguments(block, [['from']], out);
        for (const b of block.body.blocks) {
          if (b.type !== 'lifecycle') continue;
          onlyKnown(b.body, ['destroy'], [], out);
          checkConstantBools(b.body, ['destroy'], json, out);
        }
        checkRemovedProvisioners(block, out);
        checkDestroyTimeReferences(block, out);
        if (!json) for (const a of block.body.attributes) if (a.name === 'from') checkStaticAddress(a, 'removed', false, out);
        break;
      default:
        break;
    }
  }
}

function unexpectedArgument(attr: Attribute, suggestions: readonly string[] = []): StructureProblem {
  const near = nearestName(attr.name, suggestions);
  return {
    code: 'config/argument',
    message: `An argument named "${attr.name}" is not expected here, so Terraform refuses the configuration.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
    start: attr.start,
    end: attr.nameRange.end,
  };
}

/**
 * A top-level property of a `.tf.json` file that is no block: one Terraform does not know, or a
 * block type given something other than an object (or an array of objects) of blocks by label.
 */
function jsonTopLevelProperty(attr: Attribute): StructureProblem | undefined {
  const at = { start: attr.start, end: attr.nameRange.end };
  if (TOP_LEVEL.has(attr.name)) {
    if (attr.expr.type === 'object') return undefined; // a type this parser does not map (action): accepted, not read
    return { code: 'config/block', message: `Incorrect JSON value type: "${attr.name}" must hold a JSON object, or an array of objects, naming its blocks by their labels, so Terraform refuses the configuration.`, start: attr.expr.start, end: attr.expr.end };
  }
  if (attr.name === 'required_providers') return { code: 'config/block', message: 'A required_providers block must be nested inside a terraform block, so Terraform refuses this one.', ...at };
  const near = nearestName(attr.name, [...TOP_LEVEL.keys()]);
  return {
    code: 'config/block',
    message: `No block type is named "${attr.name}", so Terraform refuses the configuration and nothing under this property is scanned.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
    ...at,
  };
}

function unexpectedTopLevel(block: Block): StructureProblem {
  const end = block.typeRange.end;
  if (block.type === 'required_providers') return { code: 'config/block', message: 'A required_providers block must be nested inside a terraform block, so Terraform refuses this one.', start: block.start, end };
  const near = nearestName(block.type, [...TOP_LEVEL.keys()]);
  return {
    code: 'config/block',
    message: `Blocks of type "${block.type}" are not expected here, so Terraform refuses the configuration and nothing in this block is scanned.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
    start: block.start,
    end,
  };
}

/** Whether the block has the labels its type takes; a problem for each one missing or extra. */
function labelsFit(block: Block, shape: BlockShape, out: StructureProblem[]): boolean {
  const want = shape.labels.length;
  const have = block.labels.length;
  if (have === want) return true;
  const names = shape.labels.join(', ');
  if (have < want) {
    const missing = shape.labels[have]!;
    out.push({ code: 'config/labels', message: `Missing ${missing} for ${block.type}: every ${block.type} block has ${want} label${want === 1 ? '' : 's'} (${names}), so Terraform refuses this one and it is not scanned.`, start: block.start, end: block.openBrace.start });
  } else {
    const extra = block.labels[want]!;
    out.push({
      code: 'config/labels',
      message: want === 0 ? `Extraneous label for ${block.type}: ${block.type} blocks take no labels, so Terraform refuses this one.` : `Extraneous label for ${block.type}: only ${want} label${want === 1 ? '' : 's'} (${names}) ${want === 1 ? 'is' : 'are'} expected for ${block.type} blocks, so Terraform refuses this one.`,
      start: extra.start,
      end: block.labels.at(-1)!.end,
    });
  }
  return false;
}

/**
 * The labels of the blocks Terraform's own schema nests in a top-level block (a provisioner's type, a
 * backend's, none on lifecycle, connection, precondition …): terraform init 1.11.4 refuses others
 * ("Extraneous label for lifecycle", "Missing type for provisioner: All provisioner blocks must
 * have 1 labels (type).", "Missing provider for provider_meta"). A provider's own nested blocks are
 * not looked at: only these names at these places, which no provider schema may use.
 */
function nestedLabelsFit(block: Block, out: StructureProblem[]): void {
  const shapes = NESTED_LABELS.get(block.type);
  if (shapes === undefined) return;
  for (const b of block.body.blocks) {
    const labels = shapes[b.type];
    if (labels === undefined) continue;
    if (labelsFit(b, { labels }, out)) nestedLabelsFit(b, out);
  }
}

const NO_LABELS: readonly string[] = [];
const RESOURCE_META_LABELS = { lifecycle: NO_LABELS, connection: NO_LABELS, provisioner: ['type'] };
/** Per block type (top-level, or one of these nested), its nested blocks of Terraform's schema and their labels. */
const NESTED_LABELS: ReadonlyMap<string, Readonly<Record<string, readonly string[]>>> = new Map<string, Readonly<Record<string, readonly string[]>>>([
  ['terraform', { backend: ['type'], cloud: NO_LABELS, required_providers: NO_LABELS, provider_meta: ['provider'] }],
  ['variable', { validation: NO_LABELS }],
  ['output', { precondition: NO_LABELS }],
  ['check', { assert: NO_LABELS, data: ['type', 'name'] }],
  ['resource', RESOURCE_META_LABELS],
  ['data', { lifecycle: NO_LABELS }],
  ['removed', RESOURCE_META_LABELS],
  ['lifecycle', { precondition: NO_LABELS, postcondition: NO_LABELS }],
  ['provisioner', { connection: NO_LABELS }],
]);

/**
 * Blocks of Terraform's resource schema in a resource, data source or ephemeral resource, beyond their
 * labels: one connection block at most (terraform init 1.11.4: "Duplicate connection block"), none
 * made by a dynamic block (validate: 'Unsupported block type: Blocks of type "lifecycle" are not
 * expected here.', as a dynamic block makes blocks of the provider's schema), and no provisioner in a
 * data source (validate, the same).
 */
function checkMetaBlocks(block: Block, out: StructureProblem[]): void {
  let connection = false;
  for (const b of block.body.blocks) {
    if (b.type === 'connection' && block.type === 'resource') {
      if (connection) out.push({ code: 'config/block', message: 'Duplicate connection block: a resource has at most one (a provisioner may have its own), so Terraform refuses this one.', start: b.start, end: b.typeRange.end });
      connection = true;
    }
    if (b.type === 'provisioner' && block.type !== 'resource') out.push({ code: 'config/block', message: `Unsupported block type: provisioner blocks belong in resource blocks, so Terraform refuses this one in a ${block.type === 'data' ? 'data' : 'ephemeral'} block.`, start: b.start, end: b.typeRange.end });
    const made = b.type === 'dynamic' ? b.labels[0] : undefined;
    if (made !== undefined && (made.value === 'lifecycle' || made.value === 'provisioner' || made.value === 'connection')) {
      out.push({ code: 'config/block', message: `Unsupported block type: a dynamic block makes blocks of the provider's schema, and "${made.value}" is Terraform's own, so Terraform refuses it; write the ${made.value} block out.`, start: made.start, end: made.end });
    }
  }
}

/**
 * `experiments` in the terraform block: a release of Terraform (1.11.4 init) refuses it whatever it
 * lists, an empty list too ("Module uses experimental features: Experimental features are intended
 * only for gathering early feedback on new language designs, and so are available only in alpha
 * releases of Terraform."), at its name.
 */
function checkExperiments(block: Block, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'experiments');
  if (attr !== undefined) out.push({ code: 'config/argument', message: 'Module uses experimental features: experiments are available only in alpha releases of Terraform, so a release refuses the experiments argument, even an empty list.', hint: 'Remove the experiments argument.', start: attr.start, end: attr.nameRange.end });
}

/**
 * ignore_changes lists paths into the resource's own attributes, written out: terraform init 1.11.4
 * refuses `[input[count.index]]` and `[lower(input)]` ("Invalid expression: A single static variable
 * reference is required: only attribute access and indexing with constant keys."); a quoted name
 * is the legacy form, accepted.
 */
function checkIgnoredPaths(items: readonly Expression[], out: StructureProblem[]): void {
  for (const item of items) {
    if (item.type === 'traversal' || literalString(item) !== undefined) continue;
    out.push({ code: 'config/argument', message: 'Invalid expression: an ignore_changes entry is a path into this resource\'s arguments written out (tags, tags["Name"]), with constant keys only, so Terraform refuses this one.', start: item.start, end: item.end });
  }
}

/**
 * replace_triggered_by is a list written out, each entry a reference to a resource (an attribute of
 * it, an instance by count.index or each.key): terraform init 1.11.4 refuses another value ("Invalid
 * expression: A static list expression is required.") and an entry that refers to nothing, a string
 * ("Missing resource reference in replace_triggered_by expression"); plan refuses a function call
 * or a splat ("Invalid replace_triggered_by expression: Unexpected expression found in
 * replace_triggered_by."). What the references name is static-references.ts's to judge.
 */
function checkTriggers(attr: Attribute | undefined, out: StructureProblem[]): void {
  if (attr === undefined) return;
  if (attr.expr.type !== 'tuple') {
    out.push({ code: 'config/argument', message: 'Invalid expression: replace_triggered_by must be a list written out ([aws_s3_bucket.b]), so Terraform refuses this value.', start: attr.expr.start, end: attr.expr.end });
    return;
  }
  for (const item of attr.expr.items) {
    if (item.type === 'call' || item.type === 'splat') out.push({ code: 'config/argument', message: 'Invalid replace_triggered_by expression: an entry is a reference to a resource, an instance or an attribute of it, not a function call or a splat, so Terraform refuses it.', start: item.start, end: item.end });
    else if (freeTraversals(item).length === 0) out.push({ code: 'config/argument', message: 'Missing resource reference in replace_triggered_by expression: an entry must refer to a resource (aws_s3_bucket.b, not "aws_s3_bucket.b"), so Terraform refuses it.', start: item.start, end: item.end });
  }
}

/**
 * A module call's providers argument: a map written out from the child's provider names to this
 * module's configurations, each `name` or `name.alias` (a quoted one is the legacy form, accepted),
 * each child name once. terraform init 1.11.4 refuses `providers = [aws]` ("Invalid expression: A
 * static map expression is required."), `aws = aws.west[0]` ("Invalid provider configuration
 * reference") and a name given twice ("Duplicate provider address").
 */
function checkProvidersArgument(block: Block, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'providers');
  if (attr === undefined) return;
  const { expr } = attr;
  if (expr.type !== 'object') {
    out.push({ code: 'config/argument', message: 'Invalid expression: providers must be a map written out ({ aws = aws.west }), so Terraform refuses this value.', start: expr.start, end: expr.end });
    return;
  }
  const seen = new Set<string>();
  for (const item of expr.items) {
    for (const side of [item.key, item.value]) {
      if (literalString(side) !== undefined) continue;
      if (side.type === 'traversal' && side.steps.length <= 1 && side.steps.every((s) => s.kind === 'attr')) continue;
      out.push({ code: 'config/reference', message: 'Invalid provider configuration reference: the providers argument takes a provider name, optionally followed by a period and an alias (aws or aws.west), so Terraform refuses this one.', start: side.start, end: side.end });
    }
    const key = item.key.type === 'traversal' ? [item.key.root, ...item.key.steps.map((s) => (s.kind === 'attr' ? s.name : ''))].join('.') : literalString(item.key);
    if (key === undefined) continue;
    if (seen.has(key)) out.push({ code: 'config/reference', message: `Duplicate provider address: a configuration is already passed to ${key} in this providers argument, so Terraform refuses this one.`, start: item.key.start, end: item.value.end });
    seen.add(key);
  }
}

function checkName(block: Block, index: number, summary: string, out: StructureProblem[]): void {
  const label = block.labels[index];
  if (label !== undefined && !isValidIdentifier(label.value)) out.push({ code: 'config/name', message: `${summary} "${label.value}": ${BAD_IDENTIFIER}`, start: label.start, end: label.end });
}

/** Arguments and nested block types outside the lists are refused. */
function onlyKnown(body: Body, args: readonly string[], blocks: readonly string[], out: StructureProblem[]): void {
  for (const attr of body.attributes) if (!args.includes(attr.name)) out.push(unexpectedArgument(attr, args));
  for (const b of body.blocks) {
    if (blocks.includes(b.type)) continue;
    const near = nearestName(b.type, blocks);
    out.push({ code: 'config/block', message: `Blocks of type "${b.type}" are not expected here, so Terraform refuses the configuration.${near !== undefined ? ` Did you mean "${near}"?` : ''}`, start: b.start, end: b.typeRange.end });
  }
}

function checkVariable(block: Block, override: boolean, json: boolean, out: StructureProblem[]): void {
  const name = block.labels[0]!;
  checkName(block, 0, 'Invalid variable name', out);
  if (MODULE_META_ARGUMENTS.includes(name.value) || MODULE_RESERVED_BLOCKS.includes(name.value) || name.value === '_') {
    out.push({ code: 'config/name', message: `Invalid variable name "${name.value}": the name is reserved due to its special meaning inside module blocks.`, start: name.start, end: name.end });
  }
  onlyKnown(block.body, VARIABLE_ARGUMENTS, ['validation'], out);
  checkConstantBools(block.body, ['sensitive', 'nullable', 'ephemeral'], json, out);
  if (!json) checkConstantText(block.body, 'description', out);
  // Terraform reads a default without any evaluation context: no references, no function calls. A
  // JSON default is read as its JSON text, so `"${var.x}"` there is a string.
  const def = json ? undefined : block.body.attributes.find((a) => a.name === 'default');
  if (def !== undefined && !plainConstant(def.expr)) {
    const reference = freeTraversals(def.expr)[0];
    const call = firstCall(def.expr);
    if (reference !== undefined) out.push({ code: 'config/constant', message: 'Variables not allowed: a variable default may not refer to anything, as Terraform reads it before anything else is known.', hint: 'Use a constant value, and compute the rest in a local.', start: reference.start, end: reference.end });
    else if (call !== undefined) out.push({ code: 'config/constant', message: 'Function calls not allowed: a variable default must be a constant value, without function calls.', hint: 'Use a constant value, and compute the rest in a local.', start: call.start, end: call.end });
  }
  for (const b of block.body.blocks) {
    if (b.type !== 'validation') continue;
    checkRule(b, override, out);
    const condition = b.body.attributes.find((a) => a.name === 'condition');
    if (condition === undefined) continue;
    const refs = freeTraversals(condition.expr);
    if (refs.length > 0 && !refs.some((t) => t.root === 'var' && t.steps[0]?.kind === 'attr' && t.steps[0].name === name.value)) {
      out.push({ code: 'config/condition', message: `The condition for variable "${name.value}" must refer to var.${name.value} in order to test incoming values, so Terraform refuses it.`, start: condition.expr.start, end: condition.expr.end });
    }
  }
}

/**
 * validation, precondition, postcondition and assert blocks: condition and error_message, and a
 * condition that refers to something. Whether Terraform decodes the block (none of those problems).
 */
function checkRule(block: Block, override: boolean, out: StructureProblem[]): boolean {
  const before = out.length;
  onlyKnown(block.body, CHECK_RULE_ARGUMENTS, [], out);
  if (override) return out.length === before; // Terraform refuses rules in override files with its own message; their arguments are optional there.
  for (const required of CHECK_RULE_ARGUMENTS) {
    if (!block.body.attributes.some((a) => a.name === required)) {
      out.push({ code: 'config/argument', message: `The argument "${required}" is required in a ${block.type} block, so Terraform refuses this one.`, start: block.start, end: block.openBrace.start });
    }
  }
  const condition = block.body.attributes.find((a) => a.name === 'condition');
  if (condition !== undefined && freeTraversals(condition.expr).length === 0) {
    out.push({
      code: 'config/condition',
      message: `Invalid ${block.type} expression: the condition must refer to at least one object from elsewhere in the configuration, or else its result would not be checking anything; Terraform refuses it.`,
      start: condition.expr.start,
      end: condition.expr.end,
    });
  }
  const decoded = out.length === before;
  if (condition !== undefined && neverBool(condition.expr)) {
    out.push({ code: 'config/condition', message: `Invalid condition result: the ${block.type} condition is ${condition.expr.type === 'template' ? 'a string that can never read as true or false' : 'a number'}, and a condition must be true or false, so Terraform refuses it.`, start: condition.expr.start, end: condition.expr.end });
  }
  // terraform validate 1.11.4 on an assert's `error_message = ["x"]` ("Invalid error message:
  // Unsuitable value for error message: string required.") or null ("must not be null"); plan alike on
  // a precondition's, whether the condition holds or not. A validation's is read only when it fails.
  const message = block.body.attributes.find((a) => a.name === 'error_message');
  const raw = message !== undefined ? unparen(message.expr) : undefined;
  if (message !== undefined && raw !== undefined && (block.type === 'assert' || block.type === 'precondition') && (raw.type === 'tuple' || raw.type === 'object' || (raw.type === 'literal' && raw.value === null))) {
    out.push({ code: 'config/argument', message: `Invalid error message: the ${block.type}'s error_message must be a string${raw.type === 'literal' ? ', not null' : ''}, so Terraform refuses this one.`, start: message.expr.start, end: message.expr.end });
  }
  return decoded;
}

function unparen(expr: Expression): Expression {
  while (expr.type === 'parens') expr = expr.expr;
  return expr;
}

/**
 * A condition that can never be converted to a bool (terraform plan 1.11.4: "Invalid condition
 * result: Invalid condition result value: a bool is required."): arithmetic or a function whose
 * result is a number, or a string template with text besides its interpolations that "true" and "false" have
 * not (`"maybe${var.env}"`).
 */
/** Functions whose result is always a number (plan 1.11.4 on `condition = length(var.env)`: "Invalid condition result value: bool required."). */
const NUMBER_FUNCTIONS = ['length', 'abs', 'ceil', 'floor', 'log', 'max', 'min', 'parseint', 'pow', 'signum', 'sum'];

function neverBool(expr: Expression): boolean {
  const raw = unparen(expr);
  if (raw.type === 'binary') return ['+', '-', '*', '/', '%'].includes(raw.op);
  if (raw.type === 'call') return NUMBER_FUNCTIONS.includes(raw.name);
  if (raw.type === 'unary') return raw.op === '-';
  if (raw.type !== 'template' || raw.parts.every((p) => p.kind === 'literal')) return false;
  return raw.parts.some((p) => p.kind === 'literal' && /[^truefals10]/.test(p.value));
}

/** configs/provider.go: arguments a provider block may not set, reserved by Terraform. */
const PROVIDER_RESERVED = ['count', 'for_each', 'depends_on', 'source'];

/** Roots that name no resource or module: a moved, import or removed address never starts with one. */
const NOT_ADDRESS_ROOTS = ['var', 'local', 'path', 'terraform', 'count', 'each', 'self'];

/**
 * An argument Terraform reads with no evaluation context (a description, required_version, a
 * provider's alias): a reference or a function call there is refused (terraform init 1.11.4:
 * "Variables not allowed", "Unsuitable value type", "Function calls not allowed").
 */
function checkConstantText(body: Body, name: string, out: StructureProblem[]): void {
  const attr = body.attributes.find((a) => a.name === name);
  if (attr === undefined || plainConstant(attr.expr)) return;
  const reference = freeTraversals(attr.expr)[0];
  const call = reference === undefined ? firstCall(attr.expr) : undefined;
  if (reference !== undefined) out.push({ code: 'config/constant', message: `Variables not allowed: "${name}" must be a constant, as Terraform reads it before anything else is known, so it refuses this reference.`, start: reference.start, end: reference.end });
  else if (call !== undefined) out.push({ code: 'config/constant', message: `Function calls not allowed: "${name}" must be a constant, as Terraform reads it before anything else is known, so it refuses this call.`, start: call.start, end: call.end });
}

/**
 * The address of a moved, import or removed block: a static reference to a resource or module (with
 * constant keys), as terraform init 1.11.4 requires ("Invalid expression" for a string, an
 * expression or a variable key; "Invalid address" for var.x). An import with for_each may key its
 * target with each.key, so only its shape is left to the evaluation.
 */
function checkStaticAddress(attr: Attribute, block: string, forEach: boolean, out: StructureProblem[]): void {
  const { expr } = attr;
  const at = { start: expr.start, end: expr.end };
  if (expr.type === 'template' || expr.type === 'literal') {
    out.push({ code: 'config/reference', message: `Invalid address: the "${attr.name}" of a ${block} block is written as a reference (${attr.name} = aws_s3_bucket.b), not a string, so Terraform refuses this one.`, ...at });
    return;
  }
  if (expr.type !== 'traversal') {
    if (!forEach) out.push({ code: 'config/reference', message: `Invalid expression: the "${attr.name}" of a ${block} block must be a static address, with constant instance keys only (no variables or calculations), so Terraform refuses this one.`, ...at });
    return;
  }
  // A removed block's from = local.a passes terraform init and validate 1.11.4: only moved and import are checked here.
  if (block !== 'removed' && NOT_ADDRESS_ROOTS.includes(expr.root)) out.push({ code: 'config/reference', message: `Invalid address: the "${attr.name}" of a ${block} block names a resource or module, and ${expr.root}.… is neither, so Terraform refuses this one.`, ...at });
  else if (!NOT_ADDRESS_ROOTS.includes(expr.root) && !wellFormedAddress(expr)) out.push({ code: 'config/reference', message: `Invalid address: the "${attr.name}" of a ${block} block is module.NAME (with a key at most) any number of times, then at most one resource, [data.]TYPE.NAME with a key at most, and nothing after; Terraform refuses this one.`, ...at });
}

/**
 * An address's shape as addrs parses it (terraform init 1.11.4 refuses `terraform_data.x.id`,
 * `terraform_data.x[0].id`, `module.a[0].b`, a bare `terraform_data`: "Invalid address"; in a removed
 * block, "Resource instance keys not allowed" on the first): module calls, each with a key at most,
 * then at most one resource with a key at most.
 */
function wellFormedAddress(expr: TraversalExpr): boolean {
  // An instance key is a string or a whole number (init 1.11.4 refuses `[1.5]`: "Invalid address").
  if (expr.steps.some((s) => s.kind === 'index' && typeof s.key === 'number' && !Number.isInteger(s.key))) return false;
  const seq: ({ readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index' })[] = [{ kind: 'attr', name: expr.root }, ...expr.steps.map((s) => (s.kind === 'attr' ? { kind: 'attr' as const, name: s.name } : { kind: 'index' as const }))];
  let i = 0;
  const attrAt = (j: number): boolean => seq[j]?.kind === 'attr';
  while (i < seq.length) {
    const step = seq[i]!;
    if (step.kind !== 'attr') return false;
    if (step.name === 'module') {
      if (!attrAt(i + 1)) return false;
      i += 2;
      if (seq[i]?.kind === 'index') i++;
      continue;
    }
    if (step.name === 'data') i++;
    if (!attrAt(i) || !attrAt(i + 1)) return false;
    i += 2;
    if (seq[i]?.kind === 'index') i++;
    return i === seq.length;
  }
  return true;
}

/** A resource's provider argument: a provider's local name, with an alias at most (aws.west); terraform init 1.11.4 refuses aws.west.x. */
function checkProviderReference(block: Block, out: StructureProblem[]): void {
  const provider = block.body.attributes.find((a) => a.name === 'provider');
  if (provider === undefined || provider.expr.type !== 'traversal') return;
  const { steps } = provider.expr;
  if (steps.length > 1 || steps.some((s) => s.kind !== 'attr')) {
    out.push({ code: 'config/reference', message: 'Invalid provider configuration reference: the provider argument names a provider and at most an alias (provider = aws.west), so Terraform refuses this one.', start: provider.expr.start, end: provider.expr.end });
  }
}

function checkCountAndForEach(block: Block, out: StructureProblem[]): void {
  const count = block.body.attributes.find((a) => a.name === 'count');
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  if (count !== undefined && forEach !== undefined) {
    out.push({ code: 'config/count-and-for-each', message: 'The "count" and "for_each" meta-arguments are mutually exclusive, so Terraform refuses a block with both.', hint: 'Keep one of them.', start: forEach.start, end: forEach.nameRange.end });
  }
}

/** `version` belongs to registry sources: Terraform reads a local path with a version as a registry address, and fails. */
function checkLocalVersion(block: Block, out: StructureProblem[]): void {
  const version = block.body.attributes.find((a) => a.name === 'version');
  const text = literalString(block.body.attributes.find((a) => a.name === 'source')?.expr);
  if (version !== undefined && text !== undefined && localModulePath(text) !== undefined) {
    out.push({ code: 'module/source', message: `A version constraint applies only to modules from a registry, so Terraform reads "${text}" as a registry address and refuses it.`, hint: 'Remove version from a module with a local source.', start: version.start, end: version.nameRange.end });
  }
}

/**
 * A source that is no local path (./, ../), no registry address (namespace/name/system, with a host
 * before it at most) and no remote Terraform recognizes (a scheme, a forced getter `git::`, a host
 * such as github.com or an S3 bucket's): terraform init 1.11.4 takes it for a relative path written
 * without "./" and refuses it ("Invalid module source address: Terraform failed to determine your
 * intended installation method for remote module package "modules/child". If you intended this as
 * a path relative to the current module, use "./modules/child" instead."). Judged: one or two path
 * segments, the first without a dot, colon or @ (no host, getter or scheme), or three such that
 * cannot be a registry address (a character besides letters, digits, - and _: "modules/vpc/main.tf");
 * four may name a registry module on a host.
 */
function checkRelativeWithoutDot(block: Block, out: StructureProblem[]): void {
  const source = block.body.attributes.find((a) => a.name === 'source');
  const text = literalString(source?.expr);
  if (source === undefined || text === undefined || !relativeWithoutDot(text)) return;
  out.push({
    code: 'module/source',
    message: `Invalid module source address: "${text}" is neither a local path, a registry address nor a remote source Terraform recognizes, so it refuses it; a path relative to the module starts with "./" ("./${text}").`,
    hint: `Write source = "./${text}" for the directory beside this module.`,
    start: source.expr.start,
    end: source.expr.end,
  });
}

function relativeWithoutDot(source: string): boolean {
  if (ONE_OR_TWO_SEGMENTS.test(source)) return true;
  const parts = source.split('/');
  return parts.length === 3 && !/[.:@\\]/.test(parts[0]!) && parts.every((p) => p !== '' && !/[:@\\]/.test(p)) && parts.some((p) => /[^A-Za-z0-9_-]/.test(p)) && !/amazonaws\.com|googleapis\.com/.test(source);
}

/** One or two segments of a path with no dot, colon or @ in the first: never a registry or remote address. */
const ONE_OR_TWO_SEGMENTS = /^[^./\\:@]+(\/[^/\\:@]+)?\/?$/;

function checkLifecycle(block: Block, override: boolean, json: boolean, out: StructureProblem[]): void {
  let seen = false;
  for (const b of block.body.blocks) {
    if (b.type !== 'lifecycle') continue;
    if (seen) {
      out.push({ code: 'config/block', message: 'Duplicate lifecycle block: a resource has at most one, so Terraform refuses this one.', start: b.start, end: b.typeRange.end });
      continue;
    }
    seen = true;
    if (block.type === 'resource') {
      onlyKnown(b.body, LIFECYCLE_ARGUMENTS, LIFECYCLE_BLOCKS, out);
      checkConstantBools(b.body, ['create_before_destroy', 'prevent_destroy'], json, out);
      const ignore = json ? undefined : b.body.attributes.find((a) => a.name === 'ignore_changes');
      // `all` is a keyword; any other value must be a list of attribute paths (terraform init 1.11.4 refuses `ignore_changes = "all"`: "Invalid expression").
      if (ignore !== undefined && ignore.expr.type !== 'tuple' && !(ignore.expr.type === 'traversal' && ignore.expr.root === 'all' && ignore.expr.steps.length === 0)) {
        out.push({ code: 'config/argument', message: 'Invalid expression: ignore_changes is the keyword all or a list of attribute names (ignore_changes = [tags]), so Terraform refuses this value.', start: ignore.expr.start, end: ignore.expr.end });
      }
      if (ignore?.expr.type === 'tuple') checkIgnoredPaths(ignore.expr.items, out);
      if (!json) checkTriggers(b.body.attributes.find((a) => a.name === 'replace_triggered_by'), out);
    } else {
      // A data source's or ephemeral resource's lifecycle holds conditions only; the message says why.
      for (const attr of b.body.attributes) {
        out.push(
          LIFECYCLE_ARGUMENTS.includes(attr.name)
            ? { code: 'config/argument', message: `The lifecycle argument "${attr.name}" is defined only for managed resources ("resource" blocks), so Terraform refuses it in a ${block.type} block.`, start: attr.start, end: attr.nameRange.end }
            : unexpectedArgument(attr),
        );
      }
      onlyKnown({ ...b.body, attributes: [] }, [], ['precondition', 'postcondition'], out);
    }
    for (const rule of b.body.blocks) if (rule.type === 'precondition' || rule.type === 'postcondition') checkRule(rule, override, out);
  }
}

/** A problem with the file it is in (a block merged with an override file holds nodes of both). */
export interface ModuleProblem extends StructureProblem {
  readonly file: string;
}

const selfFound = new WeakMap<object, readonly ModuleProblem[]>();

/**
 * `self` only in provisioner, connection and postcondition blocks, and no reference to a resource's
 * or data source's own address in its configuration (Terraform: "Self-referential block"), read on
 * the blocks as merged with override files (Terraform checks them after the merge), once per module.
 */
export function selfReferenceProblems(
  mod: { readonly resources: readonly Located<Block>[]; readonly outputs: ReadonlyMap<string, Located<Block>>; readonly locals: ReadonlyMap<string, Located<Attribute>>; readonly moduleCalls: ReadonlyMap<string, Located<Block>>; readonly checks: ReadonlyMap<string, Located<Block>> },
  textOf: (file: string) => string | undefined,
): readonly ModuleProblem[] {
  const cached = selfFound.get(mod);
  if (cached !== undefined) return cached;
  const out: ModuleProblem[] = [];
  for (const { file, node } of mod.resources) checkSelfReferences(file, node, textOf(file), out);
  // Anywhere else, self means nothing to Terraform ("Invalid "self" reference").
  const selfIn = (file: string, expr: Expression): void => {
    const text = textOf(overrideFileOf(expr) ?? file);
    if (text !== undefined && !text.slice(expr.start, expr.end).includes('self')) return;
    for (const t of freeTraversals(expr)) if (t.root === 'self') out.push({ file: overrideFileOf(expr) ?? file, code: 'config/self', message: SELF_NOT_HERE, start: t.start, end: t.end });
  };
  const selfInBody = (file: string, body: Body): void => {
    for (const a of body.attributes) selfIn(file, a.expr);
    for (const b of body.blocks) if (b.type !== 'postcondition' && b.type !== 'provisioner' && b.type !== 'connection') selfInBody(overrideFileOf(b) ?? file, b.body);
  };
  for (const { file, node } of mod.locals.values()) selfIn(file, node.expr);
  for (const m of [mod.outputs, mod.moduleCalls, mod.checks]) for (const { file, node } of m.values()) selfInBody(file, node.body);
  selfFound.set(mod, out);
  return out;
}

interface Located<N> {
  readonly file: string;
  readonly node: N;
}

const SELF_NOT_HERE = 'The "self" object is not available here, so Terraform refuses the reference: it can be used only in provisioner, connection and postcondition blocks.';

function checkSelfReferences(baseFile: string, block: Block, baseText: string | undefined, out: ModuleProblem[]): void {
  const [l0, l1] = block.labels;
  if (l0 === undefined || l1 === undefined) return;
  const [type, name] = [l0.value, l1.value];
  // Most blocks name neither: a search of their text spares walking every expression in them. An
  // override merged in brings text of another file, so such a block is walked.
  const merged = block.body.attributes.some((a) => overrideFileOf(a) !== undefined) || block.body.blocks.some((b) => overrideFileOf(b) !== undefined);
  if (!merged && baseText !== undefined) {
    const text = baseText.slice(block.openBrace.start, block.end);
    if (!text.includes('self') && !text.includes(name)) return;
  }
  const address = `${block.type === 'resource' ? '' : `${block.type}.`}${type}.${name}`;
  const own = (t: TraversalExpr): boolean => {
    const step = (i: number): string | undefined => (t.steps[i]?.kind === 'attr' ? (t.steps[i] as { name: string }).name : undefined);
    return block.type === 'resource' ? t.root === type && step(0) === name : t.root === block.type && step(0) === type && step(1) === name;
  };
  const visitBody = (body: Body, file: string, selfAllowed: boolean, where: string | undefined): void => {
    for (const attr of body.attributes) {
      // A dependency on itself is no cycle while the block has one instance: Terraform plans it.
      if (where === undefined && attr.name === 'depends_on' && body === block.body) continue;
      const at = overrideFileOf(attr) ?? file;
      for (const t of freeTraversals(attr.expr)) {
        if (t.root === 'self' && !selfAllowed) {
          out.push({ file: at, code: 'config/self', message: SELF_NOT_HERE, start: t.start, end: t.end });
        } else if (own(t)) {
          out.push({
            file: at,
            code: 'eval/cycle',
            message: `Configuration for ${address} may not refer to itself${where !== undefined ? ` (in its ${where})` : ''}, so Terraform refuses it.`,
            ...(where === 'postcondition' ? { hint: 'Use self to refer to this resource in a postcondition.' } : {}),
            start: t.start,
            end: t.end,
          });
        }
      }
    }
    for (const b of body.blocks) {
      if (b.type === 'provisioner' || b.type === 'connection') continue;
      const at = overrideFileOf(b) ?? file;
      if (b.type === 'lifecycle' && where === undefined) {
        for (const rule of b.body.blocks) if (rule.type === 'precondition' || rule.type === 'postcondition') visitBody(rule.body, overrideFileOf(rule) ?? at, rule.type === 'postcondition', rule.type);
        continue;
      }
      // `iterator = self` names the iterator self inside the dynamic block (terraform plan 1.11.4 accepts
      // `self.value` in its content): the iterator argument is a name, no reference.
      if (b.type === 'dynamic') {
        const own = b.body.attributes.find((a) => a.name === 'iterator')?.expr;
        const bindsSelf = own?.type === 'traversal' && own.root === 'self' && own.steps.length === 0;
        visitBody({ ...b.body, attributes: b.body.attributes.filter((a) => a.name !== 'iterator'), blocks: [] }, at, selfAllowed, where);
        for (const content of b.body.blocks) visitBody(content.body, overrideFileOf(content) ?? at, selfAllowed || bindsSelf, where);
        continue;
      }
      visitBody(b.body, at, selfAllowed, where);
    }
  };
  visitBody(block.body, baseFile, false, undefined);
}

/** Each group names arguments of which the block must set one (`id` or `identity` in an import). */
function requireArguments(block: Block, groups: readonly (readonly string[])[], out: StructureProblem[]): void {
  for (const group of groups) {
    if (block.body.attributes.some((a) => group.includes(a.name))) continue;
    const what = group.map((g) => `"${g}"`).join(' or ');
    out.push({ code: 'config/argument', message: `The argument ${what} is required in a ${block.type} block, so Terraform refuses this one.`, start: block.start, end: block.openBrace.start });
  }
}

/**
 * `identity` is Terraform 1.12's, and exclusive with `id` there ("Invalid import block: Only one of
 * 'id' or 'identity' can be specified."); terraform init 1.11.4 refuses identity at all
 * ("Unsupported argument: An argument named "identity" is not expected here."): with both, every
 * version refuses the block. A provider with a target inside a module call is refused as the block
 * is read (init 1.11.4: "Invalid import provider argument: The provider argument can only be
 * specified in import blocks that will generate configuration. Use the providers argument within
 * the module block to configure providers for all resources within a module, including imported
 * resources.").
 */
function checkImportArguments(block: Block, out: StructureProblem[]): void {
  const identity = block.body.attributes.find((a) => a.name === 'identity');
  if (identity !== undefined && block.body.attributes.some((a) => a.name === 'id')) {
    out.push({ code: 'config/argument', message: 'Invalid import block: only one of "id" or "identity" can be specified (and Terraform before 1.12 knows no identity), so Terraform refuses this one.', start: identity.start, end: identity.nameRange.end });
  }
  const provider = block.body.attributes.find((a) => a.name === 'provider');
  const to = block.body.attributes.find((a) => a.name === 'to')?.expr;
  if (provider !== undefined && to !== undefined && rootOf(to) === 'module') {
    out.push({ code: 'config/argument', message: 'Invalid import provider argument: the target is inside a module call, whose resources take their providers from the call (its providers argument), so Terraform refuses a provider here.', start: provider.start, end: provider.nameRange.end });
  }
}

/** The root name of a reference, also under instance keys written with expressions (module.m[each.key].x). */
function rootOf(expr: Expression): string | undefined {
  let e: Expression = expr;
  for (;;) {
    if (e.type === 'traversal') return e.root;
    if (e.type === 'index') e = e.collection;
    else if (e.type === 'relativeTraversal') e = e.source;
    else return undefined;
  }
}

/**
 * A backend's settings are read with no evaluation context, before anything is known: terraform
 * init 1.11.4 refuses `path = var.p` and `local.p` ("Variables not allowed: Variables may not be
 * used here.") and `lower("X")` ("Function calls not allowed: Functions may not be called here."),
 * and accepts `"${"a"}b"`. Only the root module's backend is read (a called module's is ignored,
 * with a warning), so load.ts asks this of root modules only; `terraform validate` after `init
 * -backend=false` never reads it, but no init with the backend gets past it.
 */
export function backendProblems(block: Block): StructureProblem[] {
  const out: StructureProblem[] = [];
  const visit = (body: Body): void => {
    for (const attr of body.attributes) {
      const reference = freeTraversals(attr.expr)[0];
      const call = reference === undefined ? firstCall(attr.expr) : undefined;
      if (reference !== undefined) out.push({ code: 'config/constant', message: `Variables not allowed: a backend's settings are read before anything else is known, so terraform init refuses this reference in "${attr.name}".`, hint: 'Write the value, or leave the setting out and give it with terraform init -backend-config.', start: reference.start, end: reference.end });
      else if (call !== undefined) out.push({ code: 'config/constant', message: `Function calls not allowed: a backend's settings are read before anything else is known, so terraform init refuses this call in "${attr.name}".`, hint: 'Write the value, or leave the setting out and give it with terraform init -backend-config.', start: call.start, end: call.end });
    }
    for (const b of body.blocks) visit(b.body);
  };
  for (const b of block.body.blocks) {
    if (b.type !== 'backend') continue;
    visit(b.body);
    checkBackendType(b, out);
  }
  return out;
}

/** Terraform 1.11's backend types; `cloud` is a block of its own. */
const BACKEND_TYPES = ['local', 'remote', 'azurerm', 'consul', 'cos', 'gcs', 'http', 'inmem', 'kubernetes', 'oss', 'pg', 's3'];
/** Removed in Terraform 1.3. */
const REMOVED_BACKENDS = ['artifactory', 'azure', 'etcd', 'etcdv3', 'manta', 'swift'];
/**
 * A root module's backend type (terraform init 1.11.4: "Unsupported backend type: There is no
 * backend type named "nope".", 'The "etcd" backend is not supported in Terraform v1.3 or later.'),
 * and its settings against the type's schema (backend-schemas.ts).
 */
function checkBackendType(backend: Block, out: StructureProblem[]): void {
  const type = backend.labels[0];
  if (type === undefined) return;
  if (REMOVED_BACKENDS.includes(type.value)) {
    out.push({ code: 'config/block', message: `Unsupported backend type: the "${type.value}" backend is not supported since Terraform 1.3, so Terraform refuses it.`, start: type.start, end: type.end });
    return;
  }
  if (!BACKEND_TYPES.includes(type.value)) {
    const near = nearestName(type.value, BACKEND_TYPES);
    out.push({ code: 'config/block', message: `Unsupported backend type: Terraform has no backend type named "${type.value}", so it refuses this one.${near !== undefined ? ` Did you mean "${near}"?` : ''}`, start: type.start, end: type.end });
    return;
  }
  out.push(...backendSettingProblems(backend, type.value));
}

/**
 * Whether a moved address names a module call (module.a, module.a[0].module.b) or a resource
 * (aws_s3_bucket.b, module.a.aws_s3_bucket.b): undefined for what is neither.
 */
function addressKind(expr: Expression): 'module' | 'resource' | undefined {
  if (expr.type !== 'traversal') return undefined;
  const names: (string | undefined)[] = [expr.root, ...expr.steps.map((s) => (s.kind === 'attr' ? s.name : undefined))];
  let i = 0;
  while (names[i] === 'module' && names[i + 1] !== undefined) {
    i += 2;
    if (i < names.length && names[i] === undefined) i++; // an instance key
  }
  if (i === names.length) return i > 0 ? 'module' : undefined;
  return names[i] !== undefined && names[i + 1] !== undefined ? 'resource' : undefined;
}

/**
 * A move from a resource to a module call or back: terraform init 1.11.4 refuses it ('Invalid
 * "moved" addresses: The "from" and "to" addresses must either both refer to resources or both
 * refer to modules.'), at the block.
 */
function checkMovedKinds(block: Block, out: StructureProblem[]): void {
  const [from, to] = ['from', 'to'].map((n) => block.body.attributes.find((a) => a.name === n)?.expr);
  const kinds = [from, to].map((e) => (e !== undefined ? addressKind(e) : undefined));
  if (kinds[0] === undefined || kinds[1] === undefined || kinds[0] === kinds[1]) return;
  out.push({ code: 'config/reference', message: `Invalid "moved" addresses: this moves a ${kinds[0]} ${kinds[0] === 'module' ? 'call ' : ''}to a ${kinds[1]}${kinds[1] === 'module' ? ' call' : ''}; both addresses must name resources, or both module calls, so Terraform refuses it.`, start: block.start, end: block.openBrace.start });
}

/**
 * A removed block runs destroy-time provisioners only: terraform init 1.11.4 refuses one without
 * `when = destroy` ("Invalid provisioner block: Only destroy-time provisioners are valid in
 * "removed" blocks."), and accepts the quoted "destroy" with a warning.
 */
/**
 * A destroy-time provisioner, its connection block and the resource's own, may refer only to the
 * resource (self), path, terraform, count.index and each.key: terraform init 1.11.4 refuses the rest
 * ("Invalid reference from destroy provisioner: Destroy-time provisioners and their connection
 * configurations may only reference attributes of the related resource, via 'self', 'count.index',
 * or 'each.key'."), a variable or a local too.
 */
function checkDestroyTimeReferences(block: Block, out: StructureProblem[]): void {
  const destroying = block.body.blocks.filter((p) => p.type === 'provisioner' && isDestroyTime(p));
  if (destroying.length === 0) return;
  const check = (body: Body, skip: readonly string[]): void => {
    for (const attr of body.attributes) {
      if (skip.includes(attr.name)) continue;
      for (const t of freeTraversals(attr.expr)) {
        if (destroyTimeReference(t)) continue;
        out.push({ code: 'config/reference', message: `Invalid reference from destroy provisioner: a destroy-time provisioner and its connection may refer only to the resource itself (self, count.index, each.key), path and terraform, so Terraform refuses ${describeRoot(t)}.`, hint: 'Keep what the provisioner needs in an argument of the resource (terraform_data input, triggers) and read it through self.', start: t.start, end: t.end });
      }
    }
  };
  for (const p of destroying) {
    check(p.body, ['when', 'on_failure']);
    for (const c of p.body.blocks) if (c.type === 'connection') check(c.body, []);
  }
  // A removed block's own connection is not checked (terraform init 1.11.4 accepts `host = var.v` there).
  if (block.type === 'resource') for (const c of block.body.blocks) if (c.type === 'connection') check(c.body, []);
}

function isDestroyTime(provisioner: Block): boolean {
  const when = provisioner.body.attributes.find((a) => a.name === 'when')?.expr;
  if (when === undefined) return false;
  return (when.type === 'traversal' && when.steps.length === 0 ? when.root : literalString(when)) === 'destroy';
}

function destroyTimeReference(t: TraversalExpr): boolean {
  if (t.root === 'self' || t.root === 'path' || t.root === 'terraform') return true;
  const only = t.steps.length === 1 && t.steps[0]!.kind === 'attr' ? t.steps[0]!.name : undefined;
  return (t.root === 'count' && only === 'index') || (t.root === 'each' && only === 'key');
}

function describeRoot(t: TraversalExpr): string {
  const first = t.steps[0];
  return first?.kind === 'attr' ? `${t.root}.${first.name}` : t.root;
}

function checkRemovedProvisioners(block: Block, out: StructureProblem[]): void {
  for (const p of block.body.blocks) {
    if (p.type !== 'provisioner') continue;
    const when = p.body.attributes.find((a) => a.name === 'when')?.expr;
    const word = when === undefined ? undefined : when.type === 'traversal' && when.steps.length === 0 ? when.root : literalString(when);
    if (word === 'destroy') continue;
    out.push({ code: 'config/block', message: 'Invalid provisioner block: only destroy-time provisioners run for a removed block, so Terraform refuses one without when = destroy.', hint: 'Add when = destroy to the provisioner.', start: p.start, end: p.openBrace.start });
  }
}

/**
 * `language` is a bare edition keyword (TF2021): terraform init 1.11.4 refuses `language =
 * "TF2021"` ("Invalid language edition: The language argument expects a bare language edition
 * keyword."). Another keyword may be a later edition's, and is accepted here.
 */
function checkLanguage(block: Block, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'language');
  if (attr === undefined || (attr.expr.type === 'traversal' && attr.expr.steps.length === 0)) return;
  out.push({ code: 'config/argument', message: 'Invalid language edition: language is a bare edition keyword (language = TF2021), not a string or an expression, so Terraform refuses this one.', start: attr.expr.start, end: attr.expr.end });
}

/**
 * A module has one required_providers block (override files aside, which merge into it): terraform
 * init 1.11.4 refuses a second, in the same file or another ("Duplicate required providers
 * configuration: A module may have only one required providers configuration."). Files in name
 * order, as Terraform reads them; each later block is the one refused.
 */
export function duplicateRequiredProviders(files: readonly HclFile[]): ModuleProblem[] {
  const out: ModuleProblem[] = [];
  let first: string | undefined;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (isOverrideFile(f.path)) continue;
    for (const t of f.body.blocks) {
      if (t.type !== 'terraform') continue;
      for (const rp of t.body.blocks) {
        if (rp.type !== 'required_providers') continue;
        if (first === undefined) first = f.path;
        else out.push({ file: f.path, code: 'config/block', message: `Duplicate required providers configuration: a module has one required_providers block (the first is in ${first}), so Terraform refuses this one.`, hint: 'Merge the entries into one required_providers block.', start: rp.start, end: rp.typeRange.end });
      }
    }
  }
  return out;
}

/**
 * required_version in several terraform blocks of a module: Terraform requires each, so constraints
 * that contradict each other leave no version (terraform init 1.11.4 on ">= 1.5" in one block and
 * "< 1.0" in another: "Unsupported Terraform Core version", at the second). Said once, at the
 * constraint that closes the range; override files aside.
 */
export function conflictingRequiredVersions(files: readonly HclFile[]): ModuleProblem[] {
  const texts: string[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (isOverrideFile(f.path)) continue;
    for (const t of f.body.blocks) {
      const attr = t.type === 'terraform' ? t.body.attributes.find((a) => a.name === 'required_version') : undefined;
      const text = literalString(attr?.expr);
      if (attr === undefined || text === undefined || unsatisfiable(text)) continue;
      texts.push(text);
      if (texts.length > 1 && unsatisfiable(texts.join(','))) {
        return [{ file: f.path, code: 'config/argument', message: `Unsupported Terraform Core version: required_version "${text}" contradicts the module's other required_version constraints (${texts.slice(0, -1).map((x) => `"${x}"`).join(', ')}), and Terraform requires them all, so no Terraform version runs this module.`, hint: 'Keep one required_version, in one terraform block.', start: attr.expr.start, end: attr.expr.end }];
      }
    }
  }
  return [];
}

/** One backend, or one cloud block, per terraform block: Terraform refuses a second. */
function checkBackends(block: Block, out: StructureProblem[]): void {
  const stores = block.body.blocks.filter((b) => b.type === 'backend' || b.type === 'cloud');
  for (const extra of stores.slice(1)) {
    const first = stores[0]!;
    out.push({
      code: 'config/block',
      message: first.type === extra.type ? `Duplicate ${extra.type} configuration: a terraform block has at most one, so Terraform refuses this one.` : 'Both a backend and a cloud block are present in the terraform block, so Terraform refuses the configuration: state is stored in one place.',
      start: extra.start,
      end: extra.typeRange.end,
    });
  }
}

/**
 * `depends_on` is read without evaluating it: a list written out, each entry a reference (in JSON, a
 * string holding one; a quoted one in native syntax is deprecated, not refused). Terraform refuses
 * anything else ("Invalid expression"): a local, a function call.
 */
function checkDependsOn(block: Block, json: boolean, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'depends_on');
  if (attr === undefined) return;
  const { expr } = attr;
  if (expr.type !== 'tuple') {
    out.push({ code: 'config/reference', message: 'Invalid expression: depends_on must be a list written out, [a, b], not computed, so Terraform refuses it.', start: expr.start, end: expr.end });
    return;
  }
  for (const item of expr.items) {
    // A quoted address is accepted in native syntax too, with a deprecation warning (terraform plan 1.11).
    if (item.type === 'traversal' || (!json && literalString(item) !== undefined)) continue;
    out.push({ code: 'config/reference', message: 'Invalid expression: each depends_on entry must be a reference to a resource, data source or module (aws_s3_bucket.logs), not a string or an expression, so Terraform refuses it.', start: item.start, end: item.end });
  }
}

/**
 * Arguments Terraform decodes as a bool with no evaluation context (`sensitive`, `prevent_destroy`):
 * a reference or a function call is refused there ("Variables not allowed": `prevent_destroy =
 * var.protect` is a common attempt), and so is a constant that is no bool (`"yes"`, `1`, `null`).
 * Only what is certain is said: `"${true}"` and `true && true` are constants Terraform accepts,
 * so an operator or an interpolation of constants is left alone. Strings convert as cty converts
 * them ("true", "false", "1", "0").
 */
function checkConstantBools(body: Body, names: readonly string[], json: boolean, out: StructureProblem[]): void {
  for (const attr of body.attributes) {
    if (!names.includes(attr.name)) continue;
    const { expr } = attr;
    const constant = plainConstant(expr);
    const reference = constant ? undefined : freeTraversals(expr)[0];
    const call = constant || reference !== undefined ? undefined : firstCall(expr);
    if (reference !== undefined || call !== undefined) {
      const what = reference !== undefined ? 'Variables not allowed' : 'Functions not allowed';
      out.push({ code: 'config/constant', message: `${what}: "${attr.name}" must be true or false written as a constant, as Terraform reads it before anything else is known, so it refuses this one.`, hint: 'Write true or false; a value that varies needs two blocks, or a different mechanism (prevent_destroy cannot come from a variable).', start: (reference ?? call)!.start, end: (reference ?? call)!.end });
      continue;
    }
    const text = literalString(expr);
    const bad =
      // JSON strings are not read as templates there: "${true}" is text, and no bool.
      (json && expr.type === 'template' && text === undefined) ||
      (expr.type === 'literal' && typeof expr.value !== 'boolean') ||
      (text !== undefined && !['true', 'false', '1', '0'].includes(text)) ||
      expr.type === 'tuple' ||
      expr.type === 'object';
    if (bad) out.push({ code: 'config/constant', message: `Unsuitable value type: "${attr.name}" must be true or false, so Terraform refuses this value.`, start: expr.start, end: expr.end });
  }
}

/**
 * `dynamic` blocks, at any depth of a resource, data source or provider body: one label, a
 * for_each, at most an iterator besides, and exactly one content block. Terraform
 * refuses the rest; a dynamic block without for_each made no blocks here, in silence.
 */
function checkDynamicBlocks(body: Body, out: StructureProblem[]): void {
  for (const b of body.blocks) {
    if (b.type === 'lifecycle' || b.type === 'provisioner' || b.type === 'connection') continue;
    if (b.type !== 'dynamic') {
      checkDynamicBlocks(b.body, out);
      continue;
    }
    if (b.labels.length !== 1) {
      out.push({ code: 'config/labels', message: `${b.labels.length === 0 ? 'Missing' : 'Extraneous'} label for dynamic: a dynamic block has one label, the type of the blocks it makes, so Terraform refuses this one.`, start: b.start, end: b.openBrace.start });
      continue;
    }
    // `labels` is for block types that take labels, and no provider's nested block does (terraform validate 1.11).
    onlyKnown(b.body, ['for_each', 'iterator'], ['content'], out);
    const iterator = b.body.attributes.find((a) => a.name === 'iterator');
    // hcl's dynblock reads the iterator as a bare name (hcl.AbsTraversalForExpr, one step): `iterator = "p"` is refused (terraform validate 1.11.4: "Invalid expression").
    if (iterator !== undefined && (iterator.expr.type !== 'traversal' || iterator.expr.steps.length > 0)) out.push({ code: 'config/argument', message: 'Invalid expression: a dynamic block\'s iterator is a bare name (iterator = rule), not a string or an expression, so Terraform refuses this one.', start: iterator.expr.start, end: iterator.expr.end });
    if (!b.body.attributes.some((a) => a.name === 'for_each')) out.push({ code: 'config/argument', message: `The argument "for_each" is required in a dynamic block, so Terraform refuses this one (it makes no "${b.labels[0]!.value}" blocks here).`, start: b.start, end: b.openBrace.start });
    const contents = b.body.blocks.filter((c) => c.type === 'content');
    if (contents.length === 0) out.push({ code: 'config/block', message: `Missing dynamic content block: a dynamic block needs one content block, the body of each "${b.labels[0]!.value}" block it makes, so Terraform refuses this one.`, start: b.start, end: b.openBrace.start });
    for (const extra of contents.slice(1)) out.push({ code: 'config/block', message: 'Extraneous dynamic content block: a dynamic block has only one content block, so Terraform refuses this one.', start: extra.start, end: extra.typeRange.end });
    for (const c of contents) checkDynamicBlocks(c.body, out);
  }
}

const PROVISIONER_KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['when', ['create', 'destroy']],
  ['on_failure', ['continue', 'fail']],
]);

/** Terraform's own provisioners; any other type is a plugin Terraform looks for in its plugin directories. */
const BUILT_IN_PROVISIONERS = ['file', 'local-exec', 'remote-exec'];
/** Provisioners Terraform 0.15 removed: its loader refuses them whatever plugins are installed. */
const REMOVED_PROVISIONERS = ['chef', 'habitat', 'puppet', 'salt-masterless'];

/**
 * A provisioner's type, and its `when` and `on_failure` keywords (a quoted one is accepted with a
 * warning, and is JSON's only way).
 */
function checkProvisioners(block: Block, out: StructureProblem[]): void {
  for (const p of block.body.blocks) {
    if (p.type !== 'provisioner') continue;
    const type = p.labels[0];
    // terraform validate 1.11.4: 'The "chef" provisioner has been removed' (at the label), and for
    // another type no plugin provides: 'Missing required provisioner plugin: This configuration
    // requires provisioner plugin "nope", which isn't available. If you're intending to use an
    // external provisioner plugin, you must install it manually into one of the plugin search
    // directories'. Those directories are outside the scan, so that one is only a warning.
    if (type !== undefined && REMOVED_PROVISIONERS.includes(type.value)) {
      out.push({ code: 'config/block', message: `The "${type.value}" provisioner has been removed from Terraform (deprecated in 0.13.4, gone since 0.15), so Terraform refuses this one.`, hint: 'Run the tool from user_data or an image build, or from a local-exec provisioner.', start: type.start, end: type.end });
    } else if (type !== undefined && !BUILT_IN_PROVISIONERS.includes(type.value)) {
      const near = nearestName(type.value, BUILT_IN_PROVISIONERS);
      out.push({ code: 'config/block', severity: 'warning', message: `Terraform has no "${type.value}" provisioner of its own (file, local-exec, remote-exec), so it refuses this one unless a plugin terraform-provisioner-${type.value} is installed in one of its plugin directories.${near !== undefined ? ` Did you mean "${near}"?` : ''}`, start: type.start, end: type.end });
    }
    for (const attr of p.body.attributes) {
      const keywords = PROVISIONER_KEYWORDS.get(attr.name);
      if (keywords === undefined) continue;
      const { expr } = attr;
      const word = expr.type === 'traversal' && expr.steps.length === 0 ? expr.root : literalString(expr);
      if (word !== undefined && keywords.includes(word)) continue;
      out.push({ code: 'config/argument', message: `Invalid "${attr.name}" keyword: it must be ${keywords.join(' or ')}, so Terraform refuses this one.`, start: expr.start, end: expr.end });
    }
  }
}

function checkCheck(block: Block, override: boolean, json: boolean, out: StructureProblem[]): void {
  onlyKnown(block.body, [], ['data', 'assert'], out);
  for (const b of block.body.blocks) if (b.type === 'data') checkDependsOn(b, json, out);
  // terraform init 1.11.4: 'Invalid "count" attribute: The "count" and "for_each" meta-arguments are not supported within nested data blocks.'
  for (const b of block.body.blocks) {
    if (b.type !== 'data') continue;
    for (const a of b.body.attributes) {
      if (a.name === 'count' || a.name === 'for_each') out.push({ code: 'config/argument', message: `Invalid "${a.name}" attribute: a data source nested in a check block has one instance, without count or for_each, so Terraform refuses this one.`, start: a.start, end: a.nameRange.end });
    }
  }
  // terraform init 1.11.4: "Multiple data resource blocks" (at the second), "Invalid lifecycle block" in one.
  for (const extra of block.body.blocks.filter((b) => b.type === 'data').slice(1)) out.push({ code: 'config/block', message: 'Multiple data resource blocks: a check block has at most one data block, so Terraform refuses this one.', start: extra.start, end: extra.typeRange.end });
  for (const d of block.body.blocks) {
    if (d.type !== 'data') continue;
    for (const l of d.body.blocks) if (l.type === 'lifecycle') out.push({ code: 'config/block', message: 'Invalid lifecycle block: a data source nested in a check block takes no lifecycle block, so Terraform refuses this one.', start: l.start, end: l.typeRange.end });
  }
  // Terraform counts only the asserts it decodes: init 1.11.4 says "Zero assert blocks" too of a check
  // whose one assert lacks error_message, has an argument or a block it does not take, or a condition
  // that refers to nothing (and not where another assert decodes).
  const problems: StructureProblem[] = [];
  let decoded = 0;
  for (const a of block.body.blocks) if (a.type === 'assert' && checkRule(a, override, problems)) decoded++;
  if (decoded === 0 && !override) {
    const what = problems.length === 0 ? 'a check block must have at least one assert block' : 'none of this check block\'s assert blocks is one Terraform can decode (see the problems in them)';
    out.push({ code: 'config/condition', message: `Zero assert blocks: ${what}, so Terraform refuses this one.`, start: block.start, end: block.openBrace.start });
  }
  out.push(...problems);
}

/** The first function call in an expression, if any (a work list, as above). */
function firstCall(expr: Expression): Expression | undefined {
  let first: Expression | undefined;
  const work: unknown[] = [expr];
  while (work.length > 0) {
    const node = work.pop();
    if (node === null || typeof node !== 'object') continue;
    if ((node as { type?: unknown }).type === 'call' && (first === undefined || (node as Expression).start < first.start)) first = node as Expression;
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') work.push(v);
  }
  return first;
}
