// The common shape of "this flag must be on" checks: unknown stays unknown, a missing attribute
// takes the provider default and the message says so, and the fix sets the flag (STYLE.md §3–4).
import type { ModelBody, Resource } from '../../model/resource.js';
import { asBoolean, attrOr, isUnresolved, setToNull } from '../../model/read.js';
import { fail, pass, unknown, type Outcome } from '../define-rule.js';
import { applyTimeReason } from './apply-time.js';
import { nullSetting } from './judge-setting.js';

export interface FlagOptions {
  /** The provider's default when the attribute is absent. */
  readonly providerDefault: boolean;
  /** Who is speaking in the message; defaults to the resource address. */
  readonly label?: string;
  /** What it means when the flag is off, e.g. "its storage is unencrypted". */
  readonly consequence: string;
  readonly fix?: { readonly description: string; readonly safety: 'safe' | 'unsafe' };
}

export function requireFlag(resource: Resource, body: ModelBody, name: string, options: FlagOptions): { outcome: Outcome; on: boolean } {
  const value = attrOr(body, name, options.providerDefault);
  const label = options.label ?? resource.address;
  if (isUnresolved(value)) return { outcome: unknown(value, `${label}: ${name} depends on ${applyTimeReason(value)}.`), on: false };
  if (asBoolean(value.value) === true) {
    return { outcome: pass(value, value.provenance === 'default' ? `${label} leaves ${name} at its default, true.` : `${label} sets ${name} = true.`), on: true };
  }
  const fix = options.fix;
  return {
    outcome: fail(value, {
      message:
        value.provenance !== 'default'
          ? `${label} sets ${name} to false, so ${options.consequence}.`
          : setToNull(body, name)
            ? `${label} ${nullSetting(value, name)}, which leaves the default, ${String(options.providerDefault)}, so ${options.consequence}.`
            : `${label} does not set ${name}, so ${options.consequence}.`,
      ...(fix ? { fix: { ...fix, terraform: (edit) => edit.setAttribute(body.span, name, 'true') } } : {}),
    }),
    on: false,
  };
}
