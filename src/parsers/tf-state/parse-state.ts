// Schema check of a Terraform state: the state file itself (version 4, what terraform.tfstate and
// `terraform state pull` hold) or `terraform show -json` of a state (format_version 1.x + values).
import { LineIndex } from '../../source/line-index.js';
import { member, type JsonNode } from '../tf-plan/json-tree.js';
import type { DocumentCheck } from '../tf-plan/parse-plan.js';

export function checkStateDocument(file: string, text: string, root: JsonNode): DocumentCheck {
  const span = new LineIndex(text).span(file, root.start, Math.min(root.end, root.start + 1));
  const version = member(root, 'version');
  const formatVersion = member(root, 'format_version');
  if (version?.kind === 'number' && version.value === 4) return { ok: true, diagnostics: [] };
  if (formatVersion?.kind === 'string' && /^1(\.\d+)?$/.test(formatVersion.value) && member(root, 'values') !== undefined) return { ok: true, diagnostics: [] };
  return {
    ok: false,
    diagnostics: [{
      code: 'parse/terraform-state',
      severity: 'error',
      message: `${file}: this Terraform state format is not supported (expected state version 4 or \`terraform show -json\` format 1.x).`,
      hint: 'Run `terraform state pull > state.json` with Terraform 0.12 or later.',
      span,
    }],
  };
}
