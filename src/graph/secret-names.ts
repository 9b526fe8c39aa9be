// Error messages quote the value they could not use (`cannot convert "…" to a number`). A value
// read through a name that says it is a secret (var.db_password, random_password.p.result,
// aws_db_instance.d.password) is kept out of them even when nobody marked it sensitive.
import { isSecretName } from '../detectors/names.js';
import type { TraversalStep } from '../parsers/hcl/ast.js';

/** Far deeper than any expression a person writes; the walk runs on error paths only. */
const MAX_DEPTH = 200;

/** Whether an expression refers to anything whose name says it holds a secret. */
export function refersToSecretName(node: unknown, depth = 0): boolean {
  if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(node)) return node.some((n) => refersToSecretName(n, depth + 1));
  const n = node as { readonly type?: unknown; readonly root?: string; readonly steps?: readonly TraversalStep[] };
  if (n.type === 'traversal') return isSecretName(n.root ?? '') || (n.steps ?? []).some((s) => s.kind === 'attr' && isSecretName(s.name));
  if (n.type === 'relativeTraversal' && (n.steps ?? []).some((s) => s.kind === 'attr' && isSecretName(s.name))) return true;
  for (const v of Object.values(node)) if (typeof v === 'object' && refersToSecretName(v, depth + 1)) return true;
  return false;
}

/** Whether the last word of a label (`local.db_password`, `attribute password`, `output "token"`) names a secret. */
export function labelNamesSecret(label: string): boolean {
  const words = label.split(/[\s.:"[\]]+/).filter((w) => w !== '');
  return words.length > 0 && isSecretName(words[words.length - 1]!);
}
