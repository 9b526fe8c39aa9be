// `# safeguard:ignore <id>` naming no rule (a typo, a rule since renamed without an alias) suppresses
// nothing, silently: the finding it was meant for stays and nobody learns why. Reported here, where
// the whole rule pack (built-in, custom policies and plugins) is known, so `--rule` narrowing a run
// does not make the other ids look unknown.
import type { RuleCatalog } from '../config/validate-config.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';
import { LineIndex } from '../source/line-index.js';

/** A comment holding a Safeguard marker: `#`, `//` or `/*`, then the ids. */
const MARKER = /(?:#|\/\/|\/\*)\s*safeguard:ignore\s+([A-Za-z0-9_,.-]+)/g;

export function unknownSuppressionIds(files: readonly { readonly path: string; readonly text: string }[], catalog: Pick<RuleCatalog, 'resolve' | 'ids'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.tf') || !file.text.includes('safeguard:ignore')) continue;
    let lines: LineIndex | undefined;
    for (const m of file.text.matchAll(MARKER)) {
      const idsAt = m.index + m[0].length - m[1]!.length;
      let offset = idsAt;
      for (const id of m[1]!.split(',')) {
        if (id !== '' && catalog.resolve(id).length === 0) {
          lines ??= new LineIndex(file.text);
          out.push(
            diagnostic('suppression/unknown-rule', 'warning', `The suppression names ${id}, which is no rule id, alias or peer id, so it suppresses nothing.`, {
              hint: 'Run `safeguard rules` for every id; a peer id such as CKV_AWS_16 works too.',
              span: lines.span(file.path, offset, offset + id.length),
            }),
          );
        }
        offset += id.length + 1;
      }
    }
  }
  return out;
}
