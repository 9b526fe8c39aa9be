// fileset()'s patterns as Terraform reads them (its doublestar matching): `*` and `?` stay within a
// path segment, `**` crosses them (`**/` also matches no directory at all), `[a-z]`/`[^…]` classes,
// `{a,b}` alternatives and `\` escapes. Compiled to one anchored regular expression per pattern.
import { EvalError } from '../value.js';

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escape = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

/** The regular expression a pattern stands for; an EvalError for a malformed pattern, as Terraform refuses it. */
export function globToRegExp(pattern: string): RegExp {
  let i = 0;
  const bad = (why: string): EvalError => new EvalError(`fileset: the pattern "${pattern}" is not valid: ${why}.`);
  // Reads until `stop` (a `,` or `}` inside alternatives) or the end; returns the regex source.
  const sequence = (inBraces: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (inBraces && (c === ',' || c === '}')) return out;
      if (c === '\\') {
        if (i + 1 >= pattern.length) throw bad('it ends with a lone backslash');
        out += escape(pattern[i + 1]!);
        i += 2;
      } else if (c === '*') {
        if (pattern[i + 1] === '*') {
          const segmentStart = i === 0 || pattern[i - 1] === '/';
          i += 2;
          if (segmentStart && pattern[i] === '/') {
            out += '(?:[^/]*/)*'; // `**/`: any directories, or none
            i += 1;
          } else if (segmentStart && i === pattern.length) {
            out += '.*';
          } else {
            out += '[^/]*'; // `**` inside a segment is a plain `*`, as in doublestar
          }
        } else {
          out += '[^/]*';
          i += 1;
        }
      } else if (c === '?') {
        out += '[^/]';
        i += 1;
      } else if (c === '[') {
        const end = pattern.indexOf(']', i + 2);
        if (end < 0) throw bad('a [ class is not closed');
        let body = pattern.slice(i + 1, end);
        const negated = body.startsWith('^') || body.startsWith('!');
        if (negated) body = body.slice(1);
        out += `[${negated ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = end + 1;
      } else if (c === '{') {
        i += 1;
        const options: string[] = [];
        for (;;) {
          options.push(sequence(true));
          if (i >= pattern.length) throw bad('a { alternative is not closed');
          const sep = pattern[i]!;
          i += 1;
          if (sep === '}') break;
        }
        out += `(?:${options.join('|')})`;
      } else {
        out += escape(c);
        i += 1;
      }
    }
    return out;
  };
  const source = sequence(false);
  try {
    return new RegExp(`^${source}$`, 'u');
  } catch {
    throw bad('it does not compile');
  }
}
