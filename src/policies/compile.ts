// A parsed policy becomes an ordinary rule (defineRule), so the engine treats it like a built-in
// one: inline suppressions, --rule/--skip-rule, config, fail-on, every reporter, rules/explain.
import type { Span } from '../source/span.js';
import type { InfraModel, ModuleCall, Resource, Sourced } from '../model/index.js';
import { defineRule, fail, pass, unknown, type AnyRule, type Outcome } from '../rules/define-rule.js';
import { appliesTo, conditionTypes, evaluateCondition } from './evaluate.js';
import type { Condition, Policy } from './policy.js';

function usesConnections(condition: Condition): boolean {
  if (condition.kind === 'connection') return true;
  if (condition.kind === 'not') return usesConnections(condition.item);
  if (condition.kind === 'and' || condition.kind === 'or') return condition.items.some(usesConnections);
  return false;
}

/**
 * A module call as Checkov's `module` resource type: its `source`, `version` and inputs are the
 * attributes (`resource_types: [module]`, `attribute: source`). Made once per model.
 */
const moduleSubjects = new WeakMap<InfraModel, readonly Resource[]>();

function modulesOf(model: InfraModel): readonly Resource[] {
  let subjects = moduleSubjects.get(model);
  if (!subjects) {
    subjects = model.moduleCalls.map((call) => moduleSubject(call));
    moduleSubjects.set(model, subjects);
  }
  return subjects;
}

function moduleSubject(call: ModuleCall): Resource {
  const literal = (value: string, span = call.sourceSpan): Sourced => ({ value, span, provenance: 'explicit', via: [], sensitive: false });
  const attributes = new Map<string, Sourced>(call.inputs);
  attributes.set('source', literal(call.source));
  if (call.version !== undefined) attributes.set('version', literal(call.version, call.span));
  return {
    address: call.address,
    configAddress: call.address.replace(/\[[^\]]*\]/g, ''),
    mode: 'managed',
    type: 'module',
    name: call.address.replace(/^.*module\./, '').replace(/\[.*$/, ''),
    modulePath: '',
    origin: 'terraform',
    provider: { name: '' },
    references: [],
    comments: call.comments,
    span: call.span,
    attributes,
    blocks: [],
  };
}

/** Checkov-style ids (CKV2_ACME_1) are also matched by `checkov:skip=` comments. */
const CHECKOV_ID = /^CKV2?_[A-Z0-9_]+$/;

export function compilePolicy(policy: Policy): AnyRule {
  const types = conditionTypes(policy.definition);
  const rule = defineRule<Resource>({
    id: policy.id,
    title: policy.title,
    severity: policy.severity,
    controls: policy.controls,
    kind: usesConnections(policy.definition) ? 'graph' : 'attr',
    why: policy.why,
    howToFix: policy.howToFix,
    links: policy.links,
    references: CHECKOV_ID.test(policy.id) ? { checkov: [policy.id] } : {},
    targets: (model) => [
      ...model.resources.filter((r) => r.mode === 'managed' && appliesTo(types, r.type)),
      ...(types !== 'all' && types.includes('module') ? modulesOf(model) : []),
    ],
    check(resource, { model }): readonly Outcome[] {
      const verdict = evaluateCondition(policy.definition, resource, model);
      switch (verdict.status) {
        case 'n/a':
        case 'excluded':
          return [];
        case 'pass':
          return [pass(resource.span)];
        case 'unknown':
          return [unknown(verdict.span, `${resource.address}: ${verdict.reason}.`)];
        case 'fail': {
          // With where its value came from (define-rule.ts fail() reads `via`, as of a Sourced value).
          const where: { readonly span: Span; readonly via?: readonly Span[] } = verdict.via !== undefined ? { span: verdict.span, via: verdict.via } : { span: verdict.span };
          return [fail(where, { message: `${resource.address} breaks "${policy.title}": ${verdict.reason}.` })];
        }
      }
    },
    examples: policy.examples ? { terraform: { good: policy.examples.good, bad: policy.examples.bad } } : {},
  });
  compiled.add(rule as unknown as AnyRule);
  return rule as unknown as AnyRule;
}

const compiled = new WeakSet<AnyRule>();

/**
 * Whether a rule is a compiled policy: it judges each resource or module call of a model with what
 * the model links to it (InfraModel.related), as a built-in rule does, so a scan may judge it root
 * module by root module (pipeline/unit-judging.ts). A plugin's rule is code that may read anything.
 */
export function isCompiledPolicy(rule: AnyRule): boolean {
  return compiled.has(rule);
}
