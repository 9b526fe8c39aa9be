// An ECS task's container_definitions as the rules read it: JSON text (jsonencode or a file) or,
// rarely, a list. A jsonencode with apply-time leaves (`"awslogs-region" = data.aws_region.current.name`,
// the standard logging setup) is unknown as text, but its structure is known (model/value.ts
// Unknown.partial), and the settings the rules ask about are usually literal in it.
import type { Sourced } from '../../../model/sourced.js';
import { UNKNOWN_TEXT, isUnknown, type Plain } from '../../../model/value.js';
import { reasonOf } from '../judge-setting.js';

export type Containers = readonly Plain[] | { readonly unknown: string } | undefined;

/** The container objects, `{ unknown: why }` when only apply time tells, undefined when it is no list. */
export function containersOf(defs: Sourced): Containers {
  const value = defs.value;
  if (isUnknown(value)) {
    if (value.partial !== undefined && Array.isArray(value.partial)) return value.partial;
    return { unknown: `container_definitions is known only at apply time (${reasonOf(defs)})` };
  }
  let data: Plain = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value) as Plain;
    } catch {
      return value.includes(UNKNOWN_TEXT) ? { unknown: 'container_definitions is known only at apply time' } : undefined;
    }
  }
  return Array.isArray(data) ? data : undefined;
}
