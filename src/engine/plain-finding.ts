// Whether a finding holds, in every field a report or the scan cache writes, the strings and
// numbers its type says. The JSON reporter writes such a finding by template and the cache stores
// it as a row; anything else (a plugin's finding with an odd value) takes the general path, so
// neither shortcut can change a byte.
import type { Span } from '../source/span.js';
import type { Finding } from './finding.js';

/** A span of a string file and finite numbers. */
export function isPlainSpan(s: Span): boolean {
  return (
    typeof s.file === 'string' &&
    Number.isFinite(s.start.line) &&
    Number.isFinite(s.start.column) &&
    Number.isFinite(s.start.offset) &&
    Number.isFinite(s.end.line) &&
    Number.isFinite(s.end.column) &&
    Number.isFinite(s.end.offset)
  );
}

/** The finding's own strings, its span, its related spans and messages, and its fix's text are as typed. */
export function hasPlainFields(f: Finding): boolean {
  return (
    typeof f.ruleId === 'string' &&
    typeof f.title === 'string' &&
    typeof f.status === 'string' &&
    typeof f.severity === 'string' &&
    typeof f.message === 'string' &&
    typeof f.resource.address === 'string' &&
    typeof f.resource.kind === 'string' &&
    (f.resource.root === undefined || typeof f.resource.root === 'string') &&
    (f.resource.constructPath === undefined || typeof f.resource.constructPath === 'string') &&
    // A sharded scan's first-instance note is rare: such a finding takes the general path.
    f.resource.instance === undefined &&
    isPlainSpan(f.span) &&
    f.related.every((r) => typeof r.message === 'string' && isPlainSpan(r.span)) &&
    (f.fix === undefined || (typeof f.fix.description === 'string' && typeof f.fix.safety === 'string'))
  );
}
