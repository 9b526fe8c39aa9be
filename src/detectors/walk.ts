// Walks an evaluated value and yields every string leaf with the key path that names it, so the
// detectors get their context: `environment.variables.DB_PASSWORD`, `tags.PatientEmail`.
// ECS/Kubernetes `{ name = "X", value = "..." }` and awscc tags' `{ key = "X", value = "..." }` pairs are keyed by their name, JSON strings
// (container_definitions, policies) are walked as data, and base64 user data is decoded.
import { UNKNOWN_TEXT, isUnknown, type Plain } from '../model/value.js';

export interface StringLeaf {
  /** Dotted key path below the attribute: 'variables.DB_PASSWORD', 'container_definitions[0].environment.API_TOKEN'. */
  readonly path: string;
  readonly value: string;
  /** How the string was reached: as written, parsed from a JSON string, or decoded from base64. */
  /** 'partial': a known piece of a string with apply-time parts ("Sup3rS3cret-" of "Sup3rS3cret-${var.env}"). */
  /** 'key': a map's key (`{ "123-45-6789" = … }`), judged by its shape alone: its container's name says what the values are. */
  readonly encoding: 'plain' | 'json' | 'base64' | 'partial' | 'key';
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

/** Every string leaf of `value` with its key path. Unknown parts are skipped (nothing literal there); the known pieces of a partly known string are leaves. */
export function stringLeaves(value: Plain, path = '', encoding: StringLeaf['encoding'] = 'plain', depth = 0): StringLeaf[] {
  const out: StringLeaf[] = [];
  collectLeaves(value, path, encoding, depth, out);
  return out;
}

// One output array for the whole walk: this runs over every attribute of every resource, and the
// arrays a flatMap per level allocated cost more than the walk.
function collectLeaves(value: Plain, path: string, encoding: StringLeaf['encoding'], depth: number, out: StringLeaf[]): void {
  if (depth > MAX_DEPTH || value === null) return;
  if (typeof value === 'string') {
    const json = parseJson(value);
    // JSON text is judged by its members, each under its own key (`secret_string.password`): the
    // text as a whole under the attribute's name made `{"DB_USER": "app", "DB_NAME": "db"}` a
    // hard-coded secret. A member under a plain key still has the container's name as context.
    if (json !== undefined && json !== null && typeof json === 'object') {
      collectLeaves(json, path, 'json', depth + 1, out);
      return;
    }
    out.push({ path, value, encoding });
    {
      const decoded = decodeBase64Text(value);
      if (decoded !== undefined) out.push({ path, value: decoded, encoding: 'base64' });
    }
    return;
  }
  if (typeof value !== 'object') return;
  if (isUnknown(value)) {
    // A string with apply-time parts: its known pieces are literal text ("Sup3rS3cret-${var.env}").
    if (typeof value.partial === 'string') {
      for (const piece of value.partial.split(UNKNOWN_TEXT)) if (piece !== '') out.push({ path, value: piece, encoding: 'partial' });
    }
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectLeaves(value[i] as Plain, `${path}[${i}]`, encoding, depth + 1, out);
    return;
  }
  const obj = value as { readonly [key: string]: Plain };
  // `{ key = "X", value = "..." }` too: the Cloud Control provider's (awscc) tags, CloudFormation's
  // list of Key/Value, read as the map of tags they are (`tags.PatientEmail`, not `tags[0].value`).
  const pairName = obj['name'] ?? obj['Name'] ?? obj['key'] ?? obj['Key'];
  const pairValue = obj['value'] ?? obj['Value'];
  if (typeof pairName === 'string' && pairValue !== undefined && Object.keys(obj).length <= 3) {
    collectLeaves(pairValue, join(path, pairName), encoding, depth + 1, out);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    // A key is in every address a for_each over the map makes, and in plans and state. Only keys
    // with a digit: every shape read without context (an SSN, an MBI, an access key) holds one.
    if (KEY_SHAPE.test(k)) out.push({ path: join(path, '(key)'), value: k, encoding: 'key' });
    collectLeaves(v, join(path, k), encoding, depth + 1, out);
  }
}

const KEY_SHAPE = /\d/;
