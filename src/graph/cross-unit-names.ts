// Whether resources of different units could link by a literal name (InfraModel.related): a bucket
// one stack makes, configured by another that names it ("phi-data"). A scan judging each root module
// on its own model (pipeline/unit-judging.ts) cannot see such a link, so it asks this, over the names
// every unit's resources hold, and judges the whole scan on the merged model when the answer is yes.
// It answers as related() would link, without the account and same-root-first tests (which only ever
// refuse a link): a yes may be more than related() would do, never less.
import type { Resource } from '../model/resource.js';
import { asString } from '../model/read.js';
import { LOOKUP_ATTRIBUTES, type NameLookup } from '../model/name-lookups.js';
import { FOREIGN_KEYS, IDENTITY_KEYS, literalStrings } from './infra-model.js';

interface Holders {
  /** Resource type → root module → its unit, of the resources holding the name as their own (IDENTITY_KEYS). */
  readonly identity: Map<string, Map<string, number>>;
  /** Resource type → root module → its unit, of the resources naming another by it (FOREIGN_KEYS). */
  readonly foreign: Map<string, Map<string, number>>;
}

export class CrossUnitNames {
  private readonly byName = new Map<string, Holders>();
  /** Type and name (LOOKUP_ATTRIBUTES' values as text) → the units holding it, for the lookups by name. */
  private readonly named = new Map<string, number[]>();
  /** The lookups by name each unit's rules made, with their unit. */
  private readonly lookups: { readonly unit: number; readonly lookup: NameLookup }[] = [];

  /** The names the unit's resources hold and the lookups its rules made; units are added in unit order, each once. */
  add(unit: number, resources: readonly Resource[], lookups: readonly NameLookup[] = []): void {
    for (const r of resources) {
      const root = r.root ?? '';
      for (const v of literalStrings(r, IDENTITY_KEYS)) this.hold(v, r.type, root, unit, true);
      for (const v of literalStrings(r, FOREIGN_KEYS)) this.hold(v, r.type, root, unit, false);
      for (const [name, value] of r.attributes) {
        if (!LOOKUP_ATTRIBUTES.has(name)) continue;
        const text = asString(value.value);
        if (text === undefined) continue;
        const key = `${r.type}\u0000${text}`;
        const units = this.named.get(key);
        if (units === undefined) this.named.set(key, [unit]);
        else if (units.at(-1) !== unit) units.push(unit);
      }
    }
    for (const lookup of lookups) this.lookups.push({ unit, lookup });
  }

  private hold(v: string, type: string, root: string, unit: number, own: boolean): void {
    let h = this.byName.get(v);
    if (h === undefined) this.byName.set(v, (h = { identity: new Map(), foreign: new Map() }));
    const byType = own ? h.identity : h.foreign;
    let roots = byType.get(type);
    if (roots === undefined) byType.set(type, (roots = new Map()));
    roots.set(root, unit);
  }

  /**
   * The units whose resources may link by name to another unit's, in groups that only link among
   * themselves (each sorted, groups by their first unit). As related() links: a target naming v (a
   * foreign key) reaches a holder of v as its own, and a target holding v as its own is reached by
   * one naming it; of another root module only when the target's own root has no such resource of
   * that type (one of its own root wins) and the other root declares no namesake of the target's type.
   * Per name, target type and role, and candidate type: the units of the roots that may link, then
   * whether one differs from a target's unit. A name every root of a copied stack holds costs the
   * roots, not their square.
   */
  linkedGroups(): number[][] {
    const parent = new Map<number, number>();
    const find = (u: number): number => {
      let p = parent.get(u) ?? u;
      while (p !== (parent.get(p) ?? p)) p = parent.get(p)!;
      parent.set(u, p);
      return p;
    };
    const union = (a: number, b: number): void => {
      const [x, y] = [find(a), find(b)];
      if (x !== y) parent.set(Math.max(x, y), Math.min(x, y));
    };
    for (const h of this.byName.values()) {
      if (h.foreign.size === 0 || h.identity.size === 0) continue;
      for (const [targets, candidates] of [[h.identity, h.foreign], [h.foreign, h.identity]] as const) {
        for (const [targetType, targetRoots] of targets) {
          const namesakes = h.identity.get(targetType);
          for (const [type, holders] of candidates) {
            const linkable = new Set<number>();
            for (const [root, unit] of holders) if (namesakes?.has(root) !== true) linkable.add(unit);
            if (linkable.size === 0) continue;
            const first = linkable.values().next().value!;
            let linked = false;
            for (const [root, unit] of targetRoots) {
              // Its own root holds one of that type by this name: related() reads no other root (a
              // resource of the target's own type may be the target itself, so that one is not counted).
              if (type !== targetType && holders.has(root)) continue;
              if (linkable.size > 1 || !linkable.has(unit)) {
                union(first, unit);
                linked = true;
              }
            }
            if (linked) for (const u of linkable) union(first, u);
          }
        }
      }
    }
    // A lookup by name the merged model would answer from another unit's resource (by-attribute.ts, s3BucketsNamed).
    for (const { unit, lookup } of this.lookups) for (const holder of this.named.get(`${lookup.type}\u0000${lookup.value}`) ?? []) if (holder !== unit) union(unit, holder);
    const groups = new Map<number, number[]>();
    for (const u of parent.keys()) {
      const root = find(u);
      const group = groups.get(root);
      if (group === undefined) groups.set(root, [u]);
      else group.push(u);
    }
    return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
  }
}
