// Secrets and PHI in the other text files of the repository (.env, JSON, YAML, scripts, templates,
// Terraform stack files): the same detectors as for Terraform literals, run over the whole text, one
// subject per file.
// Each hit is placed at its exact line and column; the value itself never leaves the detector.
import type { InfraModel } from '../../model/infra-model.js';
import { LineIndex } from '../../source/line-index.js';
import type { LiteralSubject } from './literal-scan.js';

interface Located {
  readonly start: number;
  readonly end: number;
}

/**
 * Each swept file as one subject with its hits. `leaveProviderBlocks`: not in a Terraform stack
 * file's provider blocks (TextDocument.providerBlocks), whose credentials tf-no-provider-credentials
 * reports on the evaluated configuration, as the literal scans leave `.tf` provider blocks to it.
 */
export function documentSubjects<F extends Located>(model: InfraModel, find: (text: string) => readonly F[], leaveProviderBlocks = false): LiteralSubject<F>[] {
  return (model.repo.documents ?? []).map((doc) => {
    const lines = new LineIndex(doc.text);
    const skipped = leaveProviderBlocks ? doc.providerBlocks : undefined;
    const found = find(doc.text);
    const kept = skipped === undefined ? found : found.filter((f) => !skipped.some(([start, end]) => f.start >= start && f.end <= end));
    const hits = kept.map((finding) => {
      const span = lines.span(doc.path, finding.start, finding.end);
      return { finding, path: `line ${span.start.line}`, span, uses: [] };
    });
    return { address: `file ${doc.path}`, type: 'file', span: lines.span(doc.path, 0, 0), hits, reportedElsewhere: false };
  });
}

/** The rules that judge `model.repo.documents`; the scan runs only these over the swept files. */
export const DOCUMENT_RULE_IDS: ReadonlySet<string> = new Set(['tf-no-secrets-in-code', 'phi-no-phi-in-code']);
