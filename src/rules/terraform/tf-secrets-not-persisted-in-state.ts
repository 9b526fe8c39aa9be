// Secrets Terraform would keep in state in plain text: a database password argument, a generated
// secret (random_password, tls_private_key), and anything secret passed to an argument Terraform
// stores as given (terraform_data input, null_resource triggers, random_* keepers, time_* triggers).
//
// What tells a stored argument holds a secret: the causes of its apply-time parts (model/unknown-
// cause.ts: a sensitive variable with no value, a secret-bearing attribute such as
// random_password.p.result; every part of a template, join(), format() or jsonencode(), not only the
// first), then the value's sensitive mark. A digest or a length of a secret is not the secret:
// `sha256(var.pw)`, md5/sha1/sha512/base64sha*/bcrypt, filemd5/filesha*/filebase64sha*, length();
// the evaluator says so in the value's cause (unknown) or its mark (a hashed one), through locals,
// module inputs and outputs and other resources' arguments alike. A digest read from an argument
// that also holds the secret itself (`triggers = { h = sha256(var.pw), p = var.pw }` then `.h`) is
// judged on the argument's mark, which is one for the whole argument: it fails.
//
// From a plan alone this cannot be told. Terraform keeps the sensitive mark through every function,
// so a plan records a digest as a sensitive string ("after_sensitive": true) whose configuration
// lists only the references read (`{"references": ["var.pw"]}`), not the function applied: a plan's
// hashed value fails as a value marked sensitive, even when the sources are scanned beside it. Scan
// the sources to have a digest told from the secret.
import type { InfraModel } from '../../model/infra-model.js';
import { asBoolean, attr, blockOf, isUnresolved } from '../../model/read.js';
import type { ModelBody, Resource, VariableDecl } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';
import { allCauses, causeOf, type UnknownCause } from '../../model/unknown-cause.js';
import { secretReference } from './tf-sensitive-outputs.js';
import { defineRule, fail, pass, subjectOf, unknown, type Outcome, type Subject } from '../define-rule.js';

interface StateSecretSubject extends Subject {
  readonly resource: Resource;
  readonly spec: Spec;
  /** The variables of each module (moduleKey of its root and path) by name: which are sensitive, which ephemeral. */
  readonly variables: ReadonlyMap<string, ReadonlyMap<string, VariableDecl>>;
}

interface Spec {
  /** Attribute paths whose value is a secret Terraform stores in state. */
  readonly secrets: readonly string[];
  /** A flag that hands the secret to the service instead (manage_master_user_password). */
  readonly managedFlag?: string;
  /** What to use instead, for the message. */
  readonly instead: string;
  /** The resource itself exists to hold a secret in state (random_password, tls_private_key). */
  readonly always?: boolean;
  /**
   * Arguments that take any value and that Terraform stores in state as given (terraform_data
   * `input`, null_resource `triggers`): they hold a secret when what is passed in is one.
   */
  readonly stored?: readonly string[];
}

const STORED_INSTEAD = 'passing the secret only to write-only arguments or ephemeral resources, and keeping it out of values Terraform stores';

// Write-only arguments (`*_wo`, Terraform >= 1.11) and ephemeral resources keep secrets out of state:
// https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only
const SPECS: Readonly<Record<string, Spec>> = {
  aws_db_instance: { secrets: ['password'], managedFlag: 'manage_master_user_password', instead: 'manage_master_user_password = true or password_wo' },
  aws_rds_cluster: { secrets: ['master_password'], managedFlag: 'manage_master_user_password', instead: 'manage_master_user_password = true or master_password_wo' },
  aws_docdb_cluster: { secrets: ['master_password'], managedFlag: 'manage_master_user_password', instead: 'manage_master_user_password = true or master_password_wo' },
  aws_redshift_cluster: { secrets: ['master_password'], managedFlag: 'manage_master_password', instead: 'manage_master_password = true or master_password_wo' },
  aws_redshiftserverless_namespace: { secrets: ['admin_user_password'], managedFlag: 'manage_admin_password', instead: 'manage_admin_password = true' },
  aws_elasticache_replication_group: { secrets: ['auth_token'], instead: 'auth_token_wo or RBAC users with IAM authentication' },
  aws_elasticache_user: { secrets: ['passwords', 'authentication_mode.passwords'], instead: 'authentication_mode { type = "iam" }' },
  aws_memorydb_user: { secrets: ['authentication_mode.passwords'], instead: 'authentication_mode { type = "iam" }' },
  aws_mq_broker: { secrets: ['user.password'], instead: 'LDAP authentication or rotating the password outside Terraform' },
  aws_opensearch_domain: { secrets: ['advanced_security_options.master_user_options.master_user_password'], instead: 'an IAM master user (master_user_arn)' },
  aws_secretsmanager_secret_version: { secrets: ['secret_string', 'secret_binary'], instead: 'secret_string_wo, or letting the application or a rotation Lambda set the value' },
  aws_ssm_parameter: { secrets: ['value', 'insecure_value'], instead: 'value_wo' },
  aws_iam_user_login_profile: { secrets: [], instead: 'pgp_key so only an encrypted password is stored', always: true },
  aws_iam_access_key: { secrets: [], instead: 'IAM roles and short-lived credentials (or pgp_key so only an encrypted secret is stored)', always: true },
  random_password: { secrets: [], instead: 'ephemeral "random_password" passed to a write-only argument', always: true },
  tls_private_key: { secrets: [], instead: 'ephemeral "tls_private_key", or keys generated and held in KMS/Key Vault', always: true },
  azurerm_mssql_server: { secrets: ['administrator_login_password'], instead: 'azuread_administrator with azuread_authentication_only = true, or administrator_login_password_wo' },
  azurerm_postgresql_flexible_server: { secrets: ['administrator_password'], instead: 'authentication { active_directory_auth_enabled = true, password_auth_enabled = false } or administrator_password_wo' },
  azurerm_mysql_flexible_server: { secrets: ['administrator_password'], instead: 'Entra ID authentication or administrator_password_wo' },
  google_sql_user: { secrets: ['password'], instead: 'IAM database authentication (type = "CLOUD_IAM_USER") or password_wo' },
  google_secret_manager_secret_version: { secrets: ['secret_data'], instead: 'secret_data_wo' },
  // Arguments of any type, kept in state as given: terraform_data's input (and its output copy) and
  // triggers_replace, null_resource's triggers, the random provider's keepers, the time provider's triggers.
  // https://developer.hashicorp.com/terraform/language/resources/terraform-data
  terraform_data: { secrets: [], stored: ['input', 'triggers_replace'], instead: STORED_INSTEAD },
  null_resource: { secrets: [], stored: ['triggers'], instead: STORED_INSTEAD },
  ...Object.fromEntries(['random_id', 'random_string', 'random_pet', 'random_integer', 'random_shuffle', 'random_uuid'].map((t) => [t, { secrets: [], stored: ['keepers'], instead: STORED_INSTEAD }])),
  ...Object.fromEntries(['time_static', 'time_rotating', 'time_offset', 'time_sleep'].map((t) => [t, { secrets: [], stored: ['triggers'], instead: STORED_INSTEAD }])),
};

function valueAt(body: ModelBody, path: string): Sourced | undefined {
  const parts = path.split('.');
  let current: ModelBody | undefined = body;
  for (const part of parts.slice(0, -1)) current = current ? blockOf(current, part) : undefined;
  return current ? attr(current, parts[parts.length - 1]!) : undefined;
}

/** A module of one root module: a scan holds many roots, whose module paths (the root's own: '') repeat. */
function moduleKey(root: string | undefined, module: string): string {
  return `${root ?? ''}\u0000${module}`;
}

function targets(model: InfraModel): StateSecretSubject[] {
  const byModule = new Map<string, Map<string, VariableDecl>>();
  for (const v of model.variables) {
    const key = moduleKey(v.root, v.module);
    const vars = byModule.get(key) ?? new Map<string, VariableDecl>();
    vars.set(v.name, v);
    byModule.set(key, vars);
  }
  return model.resources
    .filter((r) => r.mode === 'managed' && SPECS[r.type])
    .map((r) => ({ ...subjectOf(r), resource: r, spec: SPECS[r.type]!, variables: byModule }));
}

/**
 * The causes of every apply-time part of a value: each part of one made of several (a template, a
 * join()), and the leaves of an unknown's known structure (jsonencode() of an object holding a secret).
 */
function unknownCauses(value: Plain, out: UnknownCause[] = []): UnknownCause[] {
  if (isUnknown(value)) {
    allCauses(causeOf(value), out);
    if (value.partial !== undefined) unknownCauses(value.partial, out);
  }
  else if (Array.isArray(value)) for (const v of value) unknownCauses(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) unknownCauses(v, out);
  return out;
}

/**
 * Why a value passed to a stored argument is a secret, from what its apply-time parts are (their
 * causes, model/unknown-cause.ts): a sensitive variable, or a secret-bearing attribute
 * (random_password.p.result, a secret version's secret_string) that the provider computes or reads.
 * Undefined when nothing says so; `ephemeral` when it reads an ephemeral value, which Terraform
 * refuses in a stored argument (its own error). `variablesOf`: a module's variables by name.
 */
function secretCauses(value: Plain, variablesOf: (module: string) => ReadonlyMap<string, VariableDecl> | undefined): { causes: string[]; ephemeral: boolean } {
  const causes = new Set<string>();
  let ephemeral = false;
  for (const cause of unknownCauses(value)) {
    switch (cause.kind) {
      // A digest (`sha256(var.pw)`, `filesha256(...)`) or a length, however it got here (a module
      // input or output, another resource's attribute): state keeps that, not the secret.
      case 'one-way':
        break;
      case 'ephemeral':
        ephemeral = true;
        break;
      case 'variable': {
        // The variable of the module it was read in (a root variable passed on to a module input is the root's).
        const decl = variablesOf(cause.module)?.get(cause.name);
        if (decl?.ephemeral) ephemeral = true;
        else if (decl?.sensitive) causes.add(`the sensitive var.${cause.name}`);
        break;
      }
      case 'attribute': {
        // Module instances and data sources: the type and attribute decide (`data.aws_ssm_parameter.p.value`).
        const local = `${cause.address}.${cause.attribute}`.replace(/^(module\.[\w-]+(\[[^\]]*\])?\.)+/, '').replace(/^data\./, '');
        const secret = secretReference(local);
        if (secret !== undefined) causes.add(`the secret-bearing ${cause.mode === 'data' ? `data.${secret}` : secret}`);
        break;
      }
      default:
        break;
    }
  }
  return { causes: [...causes], ephemeral };
}

/** Terraform refuses the ephemeral value given to the argument or nested block the path starts with (Resource.ephemeralArguments). */
function refusedEphemeral(r: Resource, path: string): boolean {
  return r.ephemeralArguments?.includes(path.split('.')[0]!) === true;
}

function checkStored(subject: StateSecretSubject, paths: readonly string[]): Outcome {
  const found: { path: string; value: Sourced; causes: string[] }[] = [];
  for (const path of paths) {
    const value = attr(subject.resource, path);
    if (value === undefined || value.value === null || refusedEphemeral(subject.resource, path)) continue;
    const { causes, ephemeral } = secretCauses(value.value, (module) => subject.variables.get(moduleKey(subject.resource.root, module)));
    // Terraform refuses an ephemeral value in a stored argument ("Ephemeral value not allowed"), so it never reaches state.
    if (causes.length === 0 && ephemeral) continue;
    // The value's sensitive mark, where no apply-time part names the cause (a sensitive variable with a value given to the scan),
    // unless the mark came only through one-way functions (`sha256(var.pw)`): Terraform keeps the mark, but state holds the digest.
    // Not unless the value is a one-way function's unknown result: a function of several unknowns (a template, join()) is told
    // by its first one's cause, so a digest beside the secret would pass; the mark is what still says so.
    if (causes.length === 0 && value.sensitive && value.onlyHashedMarks !== true) causes.push('a value marked sensitive');
    if (causes.length > 0) found.push({ path, value, causes });
  }
  if (found.length === 0) return pass(subject, `${subject.address} passes no secret to ${paths.join(' or ')}, which Terraform stores in state.`);
  const first = found[0]!;
  const what = found.map((f) => `${f.path} (${f.causes.join(', ')})`).join(' and ');
  return fail(first.value, { message: `${subject.address} passes a secret to ${what}, which Terraform stores in state in plain text; prefer ${subject.spec.instead}.` });
}

export default defineRule<StateSecretSubject>({
  id: 'tf-secrets-not-persisted-in-state',
  title: 'Secrets are service-managed, write-only or ephemeral, not stored in state',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)', '164.308(a)(5)(ii)(D)'],
  kind: 'plan',
  why: 'Terraform state keeps every argument and generated secret in plain text; a database master password or private key in state is readable by everyone who can read the state, and outlives rotation of the code.',
  howToFix:
    'Let the service manage the secret (manage_master_user_password = true), use write-only arguments such as password_wo (Terraform >= 1.11), or generate secrets with ephemeral resources; rotate secrets that were in state.',
  links: ['https://developer.hashicorp.com/terraform/language/manage-sensitive-data', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html'],
  references: {},
  targets: (model) => targets(model),
  check(subject): Outcome {
    const { resource: r, spec } = subject;
    if (spec.stored) return checkStored(subject, spec.stored);
    if (spec.always) {
      if (r.type === 'aws_iam_user_login_profile' || r.type === 'aws_iam_access_key') {
        const pgp = attr(r, 'pgp_key');
        if (pgp && !isUnresolved(pgp) && typeof pgp.value === 'string' && pgp.value !== '') return pass(pgp, `${subject.address} stores only a PGP-encrypted secret in state.`);
      }
      return fail(subject, { message: `${subject.address} keeps its generated secret in Terraform state in plain text; prefer ${spec.instead}.` });
    }
    if (spec.managedFlag) {
      const managed = attr(r, spec.managedFlag);
      if (managed && isUnresolved(managed)) return unknown(managed, `${subject.address}: whether ${spec.managedFlag} is on is known only at apply time.`);
      if (asBoolean(managed?.value) === true) return pass(managed!, `${subject.address} lets the service manage its master password (${spec.managedFlag}).`);
    }
    const given = spec.secrets.map((path) => ({ path, value: valueAt(r, path) })).filter((s) => s.value !== undefined && s.value.value !== null && !(Array.isArray(s.value.value) && s.value.value.length === 0));
    // An ephemeral value: Terraform refuses it in an argument it stores ("Invalid use of ephemeral value",
    // an error the evaluator reports), so it never reaches state. Said so, not "stored in plain text". Known
    // by the evaluator's judgement (an ephemeral variable with a known value too), or, for a resource it does
    // not judge, by an unknown part that is ephemeral (an ephemeral resource's, or a variable's without a value).
    const ephemeral = (path: string, v: Sourced): boolean => {
      if (refusedEphemeral(r, path)) return true;
      const { causes, ephemeral: isEphemeral } = secretCauses(v.value, (module) => subject.variables.get(moduleKey(r.root, module)));
      return isEphemeral && causes.length === 0;
    };
    const refused = given.filter((s) => ephemeral(s.path, s.value!));
    const persisted = given.filter((s) => !ephemeral(s.path, s.value!));
    if (persisted.length === 0 && refused.length > 0) return pass(refused[0]!.value!, `${subject.address} gives ${refused.map((p) => p.path).join(', ')} an ephemeral value, which Terraform refuses for an argument that is not write-only, so it never reaches state.`);
    if (persisted.length === 0) return pass(subject, `${subject.address} sets no secret argument that Terraform would store in state.`);
    const first = persisted[0]!;
    return fail(first.value!, { message: `${subject.address} sets ${persisted.map((p) => p.path).join(', ')}, which Terraform stores in state in plain text; prefer ${spec.instead}.` });
  },
  examples: {
    terraform: {
      bad: ['variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  username            = "app"\n  password            = var.db_password\n  allocated_storage   = 20\n  skip_final_snapshot = true\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine                      = "postgres"\n  instance_class              = "db.t3.micro"\n  username                    = "app"\n  manage_master_user_password = true\n  allocated_storage           = 20\n  skip_final_snapshot         = true\n}\n'],
    },
  },
});
