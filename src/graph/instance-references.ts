// Which instances of a counted or for_each resource an expression names. A trace records references
// by configuration address (`aws_s3_bucket.b`), which is what links resources across the model; with
// only that, `bucket = aws_s3_bucket.b[each.key].id` in aws_s3_bucket_versioning.v["b"] linked it to
// every instance of aws_s3_bucket.b, and a rule asking bucket b["b"] for its versioning read v["a"]'s.
// Two marks travel with the references (strings, as the trace keeps them): one per instance named by
// key (`b["a"]`, or `b[each.key]` once the key is known), and one where the expression takes the
// instances as a whole (a splat, `values(...)`, a for_each over them), which keeps the link to all.
import type { InstanceReference } from '../model/resource.js';
import type { ForExpr } from '../parsers/hcl/ast.js';
import type { Trace } from './evaluate.js';
import { referencedAttributes } from './referenced-attributes.js';
import { pushTo } from '../util/multi-map.js';
import { ListV, ObjV, type Val } from './value.js';

const BY_KEY = '\u0001';
const WHOLE = '\u0002';
const SEP = '\u0000';

/** The mark for "names the instance at `address` of `configAddress`". */
export function instanceRef(configAddress: string, address: string): string {
  return `${BY_KEY}${configAddress}${SEP}${address}`;
}

/** The mark for "takes every instance of `configAddress`". */
export function wholeRef(configAddress: string): string {
  return `${WHOLE}${configAddress}`;
}

/**
 * A resource's references (configuration addresses, in order, without itself) and, for each
 * configuration it names only by key, the instances it names.
 */
export function splitReferences(refs: Iterable<string>, self: string): { references: string[]; instances: InstanceReference[] } {
  const references: string[] = [];
  let byKey: Map<string, string[]> | undefined;
  let whole: Set<string> | undefined;
  for (const ref of refs) {
    const mark = ref.charCodeAt(0);
    if (mark === 1) {
      const sep = ref.indexOf(SEP);
      pushTo((byKey ??= new Map()), ref.slice(1, sep), ref.slice(sep + 1));
    } else if (mark === 2) (whole ??= new Set()).add(ref.slice(1));
    else if (ref !== self) references.push(ref);
  }
  const instances: InstanceReference[] = [];
  if (byKey) for (const [configAddress, addresses] of byKey) if (configAddress !== self && !whole?.has(configAddress)) instances.push({ configAddress, addresses: [...new Set(addresses)] });
  return { references, instances };
}

/** The values of `type.name` taken whole (all instances), by the configuration address. */
const wholes = new WeakMap<object, string>();
/** Each instance's object, by its address. */
const instanceObjects = new WeakMap<object, string>();

/** Notes that `value` is every instance of `configAddress`, for `narrowIndex`. */
export function markWhole(value: Val, configAddress: string): void {
  if (typeof value === 'object' && value !== null) wholes.set(value, configAddress);
}

/** Notes that `value` is the object of the instance at `address`, for `narrowIndex`. */
export function markInstance(value: Val, address: string): void {
  if (typeof value === 'object' && value !== null) instanceObjects.set(value, address);
}

/**
 * Lists made item by item from a resource's instances, each item from one: `aws_x.y[*].id` (a
 * splat over a counted resource), `values(aws_x.y)` (a for_each resource's, in key order). The
 * items are often strings (ids, names), which cannot carry a mark of their own, so the list keeps,
 * by position, the instance each came from.
 */
const itemsFrom = new WeakMap<object, ItemInstances>();

/** Which instance of `configAddress` each item of a list came from (undefined: none known). */
export interface ItemInstances {
  readonly configAddress: string;
  readonly addresses: readonly (string | undefined)[];
}

/**
 * By position, the instance each item of `list` came from: `list` is a counted resource's instances
 * taken whole, or a list marked by markItems. undefined for any other value.
 */
export function itemInstances(list: Val): ItemInstances | undefined {
  if (!(list instanceof ListV)) return undefined;
  const marked = itemsFrom.get(list);
  if (marked !== undefined) return marked;
  const configAddress = wholes.get(list);
  if (configAddress === undefined) return undefined;
  const addresses: (string | undefined)[] = [];
  for (const item of list.items) addresses.push(instanceAddressOf(item));
  return { configAddress, addresses };
}

/** Notes that item i of `list` came from instance `items.addresses[i]` (a splat over them, values()). */
export function markItems(list: Val, items: ItemInstances): void {
  if (list instanceof ListV && list.items.length === items.addresses.length) itemsFrom.set(list, items);
}

/**
 * values() of a for_each resource's instances taken whole (or of a map built entry by entry from
 * them): which instance each item of `result` came from, in the key order values() gives them.
 */
export function markValues(map: Val, result: Val): void {
  if (!(map instanceof ObjV) || !(result instanceof ListV)) return;
  const whole = wholes.get(map);
  if (whole !== undefined) {
    markItems(result, { configAddress: whole, addresses: result.items.map(instanceAddressOf) });
    return;
  }
  const built = derived.get(map);
  if (built !== undefined) markItems(result, { configAddress: built.configAddress, addresses: [...map.attrs.keys()].map((k) => built.byKey.get(k)) });
}

/**
 * After `coll[key]` gave `result`: when `coll` was a resource's instances taken whole and `result`
 * is one of them, the expression names that instance, not all of them. The whole mark goes if this
 * collection added it (refs before it: `refsBefore`); an earlier whole use of the same trace stays.
 * Likewise for a list made item by item from the instances (itemInstances) and a known position
 * in it: `(aws_x.y[*].id)[1]`, `element(aws_x.y[*].id, 1)` (`position`, already reduced) and
 * `one(...)` name the instance at that position, as Terraform evaluates them.
 */
export function narrowIndex(trace: Trace, coll: Val, key: Val, result: Val, refsBefore: number): void {
  if (typeof coll !== 'object' || coll === null) return;
  const configAddress = wholes.get(coll);
  if (configAddress !== undefined && typeof result === 'object' && result !== null) {
    const address = instanceObjects.get(result);
    if (address !== undefined) return narrowTo(trace, configAddress, address, refsBefore);
  }
  const items = itemsFrom.get(coll);
  const position = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : undefined;
  if (items === undefined || position === undefined || !Number.isInteger(position)) return;
  const address = items.addresses[position];
  if (address !== undefined) narrowTo(trace, items.configAddress, address, refsBefore);
}

function narrowTo(trace: Trace, configAddress: string, address: string, refsBefore: number): void {
  trace.dropRefAddedSince(wholeRef(configAddress), refsBefore);
  trace.addRef(instanceRef(configAddress, address));
}

/** Maps built by a for expression from a resource's instances, each entry from one instance. */
const derived = new WeakMap<object, { readonly configAddress: string; readonly byKey: ReadonlyMap<string, string> }>();

/** The configuration address when `value` is a resource's instances taken whole. */
export function wholeConfigOf(value: Val): string | undefined {
  return typeof value === 'object' && value !== null ? wholes.get(value) : undefined;
}

/** The address when `value` is a resource instance's object. */
export function instanceAddressOf(value: Val): string | undefined {
  return typeof value === 'object' && value !== null ? instanceObjects.get(value) : undefined;
}

/** Notes that each entry of the map `value` came from one instance of `configAddress` (byKey). */
export function markDerived(value: Val, configAddress: string, byKey: ReadonlyMap<string, string>): void {
  if (typeof value === 'object' && value !== null) derived.set(value, { configAddress, byKey });
}

/** entryPerInstance's answer by for expression: it reads the syntax only, the same for every instance that evaluates it. */
const perInstance = new WeakMap<ForExpr, boolean>();

/**
 * Does a for expression over a resource (`{ for k, b in aws_s3_bucket.b : k => b.id }`) build each
 * entry from its own element only? Yes when the collection is written as the resource itself
 * (`type.name`, `data.type.name`) and the key, value and condition never name that resource again.
 */
export function entryPerInstance(expr: ForExpr): boolean {
  let answer = perInstance.get(expr);
  if (answer === undefined) perInstance.set(expr, (answer = readEntryPerInstance(expr)));
  return answer;
}

function readEntryPerInstance({ collection, keyExpr, valueExpr, cond }: ForExpr): boolean {
  if (collection.type !== 'traversal') return false;
  const want = collection.root === 'data' ? 2 : 1;
  if (collection.steps.length !== want || collection.steps.some((s) => s.kind !== 'attr')) return false;
  const resource = [collection.root, ...collection.steps.map((s) => (s.kind === 'attr' ? s.name : ''))].join('.');
  return ![keyExpr, valueExpr, cond].some((p) => p !== undefined && referencedAttributes(p).some((a) => a === resource || a.startsWith(`${resource}.`)));
}

/**
 * `for_each` over another resource's instances taken whole, or over a map a for expression built
 * from them entry by entry: the configuration address and, by each key, the instance each.value
 * came from. undefined for any other for_each value.
 */
export function eachInstances(forEach: Val, entries: readonly (readonly [string, Val])[]): { configAddress: string; byKey: ReadonlyMap<string, string> } | undefined {
  if (typeof forEach !== 'object' || forEach === null) return undefined;
  const built = derived.get(forEach);
  if (built !== undefined) return built;
  const configAddress = wholes.get(forEach);
  if (configAddress === undefined) return undefined;
  const byKey = new Map<string, string>();
  for (const [key, value] of entries) {
    const address = typeof value === 'object' && value !== null ? instanceObjects.get(value) : undefined;
    if (address !== undefined) byKey.set(key, address);
  }
  return { configAddress, byKey };
}

/**
 * A for_each instance's references from its for_each expression: over another resource's instances
 * taken whole, the one that is its each.value instead of all of them.
 */
export function eachReferences(refs: readonly string[], each: { readonly configAddress: string; readonly byKey: ReadonlyMap<string, string> } | undefined, key: string | number | undefined): readonly string[] {
  const address = each !== undefined && key !== undefined ? each.byKey.get(String(key)) : undefined;
  if (address === undefined) return refs;
  const whole = wholeRef(each!.configAddress);
  return [...refs.filter((r) => r !== whole), instanceRef(each!.configAddress, address)];
}
