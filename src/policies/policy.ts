// A custom policy (issue 13) as read from a YAML file: metadata plus a condition tree in a
// Checkov-compatible subset. Parsing lives in parse-policy.ts, judging in evaluate.ts.
import type { ControlId } from '../controls/hipaa-sections.js';
import type { Severity } from '../engine/severity.js';
import type { Span } from '../source/span.js';
import type { AttributeOperator } from './operators.js';

/** JSON-like data from the policy file (a `value:`). */
export type PolicyValue = null | boolean | number | string | readonly PolicyValue[] | { readonly [key: string]: PolicyValue };

export type ResourceTypes = 'all' | readonly string[];

export interface AttributeCondition {
  readonly kind: 'attribute';
  readonly resourceTypes: ResourceTypes;
  /** Dotted path with `*` for any list element or map key: `ingress.*.cidr_blocks`. */
  readonly path: readonly string[];
  readonly attribute: string;
  readonly operator: AttributeOperator;
  /** `jsonpath_<op>`: the attribute is a JSONPath and every match must satisfy the operator. */
  readonly jsonpath: boolean;
  readonly value?: PolicyValue;
  /** A compiled `regex_match` pattern. */
  readonly pattern?: RegExp;
  readonly span: Span;
}

export interface ConnectionCondition {
  readonly kind: 'connection';
  readonly resourceTypes: ResourceTypes;
  readonly connectedResourceTypes: readonly string[];
  readonly operator: 'exists' | 'not_exists';
  readonly span: Span;
}

/** Restricts the resources a policy judges by type: one that does not match takes its enclosing `and` out of the judgement. */
export interface FilterCondition {
  readonly kind: 'filter';
  readonly operator: 'within' | 'equals' | 'not_within' | 'not_equals';
  readonly types: readonly string[];
  readonly span: Span;
}

export interface LogicalCondition {
  readonly kind: 'and' | 'or';
  readonly items: readonly Condition[];
  readonly span: Span;
}

export interface NotCondition {
  readonly kind: 'not';
  readonly item: Condition;
  readonly span: Span;
}

export type Condition = AttributeCondition | ConnectionCondition | FilterCondition | LogicalCondition | NotCondition;

export interface PolicyExamples {
  readonly good: readonly string[];
  readonly bad: readonly string[];
}

export interface Policy {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly controls: readonly [ControlId, ...ControlId[]];
  /** Checkov's `category`, kept as a tag. */
  readonly category?: string;
  readonly why: string;
  readonly howToFix: string;
  readonly links: readonly string[];
  readonly definition: Condition;
  readonly examples?: PolicyExamples;
  /** The policy file, as messages name it (relative to the working directory). */
  readonly file: string;
  /** The `metadata.id` node, where "this policy" is pointed at. */
  readonly span: Span;
}
