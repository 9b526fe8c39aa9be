// The AWS provider's default_tags reach only resources that have a `tags` argument. Without this
// the model gave default tags to every managed resource, and the data-classification rule then
// failed a public access block, a dashboard or an account region setting for a tag it cannot carry
// (terraform-aws-s3-bucket examples/object; NHS England's bootstrap). The types come from the
// provider's own schema (aws-untaggable-types.ts, generated), not a list kept by hand.
import { AWS_UNTAGGABLE_TYPES } from './aws-untaggable-types.js';
import type { EvaluatedBody } from './body.js';
import { ObjV, formatNumber, obj, type Val } from './value.js';

/** Settings resources of a bucket: every aws_s3_bucket_* type but the object, which is tagged. */
const S3_BUCKET_SETTINGS = /^aws_s3_bucket_(?!object$)/;

/** Types the provider's schema gives no `tags` argument; an unlisted (newer) type keeps the default tags, as most AWS resources take them. */
const UNTAGGABLE: ReadonlySet<string> = new Set(AWS_UNTAGGABLE_TYPES);

/** Whether the provider's default_tags reach a managed resource of this type. */
export function defaultTagsReach(type: string): boolean {
  return !UNTAGGABLE.has(type) && !S3_BUCKET_SETTINGS.test(type);
}

/** A tag value as the provider holds it (tags are map(string)): a number or bool as its text, null left out, another shape not a tag. */
function tagText(v: Val): string | null | undefined {
  if (typeof v === 'string' || v === null) return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The `tags_all` the AWS provider plans for a resource of a type default_tags reach, when it knows
 * it at plan; undefined where it plans it unknown ("known after apply"). terraform plan 1.11.4 with
 * hashicorp/aws 5.100: the provider's default_tags under the resource's tags, a null on either side
 * left out, a number or bool as its text ({ Num = 5 } is "5"), the keys ignore_tags names dropped;
 * unknown when the result is empty (no tags at all), when a value is "" (the provider's empty-value
 * handling), or when any part of it is unknown.
 */
export function plannedTagsAll(defaults: Val | undefined, tags: Val | undefined, ignored: { readonly keys: readonly string[]; readonly prefixes: readonly string[] }): ObjV | undefined {
  const entries = new Map<string, string>();
  for (const side of [defaults, tags]) {
    if (side === undefined || side === null) continue;
    if (!(side instanceof ObjV)) return undefined;
    for (const [k, v] of side.attrs) {
      const text = tagText(v);
      if (text === undefined || text === '') return undefined;
      if (text !== null) entries.set(k, text);
    }
  }
  for (const k of entries.keys()) if (ignored.keys.includes(k) || ignored.prefixes.some((p) => k.startsWith(p))) entries.delete(k);
  return entries.size === 0 ? undefined : obj(entries, 'map');
}

/**
 * Tags as the provider holds them (map(string)): a number or bool as its text, as the plan shows
 * (terraform plan 1.11.4, hashicorp/aws 5.100: `tags = { Z = 1 }` is planned as { Z = "1" }), and
 * with `withoutNulls` a key set to null left out, as a resource's own `tags` are planned
 * (`{ Env = null, Name = "n" }` is { Name = "n" }). `tags = {}` stays `{}` in the model, as written:
 * the plan shows null, and a reference reads null (instance.ts instanceAttribute), but a rule or
 * custom policy asking whether the tags are empty means the map written there. The same value when
 * there is nothing to convert, which is nearly always.
 */
export function tagsAsText(v: Val, withoutNulls = false): Val {
  if (!(v instanceof ObjV)) return v;
  let change = false;
  for (const x of v.attrs.values()) if (typeof x === 'number' || typeof x === 'boolean' || (withoutNulls && x === null)) change = true;
  if (!change) return v;
  const entries = new Map<string, Val>();
  for (const [k, x] of v.attrs) {
    if (withoutNulls && x === null) continue;
    entries.set(k, typeof x === 'number' || typeof x === 'boolean' ? tagText(x)! : x);
  }
  return new ObjV(entries, v.kind);
}

/** The body with its `tags` as the provider plans them (tagsAsText without nulls); the same body when nothing changes. */
export function withPlannedTags(body: EvaluatedBody): EvaluatedBody {
  const tags = body.attrs.get('tags');
  if (tags === undefined) return body;
  const value = tagsAsText(tags.value, true);
  if (value === tags.value) return body;
  const attrs = new Map(body.attrs);
  attrs.set('tags', { ...tags, value });
  return { ...body, attrs };
}
