import { isSecretName, phiInLeaves, secretsInLeaves, stringLeaves } from '../../detectors/index.js';
import { shownValue } from '../../detectors/redact.js';
import { withArticle } from '../../detectors/names.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { OutputDecl } from '../../model/resource.js';
import { uniqueOutputs } from './declarations.js';
import { configModulePath } from '../../model/module-path.js';
import { pushTo } from '../../util/multi-map.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';

/** The evaluated outputs of a called module (its path without instance keys, and the output's name). */
type ChildOutput = (modulePath: string, name: string) => OutputDecl | undefined;
/** Every evaluated output of a called module (its path without instance keys). */
type ChildOutputs = (modulePath: string) => readonly OutputDecl[];

interface OutputSubject extends Subject {
  readonly output: OutputDecl;
  /** Why a reference from the module at `from` (a config path) is to a secret: secretReference on this output's model. */
  readonly secretReferenceOf: (ref: string, from: string) => string | undefined;
}

/** Secret-bearing attributes by resource type ('*' = any type). */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['password', 'master_password', 'master_user_password', 'admin_password', 'administrator_login_password', 'auth_token', 'secret', 'private_key', 'client_secret', 'token'],
  aws_iam_access_key: ['secret', 'ses_smtp_password_v4'],
  random_password: ['result', 'bcrypt_hash'],
  tls_private_key: ['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'],
  google_service_account_key: ['private_key'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_ssm_parameter: ['value'],
  azurerm_kubernetes_cluster: ['kube_config', 'kube_config_raw', 'kube_admin_config', 'kube_admin_config_raw'],
  aws_iam_user_login_profile: ['password'],
};
const AZURE_KEYS = /^(primary|secondary)_(access_key|connection_string|blob_connection_string|key|shared_key)$|connection_string/;

/**
 * `aws_db_instance.db.password` / `module.db.db_password` → why it is a secret, or undefined. A
 * module output is followed to its value when the module was evaluated (`childOutput`), and judged
 * by its name otherwise.
 */
export function secretReference(ref: string, from = '', childOutput?: ChildOutput, depth = 0, childOutputs?: ChildOutputs): string | undefined {
  // Only the first three parts are read (module.name.output, type.name.attribute).
  const parts = ref.split('.', 3).map((p) => (p.includes('[') ? p.replace(/\[[^\]]*\]$/, '') : p));
  if (parts[0] === 'module' && parts.length === 2 && depth < 8) {
    // A module's whole object (module.db, module.db["a"]): every output of it. An output's own
    // `sensitive = true` marks nothing in the caller: terraform plan 1.11.4 prints `output "all" {
    // value = module.db }` with it in clear text, unless its value holds a sensitive value (a
    // sensitive variable), which plan refuses (eval/sensitive-output).
    for (const child of childOutputs?.(`${from === '' ? '' : `${from}.`}module.${parts[1]!}`) ?? []) {
      const inner = secretReference(`module.${parts[1]!}.${child.name}`, from, childOutput, depth, childOutputs);
      if (inner !== undefined) return `${inner} (through the whole module.${parts[1]!})`;
    }
    return undefined;
  }
  if (parts[0] === 'module' && parts.length >= 3) {
    const name = `module output ${parts.slice(0, 3).join('.')}`;
    const child = depth < 8 ? childOutput?.(`${from === '' ? '' : `${from}.`}module.${parts[1]!}`, parts[2]!) : undefined;
    if (child === undefined) return secretOutputName(parts[2]!) ? name : undefined;
    // A root output passing on a module's sensitive output unmarked prints it: Terraform 1.11 plans
    // `output "y" { value = module.m.x }` and shows the value (it refuses only a sensitive variable
    // passed so, eval/sensitive-output).
    if (child.sensitive) return name;
    const inner = child.referencedAttributes.map((r) => secretReference(r, configModulePath(child.module), childOutput, depth + 1, childOutputs)).find((r) => r !== undefined);
    return inner !== undefined ? `${name} (${inner})` : undefined;
  }
  if (parts[0] === 'var' || parts[0] === 'local' || parts[0] === 'data') return undefined;
  const [type, , attribute] = parts;
  if (!type || !attribute) return undefined;
  if ((SECRET_ATTRIBUTES['*'] ?? []).includes(attribute) || (SECRET_ATTRIBUTES[type] ?? []).includes(attribute)) return `${parts.slice(0, 3).join('.')}`;
  if (type.startsWith('azurerm_') && AZURE_KEYS.test(attribute)) return `${parts.slice(0, 3).join('.')}`;
  return undefined;
}


/**
 * A module output judged by its name, where the module was not evaluated: `encrypted_secret` and
 * `encrypted_password` (aws_iam_access_key, aws_iam_user_login_profile with a pgp_key) are PGP
 * ciphertext, which only the holder of the private key reads and the provider does not mark sensitive.
 */
function secretOutputName(name: string): boolean {
  return isSecretName(name) && !/(^|_)encrypted(_|$)/i.test(name);
}

function targets(model: InfraModel): OutputSubject[] {
  // Outputs carry no root module: two roots may call different modules by one name, and then the
  // output is ambiguous (null) and judged by its name.
  const byModule = new Map<string, OutputDecl | null>();
  for (const o of model.outputs) {
    const key = `${configModulePath(o.module)}\u0000${o.name}`;
    const known = byModule.get(key);
    if (known === undefined) byModule.set(key, o);
    else if (known !== null && (known.span.file !== o.span.file || known.span.start.offset !== o.span.start.offset)) byModule.set(key, null);
  }
  const childOutput: ChildOutput = (modulePath, name) => byModule.get(`${modulePath}\u0000${name}`) ?? undefined;
  let byPath: Map<string, OutputDecl[]> | undefined;
  const childOutputs: ChildOutputs = (modulePath) => {
    if (byPath === undefined) {
      byPath = new Map();
      for (const [key, o] of byModule) if (o !== null) pushTo(byPath, key.slice(0, key.indexOf('\u0000')), o);
    }
    return byPath.get(modulePath) ?? [];
  };
  // Each reference judged once per model: the outputs of a module called many times (one root's
  // instances, or many roots') reference the same attributes from the same module, and a module
  // output is followed into the module each time (2300 judgements of 936 references on the bench's
  // corpus (a)). The answer is a function of the reference, its module and this model's outputs.
  const reasons = new Map<string, string | undefined>();
  const secretReferenceOf = (ref: string, from: string): string | undefined => {
    const key = `${from}\u0000${ref}`;
    if (reasons.has(key)) return reasons.get(key);
    const reason = secretReference(ref, from, childOutput, 0, childOutputs);
    reasons.set(key, reason);
    return reason;
  };
  return uniqueOutputs(model, 'start').map((o) => ({ address: o.module === '' ? `output.${o.name}` : `${o.module}.output.${o.name}`, type: 'output', span: o.span, output: o, secretReferenceOf }));
}

export default defineRule<OutputSubject>({
  id: 'tf-sensitive-outputs',
  title: 'Outputs exposing secrets are sensitive, and no output carries PHI',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'Output values are printed after every apply, stored in state and readable through terraform_remote_state by other teams; a password, key or PHI value there leaks into CI logs.',
  howToFix: 'Set sensitive = true on outputs that reference secret-bearing attributes (better: do not output secrets at all; read them from the secret store), and never output PHI.',
  links: ['https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output'],
  references: {},
  targets: (model) => targets(model),
  check(subject): Outcome | Outcome[] {
    const o = subject.output;
    const leaves = stringLeaves(o.value.value, o.name); // walked once for both detectors
    const phi = phiInLeaves(leaves);
    if (phi.length > 0) {
      return phi.map(({ finding }) => fail(o.value, { message: `${subject.address} outputs ${withArticle(finding.label)} (${shownValue(finding)}); PHI must never be an output, sensitive or not.` }));
    }
    if (o.sensitive) return pass(subject, `${subject.address} is marked sensitive.`);
    const from = configModulePath(o.module);
    const reasons = [...new Set(o.referencedAttributes.map((r) => subject.secretReferenceOf(r, from)).filter((r): r is string => r !== undefined))];
    // Read only where no reference already says why (a detector run whose answer went unused).
    const literal = reasons.length === 0 ? secretsInLeaves(leaves)[0] : undefined;
    // Not the value's sensitive bit: it is set by any sensitive value read on the way, where Terraform
    // marks part by part (`local.db.host` of an object holding a password is plain, and printed).
    // What Terraform refuses unmarked is eval/sensitive-output's to say; what it prints is an unmasking.
    if (reasons.length === 0 && !literal && o.unmasked === undefined) return pass(subject, `${subject.address} exposes no secret-bearing attribute.`);
    const why =
      reasons.length > 0
        ? `references the secret-bearing ${reasons.join(', ')}`
        : literal
          ? `holds ${withArticle(literal.finding.label)} (${shownValue(literal.finding)})`
          : `unmasks a sensitive value (${o.unmasked!}) with nonsensitive(), so Terraform prints it,`;
    return fail(subject, {
      message: `${subject.address} ${why} but is not marked sensitive = true.`,
      fix: { description: 'Mark the output sensitive', safety: 'safe', terraform: (edit) => edit.setAttribute(o.span, 'sensitive', 'true') },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "random_password" "db" {\n  length = 32\n}\n\noutput "db_password" {\n  value = random_password.db.result\n}\n'],
      good: ['resource "random_password" "db" {\n  length = 32\n}\n\noutput "db_password" {\n  value     = random_password.db.result\n  sensitive = true\n}\n'],
    },
  },
});
