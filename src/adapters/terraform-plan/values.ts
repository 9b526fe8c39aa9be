// A plan's variables and outputs → VariableDecl / OutputDecl (issue 7), so the tf-sensitive-* rules
// judge plans as they judge sources. Declarations come from `configuration` (root and module calls),
// root variable values from `variables`, output values from `planned_values.outputs` and
// `output_changes` (after_unknown → unknown). Spans point at the declaration in the plan file.
import type { OutputDecl, VariableDecl } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { unknownValue, type Plain } from '../../model/value.js';
import type { Span } from '../../source/span.js';
import { itemsOf, member, stringMember, toJsonValue, type JsonEntry, type JsonNode } from '../../parsers/tf-plan/json-tree.js';
import { plainOf, APPLY_TIME_REASON, type BodyContext } from './body.js';

export interface PlanValues {
  readonly variables: readonly VariableDecl[];
  readonly outputs: readonly OutputDecl[];
}

function entriesOf(node: JsonNode | undefined): readonly JsonEntry[] {
  return node?.kind === 'object' ? node.entries : [];
}

function isTrue(node: JsonNode | undefined): boolean {
  return node?.kind === 'boolean' && node.value;
}

function sourced(value: Plain, span: Span, provenance: Sourced['provenance'], sensitive: boolean): Sourced {
  return { value, span, provenance, via: [], sensitive };
}

/**
 * Terraform 1.10 and later leave an ephemeral root variable out of a plan's `variables` (the
 * configuration shows it as `{}`, no `ephemeral` member): a plan of 1.11 with a variable declared
 * ephemeral and set through TF_VAR_ lists every other root variable, that one not. Earlier versions
 * list every root variable, so a missing one says nothing there.
 */
function omitsEphemeralVariables(root: JsonNode): boolean {
  const [major, minor] = (stringMember(root, 'terraform_version') ?? '').split('.').map(Number);
  return major !== undefined && minor !== undefined && (major > 1 || (major === 1 && minor >= 10));
}

export function adaptPlanValues(ctx: BodyContext, root: JsonNode): PlanValues {
  const variables: VariableDecl[] = [];
  const outputs: OutputDecl[] = [];
  const spanOf = (e: JsonEntry): Span => ctx.lines.span(ctx.file, e.keyStart, e.value.end);
  const rootValues = member(root, 'variables');
  const plannedOutputs = member(member(root, 'planned_values'), 'outputs');
  const outputChanges = member(root, 'output_changes');
  const ephemeralOmitted = omitsEphemeralVariables(root);

  const visit = (mod: JsonNode | undefined, modulePath: string, depth: number): void => {
    if (!mod || depth > 64) return;
    for (const e of entriesOf(member(mod, 'variables'))) {
      const span = spanOf(e);
      const sensitive = isTrue(member(e.value, 'sensitive'));
      const defaultNode = member(e.value, 'default');
      const description = stringMember(e.value, 'description');
      const def = defaultNode ? sourced(plainOf(defaultNode, undefined), ctx.lines.span(ctx.file, defaultNode.start, defaultNode.end), 'explicit', sensitive) : undefined;
      // Root values are in `variables`; a module's come from its call's expressions, not evaluated here.
      const valueNode = modulePath === '' ? member(member(rootValues, e.key), 'value') : undefined;
      // The default's value is the default (one literal, not two). Any other was supplied to the
      // plan (-var, TF_VAR_, a var file): not a literal in this configuration. It is placed at the
      // variable block, as the source model places a run-time value (rules/terraform/declarations.ts setAtRunTime).
      const isDefault = valueNode !== undefined && defaultNode !== undefined && JSON.stringify(toJsonValue(valueNode)) === JSON.stringify(toJsonValue(defaultNode));
      const value = valueNode && !isDefault
        ? sourced(plainOf(valueNode, undefined), span, 'explicit', sensitive)
        : (def ?? sourced(unknownValue(`${modulePath}.var.${e.key} is set by the module call`), span, 'unresolved', sensitive));
      const ephemeral = isTrue(member(e.value, 'ephemeral')) || (modulePath === '' && ephemeralOmitted && member(rootValues, e.key) === undefined);
      variables.push({ module: modulePath, name: e.key, span, sensitive, hasDefault: defaultNode !== undefined, ...(def ? { default: def } : {}), value, ...(description !== undefined ? { description } : {}), ...(ephemeral ? { ephemeral: true as const } : {}) });
    }
    for (const e of entriesOf(member(mod, 'outputs'))) {
      const span = spanOf(e);
      const sensitive = isTrue(member(e.value, 'sensitive'));
      const referencedAttributes = itemsOf(member(member(e.value, 'expression'), 'references')).flatMap((r) => (r.kind === 'string' ? [r.value] : []));
      let value: Sourced = sourced(unknownValue(`${e.key} is computed inside the module`), span, 'unresolved', sensitive);
      if (modulePath === '') {
        const planned = member(member(plannedOutputs, e.key), 'value');
        const change = member(outputChanges, e.key);
        const unknownMask = member(member(change, 'change'), 'after_unknown') ?? member(change, 'after_unknown');
        if (planned) value = sourced(plainOf(planned, undefined), ctx.lines.span(ctx.file, planned.start, planned.end), 'explicit', sensitive || isTrue(member(member(plannedOutputs, e.key), 'sensitive')));
        else if (isTrue(unknownMask)) value = sourced(unknownValue(APPLY_TIME_REASON), span, 'unresolved', sensitive);
      }
      outputs.push({ module: modulePath, name: e.key, span, sensitive, value, referencedAttributes });
    }
    for (const call of entriesOf(member(mod, 'module_calls'))) visit(member(call.value, 'module'), modulePath === '' ? `module.${call.key}` : `${modulePath}.module.${call.key}`, depth + 1);
  };
  visit(member(member(root, 'configuration'), 'root_module'), '', 0);
  return { variables, outputs };
}

/**
 * A state's root outputs (state v4 `outputs`, or `values.outputs` of `terraform show -json`): the
 * values as stored, with Terraform's sensitive flag. Expressions are not in a state, so no references.
 */
export function adaptStateOutputs(ctx: BodyContext, outputsNode: JsonNode | undefined): OutputDecl[] {
  return entriesOf(outputsNode).map((e) => {
    const sensitive = isTrue(member(e.value, 'sensitive'));
    const valueNode = member(e.value, 'value');
    const span = ctx.lines.span(ctx.file, e.keyStart, e.value.end);
    const value = valueNode ? sourced(plainOf(valueNode, undefined), ctx.lines.span(ctx.file, valueNode.start, valueNode.end), 'explicit', sensitive) : sourced(null, span, 'explicit', sensitive);
    return { module: '', name: e.key, span, sensitive, value, referencedAttributes: [] };
  });
}
