// Secret detection over strings (issue 6). Pure functions: a value (with the name it is assigned to,
// when known) or a whole text in, findings with offsets, a redacted preview and a stable hash out.
// The matched value itself is never part of a finding's printable fields.
//
// Precision rules: documented example keys (AWS's AKIAIOSFODNN7EXAMPLE …EXAMPLEKEY) and obvious
// placeholders (`changeme`, `<password>`, `${var.x}`, `xxxx`) are not findings; a long random string
// is only a secret when its name says so.
import { isSecretContext, isSecretName } from './names.js';
import { redactSecret, stableHash } from './redact.js';

export type SecretKind =
  | 'command-line-password'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'private-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'database-url-password'
  | 'jwt'
  | 'generic-secret'
  | 'high-entropy';

export interface SecretFinding {
  readonly kind: SecretKind;
  /** Human label: 'AWS access key id'. */
  readonly label: string;
  /** Offsets of the secret inside the scanned string (end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly redacted: string;
  readonly hash: string;
}

interface Pattern {
  readonly kind: SecretKind;
  readonly label: string;
  readonly regex: RegExp;
  /** Index of the capture group holding the secret (0 = whole match). */
  readonly group?: number;
  /** Text the regex cannot match without (case as matched): a text holding none is not searched. */
  readonly needs: readonly string[];
}

const PATTERNS: readonly Pattern[] = [
  { kind: 'aws-access-key-id', label: 'AWS access key id', regex: /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z2-7]{16})(?![A-Z0-9])/g, group: 1, needs: ['AKIA', 'ASIA'] },
  {
    kind: 'private-key',
    label: 'private key',
    regex: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g,
    needs: ['-----BEGIN '],
  },
  { kind: 'github-token', label: 'GitHub token', regex: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g, group: 1, needs: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  { kind: 'gitlab-token', label: 'GitLab token', regex: /(?<![A-Za-z0-9_-])(gl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g, group: 1, needs: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-'] },
  { kind: 'slack-token', label: 'Slack token', regex: /(?<![A-Za-z0-9-])(xox[abprse]-[0-9]{6,}-[0-9A-Za-z-]{8,})(?![A-Za-z0-9-])/g, group: 1, needs: ['xox'] },
  { kind: 'slack-webhook', label: 'Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/([A-Za-z0-9]{20,})/g, group: 1, needs: ['https://hooks.slack.com/services/T'] },
  { kind: 'stripe-key', label: 'Stripe live key', regex: /(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9A-Za-z]{20,})(?![A-Za-z0-9_])/g, group: 1, needs: ['_live_'] },
  // A signed JSON Web Token: base64url header and claims that both open with `{"` (eyJ), and a signature.
  { kind: 'jwt', label: 'JSON Web Token', regex: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_.-])/g, group: 1, needs: ['eyJ'] },
  {
    kind: 'database-url-password',
    label: 'database URL with a password',
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|jdbc:[a-z]+):\/\/[^:/?#\s@"']+:([^@\s/"']+)@[^\s"']+/gi,
    group: 1,
    needs: ['://'],
  },
  // Command-line credentials in a script (user data, a provisioner): `mysql -pS3cret`, `mysql --password=S3cret`,
  // `curl -u user:S3cret`. A shell variable (`-p"$DB_PASSWORD"`) or a prompt (`-p` alone) is no literal.
  {
    kind: 'command-line-password',
    label: 'password on a command line',
    regex: /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?\s(?:-p|--password=)(?!["']?\$)["']?([^\s"'$`]{4,})/g,
    group: 1,
    needs: ['mysql', 'mariadb'],
  },
  {
    kind: 'command-line-password',
    label: 'password on a command line',
    regex: /\bcurl\b[^\n|;&]*?\s(?:-u|--user)\s+["']?[^\s:"'$]+:(?!\$)([^\s"'$`@]{4,})["']?/g,
    group: 1,
    needs: ['curl'],
  },
];

/** A 40-character AWS secret access key shape (base64 alphabet); only a finding in an AWS-secret context. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

const PLACEHOLDER_WORDS =
  /^(?:x+|\*+|\.+|-+|_+|#+|0+|changeme|change[_-]?me|change[_-]?it|replace[_-]?me|replaceme|todo|tbd|fixme|placeholder|example|sample|dummy|fake|test|testing|password|passwd|secret|token|redacted|none|null|nil|undefined|default|empty|notset|not[_-]?set|unset|n\/a|na|secure|supersecret)$/i;

/** True for values that are obviously not real secrets: empty, templated, references, documented examples. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/EXAMPLE(?:KEY)?$/.test(v)) return true; // AWS's documented keys: AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  if (/\$\{|\{\{|%\{|\$\(|^\$[A-Za-z_]|^<.*>$|^\[.*\]$|^%.*%$/.test(v)) return true; // templating and env references
  if (/^(?:your|my|insert|enter|put|add|replace|some|the)[_-]/i.test(v)) return true; // your-password-here
  if (/(?:x{4,}|\*{4,}|X{4,}|\.{3,}|0{8,}|1234567890|abcdefgh)/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^(?:arn:|projects\/|\/aws\/|ssm:|secretsmanager:|vault:|awskms:|sm:\/\/|ref\+|resolve:|azurekeyvault:|gcp-secret:|op:\/\/)/i.test(v)) return true;
  // A KMS alias names a key, it holds none: `encryption_key = "alias/phi-build"` (CodeBuild), `volume_encryption_key
  // = "alias/aws/workspaces"` (WorkSpaces) take "an alias name" as KMS's other references, an ARN or a key id
  // (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id). Names are alias/ then letters,
  // digits, / _ and - only, so no secret material fits.
  if (/^alias\/[A-Za-z0-9/_-]+$/.test(v)) return true;
  if (v === 'true' || v === 'false') return true;
  // A unit, not a value: Cognito's token_validity_units { access_token = "hours" }.
  if (/^(?:seconds|minutes|hours|days)$/i.test(v)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Long, random-looking, no spaces: base64/hex-like tokens. */
export function isHighEntropy(value: string): boolean {
  const v = value.trim();
  if (v.length < 16 || /\s/.test(v) || isPlaceholder(v)) return false;
  if (/^[0-9a-f]+$/i.test(v)) return v.length >= 32 && shannonEntropy(v) >= 3.0;
  if (!/^[A-Za-z0-9+/=_\-.~!@#$%^&*]+$/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
  return v.length >= 20 && classes >= 2 && shannonEntropy(v) >= 3.5;
}

function finding(kind: SecretKind, label: string, secret: string, start: number): SecretFinding {
  return { kind, label, start, end: start + secret.length, redacted: redactSecret(secret), hash: stableHash(secret) };
}

/** Any text some pattern needs: most values hold none, and one search rules them all out. */
const ANY_NEEDED = new RegExp(PATTERNS.flatMap((p) => p.needs).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

function patternFindings(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  if (!ANY_NEEDED.test(text)) return out;
  for (const pattern of PATTERNS) {
    if (!pattern.needs.some((n) => text.includes(n))) continue;
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const group = pattern.group ?? 0;
      const secret = m[group];
      if (secret === undefined) continue;
      const start = m.index + (group === 0 ? 0 : m[0].indexOf(secret));
      if (pattern.kind === 'private-key') {
        // A header with no key material (`-----BEGIN PRIVATE KEY-----...`) documents the format.
        const body = secret.replace(/-----[A-Z ]+-----/g, '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s/g, '');
        if (body.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(body) || /EXAMPLE|x{8,}/i.test(body)) continue;
      } else if (isPlaceholder(secret)) continue;
      out.push(finding(pattern.kind, pattern.label, secret, start));
    }
  }
  return out;
}

/**
 * Secrets in one value assigned to `name` (an attribute, variable, tag or environment-variable
 * name; may be a dotted path). Patterns fire anywhere; the name-based checks need the name.
 */
export function detectSecretsInValue(value: string, name?: string): SecretFinding[] {
  const found = patternFindings(value);
  if (found.length > 0 || name === undefined) return found;
  const { leaf, awsSecretKeyName, secretContext } = nameFactsOf(name);
  // Every check below needs one of these (a secret name is also a secret context).
  if (!awsSecretKeyName && !secretContext) return [];
  const v = value.trim();
  if (isPlaceholder(v)) return [];
  const start = value.indexOf(v);
  if (awsSecretKeyName && AWS_SECRET_SHAPE.test(v)) {
    return [finding('aws-secret-access-key', 'AWS secret access key', v, start)];
  }
  if (isSecretName(leaf)) {
    // An encryption key named by its KMS key id (a UUID, or mrk- and 32 hex digits for a multi-Region key) is a reference
    // to the key, not key material: WorkSpaces' volume_encryption_key, CodeBuild's encryption_key take one.
    if (/encryption[^a-z0-9]*key$/i.test(leaf) && /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(v)) return [];
    // A secret-named value that is a plain word list or a URL without credentials is a description, not a secret.
    if (/\s/.test(v) && v.split(/\s+/).length > 3) return [];
    if (/^https?:\/\/[^@]*$/i.test(v)) return [];
    if (/^(?:\.{0,2}\/|~\/)[\w./-]+$|^[\w./-]+\.(?:json|pem|key|p12|pfx|crt|txt)$/.test(v)) return []; // a path to a key file, not the key
    return [finding('generic-secret', `literal secret for ${leaf}`, v, start)];
  }
  if (secretContext && isHighEntropy(v) && !isPathLike(v)) return [finding('high-entropy', `high-entropy value for ${leaf}`, v, start)];
  return [];
}

/**
 * An object key or file path, random-looking only by a hash segment or not at all: a path with an
 * extension (`builds/506d….zip`; a lower-case one may be longer, as Terraform's state key
 * `live/dev/us-east-1/rds/terraform.tfstate` and `.tfstate.backup`, `.parquet` are), or a path of
 * lower-case words and numbers (a state key prefix `live/dev/us-east-1/rds`). A base64 secret holds
 * `/` too, but mixes cases within its segments and has no extension.
 */
function isPathLike(v: string): boolean {
  if (/^[\w.-]+(?:\/[\w.-]+)+\.(?:[A-Za-z][A-Za-z0-9]{1,4}|[a-z][a-z0-9]{1,9})$/.test(v)) return true;
  return /^[a-z0-9._-]+(?:\/[a-z0-9._-]+)+\/?$/.test(v) && v.split(/[/._-]+/).every((t) => /^(?:[a-z]+|[0-9]+)$/.test(t) || t.length <= 3);
}

interface NameFacts {
  /** The last segment of a key path: `DB_PASSWORD` of `environment.variables.DB_PASSWORD`. */
  readonly leaf: string;
  readonly awsSecretKeyName: boolean;
  readonly secretContext: boolean;
}

/** Key paths repeat across resources and module instances: each is read once (bounded memo). */
const NAME_FACTS_LIMIT = 50_000;
const nameFacts = new Map<string, NameFacts>();

function nameFactsOf(name: string): NameFacts {
  let facts = nameFacts.get(name);
  if (!facts) {
    // A list item is named by its list, not by its index, and the list by its item: `passwords[0]` is a
    // password (while an attribute `expire_passwords` is a setting about passwords, not one).
    const segments = name.split(/[.[\]]+/).filter((s) => s !== '');
    const listItem = segments.length > 1 && /^\d+$/.test(segments[segments.length - 1]!);
    const named = segments.filter((s) => !/^\d+$/.test(s)).pop() ?? name;
    const leaf = listItem && /[^s]s$/i.test(named) && isSecretName(named.slice(0, -1)) ? named.slice(0, -1) : named;
    facts = { leaf, awsSecretKeyName: /(?:aws)?_?secret_?(?:access_?)?key$/i.test(leaf.replace(/[-\s]/g, '_')), secretContext: isSecretContext(leaf) };
    if (nameFacts.size >= NAME_FACTS_LIMIT) nameFacts.clear();
    nameFacts.set(name, facts);
  }
  return facts;
}

// `name = "value"`, `name: value`, `"name": "value"`, `export NAME=value`, `NAME=value` (.env, user data).
const ASSIGNMENT = /(?:^|[\s{,;(])(?:export\s+)?(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1[ \t]*(?:=|:(?!\/\/))[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',;#}]+))/gm;

/**
 * A quoted HTTP header, as a shell script in user data writes one (`curl -H 'X-Api-Key: 5046…'`,
 * `--header "Authorization: Bearer eyJ…"`): the quote makes ASSIGNMENT miss it.
 */
const QUOTED_HEADER = /(["'])([A-Za-z][A-Za-z0-9-]*):[ \t]*(?:(?:Bearer|Basic|Token)[ \t]+)?([^\s"'][^"'\n]*?)[ \t]*\1/g;

/** Secrets anywhere in a text (a .tfvars/.env/YAML/JSON file, user data): patterns plus secret-named assignments. */
/**
 * An unquoted value that is an HCL expression, not a literal: `null`, `true`, a call
 * (`try(var.x, null)`), or, after ` = ` with spaces (HCL's style, not a shell's `NAME=value`), a
 * reference (`var.is_primary`, `random_password.db.result`); and the branch of a conditional
 * (`cond ? random_password.db.result : null`, whose key-like left side is no key).
 */
function isExpressionNotValue(match: string, raw: string, rest = ''): boolean {
  if (/^(?:null|true|false)$/.test(raw) || /^[A-Za-z_][\w:]*\(/.test(raw)) return true;
  if (/[ \t]:[ \t]/.test(match) && !/["']\s*:/.test(match)) return true;
  if (!/[ \t]=[ \t]/.test(match)) return false;
  // A reference indexed by a quoted key (`local.creds["password"]`): the bare value stops at the quote.
  if (/^[A-Za-z_][\w-]*(?:\.[\w*-]+|\[[^\]]*\])+\[$/.test(raw) && /^"[\w.\/-]*"\]/.test(rest)) return true;
  return /^[A-Za-z_][\w-]*(?:\.[\w*-]+|\[[^\]]*\])+$/.test(raw);
}

export function findSecretsInText(text: string): SecretFinding[] {
  const found = patternFindings(text);
  if (text.includes(':')) {
    QUOTED_HEADER.lastIndex = 0;
    for (let m = QUOTED_HEADER.exec(text); m; m = QUOTED_HEADER.exec(text)) {
      const header = m[2]!;
      // An Authorization header's value is a credential whatever its name says.
      const name = /^(?:proxy-)?authorization$/i.test(header) ? 'authorization_token' : header.replace(/-/g, '_');
      if (!isSecretContext(name)) continue;
      const raw = m[3]!;
      const valueAt = m.index + m[0].lastIndexOf(raw);
      for (const f of detectSecretsInValue(raw, name)) {
        const start = valueAt + f.start;
        if (found.some((g) => start < g.end && g.start < start + (f.end - f.start))) continue;
        found.push({ ...f, start, end: start + (f.end - f.start) });
      }
    }
  }
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const name = m[2]!;
    const raw = m[3] ?? m[4] ?? m[5];
    if (raw === undefined || !isSecretContext(name)) continue;
    if (m[5] !== undefined && isExpressionNotValue(m[0], m[5], text.slice(m.index + m[0].length, m.index + m[0].length + 80))) continue;
    const valueAt = m.index + m[0].length - raw.length - (m[3] !== undefined || m[4] !== undefined ? 1 : 0);
    for (const f of detectSecretsInValue(raw, name)) {
      const start = valueAt + f.start;
      if (found.some((g) => start < g.end && g.start < start + (f.end - f.start))) continue;
      found.push({ ...f, start, end: start + (f.end - f.start) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
