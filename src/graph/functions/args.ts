// Argument helpers for built-in functions. An unknown argument aborts the call through
// `UnknownArgument`, which the caller turns into an unknown result (Terraform's default for
// functions whose parameters do not allow unknowns).
import { EvalError, ListV, ObjV, Unk, typeName, toBool, toNum, toStr, valueSize, type Val } from '../value.js';
import type { Diagnostic } from '../../source/diagnostic.js';

export class UnknownArgument extends Error {
  constructor(readonly unknown: Unk) {
    super(unknown.reason);
  }
}

/** Limits that keep a hostile or buggy configuration from hanging the scan. */
export interface Budget {
  readonly maxStringLength: number;
  readonly maxCollectionLength: number;
  /** Total for-expression/splat/expansion iterations in one scan. */
  steps: number;
  /** Resource and module instances (count/for_each) left for the whole scan: nested modules multiply. */
  instances: number;
  /** The largest value (valueSize: elements and characters, shared parts counted each time) an expression may make. */
  readonly maxValueSize: number;
  /**
   * Work left for the whole scan, in valueSize units: each function call costs the size of its
   * arguments, each == or != the smaller operand's. `[for i in range(100000) : jsonencode(local.big)]`
   * stays within the steps and the value size, yet is 100,000 walks of a large value.
   */
  work: number;
  /** Milliseconds left for regular expressions V8 cannot run in linear time (string.ts findMatches). */
  regexMillis: number;
}

export function defaultBudget(): Budget {
  return { maxStringLength: 4_000_000, maxCollectionLength: 100_000, steps: 20_000_000, instances: 200_000, maxValueSize: 16_000_000, work: 50_000_000, regexMillis: 10_000 };
}

export interface FunctionContext {
  /** Read a file relative to the module directory; undefined when missing or refused (with a diagnostic). */
  readFile(path: string): string | undefined;
  /**
   * True when the file exists inside the scan root; 'outside' for a path out of it, which the scan
   * never looks at (Terraform would, so whether it exists is not known here).
   */
  fileExists(path: string): boolean | 'outside';
  /**
   * The regular files under a directory (relative to the module's working directory), relative to
   * it and sorted; [] when it is not there; 'outside' when it leaves the scan root; undefined when
   * no listing is available.
   */
  listFiles(path: string): readonly string[] | 'outside' | undefined;
  /** Render a template string (templatefile/templatestring) with the given variables. */
  renderTemplate(text: string, vars: Val, origin: string): Val;
  /**
   * provider::terraform::decode_tfvars: the variables a .tfvars text sets, read as Terraform reads a
   * variables file (constants only). Where absent, the result is unknown.
   */
  decodeTfvars?(text: string): Val;
  readonly moduleDir: string;
  readonly rootDir: string;
  readonly budget: Budget;
  report(d: Diagnostic): void;
}

export type BuiltinFunction = (args: readonly Val[], ctx: FunctionContext) => Val;

export interface FunctionSpec {
  readonly fn: BuiltinFunction;
  /** Minimum and maximum argument counts (Infinity for variadic). */
  readonly min: number;
  readonly max: number;
  /** The result is unknown when any argument contains an unknown anywhere (serialisers, hashes). */
  readonly deepUnknown?: boolean;
  /** The function inspects unknown arguments itself (coalesce, length, merge...). */
  readonly allowUnknown?: boolean;
  /**
   * With an unknown argument, the unknown result with what is known of it (Unk.partial) for rules
   * to judge, as Terraform's plan shows the result as unknown all the same: a jsonencode'd policy's
   * statements, a policy template filled in by replace(). undefined: a plain unknown.
   */
  readonly partial?: (args: readonly Val[], ctx: FunctionContext) => Unk | undefined;
}

export function known<T extends Val>(v: T | Unk): T {
  if (v instanceof Unk) throw new UnknownArgument(v);
  return v as T;
}

export function str(v: Val | undefined, what = 'argument'): string {
  return known(toStr(v ?? null, what)) as string;
}

export function num(v: Val | undefined, what = 'argument'): number {
  return known(toNum(v ?? null, what)) as number;
}

export function int(v: Val | undefined, what = 'argument'): number {
  const n = num(v, what);
  if (!Number.isInteger(n)) throw new EvalError(`Invalid ${what}: ${n} is not a whole number.`);
  return n;
}

/**
 * A parameter Terraform reads as a Go int (substr's offset and length, signum's number): a whole
 * number within int64, else an error there ("value must be a whole number, between
 * -9223372036854775808 and 9223372036854775807"; substr("abc", 1e20, 1), terraform console 1.11.4).
 */
export function int64(v: Val | undefined, what = 'argument'): number {
  const n = int(v, what);
  if (Math.abs(n) >= 2 ** 63) throw new EvalError(`Invalid ${what}: ${n} is not between -9223372036854775808 and 9223372036854775807.`);
  return n;
}

export function bool(v: Val | undefined, what = 'argument'): boolean {
  return known(toBool(v ?? null, what)) as boolean;
}

export function seq(v: Val | undefined, what = 'argument'): readonly Val[] {
  const x = v ?? null;
  if (x instanceof Unk) throw new UnknownArgument(x);
  if (x instanceof ListV) return x.items;
  throw new EvalError(`Invalid ${what}: a list, tuple or set is required, got ${typeName(x)}.`);
}

export function mapping(v: Val | undefined, what = 'argument'): ObjV {
  const x = v ?? null;
  if (x instanceof Unk) throw new UnknownArgument(x);
  if (x instanceof ObjV) return x;
  throw new EvalError(`Invalid ${what}: a map or object is required, got ${typeName(x)}.`);
}

export function checkString(s: string, budget: Budget): string {
  if (s.length > budget.maxStringLength) throw new EvalError(`String result too long (${s.length} characters; the evaluation budget is ${budget.maxStringLength}).`, undefined, 'eval/budget');
  return s;
}

/** A value made by an expression or given to a function: past maxValueSize it is refused before anything walks it. */
export function checkValueSize(v: Val, budget: Budget): Val {
  const size = valueSize(v);
  if (size > budget.maxValueSize) throw new EvalError(`Value too large to evaluate (${formatSize(size)} elements and characters; the evaluation budget is ${budget.maxValueSize}), so it is unknown.`, undefined, 'eval/budget');
  return v;
}

/** Charge `units` of work (valueSize units) to the scan's budget. */
export function chargeWork(units: number, budget: Budget): void {
  budget.work -= units;
  if (budget.work < 0) throw new EvalError('Evaluation budget exhausted (too much work on large values); remaining values are unknown.', undefined, 'eval/budget');
}

/** A size for a message: sizes made by sharing pass 2^53, where plain digits would be a float's noise. */
function formatSize(n: number): string {
  return n < 1e15 ? String(n) : `about ${n.toExponential(1)}`;
}

export function checkLength(n: number, budget: Budget): void {
  if (n > budget.maxCollectionLength) throw new EvalError(`Collection too large (${n} elements; the evaluation budget is ${budget.maxCollectionLength}).`, undefined, 'eval/budget');
}

/**
 * A template's result, which Terraform refuses when it is null: a template of only "${x}" gives x
 * as it is (terraform console 1.11.4: templatefile of "${x}" with x = null fails, "Template result
 * is null").
 */
export function notNullResult(v: Val, origin: string): Val {
  if (v === null) throw new EvalError(`${origin}: the result of the template is null, which is not a valid result.`);
  return v;
}
