// The parameter types Terraform checks a typed unknown argument against (value.ts Unk.type): a
// value of a type that cannot convert to the parameter's is refused before the function runs,
// known or not (terraform validate 1.11.4 on `variable "l" { type = list(string) }`: upper(var.l) is
// "Invalid function argument: Invalid value for "str" parameter: string required."). Only the
// parameters checked against Terraform are listed (typed-unknowns.test.ts); a known argument is
// checked by the function itself, as before.
import { EvalError } from '../value.js';
import { ANY, convertible, describeType, type TypeSpec } from '../types.js';
import { NUMBER, STRING } from '../primitive-types.js';

interface Param {
  readonly name: string;
  /**
   * The type the argument converts to; 'mapping' for a map or an object (keys, lookup), 'sequence'
   * for a list or tuple (concat), 'measurable' for a string, collection or structure (length).
   */
  readonly type: TypeSpec | 'mapping' | 'sequence' | 'measurable';
  /** Terraform's words are not about a parameter ("Call to function "merge" failed: ..."). */
  readonly failed?: boolean;
  /** What Terraform says is required, or says of an argument of type `t`. */
  readonly required: string | ((t: TypeSpec) => string);
}

const str = (name: string): Param => ({ name, type: STRING, required: 'string required' });
const num = (name: string): Param => ({ name, type: NUMBER, required: 'number required' });
/**
 * The v parameter of a conversion function: terraform validate 1.11.4 refuses what cannot convert
 * (tonumber(var.l) of a list(string): Invalid value for "v" parameter: cannot convert list of string
 * to number; tolist(var.s): cannot convert string to list of any single type); a string converts to
 * a number or bool, either of those to a string.
 */
const conversion = (type: TypeSpec, target: string): Param => ({ name: 'v', type, required: (t) => `cannot convert ${describeType(t)} to ${target}` });
const STRINGS: Param = { name: 'lists', type: { kind: 'list', elem: STRING }, required: 'list of string required' };
const stringList = (name: string): Param => ({ ...STRINGS, name });

/** Per function, its parameters by position; the last of a variadic function's applies to the rest (`variadic`). */
interface Params {
  readonly params: readonly (Param | undefined)[];
  readonly variadic?: boolean;
}

const PARAMS: ReadonlyMap<string, Params> = new Map<string, Params>([
  ...['upper', 'lower', 'title', 'trimspace', 'chomp', 'strrev', 'trim', 'trimprefix', 'trimsuffix', 'startswith', 'endswith', 'substr', 'replace', 'base64encode', 'md5', 'jsondecode'].map(
    (name): [string, Params] => [name, { params: [str('str')] }],
  ),
  ['tostring', { params: [conversion(STRING, 'string')] }],
  ['tonumber', { params: [conversion(NUMBER, 'number')] }],
  ['tobool', { params: [conversion({ kind: 'bool' }, 'bool')] }],
  ['tolist', { params: [conversion({ kind: 'list', elem: ANY }, 'list of any single type')] }],
  ['toset', { params: [conversion({ kind: 'set', elem: ANY }, 'set of any single type')] }],
  ['tomap', { params: [conversion({ kind: 'map', elem: ANY }, 'map of any single type')] }],
  ['split', { params: [str('separator'), str('str')] }],
  ['join', { params: [str('separator'), STRINGS], variadic: true }],
  ['regex', { params: [undefined, str('string')] }],
  ['sort', { params: [stringList('list')] }],
  ['compact', { params: [stringList('list')] }],
  ['distinct', { params: [{ name: 'list', type: { kind: 'list', elem: ANY }, required: 'list of any single type required' }] }],
  ['zipmap', { params: [stringList('keys')] }],
  ['element', { params: [undefined, num('index')] }],
  ['range', { params: [num('params')], variadic: true }],
  ['abs', { params: [num('num')] }],
  ['max', { params: [num('numbers')], variadic: true }],
  ['keys', { params: [{ name: 'inputMap', type: 'mapping', required: 'must have map or object type' }] }],
  ['lookup', { params: [{ name: 'inputMap', type: 'mapping', required: 'lookup() requires a map as the first argument' }] }],
  // Error in function call: Call to function "values" failed: values() requires a map as the first argument.
  ['values', { params: [{ name: 'mapping', type: 'mapping', required: 'values() requires a map as the first argument', failed: true }] }],
  // Call to function "merge" failed: arguments must be maps or objects, got "list of string".
  ['merge', { params: [{ name: 'maps', type: 'mapping', required: 'arguments must be maps or objects', failed: true }], variadic: true }],
  // Call to function "length" failed: argument must be a string, a collection type, or a structural type.
  ['length', { params: [{ name: 'value', type: 'measurable', required: 'argument must be a string, a collection type, or a structural type', failed: true }] }],
  // Invalid value for "seqs" parameter: all arguments must be lists or tuples; got object.
  ['concat', { params: [{ name: 'seqs', type: 'sequence', required: 'all arguments must be lists or tuples' }], variadic: true }],
]);

/** Refuses argument `index` of function `name`, an unknown of type `type`, where Terraform does. */
export function checkTypedArgument(name: string, index: number, type: TypeSpec): void {
  const spec = PARAMS.get(name);
  if (spec === undefined) return;
  const param = index < spec.params.length ? spec.params[index] : spec.variadic === true ? spec.params[spec.params.length - 1] : undefined;
  if (param === undefined) return;
  if (accepts(param.type, type)) return;
  const required = typeof param.required === 'string' ? param.required : param.required(type);
  if (param.failed === true) throw new EvalError(`Error in function call: ${name}(): ${required} (got ${type.kind}).`, undefined, 'eval/type');
  throw new EvalError(`Invalid function argument: invalid value for "${param.name}" parameter of ${name}(): ${required}.`, undefined, 'eval/type');
}

function accepts(want: Param['type'], type: TypeSpec): boolean {
  switch (want) {
    case 'mapping':
      return type.kind === 'map' || type.kind === 'object';
    case 'sequence':
      // Not a set either (concat(var.st): "got set of string").
      return type.kind === 'list' || type.kind === 'tuple';
    case 'measurable':
      return type.kind !== 'number' && type.kind !== 'bool';
    default:
      return convertible(type, want);
  }
}
