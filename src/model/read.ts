// Reading attributes from evaluated bodies. A missing attribute becomes a 'default' Sourced that
// points at the enclosing block, so a finding about it still has a precise place (STYLE.md §2).
import type { ModelBody, NestedBlock } from './resource.js';
import type { Sourced } from './sourced.js';
import { isUnknown, type Plain } from './value.js';

export function attr(body: ModelBody, name: string): Sourced | undefined {
  return body.attributes.get(name);
}

/**
 * The attribute, or the provider default (provenance 'default', span = the block). An argument set
 * to null is one left out, as Terraform treats it (`encrypted = var.encrypted` with a null default
 * gives the provider's default): the default, at the line that set null and with where the null came from.
 */
export function attrOr(body: ModelBody, name: string, providerDefault: Plain): Sourced {
  const found = body.attributes.get(name);
  if (found && found.value !== null) return found;
  const nulled = found ?? body.nullArguments?.get(name);
  if (nulled) return { value: providerDefault, span: nulled.span, provenance: 'default', via: nulled.via, sensitive: nulled.sensitive };
  return { value: providerDefault, span: body.span, provenance: 'default', via: [], sensitive: false };
}

/** Whether the body writes `name` = null (a null argument is left out of `attributes`). */
export function setToNull(body: ModelBody, name: string): boolean {
  return body.nullArguments?.has(name) === true || body.attributes.get(name)?.value === null;
}

export function blocksOf(body: ModelBody, type: string): readonly NestedBlock[] {
  return body.blocks.filter((b) => b.type === type);
}

export function blockOf(body: ModelBody, type: string): NestedBlock | undefined {
  return body.blocks.find((b) => b.type === type);
}

/** Follow nested blocks: path('logging_config', 'enabled') etc. The last name may be an attribute. */
export function nested(body: ModelBody, ...path: string[]): Sourced | NestedBlock | undefined {
  let current: ModelBody = body;
  for (let i = 0; i < path.length; i++) {
    const name = path[i]!;
    if (i === path.length - 1) {
      const a = current.attributes.get(name);
      if (a) return a;
    }
    const b = blockOf(current, name);
    if (!b) return undefined;
    if (i === path.length - 1) return b;
    current = b;
  }
  return undefined;
}

export function isUnresolved(value: Sourced | undefined): boolean {
  return value !== undefined && (value.provenance === 'unresolved' || isUnknown(value.value));
}

/** A boolean attribute's value; strings "true"/"false" convert as Terraform would. Unknown → undefined. */
export function asBoolean(value: Plain | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function asNumber(value: Plain | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asString(value: Plain | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A list attribute or a single value as a list; unknown or null → []. */
export function asList(value: Plain | undefined): readonly Plain[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || isUnknown(value)) return [];
  return [value];
}
