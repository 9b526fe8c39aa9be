// What a key, attribute, variable or environment-variable name says about its value. Names are the
// context that turns a weak pattern (a nine-digit number, a long random string) into a finding, so
// they are read token by token: `db_password` is a secret, `password_length` and
// `db_password_secret_arn` are not; `patient_email` is PHI context, `member_account_email` is not.

/** Names repeat across resources (every `tags`, every `password`): each is split once (bounded memo). */
const MEMO_LIMIT = 50_000;
const tokensOf = new Map<string, readonly string[]>();
const phiContexts = new Map<string, ReadonlySet<PhiContext>>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Splits `dbMasterPassword`, `DB_MASTER_PASSWORD`, `tags.PatientName` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  const known = tokensOf.get(name) ?? remember(tokensOf, name, splitName(name));
  return [...known];
}

function splitName(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'pat']);
/** Two-token names that mean a secret even though the last token ('key', 'string') alone does not. */
const SECRET_PAIRS = new Set([
  'api key', 'access key', 'secret key', 'private key', 'client secret', 'auth token', 'signing key', 'master key', 'encryption key',
  'connection string', 'conn str', 'conn string', 'sas token', 'hmac key', 'shared key', 'account key', 'app key', 'license key', 'webhook secret',
]);
/**
 * Two-token names ending in a secret word whose value is no secret: an idempotency token (EFS's
 * creation_token, CloudFormation's client_request_token) only keeps a request from running twice.
 */
const NOT_SECRET_PAIRS = new Set(['creation token', 'request token', 'idempotency token', 'http tokens']);
/** Trailing tokens that say the value is *about* a secret, not the secret (an ARN, a length, a policy). */
const NOT_SECRET_SUFFIX = new Set([
  'arn', 'arns', 'id', 'ids', 'name', 'names', 'length', 'len', 'ttl', 'version', 'versions', 'policy', 'policies', 'rotation', 'rotate', 'rotated',
  'enabled', 'enable', 'disabled', 'required', 'type', 'types', 'path', 'file', 'filename', 'endpoint', 'uri', 'url', 'prefix', 'suffix', 'count', 'min',
  'max', 'days', 'hours', 'seconds', 'expiry', 'expiration', 'expires', 'reset', 'kms', 'hash', 'sha', 'sha256', 'parameter', 'param', 'ref', 'reference',
  'location', 'source', 'mode', 'format', 'header', 'field', 'bits', 'algorithm', 'size', 'strength', 'complexity', 'age', 'reuse', 'characters',
  'chars', 'special', 'upper', 'lower', 'numeric', 'numbers', 'manager', 'store', 'vault', 'label', 'description', 'tag', 'tags', 'group',
  'role', 'user', 'username', 'login', 'method', 'provider', 'fingerprint', 'usage', 'spec', 'pair', 'public', 'pub', 'recovery', 'window',
]);
/** Trailing tokens that do not change the meaning (`secret_string`, `password_value`, a write-only `password_wo`). */
const TRANSPARENT_SUFFIX = new Set(['value', 'string', 'plain', 'plaintext', 'text', 'raw', 'literal', 'b64', 'base64', 'data', 'pem', 'binary', 'json', 'wo']);

/**
 * The core of each name (null: none), kept: isSecretContext asks isSecretName and then for the core
 * again, for every leaf the secret detector reads, and each ask copied the name's tokens to trim them.
 */
const secretCores = new Map<string, readonly string[] | null>();

/** The tokens with transparent suffixes removed, or undefined when the name is about a secret, not one. */
function secretCore(name: string): readonly string[] | undefined {
  let core = secretCores.get(name);
  if (core === undefined) core = remember(secretCores, name, trimmedCore(name));
  return core ?? undefined;
}

function trimmedCore(name: string): readonly string[] | null {
  const tokens = nameTokens(name);
  while (tokens.length > 1 && TRANSPARENT_SUFFIX.has(tokens[tokens.length - 1]!)) tokens.pop();
  const last = tokens[tokens.length - 1];
  if (last === undefined || NOT_SECRET_SUFFIX.has(last)) return null;
  return tokens;
}

/**
 * True when a name that mentions a secret word is about a secret, not one: `password_length`,
 * `db_password_secret_arn`, `creation_token`, `http_tokens` (IMDSv2's "required"/"optional").
 */
export function isAboutASecret(name: string): boolean {
  const tokens = secretCore(name);
  if (!tokens) return nameTokens(name).length > 0;
  return tokens.length >= 2 && NOT_SECRET_PAIRS.has(`${tokens[tokens.length - 2]} ${tokens[tokens.length - 1]}`);
}

/** True when the name says its value is a secret: `password`, `DB_PASSWORD`, `client_secret`, `secret_string`. */
export function isSecretName(name: string): boolean {
  const tokens = secretCore(name);
  if (!tokens) return false;
  const last = tokens[tokens.length - 1]!;
  if (tokens[tokens.length - 2] === 'public') return false; // public_key, public_token
  if (tokens.length >= 2 && NOT_SECRET_PAIRS.has(`${tokens[tokens.length - 2]} ${last}`)) return false;
  if (SECRET_WORDS.has(last) && !(last === 'pat' && tokens.length === 1)) return true;
  return tokens.length >= 2 && SECRET_PAIRS.has(`${tokens[tokens.length - 2]} ${last}`);
}

/**
 * Short forms of password (`db_pw`, `admin_pass`): too loose for the secret rules to fail a literal
 * by (`pass` is also a verdict), but what they hold is kept out of what Safeguard prints.
 */
const PASSWORD_ABBREVIATIONS = new Set(['pw', 'pass', 'pwd', 'passwd']);

/**
 * Whether a value under this name is kept out of messages, code frames and plan texts: a secret name
 * (isSecretName) or a short form of password (`db_pw`, `root_pass`). Reporters mask too much
 * rather than too little; the rules keep to isSecretName.
 */
export function isMaskedName(name: string): boolean {
  if (isSecretName(name)) return true;
  const tokens = secretCore(name);
  return tokens !== undefined && PASSWORD_ABBREVIATIONS.has(tokens[tokens.length - 1]!);
}

const WEAK_SECRET_WORDS = new Set(['key', 'keys', 'secret', 'token', 'auth', 'credential', 'credentials', 'private', 'hmac', 'salt', 'signature', 'cert', 'password', 'passwd']);

/** A weaker hint, enough for a high-entropy value to count: `signing_key`, `auth`, `key`. */
export function isSecretContext(name: string): boolean {
  if (isSecretName(name)) return true;
  const tokens = secretCore(name);
  if (!tokens || tokens.includes('public')) return false;
  if (tokens.length >= 2 && NOT_SECRET_PAIRS.has(`${tokens[tokens.length - 2]} ${tokens[tokens.length - 1]}`)) return false;
  return tokens.some((t) => WEAK_SECRET_WORDS.has(t));
}

export type PhiContext = 'patient' | 'ssn' | 'mrn' | 'dob' | 'npi' | 'dea' | 'mbi' | 'member' | 'diagnosis' | 'name' | 'email' | 'phone' | 'address';

/** Words that turn a member/subscriber token into an infrastructure word (AWS Organizations member accounts, cluster members). */
const MEMBER_INFRA = new Set(['account', 'accounts', 'org', 'organization', 'organizations', 'cluster', 'clusters', 'group', 'groups', 'team', 'teams', 'role', 'roles', 'iam', 'sso', 'vpc', 'node', 'nodes', 'security', 'guardduty', 'macie', 'detective', 'ram', 'directory']);
/** Infrastructure nouns: `patient_records_bucket` names a bucket, not a patient. */
const INFRA_NOUNS = new Set([
  'bucket', 'buckets', 'table', 'tables', 'db', 'database', 'queue', 'topic', 'stream', 'role', 'policy', 'arn', 'kms', 'key', 'vpc', 'subnet', 'sg',
  'log', 'logs', 'prefix', 'path', 'tag', 'tags', 'count', 'enabled', 'retention', 'days', 'cluster', 'instance', 'service', 'api', 'lambda', 'function',
  'domain', 'index', 'schema', 'repo', 'repository', 'image', 'port', 'host', 'hostname', 'endpoint', 'url', 'region', 'zone', 'size', 'class', 'type',
  'version', 'portal', 'app', 'application', 'env', 'environment', 'stack', 'module', 'folder', 'dir', 'directory', 'filter', 'pattern', 'rule', 'alarm',
  'dashboard', 'metric', 'namespace', 'secret', 'parameter', 'ssm', 'group', 'team', 'owner', 'project', 'store', 'vault', 'pipeline', 'job', 'workflow',
  'column', 'columns', 'field', 'fields', 'attribute', 'attributes', 'bytes', 'limit', 'arns', 'gateway', 'config', 'configuration',
]);

/**
 * What PHI a key path announces, e.g. `tags.PatientEmail` → {patient, email};
 * `environment.variables.PATIENT_SSN` → {patient, ssn}. A path whose last segment names
 * infrastructure (`patient_records_bucket`) announces nothing.
 */
export function phiContextOf(path: string): ReadonlySet<PhiContext> {
  return phiContexts.get(path) ?? remember(phiContexts, path, phiContextFor(path));
}

/**
 * `condition` is a diagnosis only as a medical one (`patient_condition`, `medical_conditions`,
 * `condition_code`): in infrastructure code it is an IAM or alarm condition (`trust_condition_test`).
 */
const MEDICAL = new Set(['patient', 'patients', 'medical', 'health', 'clinical', 'chronic', 'member']);
const isCondition = (t: string): boolean => t === 'condition' || t === 'conditions';

function phiContextFor(path: string): ReadonlySet<PhiContext> {
  const out = new Set<PhiContext>();
  const segments = path.split(/[.[\]/]+/).filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? '';
  const lastTokens = nameTokens(last);
  if (lastTokens.some((t) => INFRA_NOUNS.has(t)) && !lastTokens.some((t) => t === 'ssn' || t === 'mrn' || t === 'dob' || t === 'npi')) {
    return out; // the leaf names an infrastructure thing (`patient_records_bucket`, `patient_table_id`)
  }
  const all = segments.flatMap(nameTokens);
  const has = (t: string): boolean => all.includes(t);
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    const next = all[i + 1];
    if (t === 'patient' || t === 'patients' || t === 'beneficiary' || t === 'enrollee') out.add('patient');
    if ((t === 'member' || t === 'subscriber') && !(next && MEMBER_INFRA.has(next)) && !(i > 0 && MEMBER_INFRA.has(all[i - 1]!))) {
      out.add('patient');
      out.add('member');
    }
    if (t === 'ssn' || t === 'ssns' || (t === 'social' && next === 'security') || t === 'taxpayer') out.add('ssn');
    if (t === 'mrn' || ((t === 'patient' || t === 'chart') && (next === 'id' || next === 'number')) || (t === 'medical' && next === 'record') || (t === 'chart' && (next === 'number' || next === 'no'))) out.add('mrn');
    if (t === 'dob' || t === 'birthdate' || t === 'birthday' || (t === 'birth' && (all[i - 1] === 'of' || next === 'date')) || (t === 'date' && next === 'birth')) out.add('dob');
    if (t === 'npi' || (t === 'national' && next === 'provider')) out.add('npi');
    if (t === 'dea' || t === 'prescriber') out.add('dea');
    // `medicare` alone names a program (CMS's `medicare_opt_out_config`), an identifier only with id or number after it.
    if (t === 'mbi' || t === 'hicn' || (t === 'medicare' && (next === 'id' || next === 'number' || next === 'beneficiary' || next === 'mbi'))) out.add('mbi');
    // `dx` is AWS Direct Connect in most infrastructure code (`dx_gateway_id`); a diagnosis only as `dx_code(s)`.
    if (t === 'diagnosis' || t === 'diagnoses' || t === 'icd' || t === 'icd10' || (t === 'dx' && (next === 'code' || next === 'codes')) || (isCondition(t) && (MEDICAL.has(all[i - 1] ?? '') || next === 'code' || next === 'codes'))) out.add('diagnosis');
  }
  if (has('name') || has('firstname') || has('lastname') || has('fullname') || (has('first') && has('name'))) out.add('name');
  if (has('email') || has('mail')) out.add('email');
  if (has('phone') || has('mobile') || has('tel') || has('telephone') || has('fax')) out.add('phone');
  if (has('address') || has('street')) out.add('address');
  return out;
}

/** True when the context ties a value to a person's health record (patient/member/mrn/dob/diagnosis). */
export function isPatientContext(context: ReadonlySet<PhiContext>): boolean {
  return context.has('patient') || context.has('mrn') || context.has('dob') || context.has('diagnosis') || context.has('ssn') || context.has('mbi');
}

/** "a GitHub token", "an AWS access key id", "an SSN": the article for a detector label in messages. */
export function withArticle(label: string): string {
  return /^(?:[aeioAEIO]|un|AWS\b|SSN\b|NPI\b|MBI\b|MRN\b|RSA\b)/.test(label) ? `an ${label}` : `a ${label}`;
}
