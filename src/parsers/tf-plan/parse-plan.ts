// Schema check of a `terraform show -json` plan (STYLE.md §9: plan JSON is checked on load):
// format_version 1.x (a new major version is rejected, as the format's documentation asks).
import type { Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';
import { member, type JsonNode } from './json-tree.js';

export interface DocumentCheck {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

function at(file: string, text: string, node: JsonNode): Diagnostic['span'] {
  return new LineIndex(text).span(file, node.start, Math.min(node.end, node.start + 1));
}

export function checkPlanDocument(file: string, text: string, root: JsonNode): DocumentCheck {
  if (root.kind !== 'object') return { ok: false, diagnostics: [{ code: 'parse/terraform-plan', severity: 'error', message: `${file} is not a Terraform plan: the document is not a JSON object.`, span: at(file, text, root) }] };
  const version = member(root, 'format_version');
  if (version?.kind !== 'string' || !/^1(\.\d+)?$/.test(version.value)) {
    return {
      ok: false,
      diagnostics: [{
        code: 'parse/terraform-plan',
        severity: 'error',
        message: `${file}: plan format_version ${version?.kind === 'string' ? JSON.stringify(version.value) : version === undefined ? '(missing)' : `${text.slice(version.start, Math.min(version.end, version.start + 40))} (not a string)`} is not supported (expected 1.x).`,
        hint: 'Produce the plan with `terraform show -json <planfile>` from Terraform 0.12 or later, or upgrade Safeguard.',
        span: at(file, text, version ?? root),
      }],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const errored = member(root, 'errored');
  if (errored?.kind === 'boolean' && errored.value) {
    diagnostics.push({ code: 'scan/plan-errored', severity: 'warning', message: `${file} is an errored plan: planning failed, so some resources may be missing from it.`, hint: 'Fix the plan errors and run `terraform plan` again.', span: at(file, text, errored) });
  }
  return { ok: true, diagnostics };
}
