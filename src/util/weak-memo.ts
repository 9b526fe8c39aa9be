// Per-object memos (a model, a syntax node, a resource): the computed value lives as long as its key
// and no longer, so one scan's caches never leak into the next.

/** `compute(key)` once per key: later calls with the same key return the stored value. */
export function weakMemo<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  const found = cache.get(key);
  if (found !== undefined || cache.has(key)) return found as V;
  const value = compute(key);
  cache.set(key, value);
  return value;
}
