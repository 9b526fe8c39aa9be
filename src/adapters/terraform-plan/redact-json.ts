// Plans and states hold every secret in clear text. Before a plan or state file's text reaches a
// reporter (code frames), every value that is marked sensitive (after_sensitive, sensitive_values,
// sensitive_attributes, sensitive variables and outputs), sits under a secret-looking name, or that
// the secret/PHI detectors recognise is masked with '*'. Same length, so spans stay valid.
import { detectPhiInValue, detectSecretsInValue, isMaskedName } from '../../detectors/index.js';
import { itemsOf, member, type JsonNode } from '../../parsers/tf-plan/json-tree.js';
import { maskIndex, maskKey, type Mask } from './body.js';
import { toMask } from './adapt-plan.js';
import { sensitivePathsToMask } from './adapt-state.js';

function maskRange(chars: string[], node: JsonNode): void {
  const from = node.kind === 'string' ? node.start + 1 : node.start;
  const to = node.kind === 'string' ? node.end - 1 : node.end;
  for (let i = from; i < to; i++) chars[i] = '*';
}

/** Masks every scalar leaf under `node` where `mask` is true (a mask of `true` masks it all). */
function maskByMask(chars: string[], node: JsonNode | undefined, mask: Mask): void {
  if (!node || mask === undefined || mask === false) return;
  if (node.kind === 'object') for (const e of node.entries) maskByMask(chars, e.value, maskKey(mask, e.key));
  else if (node.kind === 'array') node.items.forEach((item, i) => maskByMask(chars, item, maskIndex(mask, i)));
  else if (mask === true && node.kind !== 'null') maskRange(chars, node);
}

/** Members that hold the value of the object they are in (a variable's, an output's, its change). */
const VALUE_MEMBERS = new Set(['value', 'default', 'before', 'after']);

/** Secret-looking names and values the detectors recognise, anywhere in the document. */
function maskByContent(chars: string[], node: JsonNode, name: string, path: string, depth: number): void {
  if (depth > 256) return;
  if (node.kind === 'object') {
    for (const e of node.entries) {
      // A `{ "name": "DB_PASSWORD", "value": "..." }` pair is named by its name.
      const named = member(node, 'name');
      // A variable's or output's value sits one level under its name (`"variables": {"db_password":
      // {"value": …}}`, `"output_changes": {"admin_pw": {"after": …}}`): named by it when it is a secret's.
      const key = e.key === 'value' && named?.kind === 'string' ? named.value : e.key === 'constant_value' || (VALUE_MEMBERS.has(e.key) && isMaskedName(name)) ? name : e.key;
      maskByContent(chars, e.value, key, path === '' ? key : `${path}.${key}`, depth + 1);
    }
    return;
  }
  if (node.kind === 'array') {
    for (const item of node.items) maskByContent(chars, item, name, path, depth + 1);
    return;
  }
  if (node.kind === 'null' || node.kind === 'boolean') return;
  if (isMaskedName(name)) {
    maskRange(chars, node);
    return;
  }
  if (node.kind === 'string' && node.value.length >= 6 && (detectSecretsInValue(node.value, name).length > 0 || detectPhiInValue(node.value, path).length > 0)) maskRange(chars, node);
}

function maskValues(chars: string[], values: JsonNode | undefined): void {
  const visit = (mod: JsonNode | undefined, depth: number): void => {
    if (!mod || depth > 64) return;
    for (const r of itemsOf(member(mod, 'resources'))) maskByMask(chars, member(r, 'values'), toMask(member(r, 'sensitive_values')));
    for (const child of itemsOf(member(mod, 'child_modules'))) visit(child, depth + 1);
  };
  visit(member(values, 'root_module'), 0);
  const outputs = member(values, 'outputs');
  if (outputs?.kind === 'object') for (const e of outputs.entries) if (member(e.value, 'sensitive')?.kind === 'boolean' && (member(e.value, 'sensitive') as { value: boolean }).value) maskByMask(chars, member(e.value, 'value'), true);
}

function maskChange(chars: string[], change: JsonNode | undefined): void {
  maskByMask(chars, member(change, 'before'), toMask(member(change, 'before_sensitive')));
  maskByMask(chars, member(change, 'after'), toMask(member(change, 'after_sensitive')));
}

/** `default` of each variable a plan's configuration module declares sensitive, through its module calls. */
function maskSensitiveDefaults(chars: string[], module: JsonNode | undefined, depth: number): void {
  if (module === undefined || depth > 64) return;
  const declared = member(module, 'variables');
  if (declared?.kind === 'object') {
    for (const e of declared.entries) {
      const sensitive = member(e.value, 'sensitive');
      if (sensitive?.kind === 'boolean' && sensitive.value) maskByMask(chars, member(e.value, 'default'), true);
    }
  }
  const calls = member(module, 'module_calls');
  if (calls?.kind === 'object') for (const c of calls.entries) maskSensitiveDefaults(chars, member(c.value, 'module'), depth + 1);
}

/** The plan or state text with secrets masked (same length and line breaks). */
export function redactPlanOrStateText(text: string, root: JsonNode): string {
  const chars = text.split('');
  for (const section of ['resource_changes', 'resource_drift']) for (const rc of itemsOf(member(root, section))) maskChange(chars, member(rc, 'change'));
  const outputChanges = member(root, 'output_changes');
  // Terraform writes each output's change object under its name (no `change` member, unlike resource changes).
  if (outputChanges?.kind === 'object') for (const e of outputChanges.entries) maskChange(chars, member(e.value, 'change') ?? e.value);
  maskValues(chars, member(root, 'planned_values'));
  maskValues(chars, member(member(root, 'prior_state'), 'values'));
  maskValues(chars, member(root, 'values'));
  // Sensitive root variables: their values sit in `variables`.
  const declared = member(member(member(root, 'configuration'), 'root_module'), 'variables');
  const variables = member(root, 'variables');
  if (declared?.kind === 'object') {
    for (const e of declared.entries) {
      const sensitive = member(e.value, 'sensitive');
      if (sensitive?.kind === 'boolean' && sensitive.value) maskByMask(chars, member(member(variables, e.key), 'value'), true);
    }
  }
  // The configuration's sensitive variables, in the root module and every module it calls: their defaults.
  maskSensitiveDefaults(chars, member(member(root, 'configuration'), 'root_module'), 0);
  // State format 4.
  for (const r of itemsOf(member(root, 'resources'))) {
    for (const inst of itemsOf(member(r, 'instances'))) {
      maskByMask(chars, member(inst, 'attributes'), sensitivePathsToMask(member(inst, 'sensitive_attributes')));
      const priv = member(inst, 'private');
      if (priv?.kind === 'string') maskRange(chars, priv);
    }
  }
  const stateOutputs = member(root, 'outputs');
  if (stateOutputs?.kind === 'object') for (const e of stateOutputs.entries) if (member(e.value, 'sensitive')?.kind === 'boolean' && (member(e.value, 'sensitive') as { value: boolean }).value) maskByMask(chars, member(e.value, 'value'), true);
  maskByContent(chars, root, '', '', 0);
  maskRepeats(chars, root);
  return chars.join('');
}

/**
 * Every string equal to one masked above, wherever it is: a plan holds each value several times
 * (planned_values, resource_changes' after, tags_all, prior_state, an output's value and change),
 * and only some of those places say it is a secret (`output "url" { value = var.db_password }`
 * showed the password in output_changes and prior_state, the variable's value being masked).
 */
function maskRepeats(chars: string[], root: JsonNode): void {
  const masked = new Set<string>();
  const others: Extract<JsonNode, { kind: 'string' }>[] = [];
  const stack: JsonNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'object') for (const e of node.entries) stack.push(e.value);
    else if (node.kind === 'array') for (const item of node.items) stack.push(item);
    else if (node.kind === 'string' && node.value.length >= 6) {
      let all = true;
      for (let i = node.start + 1; i < node.end - 1 && all; i++) all = chars[i] === '*';
      if (all) masked.add(node.value);
      else others.push(node);
    }
  }
  if (masked.size === 0) return;
  for (const node of others) if (masked.has(node.value)) maskRange(chars, node);
}
