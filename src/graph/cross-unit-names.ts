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
  /** Root module → its unit, of the resources holding the name as their own (IDENTITY_KEYS). */
  readonly identity: Map<string, number>;
  /** Root module → its unit, of the resources naming another by it (FOREIGN_KEYS). */
  readonly foreign: Map<string, number>;
  /** Resource type → the root modules with a resource of that type holding the name as its own. */
  readonly identityByType: Map<string, Set<string>>;
  /** By type and role (own, naming): the units whose resources hold it, where a link may start. */
  readonly targets: Map<string, { readonly type: string; readonly own: boolean; readonly units: Set<number> }>;
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
    if (h === undefined) this.byName.set(v, (h = { identity: new Map(), foreign: new Map(), identityByType: new Map(), targets: new Map() }));
    (own ? h.identity : h.foreign).set(root, unit);
    if (own) {
      let roots = h.identityByType.get(type);
      if (roots === undefined) h.identityByType.set(type, (roots = new Set()));
      roots.add(root);
    }
    const key = `${own ? 'own' : 'names'}\u0000${type}`;
    let t = h.targets.get(key);
    if (t === undefined) h.targets.set(key, (t = { type, own, units: new Set() }));
    t.units.add(unit);
  }

  /**
   * The units whose resources may link by name to another unit's, in groups that only link among
   * themselves (each sorted, groups by their first unit): a target naming v (a foreign key) reaches
   * a holder of v as its own, and a target holding v as its own is reached by one naming it, each of
   * a root module that declares no namesake of the target's type (related()'s linksByName). Per
   * name, type and role, the units of the roots that may link (L) and of the targets (T): when one
   * target's unit differs from one of L, every unit of T and L is in one group (each target links to
   * a unit of L other than its own, and each of L to the targets of other units). A name every root
   * of a copied stack holds costs the roots, not their square.
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
      for (const t of h.targets.values()) {
        const namesakes = h.identityByType.get(t.type);
        const linkable = new Set<number>();
        for (const [root, unit] of t.own ? h.foreign : h.identity) if (namesakes?.has(root) !== true) linkable.add(unit);
        if (!(linkable.size > 1 || (linkable.size === 1 && [...t.units].some((u) => !linkable.has(u))))) continue;
        const first = linkable.values().next().value!;
        for (const u of linkable) union(first, u);
        for (const u of t.units) union(first, u);
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
