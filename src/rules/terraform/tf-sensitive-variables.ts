import { isPatientContext, isSecretName, phiContextOf } from '../../detectors/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { VariableDecl } from '../../model/resource.js';
import { uniqueVariables } from './declarations.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';

interface VariableSubject extends Subject {
  readonly variable: VariableDecl;
  /** Why the variable is secret or PHI. */
  readonly reason: string;
}

const SECRET_DESCRIPTION = /\b(password|passphrase|api[ -]?key|private key|access token|auth token|secret key|client secret|connection string|social security|date of birth|medical record)\b/i;
const ABOUT_A_SECRET = /\b(arn|name of|id of|identifier of|path to|length|rotation|policy|kms|number of days|expression|header|selection)\b/i;

/** Why a variable holds a secret or PHI, or undefined. */
export function secretReason(v: VariableDecl): string | undefined {
  if (isSecretName(v.name)) return 'its name says it is a secret';
  if (isPatientContext(phiContextOf(v.name))) return 'its name says it holds PHI';
  if (v.description && SECRET_DESCRIPTION.test(v.description) && !ABOUT_A_SECRET.test(v.description)) return 'its description says it is a secret or PHI';
  return undefined;
}

/** A flag or a count says nothing secret whatever its name (`manage_master_user_password = true`, `create_random_password`). */
function isFlagOrNumber(v: VariableDecl): boolean {
  if (v.primitiveType === 'bool' || v.primitiveType === 'number') return true;
  const given = v.value.value ?? v.default?.value;
  return typeof given === 'boolean';
}

/** A list or set of strings a for_each reads: its values are the instance keys, shown in every address. */
function isKeyList(v: VariableDecl): boolean {
  const given = v.value.value ?? v.default?.value;
  return v.drivesForEach === true && Array.isArray(given) && given.every((x) => typeof x === 'string');
}

function targets(model: InfraModel): VariableSubject[] {
  const out: VariableSubject[] = [];
  for (const v of uniqueVariables(model, 'start')) {
    if (isFlagOrNumber(v)) continue;
    const reason = secretReason(v);
    if (reason) out.push({ address: v.module === '' ? `var.${v.name}` : `${v.module}.var.${v.name}`, type: 'variable', span: v.span, variable: v, reason });
  }
  return out;
}

export default defineRule<VariableSubject>({
  id: 'tf-sensitive-variables',
  title: 'Secret and PHI variables are sensitive and have no default',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'A variable that is not marked sensitive is printed in plan output and CI logs; a default puts the value itself in the repository.',
  howToFix: 'Set sensitive = true on the variable, remove its default, and supply the value at run time from a secret store (TF_VAR_ from the CI secret store, or a data source).',
  links: ['https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output'],
  references: {},
  targets: (model) => targets(model),
  check(subject): Outcome {
    const v = subject.variable;
    if (isKeyList(v)) {
      return pass(subject, `${subject.address} is the collection a for_each iterates, so its values are instance keys Terraform shows in every address and plan: names, not secrets (Terraform refuses a sensitive for_each).`);
    }
    const gaps: string[] = [];
    // An ephemeral variable (Terraform 1.10) is in neither plan nor state, and Terraform withholds any
    // message that would show it ("Error message refers to ephemeral values", terraform 1.11): what
    // sensitive = true guards against does not happen to it. A default is still a literal in the code.
    if (!v.sensitive && !v.ephemeral) gaps.push('is not marked sensitive = true');
    const hasRealDefault = v.hasDefault && v.default !== undefined && v.default.value !== null && v.default.value !== '';
    if (hasRealDefault) gaps.push('has a default value');
    if (gaps.length === 0) return pass(subject, v.sensitive ? `${subject.address} is sensitive and has no default.` : `${subject.address} is ephemeral (Terraform keeps it out of plan and state and never displays it) and has no default.`);
    if (v.drivesForEach && !v.sensitive) {
      // Marking it sensitive would make Terraform refuse the for_each: no automatic fix, and the way out said.
      return fail(subject, {
        message: `${subject.address} ${gaps.join(' and ')}, though ${subject.reason}; a for_each reads it, and Terraform refuses a sensitive for_each: mark it sensitive and iterate over nonsensitive(toset(keys(${subject.address.replace(/^.*\bvar\./, 'var.')}))), or keep the secrets in a variable of their own.`,
      });
    }
    return fail(subject, {
      message: `${subject.address} ${gaps.join(' and ')}, though ${subject.reason}.`,
      ...(!v.sensitive ? { fix: { description: 'Mark the variable sensitive', safety: 'safe' as const, terraform: (edit) => edit.setAttribute(v.span, 'sensitive', 'true') } } : {}),
    });
  },
  examples: {
    terraform: {
      bad: ['variable "db_password" {\n  type = string\n}\n'],
      good: ['variable "db_password" {\n  type      = string\n  sensitive = true\n}\n'],
    },
  },
});
