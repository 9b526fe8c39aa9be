// Judging one resource against a policy's condition tree. Three-valued, like the rest of the engine:
// a condition passes, fails, or is unknown because a value is known only at apply time. Conditions
// about other resource types are neutral ('n/a'); a filter that does not match takes its `and` out.
import { isUnknown, type InfraModel, type Resource } from '../model/index.js';
import { withRequiredVariablesSaid } from '../model/required-variable.js';
import type { Span } from '../source/span.js';
import { resolvePath } from './attribute-path.js';
import { describeExpectation, judge, positiveOf, type Judgement } from './operators.js';
import type { AttributeCondition, Condition, ConnectionCondition, FilterCondition, ResourceTypes } from './policy.js';

export type Verdict =
  | { readonly status: 'pass' | 'fail' | 'unknown'; readonly span: Span; readonly reason: string; readonly via?: readonly Span[] }
  | { readonly status: 'n/a' | 'excluded' };

export function appliesTo(types: ResourceTypes, type: string): boolean {
  return types === 'all' || types.includes(type);
}

/** Every resource type a condition names ('all' when any part applies to all). */
export function conditionTypes(condition: Condition): ResourceTypes {
  switch (condition.kind) {
    case 'attribute':
    case 'connection':
      return condition.resourceTypes;
    case 'filter':
      return condition.operator === 'within' || condition.operator === 'equals' ? condition.types : 'all';
    case 'not':
      return condition.item.kind === 'filter' ? conditionTypes(negateFilter(condition.item)) : conditionTypes(condition.item);
    case 'and':
    case 'or': {
      const parts = condition.items.filter((c) => c.kind !== 'filter' && !(c.kind === 'not' && c.item.kind === 'filter')).map(conditionTypes);
      if (parts.length === 0 || parts.includes('all')) return 'all';
      return [...new Set(parts.flat())];
    }
  }
}

export function evaluateCondition(condition: Condition, resource: Resource, model: InfraModel): Verdict {
  switch (condition.kind) {
    case 'attribute':
      return evaluateAttribute(condition, resource);
    case 'connection':
      return evaluateConnection(condition, resource, model);
    case 'filter':
      return evaluateFilter(condition, resource);
    case 'not': {
      // not(filter) selects the types the filter leaves out: it is the filter with the opposite
      // operator. Evaluated as a condition it was neutral for every type, so the resources it
      // should have taken out were judged too (a false failure).
      if (condition.item.kind === 'filter') return evaluateFilter(negateFilter(condition.item), resource);
      const inner = evaluateCondition(condition.item, resource, model);
      if (inner.status === 'excluded') return { status: 'n/a' };
      if (inner.status === 'n/a' || inner.status === 'unknown') return inner;
      if (!('reason' in inner)) return inner;
      return inner.status === 'pass'
        ? { status: 'fail', span: inner.span, reason: `it must not be true that ${inner.reason}`, ...(inner.via !== undefined ? { via: inner.via } : {}) }
        : { status: 'pass', span: resource.span, reason: `not (${inner.reason})` };
    }
    case 'and':
    case 'or': {
      const verdicts = condition.items.map((c) => evaluateCondition(c, resource, model));
      // A filter that does not match takes its `and` out of the judgement (for this resource).
      if (condition.kind === 'and' && verdicts.some((v) => v.status === 'excluded')) return { status: 'n/a' };
      const relevant = verdicts.filter((v): v is Extract<Verdict, { span: Span }> => v.status !== 'n/a' && v.status !== 'excluded');
      if (relevant.length === 0) return { status: 'n/a' };
      const decisive = condition.kind === 'and' ? 'fail' : 'pass';
      const found = relevant.find((v) => v.status === decisive) ?? relevant.find((v) => v.status === 'unknown');
      if (found) return found;
      if (condition.kind === 'and') return { status: 'pass', span: resource.span, reason: relevant.map((v) => v.reason).join('; ') };
      return { status: 'fail', span: relevant[0]!.span, reason: `none of these holds: ${relevant.map((v) => v.reason).join('; ')}` };
    }
  }
}

function evaluateAttribute(condition: AttributeCondition, resource: Resource): Verdict {
  if (!appliesTo(condition.resourceTypes, resource.type)) return { status: 'n/a' };
  const matches = resolvePath(resource, condition.path);
  const { positive, negated } = positiveOf(condition.operator);
  const expectation = describeExpectation(condition.attribute, condition.operator, condition.value);
  const judgements: Judgement[] = matches.map((m) => (m.unknownBefore !== undefined ? 'unknown' : judge(positive, m.value, condition.value, condition.pattern)));
  let holds: Judgement;
  if (matches.length === 0) holds = false;
  // jsonpath_<op>: every match satisfies <op>. For a positive op that is "no match fails it"; for a
  // negated one (jsonpath_not_equals) it is "no match satisfies the positive op", which is the plain
  // negated form below. Negating "every match equals" instead let ["10.0.0.0/8", "0.0.0.0/0"] pass
  // jsonpath_not_equals 0.0.0.0/0, against docs/policies.md and Checkov.
  else if (condition.jsonpath && !negated) holds = judgements.includes(false) ? false : judgements.includes('unknown') ? 'unknown' : true;
  else holds = judgements.includes(true) ? true : judgements.includes('unknown') ? 'unknown' : false;
  if (holds === 'unknown') {
    const at = matches[judgements.indexOf('unknown')]!;
    const why = at.unknownBefore ?? (isUnknown(at.value) ? at.value.reason : undefined);
    return { status: 'unknown', span: at.span, reason: withRequiredVariablesSaid(`${condition.attribute} is known only at apply time${why ? ` (${why})` : ''}, so the check (${expectation}) cannot be decided here`), ...(at.via !== undefined ? { via: at.via } : {}) };
  }
  const passed = negated ? !holds : holds;
  if (passed) return { status: 'pass', span: matches[0]?.span ?? resource.span, reason: expectation };
  // Point at the offending value: for a negated operator the match that satisfied the positive one.
  const offender = negated ? matches[judgements.indexOf(true)] : (matches[judgements.indexOf(false)] ?? matches[0]);
  return {
    status: 'fail',
    span: offender?.span ?? resource.span,
    reason: matches.length === 0 ? `${expectation}, but it is not set` : expectation,
    // Where the offending value came from (a tfvars line), shown with the finding as the built-in rules show it.
    ...(offender?.via !== undefined ? { via: offender.via } : {}),
  };
}

function evaluateConnection(condition: ConnectionCondition, resource: Resource, model: InfraModel): Verdict {
  if (!appliesTo(condition.resourceTypes, resource.type) || resource.type === 'module') return { status: 'n/a' };
  const connected = condition.connectedResourceTypes.some((type) => model.related(resource, type).length > 0);
  const wanted = condition.operator === 'exists';
  const targets = condition.connectedResourceTypes.join(' or ');
  const reason = wanted ? `it must be connected to ${targets}` : `it must not be connected to ${targets}`;
  return connected === wanted ? { status: 'pass', span: resource.span, reason } : { status: 'fail', span: resource.span, reason: `${reason}${wanted ? ', and none references it or is referenced by it' : ''}` };
}

const OPPOSITE_FILTER: Readonly<Record<FilterCondition['operator'], FilterCondition['operator']>> = { within: 'not_within', equals: 'not_equals', not_within: 'within', not_equals: 'equals' };

function negateFilter(filter: FilterCondition): FilterCondition {
  return { ...filter, operator: OPPOSITE_FILTER[filter.operator] };
}

function evaluateFilter(condition: FilterCondition, resource: Resource): Verdict {
  const listed = condition.types.includes(resource.type);
  const keep = condition.operator === 'within' || condition.operator === 'equals' ? listed : !listed;
  return keep ? { status: 'n/a' } : { status: 'excluded' };
}
