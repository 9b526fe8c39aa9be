// A Terraform state file in the scan holds secrets or PHI in clear text (issue 7): every attribute
// the provider marks sensitive (state v4 `sensitive_attributes`) and every value the detectors
// recognise. One finding per state file, listing attribute paths and redacted forms, never values:
// the state itself is the thing to protect (remote backend, encryption, tight read access).
import { phiIn, secretsIn } from '../../detectors/index.js';
import { shownValue } from '../../detectors/redact.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody, OutputDecl, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import type { Span } from '../../source/span.js';
import { defineRule, fail, pass, type Subject } from '../define-rule.js';
import { listOf } from './tf-plan-subjects.js';

interface Held {
  /** `aws_db_instance.patients.password`: where it is, never what it is. */
  readonly path: string;
  /** 'sensitive', or the detector's label with the redacted form and hash. */
  readonly what: string;
  readonly span: Span;
}

interface StateSubject extends Subject {
  readonly resources: readonly Resource[];
  readonly outputs: readonly OutputDecl[];
}

function judge(path: string, name: string, value: Sourced, out: Held[]): void {
  if (value.sensitive) {
    out.push({ path, what: 'sensitive', span: value.span });
    return;
  }
  if (value.provenance === 'unresolved') return;
  const secret = secretsIn(value.value, name)[0];
  if (secret) {
    out.push({ path, what: `${secret.finding.label} ${shownValue(secret.finding, ' ')}`, span: value.span });
    return;
  }
  const phi = phiIn(value.value, name)[0];
  if (phi) out.push({ path, what: `${phi.finding.label} ${shownValue(phi.finding, ' ')}`, span: value.span });
}

function walk(body: ModelBody, prefix: string, out: Held[]): void {
  for (const [name, value] of body.attributes as ReadonlyMap<string, Sourced>) judge(`${prefix}.${name}`, name, value, out);
  const seen = new Map<string, number>();
  for (const block of body.blocks) {
    const i = seen.get(block.type) ?? 0;
    seen.set(block.type, i + 1);
    walk(block, `${prefix}.${block.type}[${i}]`, out);
  }
}

/** One subject per state file (a state's resources are rooted at the file, issue 7). */
function targets(model: InfraModel): StateSubject[] {
  const byFile = new Map<string, Resource[]>();
  for (const r of model.resources) {
    if (r.origin !== 'terraform-state') continue;
    const file = r.root ?? r.span.file;
    const list = byFile.get(file);
    if (list) list.push(r);
    else byFile.set(file, [r]);
  }
  return [...byFile].map(([file, resources]) => ({ address: file, type: 'terraform-state', span: resources[0]!.span, resources, outputs: model.outputs.filter((o) => o.span.file === file) }));
}

export default defineRule<StateSubject>({
  id: 'tf-plan-state-holds-secrets',
  title: 'Terraform state holding secrets or PHI is protected like the secrets it holds',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.308(a)(5)(ii)(D)'],
  kind: 'plan',
  why: 'Terraform writes every attribute to state in clear text, sensitive or not: database passwords, access keys, private keys, and any PHI put in a value. Whoever can read the state file or its backend can read them all.',
  howToFix: 'Keep state only in an encrypted remote backend (S3 with a KMS key and TLS-only policy, HCP Terraform) with read access limited to the deploy role; never commit or copy state files; rotate the secrets listed; keep secrets out of state with manage_master_user_password, write-only arguments or ephemeral resources.',
  links: ['https://developer.hashicorp.com/terraform/language/state/sensitive-data', 'https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only'],
  references: {},
  targets: (model) => targets(model),
  check(subject) {
    const held: Held[] = [];
    for (const r of subject.resources) walk(r, r.address, held);
    for (const o of subject.outputs) judge(`output.${o.name}`, o.name, o.value, held);
    if (held.length === 0) return pass(subject, `${subject.address} holds no sensitive attribute or recognisable secret.`);
    const first = held[0]!;
    return fail(first, {
      message: `The state file ${subject.address} holds ${held.length} secret or PHI value${held.length === 1 ? '' : 's'} in clear text: ${listOf(held.map((h) => `${h.path} (${h.what})`), 8)}. Protect the state and rotate these secrets.`,
      related: held.slice(1, 20).map((h) => ({ span: h.span, message: `${h.path} is stored in clear text` })),
    });
  },
  examples: {},
});
