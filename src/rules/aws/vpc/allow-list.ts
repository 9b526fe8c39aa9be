// Allow-lists in rule parameters name resources the way people know them: the Terraform address
// (`aws_vpc.public`, with or without instance keys), the AWS id when it is a literal (`vpc-0abc...`),
// the Name tag, or any `Key=Value` tag.
import type { Resource } from '../../../model/resource.js';
import { isPlainObject } from '../../../model/value.js';

function tagsOf(resource: Resource): Record<string, string> {
  const value = resource.effectiveTags?.value ?? resource.attributes.get('tags')?.value;
  const out: Record<string, string> = {};
  if (!isPlainObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function matchesAllowList(resource: Resource, list: readonly string[]): boolean {
  if (list.length === 0) return false;
  const tags = tagsOf(resource);
  return list.some((entry) => {
    if (entry === resource.address || entry === resource.configAddress) return true;
    const eq = entry.indexOf('=');
    if (eq > 0) return tags[entry.slice(0, eq)] === entry.slice(eq + 1);
    return tags.Name === entry;
  });
}

/** A literal AWS id (e.g. `vpc_id = "vpc-0abc"`) on the allow-list. */
export function literalOnAllowList(value: unknown, list: readonly string[]): boolean {
  return typeof value === 'string' && list.includes(value);
}
