// For reporters (code frames, logs): every detected secret and PHI value in a text replaced by
// asterisks of the same length, line breaks kept, so spans computed on the original still line up.
import { findPhiInText } from './phi.js';
import { findSecretsInText } from './secrets.js';

const URL_USERINFO = /(:\/\/)([^/@\s"']+)@/g;

/** Credentials written into a URL (`git::https://user:token@host/...`) replaced by asterisks of the same length. */
export function maskUrlUserinfo(text: string): string {
  return text.replace(URL_USERINFO, (_, scheme: string, userinfo: string) => `${scheme}${'*'.repeat(userinfo.length)}@`);
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
