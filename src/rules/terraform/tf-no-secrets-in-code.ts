import { findSecretsInText, isSecretName, secretsInLeaves, type SecretFinding } from '../../detectors/index.js';
import { shownValue } from '../../detectors/redact.js';
import type { InfraModel } from '../../model/infra-model.js';
import { asString } from '../../model/read.js';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, pass, type Outcome } from '../define-rule.js';
import { documentSubjects } from './document-scan.js';
import { gatheredFor } from '../../engine/gathered.js';
import { endLiteralScan, gatherLiterals, LITERAL_OWNER_WHY, scanLiterals, type GatheredLiterals, type JudgedAs, type LiteralSubject, type ScanOptions } from './literal-scan.js';
import { isComputeConfigPath } from './tf-no-secrets-in-compute-config.js';

const ID = 'tf-no-secrets-in-code';
const SCAN: ScanOptions = { skipResource: isComputeConfigPath, reader: ID, judgeAs: ssmValueJudgedAs };

// Not remembered per model: the engine asks for a rule's targets once per run, and kept subjects
// (one per resource, variable and module call, with their hits) outlived the rule for nothing.
export function secretSubjects(model: InfraModel): LiteralSubject<SecretFinding>[] {
  // Judged root module by root module, each root's resources were gathered as it was evaluated (acrossRoots).
  const gathered = gatheredFor<GatheredLiterals<SecretFinding>>(model, ID);
  return gathered ? endLiteralScan(gathered, model, secretsInLeaves, SCAN) : scanLiterals(model, secretsInLeaves, SCAN);
}

/** The arguments that hold an SSM parameter's value (value_wo: Terraform >= 1.11 keeps it out of state, not out of the code). */
const SSM_VALUES: ReadonlySet<string> = new Set(['value', 'value_wo', 'insecure_value']);

/**
 * An SSM parameter's value is named `value` whatever it holds, so its own name makes no literal a
 * secret: the parameter says it is one, by a secret name (`/prod/db/password`, read as
 * tf-no-secrets-in-compute-config reads it, or the resource's own name) or by its type
 * (SecureString: "sensitive data", AWS Systems Manager's user guide). The literal is then judged as
 * a secret-named value is, placeholders and all (`changeme`, `<set-me>`, an empty string).
 */
export function ssmValueJudgedAs(r: Resource, path: string): JudgedAs | undefined {
  if (r.type !== 'aws_ssm_parameter' || !SSM_VALUES.has(path)) return undefined;
  const name = asString(r.attributes.get('name')?.value);
  const leaf = name?.split('/').filter((s) => s !== '').pop();
  if (name !== undefined && leaf !== undefined && isSecretName(leaf)) return { name: leaf, because: `the value of the secret-named parameter "${name}"` };
  if (isSecretName(r.name)) return { name: r.name, because: `the value of a parameter named ${r.name}` };
  if (asString(r.attributes.get('type')?.value) === 'SecureString') return { name: 'secret', because: `the value of a SecureString parameter${name !== undefined ? ` ("${name}")` : ''}` };
  return undefined;
}

export default defineRule<LiteralSubject<SecretFinding>>({
  id: ID,
  title: 'No hard-coded secrets in Terraform code, tfvars or other repository files',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.312(d)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'A password, key or token written in code is readable by everyone with repository access and stays in git history; it also lands in state. Credentials that guard ePHI must come from a secret store.',
  howToFix:
    'Remove the literal, rotate the secret, and reference a secret store instead: manage_master_user_password = true for RDS, aws_secretsmanager_secret_version data sources, or a sensitive variable supplied at run time.',
  links: ['https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/integrating_how-services-use-secrets_RS.html'],
  references: { checkov: ['CKV_SECRET_2', 'CKV_SECRET_6', 'CKV_SECRET_13', 'CKV_SECRET_80'] },
  // Terraform literals, and the repository's other text files (.env, JSON, YAML, scripts) when the scan swept them.
  targets: (model) => [...secretSubjects(model), ...documentSubjects(model, findSecretsInText, true)],
  acrossRoots: {
    why: LITERAL_OWNER_WHY,
    // The checks read the subjects only; the end model's declarations (variables, module calls, providers) and documents are there anyway.
    reads: [],
    gather: (model) => gatherLiterals(model, secretsInLeaves, SCAN),
  },
  check(subject): Outcome | Outcome[] {
    // What it holds is reported at another subject's finding (LiteralSubject.reportedElsewhere): no pass.
    if (subject.hits.length === 0 && subject.reportedElsewhere) return [];
    if (subject.hits.length === 0) return pass(subject, `${subject.address} holds no hard-coded secret.`);
    return subject.hits.map((hit) =>
      fail(hit.span, {
        message:
          hit.because === undefined
            ? `${subject.address}: ${hit.path} holds a hard-coded ${labelAfter(hit.path, hit.finding.label)} (${shownValue(hit.finding)}).`
            : // The label names the name it was judged under, which is not written anywhere: the reason says it.
              `${subject.address}: ${hit.path} holds a hard-coded ${hit.finding.label.replace(/ for \S+$/, '')} (${shownValue(hit.finding)}), ${hit.because}.`,
        related: hit.uses.map((span) => ({ span, message: 'the secret is used here' })),
      }),
    );
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  username            = "app"\n  password            = "Zk29-qpL!x7"\n  allocated_storage   = 20\n  skip_final_snapshot = true\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine                      = "postgres"\n  instance_class              = "db.t3.micro"\n  username                    = "app"\n  manage_master_user_password = true\n  allocated_storage           = 20\n  skip_final_snapshot         = true\n}\n'],
    },
  },
});

/** The detector's label without naming again what the path just named ("password holds a literal secret", not "... literal secret for password"). */
function labelAfter(path: string, label: string): string {
  const suffix = ` for ${path.slice(path.lastIndexOf('.') + 1)}`;
  return label.endsWith(suffix) ? label.slice(0, -suffix.length) : label;
}
