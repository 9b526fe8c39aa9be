// Whether a unit's rules asked a question by a literal name that another unit's resource could answer
// (InfraModel.related, the lookups by name): a bucket one stack makes, configured by another that
// names it ("phi-data"). A scan judging each root module on its own model (pipeline/unit-judging.ts)
// cannot see such a link, so it asks this, over the names every unit's resources hold and the
// questions its rules asked by name, and judges the units that link together on one model of theirs.
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
  /**
   * The questions by name the units' rules asked, each once (a lookup by type and name, as `named` is
   * keyed; a related() question by role, types and name), with the units that asked it.
   */
  private readonly questions = new Map<string, { readonly lookup: NameLookup; readonly units: number[] }>();

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
    for (const lookup of lookups) {
      const key = 'attribute' in lookup ? `${lookup.type}\u0000${lookup.value}` : `${lookup.role}\u0000${lookup.wanted}\u0000${lookup.targetType}\u0000${lookup.value}`;
      const asked = this.questions.get(key);
      if (asked === undefined) this.questions.set(key, { lookup, units: [unit] });
      // Units come in order: a repeat of the unit's own question is the last one.
      else if (asked.units.at(-1) !== unit) asked.units.push(unit);
    }
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
   * The units whose rules asked a question by name that another unit's resource may answer, with
   * those units, in groups that only link among themselves (each sorted, groups by their first unit).
   * Only the questions asked, not every name two units share: a monorepo's roots reuse names ("logs",
   * "app") everywhere, and all of a 3 470-root corpus was judged again as one model for names no rule
   * read across roots. A related() question (RelatedLookup) reaches, of another root module, a holder
   * of the name in the other role whose root declares no namesake of the target's type; a lookup by
   * attribute, any resource of its type holding the name. Without the account test, which only ever
   * refuses a link: a yes may be more than the merged model would link, never less.
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
    // Each question once, with the units that asked it; then its answering units once: a name every
    // root of a copied stack asks and holds costs the roots, not their square.
    const links = (askers: readonly number[], holders: ReadonlySet<number>): void => {
      if (holders.size === 0) return;
      const first = holders.values().next().value!;
      // Two answering units: every asker reaches one not its own, and each answer is read by someone.
      if (holders.size > 1) for (const u of [...askers, ...holders]) union(first, u);
      else for (const u of askers) if (u !== first) union(first, u);
    };
    for (const [key, askers] of this.questions) {
      const lookup = askers.lookup;
      if ('attribute' in lookup) {
        // A lookup by name the merged model would answer from another unit's resource (by-attribute.ts, s3BucketsNamed).
        links(askers.units, new Set(this.named.get(key) ?? []));
        continue;
      }
      const h = this.byName.get(lookup.value);
      if (h === undefined) continue;
      const namesakes = h.identity.get(lookup.targetType);
      const holders = new Set<number>();
      for (const [root, holder] of (lookup.role === 'foreign' ? h.identity : h.foreign).get(lookup.wanted) ?? []) if (namesakes?.has(root) !== true) holders.add(holder);
      links(askers.units, holders);
    }
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
