// Detectors over evaluated values: every string leaf of a value is checked with the key path that
// names it; multi-line and decoded text (user data, scripts) is scanned as text.
import type { Plain } from '../model/value.js';
import { diagnosisBesideIdentifier, detectPhiInValue, findPhiInText, type PhiFinding } from './phi.js';
import { detectSecretsInValue, findSecretsInText, type SecretFinding } from './secrets.js';
import { LeafMemo } from './leaf-memo.js';
import { stringLeaves, type StringLeaf } from './walk.js';
import { isSecretName } from './names.js';

export * from './mask.js';
export * from './names.js';
export * from './phi.js';
export * from './redact.js';
export * from './secrets.js';
export * from './walk.js';

export interface LeafFinding<F> {
  readonly leaf: StringLeaf;
  readonly finding: F;
}

// One answer per distinct leaf (leaf-memo.ts): text is read without its key path, values with it.
const secretLeaves = new LeafMemo<SecretFinding>((value, path) => (path === undefined ? findSecretsInText(value) : detectSecretsInValue(value, path)));
const phiLeaves = new LeafMemo<PhiFinding>((value, path) => (path === undefined ? findPhiInText(value) : detectPhiInValue(value, path)));

/** Read without its key path: only patterns (an AWS key, a private key block) fire. */
function isText(leaf: StringLeaf): boolean {
  // A short known piece of a partly known string ("app-" of "app-${random_password.p.result}") is a
  // prefix, not the secret; a long one is judged as the value it is part of.
  // A heredoc of one line (`<<-EOT`, its line, `EOT`) ends with the only line break: one value, not a text.
  return leaf.encoding === 'base64' || leaf.encoding === 'key' || isMultiLine(leaf.value) || (leaf.encoding === 'partial' && leaf.value.length < MIN_SECRET_PIECE);
}

function isMultiLine(value: string): boolean {
  const at = value.indexOf('\n');
  return at >= 0 && at < value.trimEnd().length;
}

/** The shortest known piece of a partly known string that the name-based checks judge. */
const MIN_SECRET_PIECE = 12;

function dedupe<F extends { readonly kind: string; readonly hash: string }>(found: LeafFinding<F>[]): LeafFinding<F>[] {
  if (found.length < 2) return found; // nearly every value: nothing to compare
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.finding.kind} ${f.finding.hash}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Secrets in an attribute's value; `path` is the attribute name (the key path continues below it). */
export function secretsIn(value: Plain, path: string): LeafFinding<SecretFinding>[] {
  return secretsInLeaves(stringLeaves(value, path));
}

/** Secrets in the string leaves of one attribute's value (see stringLeaves). */
export function secretsInLeaves(leaves: readonly StringLeaf[]): LeafFinding<SecretFinding>[] {
  const out: LeafFinding<SecretFinding>[] = [];
  for (const leaf of leaves) {
    const text = isText(leaf);
    const found = secretLeaves.find(leaf.value, text ? undefined : leaf.path);
    for (const finding of found) out.push({ leaf, finding });
    // A one-line command (`user_data = "export DB_PASSWORD=… && start"`) is read as text too: its
    // assignments name their secrets, which the attribute's own name does not.
    if (!text && isOneLineScript(leaf.value)) for (const finding of secretLeaves.find(leaf.value, undefined)) out.push({ leaf, finding });
    // A member of JSON text stored under a secret's name (`secret_string = jsonencode({ pw = "…" })`)
    // whose own key says nothing: a value shaped like a password is judged under the container's name.
    if (found.length === 0 && leaf.encoding === 'json' && looksLikePassword(leaf.value)) {
      const container = /^[^.[]+/.exec(leaf.path)?.[0];
      if (container !== undefined && isSecretName(container)) for (const finding of secretLeaves.find(leaf.value, container)) out.push({ leaf, finding });
    }
  }
  return dedupe(out);
}

/** Eight or more characters mixing letters with digits or symbols, not a plain word or name ("appuser", "phi-db"). */
function looksLikePassword(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value) && (/[^A-Za-z0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value)));
}

/** Words and an assignment on one line: `export DB_PASSWORD=… && /opt/app/start`, `--password=… run`. */
function isOneLineScript(value: string): boolean {
  return value.length >= 12 && /(?:^|\s)-{0,2}[A-Za-z_][\w.-]*=[^\s=]/.test(value) && /\s/.test(value);
}

/** PHI in an attribute's value, including ICD-10 codes beside an identifier in the same value. */
export function phiIn(value: Plain, path: string): LeafFinding<PhiFinding>[] {
  return phiInLeaves(stringLeaves(value, path));
}

/** PHI in the string leaves of one attribute's value (see stringLeaves). */
export function phiInLeaves(leaves: readonly StringLeaf[]): LeafFinding<PhiFinding>[] {
  const out: LeafFinding<PhiFinding>[] = [];
  for (const leaf of leaves) {
    const found = phiLeaves.find(leaf.value, isText(leaf) ? undefined : leaf.path);
    for (const finding of found) out.push({ leaf, finding });
  }
  const identifiers = out.map((f) => f.finding);
  // A diagnosis counts only beside another identifier; most values have none.
  if (!identifiers.some((f) => f.kind !== 'diagnosis')) return dedupe(out);
  for (const leaf of leaves) {
    if (isText(leaf)) continue;
    for (const finding of diagnosisBesideIdentifier(leaf.value, leaf.path, identifiers)) out.push({ leaf, finding });
  }
  return dedupe(out);
}
