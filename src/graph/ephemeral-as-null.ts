// ephemeralasnull() of a value holding a called module's ephemeral outputs (module.c, module.c["a"],
// module.d[*], `m` of `for m in module.c`, module.d[*].eph): Terraform makes null each part marked
// ephemeral and keeps the rest (funcs.EphemeralAsNull transforms the value part by part), so terraform
// plan 1.11.4 stores `ephemeralasnull(module.c)` as { a = { eph = null, plain = "x" }, b = { ... } }.
// Which parts are ephemeral is read from the syntax (ephemeral.ts ephemeralPartsOf); this applies it to the value.
import type { EphemeralParts } from './ephemeral.js';
import { ListV, ObjV, type Val } from './value.js';

/**
 * `v` with the parts `parts` says are ephemeral null. An unknown (instances not known at plan, a
 * module not in the scan) stays unknown, its reason said where it was made.
 */
export function withoutEphemeralParts(v: Val, parts: EphemeralParts | 'whole'): Val {
  if (parts === 'whole') return null;
  if ('each' in parts) {
    if (v instanceof ListV) return new ListV(v.items.map((i) => withoutEphemeralParts(i, parts.each)), v.kind);
    if (v instanceof ObjV) return new ObjV(new Map([...v.attrs].map(([k, i]) => [k, withoutEphemeralParts(i, parts.each)])), v.kind);
    return v;
  }
  if (!(v instanceof ObjV)) return v;
  return new ObjV(new Map([...v.attrs].map(([name, value]) => [name, parts.outputs.has(name) ? null : value])), v.kind, v.open);
}
