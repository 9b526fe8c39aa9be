// Shared judgements for the resilience rules (integrity, authentication, transmission, contingency):
// a boolean or an enumerated setting that must hold, read with the provider default when absent
// (STYLE.md §3: a missing attribute points at its block and the message says so).
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { asBoolean, asNumber, asString, attrOr, setToNull } from '../../model/read.js';
import { isUnknown, type Plain } from '../../model/value.js';
import type { FixRequest } from '../../fixes/fix.js';
import { fail, pass, unknown, type Outcome } from '../define-rule.js';
import { resourceNamed } from '../by-attribute.js';
import { linkedCandidates } from './linked.js';

/** Why a value is unknown, for `unknown(...)` messages. */
export function reasonOf(value: Sourced | Plain | undefined): string {
  const plain = value !== null && typeof value === 'object' && 'provenance' in (value as object) ? (value as Sourced).value : (value as Plain);
  if (isUnknown(plain)) return plain.reason;
  return 'a value known only at apply time';
}

/** True when the attribute's value is known only at apply time. */
export function isApplyTime(value: Sourced | undefined): boolean {
  return value !== undefined && (value.provenance === 'unresolved' || isUnknown(value.value));
}

/** The value as it appears in a message (never for secrets). */
export function shown(value: Plain): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

export interface SettingOptions {
  /** The provider (or AWS) default used when the attribute is absent. */
  readonly providerDefault: Plain;
  /** What the wrong value means for ePHI, completing "so ...". */
  readonly consequence: string;
  /** The path shown in messages when it differs from the attribute name (e.g. `point_in_time_recovery.enabled`). */
  readonly label?: string;
  /** How to set it right. The fix sets `name` to `fixValue` on `body`. */
  readonly fix?: { readonly description: string; readonly safety: 'safe' | 'unsafe'; readonly fixValue: string };
}

/**
 * How an argument came to be null: written `= null`, or given a variable or local whose value is
 * null (a module's `var.x` with a null default: the user set nothing, the module passed null).
 */
export function nullSetting(value: Sourced, label: string): string {
  return value.via.length > 0 ? `gets null for ${label} from a variable or local` : `sets ${label} to null`;
}

function fixFor(body: ModelBody, name: string, options: SettingOptions): FixRequest | undefined {
  const f = options.fix;
  if (!f) return undefined;
  return { description: f.description, safety: f.safety, terraform: (edit) => edit.setAttribute(body.span, name, f.fixValue) };
}

function judge(
  address: string,
  body: ModelBody,
  name: string,
  options: SettingOptions,
  read: (v: Plain) => Plain | undefined,
  ok: (v: Plain) => boolean,
): Outcome {
  const label = options.label ?? name;
  // An argument set to null is left out, as Terraform has it: the default, at the line that set null.
  const value: Sourced = attrOr(body, name, options.providerDefault);
  const setNull = setToNull(body, name);
  if (isApplyTime(value)) return unknown(value, `${address}: ${label} is known only at apply time (${reasonOf(value)}).`);
  const v = read(value.value);
  if (v === undefined) return unknown(value, `${address}: ${label} has a value that cannot be read statically.`);
  if (ok(v)) return pass(value);
  const fix = fixFor(body, name, options);
  const message =
    value.provenance === 'default'
      ? `${address} ${setNull ? `${nullSetting(value, label)}, which leaves the default ${shown(options.providerDefault)}` : `does not set ${label} (default ${shown(options.providerDefault)})`}, so ${options.consequence}.`
      : `${address} sets ${label} to ${shown(v)}, so ${options.consequence}.`;
  return fail(value, fix ? { message, fix } : { message });
}

/** A boolean setting must equal `want`. */
export function requireBoolean(address: string, body: ModelBody, name: string, want: boolean, options: SettingOptions): Outcome {
  return judge(address, body, name, options, (v) => asBoolean(v), (v) => v === want);
}

/** A string setting must be one of `allowed` (compared case-insensitively). */
export function requireOneOf(address: string, body: ModelBody, name: string, allowed: readonly string[], options: SettingOptions): Outcome {
  const wanted = new Set(allowed.map((a) => a.toLowerCase()));
  return judge(address, body, name, options, (v) => (v === null ? '' : asString(v)), (v) => wanted.has(String(v).toLowerCase()));
}

/** A string setting must match `pattern`. */
export function requireMatch(address: string, body: ModelBody, name: string, pattern: RegExp, options: SettingOptions): Outcome {
  return judge(address, body, name, options, (v) => (v === null ? '' : asString(v)), (v) => pattern.test(String(v)));
}

/** A numeric setting must satisfy `ok`. */
export function requireNumber(address: string, body: ModelBody, name: string, ok: (n: number) => boolean, options: SettingOptions): Outcome {
  return judge(address, body, name, options, (v) => asNumber(v), (v) => ok(v as number));
}

/**
 * The resources of `type` that `from` links to: by reference (model.related), narrowed to the one
 * `attribute`'s known value names (linked.ts), or else by a literal name in `attribute` matching the
 * other resource's `name` (e.g. parameter_group_name = "tls"). Several when `attribute` takes one of
 * them and which one is not known: judge them all (judgedOnAll), not the first.
 */
export function linkedResources(model: InfraModel, from: Resource, type: string, attribute: string): readonly Resource[] {
  const related = linkedCandidates(model, from, type, attribute);
  if (related.length > 0) return related;
  const literal = from.attributes.get(attribute);
  if (!literal || typeof literal.value !== 'string') return [];
  const named = resourceNamed(model, type, 'name', literal.value, from);
  return named ? [named] : [];
}

/**
 * Whether `from`'s expressions reference `target`: the one of its own root module and module instance
 * (InfraModel.resolve). Its references are configuration addresses, which another stack's resource
 * at the same address matches too: a backup selection or patch association of one stack selected the
 * other's store or instance.
 */
export function referencesResource(model: InfraModel, from: Resource, target: Resource): boolean {
  return from.references.includes(target.configAddress) && model.resolve(from, target.configAddress).includes(target);
}

/** True when `resource` references a resource or data source whose type matches `types`. */
export function referencesType(resource: Resource, types: RegExp): boolean {
  return resource.references.some((r) => {
    const parts = r.split('.');
    const type = parts[0] === 'data' ? parts[1] : parts[parts.length - 2];
    return type !== undefined && types.test(type);
  });
}
