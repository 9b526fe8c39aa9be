// Error messages quote the value they could not use (`cannot convert "…" to a number`). A value
// read through a name that says it is a secret (var.db_password, random_password.p.result,
// aws_db_instance.d.password, var.db_pw) is kept out of them even when nobody marked it sensitive.
import { isMaskedName } from '../detectors/names.js';
import { forEachTraversal } from './traversals.js';

/** Whether an expression refers to anything whose name says it holds a secret. */
export function refersToSecretName(node: object | undefined): boolean {
  if (node === undefined) return false;
  let found = false;
  forEachTraversal(node, (t) => {
    if (found) return;
    found = (t.type === 'traversal' && isMaskedName(t.root)) || t.steps.some((s) => s.kind === 'attr' && isMaskedName(s.name));
  });
  return found;
}

/** Whether the last word of a label (`local.db_password`, `attribute password`, `output "token"`) names a secret. */
export function labelNamesSecret(label: string): boolean {
  const words = label.split(/[\s.:"[\]]+/).filter((w) => w !== '');
  return words.length > 0 && isMaskedName(words[words.length - 1]!);
}
