// Attribute operators of custom policies, with Checkov's names and meaning. Each positive operator
// judges one value; a `not_*` operator is the negation of its positive over all matches, so a
// wildcard path `ingress.*.cidr_blocks` with `not_contains` means "no ingress rule contains it".
import { boundedTest } from '../graph/functions/regex-engine.js';
import { asBoolean, asNumber, containsUnknown, isPlainArray, isPlainObject, isUnknown, type Plain } from '../model/index.js';
import type { PolicyValue } from './policy.js';

/** How a value must be given in the policy file. */
export type ValueShape = 'none' | 'scalar' | 'list' | 'number' | 'regex' | 'any';

export const POSITIVE_OPERATORS = {
  equals: 'any',
  equals_ignore_case: 'scalar',
  exists: 'none',
  contains: 'any',
  starting_with: 'scalar',
  ending_with: 'scalar',
  regex_match: 'regex',
  greater_than: 'number',
  greater_than_or_equal: 'number',
  less_than: 'number',
  less_than_or_equal: 'number',
  within: 'list',
  subset: 'list',
  intersects: 'list',
  is_empty: 'none',
  is_true: 'none',
  is_false: 'none',
  length_equals: 'number',
  length_greater_than: 'number',
  length_greater_than_or_equal: 'number',
  length_less_than: 'number',
  length_less_than_or_equal: 'number',
} as const satisfies Record<string, ValueShape>;

export type PositiveOperator = keyof typeof POSITIVE_OPERATORS;

/** Negative operator → the positive one it negates. */
export const NEGATIVE_OPERATORS = {
  not_equals: 'equals',
  not_equals_ignore_case: 'equals_ignore_case',
  not_exists: 'exists',
  not_contains: 'contains',
  not_starting_with: 'starting_with',
  not_ending_with: 'ending_with',
  not_regex_match: 'regex_match',
  not_within: 'within',
  not_subset: 'subset',
  not_intersects: 'intersects',
  is_not_empty: 'is_empty',
  length_not_equals: 'length_equals',
} as const satisfies Record<string, PositiveOperator>;

export type NegativeOperator = keyof typeof NEGATIVE_OPERATORS;
export type AttributeOperator = PositiveOperator | NegativeOperator;

export const ATTRIBUTE_OPERATORS: readonly string[] = [...Object.keys(POSITIVE_OPERATORS), ...Object.keys(NEGATIVE_OPERATORS)];
/** JSONPath variants (`jsonpath_equals`, …): every operator above with a `jsonpath_` prefix. */
export const JSONPATH_PREFIX = 'jsonpath_';

export function isAttributeOperator(name: string): name is AttributeOperator {
  return ATTRIBUTE_OPERATORS.includes(name);
}

export function positiveOf(operator: AttributeOperator): { positive: PositiveOperator; negated: boolean } {
  if (operator in NEGATIVE_OPERATORS) return { positive: NEGATIVE_OPERATORS[operator as NegativeOperator], negated: true };
  return { positive: operator as PositiveOperator, negated: false };
}

export function valueShape(operator: AttributeOperator): ValueShape {
  return POSITIVE_OPERATORS[positiveOf(operator).positive];
}

/** true / false, or 'unknown' when the value is known only at apply time. */
export type Judgement = boolean | 'unknown';

/** Terraform converts between strings, numbers and booleans; so do policies (`value: true` matches "true"). */
function scalarText(value: Plain | PolicyValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function looseEquals(actual: Plain, expected: PolicyValue): boolean {
  const a = scalarText(actual);
  const e = scalarText(expected);
  if (a !== undefined || e !== undefined) return a !== undefined && a === e;
  if (actual === null || expected === null) return actual === expected;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
    return actual.every((item, i) => looseEquals(item, (expected as readonly PolicyValue[])[i]!));
  }
  if (isPlainObject(actual) && typeof expected === 'object') {
    const e2 = expected as { readonly [key: string]: PolicyValue };
    const keys = Object.keys(actual);
    return keys.length === Object.keys(e2).length && keys.every((k) => k in e2 && looseEquals(actual[k]!, e2[k]!));
  }
  return false;
}

function listOf(value: Plain): readonly Plain[] {
  return isPlainArray(value) ? value : [value];
}

function lengthOf(value: Plain): number | undefined {
  if (typeof value === 'string' || isPlainArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return undefined;
}

function compare(actual: number | undefined, expected: PolicyValue | undefined, op: (a: number, b: number) => boolean): boolean {
  const e = typeof expected === 'number' ? expected : asNumber(scalarText(expected ?? null));
  return actual !== undefined && e !== undefined && op(actual, e);
}

/** Operators that a partly unknown value can still satisfy on its known parts. */
const SATISFIABLE_WHEN_PARTLY_UNKNOWN: ReadonlySet<PositiveOperator> = new Set(['exists', 'contains', 'intersects', 'length_greater_than', 'length_greater_than_or_equal']);

/**
 * One present value against a positive operator. An Unknown value is 'unknown' (except for
 * `exists`: the attribute is set, only its value is not known yet). A value with unknown parts is
 * 'unknown' unless its known parts already satisfy the operator.
 */
export function judge(operator: PositiveOperator, actual: Plain, expected: PolicyValue | undefined, pattern?: RegExp): Judgement {
  if (isUnknown(actual)) return operator === 'exists' ? true : 'unknown';
  // A pattern from a policy file the scanned repository may hold, run in bounded time: one that
  // backtracks without end (`(a+)+$` on a long bucket name) hung the scan; it is undecided now.
  const text = operator === 'regex_match' && pattern !== undefined ? scalarText(actual) : undefined;
  const matched = text !== undefined ? boundedTest(pattern!, text) : undefined;
  if (matched === 'timeout') return 'unknown';
  const result = operator === 'regex_match' ? matched === true : judgeKnown(operator, actual, expected);
  if (containsUnknown(actual)) {
    if (result && SATISFIABLE_WHEN_PARTLY_UNKNOWN.has(operator)) return true;
    // One known element outside the allowed values already breaks within/subset, however the
    // unknown ones turn out: [var.extra, "0.0.0.0/0"] is not a subset of [10.0.0.0/8]. Leaving it
    // 'unknown' let a known violation through as "could not decide".
    if ((operator === 'within' || operator === 'subset') && isPlainArray(actual) && knownOutside(actual, expected)) return false;
    return 'unknown';
  }
  return result;
}

function knownOutside(items: readonly Plain[], expected: PolicyValue | undefined): boolean {
  const list = Array.isArray(expected) ? (expected as readonly PolicyValue[]) : [];
  return items.some((item) => !containsUnknown(item) && !list.some((allowed) => looseEquals(item, allowed)));
}

function judgeKnown(operator: PositiveOperator, actual: Plain, expected: PolicyValue | undefined): boolean {
  const text = scalarText(actual);
  const wanted = scalarText(expected ?? null);
  const list = Array.isArray(expected) ? (expected as readonly PolicyValue[]) : [];
  switch (operator) {
    case 'exists':
      return actual !== null;
    case 'equals':
      return looseEquals(actual, expected ?? null);
    case 'equals_ignore_case':
      return text !== undefined && wanted !== undefined && text.toLowerCase() === wanted.toLowerCase();
    case 'contains':
      if (text !== undefined) return wanted !== undefined && text.includes(wanted);
      if (isPlainArray(actual)) return actual.some((item) => looseEquals(item, expected ?? null));
      if (isPlainObject(actual)) return wanted !== undefined && wanted in actual;
      return false;
    case 'starting_with':
      return text !== undefined && wanted !== undefined && text.startsWith(wanted);
    case 'ending_with':
      return text !== undefined && wanted !== undefined && text.endsWith(wanted);
    case 'regex_match':
      return false; // judged in judge(), in bounded time
    case 'greater_than':
      return compare(asNumber(text), expected, (a, b) => a > b);
    case 'greater_than_or_equal':
      return compare(asNumber(text), expected, (a, b) => a >= b);
    case 'less_than':
      return compare(asNumber(text), expected, (a, b) => a < b);
    case 'less_than_or_equal':
      return compare(asNumber(text), expected, (a, b) => a <= b);
    case 'within':
    case 'subset': {
      const items = operator === 'within' && !isPlainArray(actual) ? [actual] : listOf(actual);
      return items.every((item) => list.some((allowed) => looseEquals(item, allowed)));
    }
    case 'intersects':
      return listOf(actual).some((item) => list.some((allowed) => looseEquals(item, allowed)));
    case 'is_empty':
      return lengthOf(actual) === 0;
    case 'is_true':
      return asBoolean(typeof actual === 'string' ? actual.toLowerCase() : (actual as Plain)) === true;
    case 'is_false':
      return asBoolean(typeof actual === 'string' ? actual.toLowerCase() : (actual as Plain)) === false;
    case 'length_equals':
      return compare(lengthOf(actual), expected, (a, b) => a === b);
    case 'length_greater_than':
      return compare(lengthOf(actual), expected, (a, b) => a > b);
    case 'length_greater_than_or_equal':
      return compare(lengthOf(actual), expected, (a, b) => a >= b);
    case 'length_less_than':
      return compare(lengthOf(actual), expected, (a, b) => a < b);
    case 'length_less_than_or_equal':
      return compare(lengthOf(actual), expected, (a, b) => a <= b);
  }
}

/** How a requirement reads in messages: "tags.owner must exist", "region must be one of [...]". */
export function describeExpectation(attribute: string, operator: AttributeOperator, value: PolicyValue | undefined): string {
  const v = value === undefined ? '' : JSON.stringify(value);
  const { positive, negated } = positiveOf(operator);
  const phrases: Record<PositiveOperator, string> = {
    exists: 'exist',
    equals: `equal ${v}`,
    equals_ignore_case: `equal ${v} (ignoring case)`,
    contains: `contain ${v}`,
    starting_with: `start with ${v}`,
    ending_with: `end with ${v}`,
    regex_match: `match the pattern ${v}`,
    greater_than: `be greater than ${v}`,
    greater_than_or_equal: `be at least ${v}`,
    less_than: `be less than ${v}`,
    less_than_or_equal: `be at most ${v}`,
    within: `be one of ${v}`,
    subset: `only contain values from ${v}`,
    intersects: `include one of ${v}`,
    is_empty: 'be empty',
    is_true: 'be true',
    is_false: 'be false',
    length_equals: `have length ${v}`,
    length_greater_than: `have length greater than ${v}`,
    length_greater_than_or_equal: `have length at least ${v}`,
    length_less_than: `have length less than ${v}`,
    length_less_than_or_equal: `have length at most ${v}`,
  };
  return `${attribute} must ${negated ? 'not ' : ''}${phrases[positive]}`;
}
