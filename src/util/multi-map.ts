// A map to lists, the index shape the model and the rules build most (by type, by name, by root).

/** Appends `value` to `key`'s list, making the list on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
