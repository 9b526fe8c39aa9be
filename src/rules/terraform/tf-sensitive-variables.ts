import { isPatientContext, isSecretName, phiContextOf } from '../../detectors/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { OutputDecl, VariableDecl } from '../../model/resource.js';
import { dirOf } from '../../util/paths.js';
import type { Span } from '../../source/span.js';
import { uniqueVariables } from './declarations.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';
import type { FixRequest } from '../../fixes/fix.js';
import { pushTo } from '../../util/multi-map.js';

interface VariableSubject extends Subject {
  readonly variable: VariableDecl;
  /** Why the variable is secret or PHI. */
  readonly reason: string;
  /** The module's outputs not marked sensitive that read the variable (directly or through locals), one per block. */
  readonly readers: readonly OutputDecl[];
}

/**
 * Outputs of the variable's module (its directory: every instance shares the block) that read it and
 * are not sensitive. Once the variable is sensitive Terraform refuses each of them ("Output refers
 * to sensitive values", terraform validate 1.11), so the fix marks them too.
 */
function readersOf(v: VariableDecl, byDir: ReadonlyMap<string, readonly OutputDecl[]>): OutputDecl[] {
  const seen = new Set<string>();
  const out: OutputDecl[] = [];
  for (const o of byDir.get(dirOf(v.span.file)) ?? []) {
    if (o.sensitive || !o.readsVariables?.includes(v.name)) continue;
    const key = `${o.span.file}\u0000${o.span.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o);
  }
  return out;
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
  let byDir: Map<string, OutputDecl[]> | undefined;
  for (const v of uniqueVariables(model, 'start')) {
    if (isFlagOrNumber(v)) continue;
    const reason = secretReason(v);
    if (!reason) continue;
    if (byDir === undefined) {
      byDir = new Map();
      for (const o of model.outputs) if (o.readsVariables !== undefined) pushTo(byDir, dirOf(o.span.file), o);
    }
    out.push({ address: v.module === '' ? `var.${v.name}` : `${v.module}.var.${v.name}`, type: 'variable', span: v.span, variable: v, reason, readers: readersOf(v, byDir) });
  }
  return out;
}

/** sensitive = true on the variable, and on each output that reads it, which Terraform would otherwise refuse. */
function markSensitive(v: VariableDecl, readers: readonly OutputDecl[]): FixRequest {
  const names = readers.map((o) => `output "${o.name}"`);
  const spans: Span[] = [v.span, ...readers.map((o) => o.span)];
  return {
    description: readers.length === 0 ? 'Mark the variable sensitive' : `Mark the variable sensitive, and ${names.join(', ')}, which read${readers.length === 1 ? 's' : ''} it (Terraform refuses an unmarked output of a sensitive value)`,
    safety: 'safe',
    terraform: (edit) => spans.map((span) => edit.setAttribute(span, 'sensitive', 'true')),
  };
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
      ...(!v.sensitive ? { fix: markSensitive(v, subject.readers) } : {}),
    });
  },
  examples: {
    terraform: {
      bad: ['variable "db_password" {\n  type = string\n}\n'],
      good: ['variable "db_password" {\n  type      = string\n  sensitive = true\n}\n'],
    },
  },
});
