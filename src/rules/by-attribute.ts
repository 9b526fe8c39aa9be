// Rules that find "the resource of type T whose attribute A names X" (a backend's state bucket, an
// RDS source, a parameter group by name) asked model.ofType(T).find(...) once per target. In a
// monorepo of thousands of root modules, each with its backend and bucket, that is quadratic: at
// 16 000 roots one rule was most of a 65 s scan (24 s now). Here each (model, type, attribute) is indexed
// once, by the attribute's value as text, and a lookup reads only the resources holding that text.
import type { InfraModel } from '../model/infra-model.js';
import { asString } from '../model/read.js';
import type { Resource } from '../model/resource.js';
import { pushTo } from '../util/multi-map.js';
import { weakMemo } from '../util/weak-memo.js';
import { noteNameLookup } from '../model/name-lookups.js';

type Index = Map<string, Resource[]>;

const indexes = new WeakMap<InfraModel, Map<string, Index>>();

function indexOf(model: InfraModel, type: string, attribute: string): Index {
  const byKey = weakMemo(indexes, model, () => new Map<string, Index>());
  const key = `${type} ${attribute}`;
  let index = byKey.get(key);
  if (index) return index;
  index = new Map();
  for (const r of model.ofType(type)) {
    const text = asString(r.attributes.get(attribute)?.value);
    if (text !== undefined) pushTo(index, text, r);
  }
  byKey.set(key, index);
  return index;
}

/**
 * The managed resources of `type` whose `attribute` reads as `text` (a string, or a number or
 * boolean written as text: asString), in model.ofType order. Callers that compare more strictly
 * filter these, and get what the same filter over model.ofType(type) would give.
 */
export function resourcesWithAttribute(model: InfraModel, type: string, attribute: string, text: string): readonly Resource[] {
  noteNameLookup(model, type, attribute, text);
  return indexOf(model, type, attribute).get(text) ?? [];
}

/**
 * The managed resource of `type` whose `attribute` is the string `name`: the first in `near`'s root
 * module, else the first in any (as InfraModel.related links literal names: a name may be another
 * stack's resource, but one of the asker's own root wins; root modules often reuse names, and the
 * first in scan order was another stack's).
 */
export function resourceNamed(model: InfraModel, type: string, attribute: string, name: string, near: { readonly root?: string | undefined }): Resource | undefined {
  const named = resourcesWithAttribute(model, type, attribute, name).filter((r) => r.attributes.get(attribute)?.value === name);
  return named.find((r) => r.root === near.root) ?? named[0];
}
