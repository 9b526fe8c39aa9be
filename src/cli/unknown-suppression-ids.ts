// `# safeguard:ignore <id>` naming no rule (a typo, a rule since renamed without an alias) suppresses
// nothing, silently: the finding it was meant for stays and nobody learns why. Reported here, where
// the whole rule pack (built-in, custom policies and plugins) is known, so `--rule` narrowing a run
// does not make the other ids look unknown.
// Terrascan's `#ts:skip=` is checked the same way: the HIPAA catalog gives no Terrascan ids, so a team
// migrating from Terrascan learns here, at each marker, that it waives nothing until the rule is named.
import type { RuleCatalog } from '../config/validate-config.js';
import { TERRASCAN_ID } from '../engine/inline-suppressions.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';
import { LineIndex } from '../source/line-index.js';
import { fileIncludes, type Needle } from '../discovery/file-index.js';

/** A comment holding a Safeguard marker: `#`, `//` or `/*`, then the ids. */
const MARKER = /(?:#|\/\/|\/\*)\s*safeguard:ignore\s+([A-Za-z0-9_,.-]+)/g;
/** Anything that looks like a Terrascan marker, also the forms Terrascan does not read (`# ts:skip=`, `//ts:skip=`). */
const TERRASCAN_LIKE = /(#|\/\/)([ \t]*)ts:skip=/g;
const TERRASCAN_ID_AT_START = new RegExp(`^(?:${TERRASCAN_ID.source})`);

export function unknownSuppressionIds(files: readonly { readonly path: string; readonly text: string; readonly needles?: readonly Needle[] }[], catalog: Pick<RuleCatalog, 'resolve' | 'ids'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    // fileIncludes: a file the cache's file index knew is read only when it holds a marker.
    if (file.path.endsWith('.tf') && fileIncludes(file, 'ts:skip=')) out.push(...terrascanMarkers(file, catalog));
    if (!file.path.endsWith('.tf') || !fileIncludes(file, 'safeguard:ignore')) continue;
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

const TERRASCAN_HINT = 'Name the Safeguard rule instead: # safeguard:ignore <rule-id> <reason> (`safeguard rules` lists the ids), or add a waiver to .safeguard/waivers.yaml.';

/**
 * `#ts:skip=<id>` whose id no rule maps, and the spellings Terrascan itself does not read: it matches the
 * literal `#ts:skip=` (pkg/utils/skip_rules.go), so `# ts:skip=` skipped nothing there and skips nothing here.
 */
function terrascanMarkers(file: { readonly path: string; readonly text: string }, catalog: Pick<RuleCatalog, 'resolve'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  let lines: LineIndex | undefined;
  const at = (from: number, to: number) => (lines ??= new LineIndex(file.text)).span(file.path, from, to);
  for (const m of file.text.matchAll(TERRASCAN_LIKE)) {
    const idsAt = m.index + m[0].length;
    const lineEnd = file.text.indexOf('\n', idsAt);
    const rest = file.text.slice(idsAt, lineEnd === -1 ? undefined : lineEnd);
    if (m[1] !== '#' || m[2] !== '') {
      out.push(
        diagnostic('suppression/unread-marker', 'warning', `\`${m[0]}\` is not read: Terrascan, and Safeguard with it, reads only \`#ts:skip=\` written without a space, so it suppresses nothing.`, {
          hint: `Write it as #ts:skip=<id> <reason> inside the resource, or use # safeguard:ignore <rule-id> <reason>.`,
          span: at(m.index, idsAt),
        }),
      );
      continue;
    }
    const id = TERRASCAN_ID_AT_START.exec(rest)?.[0].trim();
    if (id === undefined) {
      const word = /^\S*/.exec(rest)![0];
      out.push(
        diagnostic('suppression/unknown-rule', 'warning', `The suppression names ${word === '' ? 'no id' : word}, which is no Terrascan rule id, so it suppresses nothing.`, {
          hint: TERRASCAN_HINT,
          span: at(idsAt, idsAt + word.length),
        }),
      );
    } else if (catalog.resolve(id).length === 0) {
      const idAt = idsAt + rest.indexOf(id);
      out.push(
        diagnostic('suppression/unknown-rule', 'warning', `The suppression names ${id}, a Terrascan id that no rule maps, so it suppresses nothing.`, {
          hint: TERRASCAN_HINT,
          span: at(idAt, idAt + id.length),
        }),
      );
    }
  }
  return out;
}
