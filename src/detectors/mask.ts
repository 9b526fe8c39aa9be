// For reporters (code frames, logs): every detected secret and PHI value in a text replaced by
// asterisks of the same length, line breaks kept, so spans computed on the original still line up.
import { findPhiInText } from './phi.js';
import { findSecretsInText } from './secrets.js';

const URL_USERINFO = /(:\/\/)([^/@\s"']+)@/g;
/**
 * A query parameter whose name says it carries a credential: go-getter's S3 `aws_access_key_secret`
 * and `aws_access_token`, git's `sshkey` (a base64 private key), a presigned URL's `X-Amz-Signature`.
 */
const URL_QUERY_CREDENTIAL = /([?&][A-Za-z0-9_.-]*(?:key|secret|token|passw(?:or)?d|pwd|signature|credential)[A-Za-z0-9_.-]*=)([^&\s"'#]+)/gi;

/**
 * Credentials written into a URL (`git::https://user:token@host/...`, `s3::https://...?aws_access_key_secret=...`)
 * replaced by asterisks of the same length.
 */
export function maskUrlUserinfo(text: string): string {
  const masked = text.replace(URL_USERINFO, (_, scheme: string, userinfo: string) => `${scheme}${'*'.repeat(userinfo.length)}@`);
  return masked.includes('=') ? masked.replace(URL_QUERY_CREDENTIAL, (_, name: string, value: string) => `${name}${'*'.repeat(value.length)}`) : masked;
}

export function maskDetected(text: string): string {
  const ranges = [...findSecretsInText(text), ...findPhiInText(text)];
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const { start, end } of ranges) for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = '*';
  return chars.join('');
}

/** A double-quoted text in a message, with its escapes: what messages quote values as. */
export const QUOTED_TEXT = /"(?:[^"\\]|\\.)*"/g;

/**
 * A message with every double-quoted text that looks like a secret or PHI on its own (a known token
 * format, a URL credential, an SSN) replaced by `replacement`. For messages, not files: the names
 * around a quote (`password: "…"`) are not read, as a message says `local.db_password: …` of any value.
 */
export function maskQuotedSecrets(message: string, replacement = '(a value that looks like a secret or PHI)'): string {
  if (!message.includes('"')) return message;
  return message.replace(QUOTED_TEXT, (quoted) => (maskDetected(maskUrlUserinfo(quoted)) !== quoted ? replacement : quoted));
}

/** What a message shows instead of a sensitive value. */
export const SENSITIVE_SHOWN = '(a sensitive value)';

/**
 * A message about a sensitive value (a `sensitive = true` variable, a plan's after_sensitive) with
 * what it quotes of that value replaced: a quoted text that is part of one of the value's strings
 * (a rule quotes a tag, a policy's condition, a region), and a number the value holds. Other quoted
 * texts (the names a rule asks for) are kept.
 */
export function maskSensitiveParts(message: string, value: unknown): string {
  const strings: string[] = [];
  const numbers = new Set<string>();
  const collect = (v: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof v === 'string') {
      strings.push(v);
      // A number written as a string (a map(string) variable) is printed as a number once converted.
      if (/^-?\d+(?:\.\d+)?$/.test(v.trim())) numbers.add(v.trim());
    }
    else if (typeof v === 'number') numbers.add(String(v));
    else if (Array.isArray(v)) for (const x of v) collect(x, depth + 1);
    // An object's keys are kept: a rule names the keys it asks for ("has no \"owner\" tag").
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) collect(x, depth + 1);
  };
  collect(value, 0);
  let out = message;
  if (strings.length > 0 && out.includes('"')) {
    out = out.replace(QUOTED_TEXT, (quoted) => {
      const inner = unquote(quoted);
      return inner !== '' && strings.some((s) => s.includes(inner)) ? SENSITIVE_SHOWN : quoted;
    });
  }
  for (const n of numbers) out = out.replace(new RegExp(`(?<![\\w.])${n.replace(/[.+-]/g, '\\$&')}(?![\\w.])`, 'g'), SENSITIVE_SHOWN);
  return out;
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

const ADDRESS_KEY = /\["((?:[^"\\]|\\.)*)"\]/g;

/** The string instance keys of an address, unescaped (`module.a["x"].b["y"]` → x, y). */
export function addressKeys(address: string): string[] {
  if (!address.includes('["')) return [];
  return [...address.matchAll(ADDRESS_KEY)].map((m) => unquote(`"${m[1]!}"`));
}

/**
 * A resource address with each instance key that looks like a secret or PHI masked
 * (`aws_s3_bucket.by_ssn["***********"]`, same length): a for_each over SSNs or connection URLs
 * puts them in every address, and the address is in every report. `secretKeys`: keys the
 * configuration uses as a secret value (run-rules.ts secretInstanceKeys), masked whatever they look like.
 */
export function maskAddressKeys(address: string, secretKeys?: ReadonlySet<string>): string {
  if (!address.includes('["')) return address;
  return address.replace(ADDRESS_KEY, (whole, key: string) => {
    // A key the configuration uses as a secret (secretKeys holds keys as written, unescaped) is masked whatever its shape.
    if (secretKeys !== undefined && secretKeys.size > 0 && secretKeys.has(unquote(`"${key}"`))) return `["${'*'.repeat(key.length)}"]`;
    const masked = maskDetected(maskUrlUserinfo(key));
    return masked === key ? whole : `["${masked}"]`;
  });
}
