import { findPhiInText, phiInLeaves, type PhiFinding } from '../../detectors/index.js';
import { shownValue } from '../../detectors/redact.js';
import { withArticle } from '../../detectors/names.js';
import type { InfraModel } from '../../model/infra-model.js';
import { defineRule, fail, pass, type Outcome } from '../define-rule.js';
import { documentSubjects } from '../terraform/document-scan.js';
import { endLiteralScan, gatherLiterals, LITERAL_OWNER_WHY, scanLiterals, type GatheredLiterals, type LiteralSubject, type ScanOptions } from '../terraform/literal-scan.js';
import { gatheredFor } from '../../engine/gathered.js';

const ID = 'phi-no-phi-in-code';
const SCAN: ScanOptions = { providers: true, reader: ID };

// Not remembered per model (as tf-no-secrets-in-code): the engine asks for the targets once per run.
function subjects(model: InfraModel): LiteralSubject<PhiFinding>[] {
  // Judged root module by root module, each root's resources were gathered as it was evaluated (acrossRoots).
  const gathered = gatheredFor<GatheredLiterals<PhiFinding>>(model, ID);
  return gathered ? endLiteralScan(gathered, model, phiInLeaves, SCAN) : scanLiterals(model, phiInLeaves, SCAN);
}

export default defineRule<LiteralSubject<PhiFinding>>({
  id: ID,
  title: 'No PHI in Terraform code, tfvars, tags, configuration or other repository files',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(4)(i)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'Terraform code, tfvars, tags and resource configuration are read by engineers, CI logs, state, billing and tag APIs that are not authorised for ePHI; a test patient\'s SSN or a real MRN there is a disclosure.',
  howToFix: 'Remove the value and rewrite history if it was real PHI; use synthetic identifiers that cannot be valid (e.g. SSN area 000 or 9xx) in examples and tests, and keep patient data in the data stores only.',
  links: ['https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html'],
  references: {},
  targets: (model) => [...subjects(model), ...documentSubjects(model, findPhiInText)],
  acrossRoots: {
    why: LITERAL_OWNER_WHY,
    // The checks read the subjects only; the end model's declarations (variables, module calls, providers) and documents are there anyway.
    reads: [],
    gather: (model) => gatherLiterals(model, phiInLeaves, SCAN),
  },
  check(subject): Outcome | Outcome[] {
    // What it holds is reported at another subject's finding (LiteralSubject.reportedElsewhere): no pass.
    if (subject.hits.length === 0 && subject.reportedElsewhere) return [];
    if (subject.hits.length === 0) return pass(subject, `${subject.address} holds no PHI-looking literal.`);
    return subject.hits.map((hit) =>
      fail(hit.span, {
        message: `${subject.address}: ${hit.path} holds what looks like ${withArticle(hit.finding.label)} (${shownValue(hit.finding)}).`,
        related: hit.uses.map((span) => ({ span, message: 'the value is used here' })),
      }),
    );
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n\n  tags = {\n    test_patient_ssn = "219-45-6789"\n  }\n}\n'],
      good: ['resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n\n  tags = {\n    order_number = "123456789"\n  }\n}\n'],
    },
  },
});
