// Walks an evaluated value and yields every string leaf with the key path that names it, so the
// detectors get their context: `environment.variables.DB_PASSWORD`, `tags.PatientEmail`.
// ECS/Kubernetes `{ name = "X", value = "..." }` pairs are keyed by their name, JSON strings
// (container_definitions, policies) are walked as data, and base64 user data is decoded.
import { isUnknown, type Plain } from '../model/value.js';

export interface StringLeaf {
  /** Dotted key path below the attribute: 'variables.DB_PASSWORD', 'container_definitions[0].environment.API_TOKEN'. */
  readonly path: string;
  readonly value: string;
  /** How the string was reached: as written, parsed from a JSON string, or decoded from base64. */
  readonly encoding: 'plain' | 'json' | 'base64';
}

const MAX_DEPTH = 24;

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function parseJson(text: string): Plain | undefined {
  const t = text.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return undefined;
  try {
    return JSON.parse(t) as Plain;
  } catch {
    return undefined;
  }
}

/** Decodes base64 that turns out to be readable text (user_data_base64, base64encode(...)). */
export function decodeBase64Text(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 16 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return undefined;
  const decoded = Buffer.from(t, 'base64').toString('utf8');
  // Readable: mostly printable ASCII/UTF-8 and no replacement characters.
  if (decoded.includes('\uFFFD')) return undefined;
  const printable = [...decoded].filter((c) => c === '\n' || c === '\r' || c === '\t' || (c >= ' ' && c !== '\u007f')).length;
  return printable / Math.max(decoded.length, 1) > 0.95 ? decoded : undefined;
}

/** Every string leaf of `value` with its key path. Unknown parts are skipped (nothing literal there). */
export function stringLeaves(value: Plain, path = '', encoding: StringLeaf['encoding'] = 'plain', depth = 0): StringLeaf[] {
  if (depth > MAX_DEPTH || value === null) return [];
  if (typeof value === 'string') {
    const out: StringLeaf[] = [{ path, value, encoding }];
    const json = parseJson(value);
    if (json !== undefined && typeof json === 'object') out.push(...stringLeaves(json, path, 'json', depth + 1));
    else {
      const decoded = decodeBase64Text(value);
      if (decoded !== undefined) out.push({ path, value: decoded, encoding: 'base64' });
    }
    return out;
  }
  if (typeof value !== 'object' || isUnknown(value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${path}[${i}]`, encoding, depth + 1));
  const obj = value as { readonly [key: string]: Plain };
  const pairName = obj['name'] ?? obj['Name'];
  const pairValue = obj['value'] ?? obj['Value'];
  if (typeof pairName === 'string' && pairValue !== undefined && Object.keys(obj).length <= 3) {
    return stringLeaves(pairValue, join(path, pairName), encoding, depth + 1);
  }
  return Object.entries(obj).flatMap(([k, v]) => stringLeaves(v, join(path, k), encoding, depth + 1));
}
