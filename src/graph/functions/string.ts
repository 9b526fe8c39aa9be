// String built-ins (Terraform docs: "String Functions").
import { goLower, goTitleChar, goUpper } from './case-mapping.js';
import { graphemeCount, graphemes } from './graphemes.js';
import { EVALUATOR_GAP, EvalError, ListV, ObjV, UNKNOWN_TEXT, Unk, causeOfParts, firstUnk, templateRefinement, unknownsIn, formatNumber, hasUnk, list, obj, toNum, tuple, type Val } from '../value.js';
import { formatExponent, formatFixed, formatGeneral } from '../number-format.js';
import { checkString, int, int64, notNullResult, seq, str, type Budget, type FunctionContext, type FunctionSpec } from './args.js';
import { jsonEncode } from './encoding.js';
import { enableLinearRegexFallback, matchOnWorker, needsUnicodeFlag, runsInLinearTime } from './regex-engine.js';

enableLinearRegexFallback();

/** The characters JavaScript's \s takes and RE2's does not, as class members. */
const JS_ONLY_SPACES = '\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** RE2's POSIX classes, inside a bracket expression, as JavaScript ranges. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/**
 * RE2 syntax JavaScript spells differently or lacks, rewritten (Terraform's regex functions use Go's
 * RE2): named groups `(?P<n>…)`, `\A` and `\z`, `\pL`, `\x{e9}`, `\Q…\E` and the POSIX classes
 * `[[:digit:]]`. `multiline`: the pattern has the m flag, under which `^` and `$` match at lines.
 */
export function translateRe2(pattern: string, multiline: boolean, dotAll = false, ungreedy = false, otherLineBreaks = false, caseless = false, scoped = false): string {
  let out = '';
  let inClass = false;
  let classStart = -1;
  let classOut = -1;
  // Scoped (the pattern sets flags past its start: `(?i:…)`, `a(?s)b`, which V8's JavaScript lacks):
  // the expression has no i, m or s flag, and these are each group's own, written out here.
  let flags: Re2Flags = { i: caseless, m: multiline, s: dotAll, U: ungreedy };
  const outer: Re2Flags[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const fold = scoped && flags.i;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      const before = out.length;
      if (!isRe2Escape(next, pattern[i + 2], inClass)) throw new EvalError(`Invalid value for "pattern" parameter: invalid escape sequence \\${next} (Go's RE2 has no such escape, so Terraform refuses the pattern).`, undefined, 'eval/arguments');
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end === -1 ? pattern.length : end);
        out += fold ? [...literal].map((ch) => foldedChar(ch, () => ch.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&'), inClass)).join('') : literal.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
        i = end === -1 ? pattern.length : end + 1;
      } else if (!inClass && next === 'A') {
        out += multiline && !scoped ? '(?<![\\s\\S])' : '^';
        i++;
      } else if (!inClass && next === 'z') {
        out += multiline && !scoped ? '(?![\\s\\S])' : '$';
        i++;
      } else if ((next === 'p' || next === 'P') && pattern[i + 2] !== undefined && pattern[i + 2] !== '{') {
        out += `\\${next}{${pattern[i + 2]}}`;
        i += 2;
      } else if ((next === 'p' || next === 'P') && pattern[i + 2] === '{' && pattern.indexOf('}', i + 3) > 0) {
        // RE2 names a script alone (\p{Greek}); JavaScript wants \p{Script=Greek} (a category like Lu stays).
        // \p{^L} is RE2's complement, \P{L} (terraform console 1.11.4: regex("\\P{^L}+", "ab1") is "ab").
        const close = pattern.indexOf('}', i + 3);
        const negated = pattern[i + 3] === '^';
        const name = pattern.slice(i + (negated ? 4 : 3), close);
        const letter = negated ? (next === 'p' ? 'P' : 'p') : next;
        out += `\\${letter}{${GENERAL_CATEGORY.test(name) || name.includes('=') ? name : `Script=${name}`}}`;
        i = close;
      } else if (next === 'a') {
        // RE2's \a is the bell character, U+0007; JavaScript reads it as "a".
        out += '\\x07';
        i++;
      } else if (next === 's' || next === 'S') {
        // RE2's \s is [\t\n\f\r ]; JavaScript's takes in Unicode spaces too (a non-breaking space), in
        // a class as well (terraform console 1.11.4: regexall("[\\s]", "a\u00a0b c") is [" "]). In a
        // class \S is JavaScript's with those spaces and \v added back.
        if (inClass) out += next === 's' ? '\\t\\n\\f\\r ' : `\\S${JS_ONLY_SPACES}`;
        else out += next === 's' ? '[\\t\\n\\f\\r ]' : '[^\\t\\n\\f\\r ]';
        i++;
      } else if (next === 'x' && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i + 3);
        if (close === -1) {
          out += '\\x';
          i++;
        } else {
          out += `\\u{${pattern.slice(i + 3, close)}}`;
          i = close;
        }
      } else if (!/[A-Za-z0-9]/.test(next) && !/[\^$\\.*+?()[\]{}|/]/.test(next) && !(inClass && next === '-')) {
        // RE2 takes any punctuation escaped (\-, \_, \#); JavaScript's u flag, which \p{L} needs, only its
        // syntax characters, and without u \p{L} is the text "p{L}" (terraform console 1.11.4:
        // regex("\\-\\p{L}", "-a") is "-a"): as a code unit escape, the same either way.
        const cp = pattern.codePointAt(i + 1)!;
        out += cp > 0xffff ? String.fromCodePoint(cp) : `\\u${cp.toString(16).padStart(4, '0')}`;
        i += cp > 0xffff ? 2 : 1;
      } else {
        out += c + next;
        i++;
      }
      // Case-insensitively RE2 folds \p{Lu} and then complements it: \P{Lu} is neither A nor a
      // (terraform console 1.11.4: regexall("(?i)\\P{Lu}", "aA1") is ["1"]), where JavaScript's `i`
      // matches any letter. (Under a group's flag the fold below spells it out.)
      if (caseless && !scoped && /^\\P\{/.test(out.slice(before))) {
        const positive = `\\p${out.slice(before + 2)}`;
        out = out.slice(0, before) + (inClass ? foldedComplement(out.slice(before)) : `[^${positive}]`);
      }
      // Case-insensitively, an escape for letters (\x41, \101, \w, \pL) takes their case variants too; a
      // class folds as a whole at its end.
      if (fold && !inClass) {
        const piece = out.slice(before);
        // \x41 and \101 are one character: the translation above keeps their digits for later.
        const digits = piece === '\\x' ? /^[0-9A-Fa-f]{2}/.exec(pattern.slice(i + 1)) : /^\\[0-7]$/.test(piece) ? /^[0-7]{0,2}/.exec(pattern.slice(i + 1)) : null;
        if (digits !== null) {
          const code = piece === '\\x' ? parseInt(digits[0], 16) : parseInt(piece.slice(1) + digits[0], 8);
          out = out.slice(0, before) + foldedChar(String.fromCodePoint(code), () => piece + digits[0], false);
          i += digits[0].length;
        } else if (/^\\(?:u\{|[wWpP])/.test(piece)) out = out.slice(0, before) + foldedSet(piece);
      }
      continue;
    }
    if (inClass) {
      const posix = c === '[' ? /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i)) : null;
      if (posix && POSIX_CLASSES[posix[2]!] !== undefined) {
        // A negated one among other members ([[:^alpha:]x], [^[:^digit:]]) is its complement's ranges.
        out += posix[1] === '^' ? posixComplement(posix[2]!, scoped ? flags.i : caseless) : POSIX_CLASSES[posix[2]!];
        i += posix[0].length - 1;
        continue;
      }
      // A `]` right after `[` or `[^` is a literal member, not the end (JavaScript reads `[]` as empty).
      if (c === ']' && i === classStart) {
        out += '\\]';
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      if (fold && !inClass) out = out.slice(0, classOut) + foldedClass(out.slice(classOut));
      continue;
    }
    if (c === '[') {
      // A class that is one negated POSIX class ([[:^alpha:]]): its complement.
      const negated = /^\[\[:\^([a-z]+):\]\]/.exec(pattern.slice(i));
      if (negated && POSIX_CLASSES[negated[1]!] !== undefined) {
        out += fold ? `[^${foldedClass(`[${POSIX_CLASSES[negated[1]!]}]`).slice(1)}` : `[^${POSIX_CLASSES[negated[1]!]}]`;
        i += negated[0].length - 1;
        continue;
      }
      inClass = true;
      classStart = pattern[i + 1] === '^' ? i + 2 : i + 1;
      classOut = out.length;
      out += c;
      continue;
    }
    if (scoped && c === '(') {
      // RE2's flag groups: (?i:…) sets flags within, (?i) to the end of the group it is in (terraform
      // console 1.11.4: regexall("a(?i)b|c", "aBC") is ["aB", "C"]); (?-i:…) clears them.
      const group = /^\(\?([imsU]*)(?:-([imsU]+))?([:)])/.exec(pattern.slice(i));
      if (group && (group[1] !== '' || group[2] !== undefined)) {
        const set: Re2Flags = { ...flags };
        for (const f of group[1]!) set[f as keyof Re2Flags] = true;
        for (const f of group[2] ?? '') set[f as keyof Re2Flags] = false;
        if (group[3] === ':') {
          outer.push(flags);
          out += '(?:';
        }
        flags = set;
        i += group[0].length - 1;
        continue;
      }
      outer.push(flags);
    }
    if (scoped && c === ')') flags = outer.pop() ?? flags;
    if (c === '(' && /^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) {
      throw new EvalError(`Invalid value for "pattern" parameter: invalid or unsupported Perl syntax in ${pattern.slice(i, i + (pattern[i + 2] === '<' ? 4 : 3))} (RE2 has no lookaround, so Terraform refuses the pattern).`, undefined, 'eval/arguments');
    }
    if (c === '(' && pattern.startsWith('(?#', i)) {
      throw new EvalError('Invalid value for "pattern" parameter: invalid or unsupported Perl syntax in (?# (RE2 has no comments, so Terraform refuses the pattern).', undefined, 'eval/arguments');
    }
    // RE2 repeats at most 1000 times (terraform console 1.11.4: "invalid repeat count in {1001}").
    const counted = c === '{' ? /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (counted && (Number(counted[1]) > 1000 || Number(counted[2] ?? 0) > 1000)) {
      throw new EvalError(`Invalid value for "pattern" parameter: invalid repeat count in ${counted[0]} (RE2 repeats at most 1000 times, so Terraform refuses the pattern).`, undefined, 'eval/arguments');
    }
    // (?U) swaps greedy and lazy: each repetition takes the other (terraform console 1.11.4:
    // regex("(?U)a+", "aaa") is "a", "(?U)a+?" is "aaa"). A ? after ( is a group's, not a repetition.
    const repeat = counted !== null ? counted[0] : (c === '*' || c === '+' || (c === '?' && pattern[i - 1] !== '(')) ? c : undefined;
    if (flags.U && repeat !== undefined) {
      out += repeat;
      i += repeat.length - 1;
      if (pattern[i + 1] === '?') i++;
      else out += '?';
      continue;
    }
    // A brace that starts no repetition, and a ] outside a class, are themselves in RE2 (a{,2}, a}, a]);
    // JavaScript's u flag refuses them bare.
    if (counted !== null) {
      out += counted[0];
      i += counted[0].length - 1;
      continue;
    }
    if (c === '{' || c === '}' || c === ']') {
      out += `\\${c}`;
      continue;
    }
    if (c === '(' && pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    // Under (?m) RE2's ^ and $ are at \n alone, JavaScript's at \r, U+2028 and U+2029 too
    // (terraform console 1.11.4: regexall("(?m)^", "a\r\nb") has two matches): spelled out where
    // the text holds one of those (a lookaround may keep V8 from its linear-time engine).
    if ((c === '^' || c === '$') && (scoped ? flags.m : multiline && otherLineBreaks)) {
      out += c === '^' ? '(?<![^\\n])' : '(?![^\\n])';
      continue;
    }
    // RE2's `.` leaves out only \n without the s flag; JavaScript's leaves out \r too (CRLF text).
    if (c === '.' && !flags.s) {
      out += '[^\\n]';
      continue;
    }
    if (c === '.' && scoped) {
      out += '[\\s\\S]';
      continue;
    }
    if (fold) {
      // A letter takes its case variants; one outside the BMP is two UTF-16 units.
      const ch = String.fromCodePoint(pattern.codePointAt(i)!);
      i += ch.length - 1;
      out += foldedChar(ch, () => ch, false);
      continue;
    }
    out += c;
  }
  return out;
}

/** The flags RE2 sets per group. */
interface Re2Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/**
 * Case variants as RE2 folds them (Go's unicode.SimpleFold orbits: k K and the Kelvin sign, s S ſ,
 * σ ς Σ, ß ẞ; not ı with i). These are the classes of Unicode simple case folding, which is what
 * JavaScript's `iu` flags compare by: the characters toLowerCase and toUpperCase link, each group
 * split by that comparison. Built once, when a pattern first needs it.
 */
let caseOrbits: Map<string, readonly string[]> | undefined;
function orbits(): Map<string, readonly string[]> {
  if (caseOrbits !== undefined) return caseOrbits;
  const parent = new Map<string, string>();
  const root = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const join = (a: string, b: string): void => {
    const ra = root(a);
    const rb = root(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (let cp = 0; cp < 0x20000; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const ch = String.fromCodePoint(cp);
    for (const mapped of [ch.toLowerCase(), ch.toUpperCase()]) if (mapped !== ch && [...mapped].length === 1) join(ch, mapped);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = root(x);
    groups.set(r, [...(groups.get(r) ?? []), x]);
  }
  caseOrbits = new Map();
  for (const members of groups.values()) {
    for (const x of members) {
      const same = new RegExp(`^${x}$`, 'iu');
      const orbit = members.filter((y) => same.test(y)).sort();
      if (orbit.length > 1) caseOrbits.set(x, orbit);
    }
  }
  return caseOrbits;
}

/** A character as a class member (a letter as itself, one outside the BMP as \u{…}). */
function classMember(ch: string): string {
  return ch.length > 1 ? `\\u{${ch.codePointAt(0)!.toString(16)}}` : /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}

/** `ch` and its case variants as a class (or as `plain()` gives it, if it has none); in a class, as members. */
function foldedChar(ch: string, plain: () => string, inClass: boolean): string {
  const orbit = orbits().get(ch);
  if (orbit === undefined) return plain();
  const members = orbit.map(classMember).join('');
  return inClass ? members : `[${members}]`;
}

/** An escape for a set of characters (\w, \p{Lu}, \x41), case-insensitively: a complement (\W) is that of the folded set, as RE2 has it. */
function foldedSet(escape: string): string {
  const negated = /^\\[WP]/.test(escape);
  const positive = negated ? `\\${escape[1]!.toLowerCase()}${escape.slice(2)}` : escape;
  const folded = foldedClass(`[${positive}]`);
  return negated ? `[^${folded.slice(1)}` : folded;
}

/**
 * A class (`[…]` or `[^…]`, JavaScript syntax) case-insensitively: its members' case variants are
 * added, then it is complemented (RE2 folds each item before the class's ^). A complemented item
 * inside (`[\W]`, `[\P{L}]`) folds before its own complement (Go's regexp/syntax appendGroup and
 * parseUnicodeClass): it is spelled out as the ranges of that complement.
 */
function foldedClass(cls: string): string {
  const negated = cls.startsWith('[^');
  const body = cls.slice(negated ? 2 : 1, -1).replace(/(?<!\\)((?:\\\\)*)(\\[WP](?:\{[^}]*\})?)/g, (_, lead: string, escape: string) => lead + foldedComplement(escape));
  let member: RegExp;
  try {
    member = new RegExp(`^[${body}]$`, 'u');
  } catch {
    try {
      member = new RegExp(`^[${body}]$`);
    } catch {
      return cls;
    }
  }
  const extra = new Set<string>();
  for (const [ch, orbit] of orbits()) {
    if (!member.test(ch)) continue;
    for (const variant of orbit) if (!member.test(variant)) extra.add(variant);
  }
  return `[${negated ? '^' : ''}${body}${[...extra].map(classMember).join('')}]`;
}

const posixComplements = new Map<string, string>();

/**
 * A negated POSIX class inside a bracket ([:^alpha:] in [[:^alpha:]x]) as class members: the code
 * points outside the class, folded first when case-insensitive, as RE2 complements a folded group
 * (terraform console 1.11.4: regexall("[[:^alpha:]x]", "a1bx2") is ["1", "x", "2"],
 * regexall("[^[:^alpha:]]", "a1b2") is ["a", "b"], regexall("(?i)[[:^lower:]]", "aB1") is ["1"]).
 * The classes are ASCII, and their case variants (ſ, the Kelvin sign) below U+2200, so every code
 * point from there on is outside.
 */
function posixComplement(name: string, caseless: boolean): string {
  const key = `${caseless ? 'i' : ''}${name}`;
  let ranges = posixComplements.get(key);
  if (ranges !== undefined) return ranges;
  const positive = `[${POSIX_CLASSES[name]!}]`;
  const member = new RegExp(`^${caseless ? foldedClass(positive) : positive}$`, 'u');
  const parts: string[] = [];
  let start = -1;
  for (let cp = 0; cp < 0x2200; cp++) {
    if (!member.test(String.fromCodePoint(cp))) {
      if (start < 0) start = cp;
    } else if (start >= 0) {
      parts.push(start === cp - 1 ? `\\u{${start.toString(16)}}` : `\\u{${start.toString(16)}}-\\u{${(cp - 1).toString(16)}}`);
      start = -1;
    }
  }
  parts.push(`\\u{${(start < 0 ? 0x2200 : start).toString(16)}}-\\u{10ffff}`);
  ranges = parts.join('');
  posixComplements.set(key, ranges);
  return ranges;
}

const foldedComplements = new Map<string, string>();

/**
 * A complemented escape (\W, \P{Lu}) as RE2 takes it case-insensitively, as class members: the
 * characters outside its positive set folded (terraform console 1.11.4: regexall("(?i:[\\W])",
 * "k-\u212a") is ["-"], the Kelvin sign being \w's K folded), as code point ranges. Each code point
 * is tried once per escape (some 60 ms), only for such a class under a case-insensitive group.
 */
function foldedComplement(escape: string): string {
  let ranges = foldedComplements.get(escape);
  if (ranges !== undefined) return ranges;
  const positive = new RegExp(`^${foldedClass(`[\\${escape[1]!.toLowerCase()}${escape.slice(2)}]`)}$`, 'u');
  const parts: string[] = [];
  let start = -1;
  const close = (end: number): void => {
    parts.push(start === end ? `\\u{${start.toString(16)}}` : `\\u{${start.toString(16)}}-\\u{${end.toString(16)}}`);
    start = -1;
  };
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (!positive.test(String.fromCodePoint(cp))) {
      if (start < 0) start = cp;
    } else if (start >= 0) close(cp - 1);
  }
  if (start >= 0) close(0x10ffff);
  ranges = parts.join('');
  foldedComplements.set(escape, ranges);
  return ranges;
}

/** The letters RE2 (Go's regexp/syntax) takes after a backslash; any other letter or digit is an error there. */
const RE2_ESCAPE_LETTERS = new Set('afntrvxAbBzdDsSwWpPQ');
/** Those of them that are no character, which a bracket expression refuses ([\b] is an error in RE2). */
const RE2_ASSERTION_ESCAPES = new Set('AbBzQ');

/**
 * Whether `\next` is an escape RE2 knows: punctuation, the letters above, and octal digits (\0, or
 * \1 to \7 with another octal digit after: a lone \1 would be a backreference, which RE2 lacks).
 * `\Z`, `\C`, `\1`, `\E` alone, `\k<n>`, `\u0041` are JavaScript's or Perl's (terraform console 1.11.4 refuses them).
 */
function isRe2Escape(next: string, after: string | undefined, inClass: boolean): boolean {
  if (!/[A-Za-z0-9]/.test(next)) return true;
  if (next === '0') return true;
  if (next >= '1' && next <= '7') return after !== undefined && after >= '0' && after <= '7';
  return RE2_ESCAPE_LETTERS.has(next) && !(inClass && RE2_ASSERTION_ESCAPES.has(next));
}

/** Unicode general categories (L, Lu, Nd, ...), which JavaScript names as RE2 does; anything else in \p{…} is a script. */
const GENERAL_CATEGORY = /^(?:[LMNPSZC][a-z]?|L&|Any)$/;

/**
 * A Terraform (RE2) pattern as a JavaScript regular expression: leading flags `(?is)` become flags,
 * the rest translateRe2. `subject` (the string it will run on) decides whether the `u` flag is
 * needed; without it, runaway backtracking falls back to V8's linear-time engine (regex-engine.ts).
 */
export function compileRegex(pattern: string, flags = '', subject?: string): RegExp {
  let source = pattern;
  let extra = '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (f === 'i' || f === 'm' || f === 's') extra += f;
  }
  // Ungreedy matching has no JavaScript flag: translateRe2 swaps each repetition's greediness.
  // Flags set past the start are per group, written out by translateRe2, and then none is JavaScript's.
  const scoped = setsFlagsWithin(source);
  source = translateRe2(source, extra.includes('m'), extra.includes('s'), inline?.[1]!.includes('U') === true, subject === undefined || /[\r\u2028\u2029]/.test(subject), extra.includes('i'), scoped);
  if (scoped) extra = '';
  const attempts = needsUnicodeFlag(source, subject, extra.includes('i') || flags.includes('i')) ? [flags + extra + 'u', flags + extra] : [flags + extra, flags + extra + 'u'];
  try {
    return new RegExp(source, [...new Set(attempts[0])].join(''));
  } catch {
    try {
      return new RegExp(source, [...new Set(attempts[1])].join(''));
    } catch (e) {
      // Ours is JavaScript's engine, not RE2: a pattern it refuses (a group flag `(?i:…)`) may be valid
      // there. Not these, which RE2 refuses too (terraform console 1.11.4: [b-a], a{3,1}, a**, *a, a{2}*
      // fail), but a repeated assertion (^*, $+, \b*) is valid there; nor one whose brackets or
      // parentheses do not pair (terraform validate 1.11.4 on regex("[", "x"): "invalid regexp
      // pattern: missing closing ] in [").
      const message = (e as Error).message;
      const refusedToo = /Range out of order|numbers out of order/.test(message) || (/Nothing to repeat/.test(message) && !/(?:^|[^\\])[\^$][*+?{]|\\[bBAz][*+?{]/.test(pattern));
      throw new EvalError(`Invalid regular expression: ${message}`, undefined, refusedToo ? 'eval/arguments' : unpaired(pattern) ? 'eval/error' : EVALUATOR_GAP);
    }
  }
}

/** Whether a pattern sets flags in a group (`(?i:…)`, `(?-s:…)`) or past its start (`a(?i)b`), outside classes and escapes. */
function setsFlagsWithin(pattern: string): boolean {
  return walkOutsideClasses(pattern, (c, i) => c === '(' && /^\(\?(?:[imsU]+(?:-[imsU]+)?|-[imsU]+)[:)]/.test(pattern.slice(i, i + 12))).stopped;
}

/** Whether a pattern has a class `[` never closed, or parentheses that do not pair: RE2 refuses it as JavaScript does. */
function unpaired(pattern: string): boolean {
  let depth = 0;
  const walk = walkOutsideClasses(pattern, (c) => {
    if (c === '(') depth++;
    return c === ')' && --depth < 0;
  });
  return walk.stopped || walk.inClass || depth !== 0;
}

/**
 * Visits each character of a pattern outside its classes and escapes, until `visit` returns true
 * (`stopped`); `inClass`: the pattern ends in a class never closed. In a class, `[:alpha:]` and a `]`
 * first (after `^`) are the class's own.
 */
function walkOutsideClasses(pattern: string, visit: (c: string, at: number) => boolean): { readonly stopped: boolean; readonly inClass: boolean } {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) i = end + 1;
      } else if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (visit(c, i)) return { stopped: true, inClass: false };
  }
  return { stopped: false, inClass };
}

/** A match's value as Terraform's regex gives it: the named groups, else the groups, else the match; a group that took no part is null. */
function regexResult(m: RegExpExecArray): Val {
  if (m.groups && Object.keys(m.groups).length > 0) {
    // Terraform refuses a pattern with both kinds: its result would be neither an object nor a tuple.
    if (m.length - 1 !== Object.keys(m.groups).length) throw new EvalError('Invalid regular expression: the pattern cannot mix both named and unnamed capture groups.');
    return obj(Object.entries(m.groups).map(([k, v]) => [k, v ?? null]));
  }
  if (m.length > 1) return tuple(m.slice(1).map((x) => x ?? null));
  return m[0];
}

/** The longest a regular expression V8 cannot run in linear time may take on the worker, per call. */
const SLOW_REGEX_MILLIS = 2000;

/**
 * The matches of a Terraform pattern in `text`: all of them (`all`), else the first. A pattern V8
 * runs in linear time (falling back to that engine once backtracking runs away) runs here; any other
 * runs on a worker thread, stopped past SLOW_REGEX_MILLIS or the scan's budget.regexMillis
 * (regex-engine.ts), where it is an eval/budget error and the value unknown, as other limits.
 */
function findMatches(pattern: string, text: string, all: boolean, budget: Budget): Iterable<RegExpExecArray> {
  const re = compileRegex(pattern, all ? 'g' : '', text);
  if (runsInLinearTime(re)) {
    if (all) return text.matchAll(re);
    const m = re.exec(text);
    return m === null ? [] : [m];
  }
  const tooSlow = (): EvalError =>
    new EvalError(`The regular expression /${pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern}/ took too long: this evaluator cannot run it in linear time as Terraform's RE2 does (case-insensitive, \\p{…} classes, text outside the BMP such as emoji, large counted repetitions), so the value is unknown.`, undefined, 'eval/budget');
  if (budget.regexMillis <= 0) throw tooSlow();
  const started = Date.now();
  let found: RegExpExecArray[] | 'timeout';
  try {
    found = matchOnWorker(re, text, Math.min(SLOW_REGEX_MILLIS, budget.regexMillis));
  } catch (e) {
    throw new EvalError(`Invalid regular expression: ${(e as Error).message}`, undefined, EVALUATOR_GAP);
  } finally {
    budget.regexMillis -= Date.now() - started;
  }
  if (found === 'timeout') throw tooSlow();
  return found;
}

/**
 * A pattern and text on which RE2 and JavaScript's engine find the same matches: ASCII text, and a
 * pattern of ASCII literals, escaped punctuation, \d \w \s and their complements, `.`, anchors,
 * alternation, groups (plain or `(?:`), the repetitions * + ? (lazy or not) and bracketed classes
 * of the same; no flags, named groups, counted repetitions, \b, \p{…} or [[:alpha:]], where the
 * two differ or this evaluator translates.
 */
function sameInBothEngines(pattern: string, text: string): boolean {
  // `(?i)`, `(?P<name>` and the like are left out: what stays of the pattern without its escapes has no `(?` but `(?:`.
  return ASCII_TEXT.test(text) && SIMPLE_PATTERN.test(pattern) && !/\(\?(?!:)/.test(pattern.replace(/\\./g, ''));
}

/** ASCII but the vertical tab, which JavaScript's \s takes and RE2's does not. */
const ASCII_TEXT = /^[\x00-\x0a\x0c-\x7f]*$/;
const SIMPLE_ESCAPE = String.raw`\\[.\\^$|?*+()[\]{}/dDwWsS-]`;
const CLASS_ITEM = String.raw`(?:[A-Za-z0-9 _.,:;=@#%&'"/~<>!-]|${SIMPLE_ESCAPE})`;
const SIMPLE_PATTERN = new RegExp(String.raw`^(?:[A-Za-z0-9 _,:;=@#%&'"/~<>!-]|${SIMPLE_ESCAPE}|[.^$|?*+()]|\[\^?${CLASS_ITEM}+\])*$`);

/**
 * Successive matches as Go's FindAll and ReplaceAll take them: an empty match right where the
 * previous match ended is skipped (JavaScript's global matching keeps it).
 */
function* goMatches(found: Iterable<RegExpExecArray>): Generator<RegExpExecArray> {
  let previousEnd = -1;
  for (const m of found) {
    const end = m.index + m[0].length;
    const skip = m[0] === '' && m.index === previousEnd;
    previousEnd = end;
    if (!skip) yield m as RegExpExecArray;
  }
}

/** Go's Regexp.Expand template: `$1`, `$name`, `${name}` (a name is the longest run of letters, digits and `_`), `$$`; a missing group is empty. */
function expandGo(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    return value ?? '';
  });
}

/** replace(): a /regex/ substring as Go's ReplaceAllString, else every occurrence of the substring. */
function replaceText(text: string, substr: string, replacement: string, budget: Budget): string {
  if (isRegexSubstring(substr)) {
    let out = '';
    let from = 0;
    for (const m of goMatches(findMatches(substr.slice(1, -1), text, true, budget))) {
      out += text.slice(from, m.index) + expandGo(replacement, m);
      from = m.index + m[0].length;
      checkString(out, budget);
    }
    return checkString(out + text.slice(from), budget);
  }
  // An empty substring is found before every character and at the end, as Go's strings.Replace has it.
  if (substr === '') return checkString(`${replacement}${[...text].join(replacement)}${text === '' ? '' : replacement}`, budget);
  return checkString(text.split(substr).join(replacement), budget);
}

function isRegexSubstring(substr: string): boolean {
  return substr.length >= 2 && substr.startsWith('/') && substr.endsWith('/');
}

/**
 * replace() over a text with an apply-time replacement (a bucket id put into a policy template, as
 * terraform-aws-s3-bucket does): the text with each replaced part written "${unknown}", as a
 * rendered policy document writes its apply-time parts. A text that is itself such a partial result
 * (chained replaces) goes on from its known text.
 */
function replaceKnownParts([text, substring, replacement]: readonly Val[], ctx: FunctionContext): Unk | undefined {
  if (typeof substring !== 'string') return undefined;
  const known = typeof text === 'string' ? text : text instanceof Unk && typeof text.partial === 'string' ? text.partial : undefined;
  const written = replacement instanceof Unk ? (isRegexSubstring(substring) ? `$${UNKNOWN_TEXT}` : UNKNOWN_TEXT) : replacement;
  if (known === undefined || typeof written !== 'string') return undefined;
  const parts = [text, replacement].filter((x): x is Unk => x instanceof Unk);
  return new Unk(causeOfParts(parts), replaceText(known, substring, written, ctx.budget));
}

/**
 * Go fmt-style formatting as Terraform's format() implements it (cty's format): %v, %#v, %t, %d,
 * %b, %o, %x, %X, %e, %E, %f, %g, %G, %s, %q and %%, with the flags `+ - # 0` and space, a width and
 * a precision; an argument of the wrong type, a verb or `*` Terraform does not know, and arguments
 * left over are errors there, so they are here.
 */
export function formatString(fmt: string, args: readonly Val[]): string | Unk {
  try {
    return formatKnownParts(fmt, args);
  } catch (e) {
    // With an argument known only at apply time Terraform returns an unknown before it checks the
    // arguments, so a mistake shows at apply, not at plan: none is reported here either.
    const unknown = e instanceof EvalError ? args.find(hasUnk) : undefined;
    if (unknown === undefined) throw e;
    const first = firstUnk(unknown)!;
    return first.templatePrefix === undefined ? first : new Unk(first.cause, first.partial, first.notNull);
  }
}

function formatKnownParts(fmt: string, args: readonly Val[]): string | Unk {
  let out = '';
  // Every unknown argument used: the first tells the result, all are its parts (UnknownCause 'parts').
  const unknownArgs: Unk[] = [];
  let argIndex = 0;
  let explicitIndex = false;
  const re = /%([-+# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%*])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt)) !== null) {
    out += literalText(fmt, last, m.index);
    last = re.lastIndex;
    const [, flags = '', explicit, widthRaw, precRaw, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === '*' || widthRaw === '*' || precRaw === '*') throw new EvalError(`format: unrecognized format character '*' at offset ${m[0].indexOf('*') + m.index}.`);
    if (explicit) {
      // Indexes count from 1: [0] is refused at its first digit (terraform console 1.11.4:
      // format("%[0]s", "a") is "unrecognized format character '0' at offset 2").
      if (Number(explicit.slice(1, -1)) === 0) throw new EvalError(`format: unrecognized format character '0' at offset ${m.index + m[0].indexOf('[') + 1}.`);
      argIndex = Number(explicit.slice(1, -1)) - 1;
      explicitIndex = true;
    }
    if (argIndex >= args.length) throw new EvalError(`format: not enough arguments for "${m[0]}".`);
    const at = argIndex;
    const arg = args[argIndex++]!;
    if (arg instanceof Unk || (typeof arg === 'object' && arg !== null && hasUnk(arg))) {
      // Known at apply time only: its place is written "${unknown}" and the rest of the text kept, as
      // a template keeps it (Terraform keeps the text up to the first verb as a known prefix).
      if (arg instanceof Unk) unknownArgs.push(arg);
      else unknownsIn([arg], unknownArgs); // hasUnk: the first it adds is firstUnk(arg), which tells the result when it is the first
      out += arg instanceof Unk && typeof arg.partial === 'string' && verb === 's' && widthRaw === undefined && precRaw === undefined ? arg.partial : UNKNOWN_TEXT;
      continue;
    }
    const precision = precRaw === undefined ? undefined : Number(precRaw);
    const wrong = (wanted: string): EvalError => new EvalError(`format: unsupported value for "${m![0]}" at ${at}: ${wanted} required.`, undefined, 'eval/type');
    // Terraform gives an unknown string for a null argument to the verbs that print any value.
    if (arg === null && (verb === 's' || verb === 'v' || verb === 'q')) return new Unk('format() of a null value');
    if (arg === null) throw wrong(`a non-null value is`);
    const sign = (n: number): string => (n < 0 || Object.is(n, -0) ? '' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
    // An infinity to %f, %e, %g and %v is "+Inf" or "-Inf" (" Inf" with the space flag), as big.Float formats it.
    const infinity = (n: number): string | undefined => (Number.isFinite(n) ? undefined : n < 0 ? '-Inf' : flags.includes(' ') && !flags.includes('+') ? ' Inf' : '+Inf');
    const width = widthRaw === undefined ? undefined : Number(widthRaw);
    // Padding as cty's format pads each family (terraform console 1.11.4): see padText, padInteger, padFloat.
    const float = (n: number, text: string): string => padFloat(infinity(n) ?? sign(n) + text, flags, width, !Number.isFinite(n));
    let piece: string;
    switch (verb) {
      case 's':
      case 'q': {
        if (typeof arg === 'object') throw wrong('string');
        let text = typeof arg === 'string' ? arg : typeof arg === 'number' ? formatNumber(arg) : String(arg);
        // The precision counts grapheme clusters, as cty's format does ("%.1s" of an emoji family is
        // all of it), and cuts the text before %q quotes it; 0 cuts nothing ("%.0s" of "abc" is "abc").
        if (precision !== undefined && precision > 0) text = graphemes(text).slice(0, precision).join('');
        piece = padText(verb === 'q' ? jsonEncode(text) : text, flags, width);
        break;
      }
      case 'v':
        // No sign flag and no precision: a number is Go's shortest %g ("%+v" of 42 is "42").
        if (flags.includes('#') || typeof arg === 'object') piece = jsonEncode(arg);
        else piece = typeof arg === 'number' ? (Number.isFinite(arg) ? formatGeneral(arg, undefined, false) : arg < 0 ? '-Inf' : '+Inf') : String(arg);
        piece = padText(piece, flags, width);
        break;
      case 't': {
        const b = typeof arg === 'number' ? undefined : toBoolOrUndefined(arg);
        if (b === undefined) throw wrong('bool');
        // %t takes no width ("%5t" of true is "true").
        piece = String(b);
        break;
      }
      case 'd':
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        // -0 is an integer zero ("%+d" of -0 is "+0"); `|| 0` makes it 0.
        const n = number(arg, wrong) || 0;
        // Terraform refuses a fraction: format("%x", 1.5) is an error, not "1".
        if (!Number.isInteger(n)) {
          if (verb === 'd') throw new EvalError(`format: ${formatNumber(n)} is not an integer for %d.`);
          throw wrong('an integer is');
        }
        const digits = BigInt(Math.abs(n)).toString(verb === 'd' ? 10 : verb === 'o' ? 8 : verb === 'b' ? 2 : 16);
        const prefix = !flags.includes('#') ? '' : verb === 'o' ? '0' : verb === 'b' ? '0b' : verb === 'x' ? '0x' : verb === 'X' ? '0X' : '';
        piece = padInteger(n < 0 ? '-' : sign(n), prefix, verb === 'X' ? digits.toUpperCase() : digits, flags, width, precision);
        break;
      }
      case 'f':
      case 'F': {
        const n = number(arg, wrong);
        piece = float(n, formatFixed(n, precision ?? 6));
        break;
      }
      case 'e':
      case 'E': {
        const n = number(arg, wrong);
        piece = float(n, formatExponent(n, precision ?? 6, verb === 'E'));
        break;
      }
      case 'g':
      case 'G': {
        const n = number(arg, wrong);
        piece = float(n, formatGeneral(n, precision, verb === 'G'));
        break;
      }
      default:
        throw new EvalError(`format: unsupported format verb '${verb}' in "${m[0]}".`);
    }
    out += piece;
  }
  out += literalText(fmt, last, fmt.length);
  if (!explicitIndex && argIndex < args.length) throw new EvalError(`format: too many arguments; only ${argIndex} used by the format string.`, undefined, 'eval/arguments');
  if (unknownArgs.length === 0) return out;
  // Terraform refines the result by the format's text before its first "%" (terraform plan 1.11.4:
  // `startswith(format("arn:%s", u), "x")` is false), not by the text of known arguments.
  const verb = fmt.indexOf('%');
  return new Unk(causeOfParts(unknownArgs), out, undefined, verb > 0 ? templateRefinement(fmt.slice(0, verb)) : undefined);
}

/**
 * cty's padding of %s, %q and %v: to `width` grapheme clusters, with "0" where the 0 flag is given
 * (even to text: "%06s" of "abc" is "000abc"), on the right with the - flag ("%-06s" is "abc000").
 */
function padText(text: string, flags: string, width: number | undefined): string {
  const length = graphemeCount(text);
  if (width === undefined || length >= width) return text;
  const pad = (flags.includes('0') ? '0' : ' ').repeat(width - length);
  return flags.includes('-') ? text + pad : pad + text;
}

/**
 * Go's big.Int formatting, which cty's integer verbs use: the precision is the fewest digits (zeros
 * before them), a zero with precision 0 is nothing at all ("%5.0d" of 0 is ""), and the width pads
 * with spaces on the right for -, with zeros for 0 only without a precision ("%06.2d" of 42 is "    42").
 */
function padInteger(sign: string, prefix: string, digits: string, flags: string, width: number | undefined, precision: number | undefined): string {
  if (precision === 0 && digits === '0') return '';
  const zeros = precision !== undefined && digits.length < precision ? precision - digits.length : 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  const rest = width === undefined || length >= width ? 0 : width - length;
  if (flags.includes('-')) return sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(rest);
  if (flags.includes('0') && precision === undefined) return sign + prefix + '0'.repeat(zeros + rest) + digits;
  return ' '.repeat(rest) + sign + prefix + '0'.repeat(zeros) + digits;
}

/**
 * Go's big.Float formatting, which cty's %e, %f and %g use: the 0 flag wins over - (zeros after the
 * sign: "%-06.2f" of -3.14159 is "-03.14"), but an infinity takes spaces ("%06.1f" of 1/0 is "  +Inf").
 */
function padFloat(text: string, flags: string, width: number | undefined, infinite: boolean): string {
  if (width === undefined || text.length >= width) return text;
  const signed = /^[+\- ]/.test(text) ? text[0]! : '';
  const rest = width - text.length;
  if (flags.includes('0') && !infinite) return signed + '0'.repeat(rest) + text.slice(signed.length);
  return flags.includes('-') ? text + ' '.repeat(rest) : ' '.repeat(rest) + text;
}

/**
 * Text of a format string between verbs. A "%" there starts no verb Terraform knows ("%!", "%1$s",
 * a "%" at the end): an error in Terraform (terraform console 1.11.4), not a literal character.
 */
function literalText(fmt: string, from: number, to: number): string {
  const text = fmt.slice(from, to);
  const at = text.indexOf('%');
  if (at === -1) return text;
  const next = from + at + 1;
  throw new EvalError(next >= fmt.length ? `format: invalid format string starting at offset ${next}.` : `format: unrecognized format character '${String.fromCodePoint(fmt.codePointAt(next)!)}' at offset ${next}.`);
}

/** A number argument of format(): a number, or a string that reads as one. */
function number(arg: Val, wrong: (wanted: string) => EvalError): number {
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'string') {
    const n = toNum(arg);
    if (typeof n === 'number') return n;
  }
  throw wrong('a number is');
}

function toBoolOrUndefined(arg: Val): boolean | undefined {
  if (typeof arg === 'boolean') return arg;
  if (arg === 'true' || arg === '1') return true;
  if (arg === 'false' || arg === '0') return false;
  return undefined;
}

/**
 * startswith()/endswith(). Of a string known only in part, only Terraform's prefix refinement decides
 * (a template's, format()'s, jsonencode()'s): `startswith("arn:${x}", "arn:")` is true. Its other known
 * text does not (terraform plan 1.11.4: `endswith("${x}/*", "/*")`, `startswith("ab${x}", "ab")`,
 * `startswith(lower("AB-${x}"), "ab-")`, `startswith(aws_kms_key.k.arn, "arn:")` are each unknown).
 */
function affix(s: Val | undefined, x: Val | undefined, side: 'start' | 'end'): Val {
  if (x instanceof Unk) return x;
  const wanted = str(x);
  if (!(s instanceof Unk)) return side === 'start' ? str(s).startsWith(wanted) : str(s).endsWith(wanted);
  // Terraform's prefix refinement decides too (terraform plan 1.11.4: `startswith(jsonencode({ a = u }), "a")` is false).
  const refined = s.templatePrefix;
  if (side === 'start' && refined !== undefined) {
    if (refined.startsWith(wanted)) return true;
    if (!wanted.startsWith(refined)) return false;
  }
  // Not the string itself: a bool, without the string's text (startswith() of a conditional on it read that text).
  return typeof s.partial === 'string' || refined !== undefined ? new Unk(s.cause, undefined, true) : s;
}

/**
 * Go's strings.Title, which Terraform's title() is: a letter after a separator is upper-cased. ASCII
 * letters, digits and `_` are no separators, other ASCII characters are (so "o'neil" is "O'Neil" and
 * "hello_world" is "Hello_world"); beyond ASCII only spaces are.
 */
/**
 * Go's unicode.IsSpace (Unicode's White_Space), which strings.TrimSpace and strings.Title read:
 * JavaScript's \s also takes U+FEFF and lacks U+0085 (terraform console 1.11.4: trimspace keeps a
 * final U+FEFF, title("\u0085x") is "\u0085X").
 */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE_CHAR = new RegExp(`^[${GO_SPACE}]$`);
const GO_TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

function titleCase(text: string): string {
  let out = '';
  let afterSeparator = true;
  for (const c of text) {
    out += afterSeparator ? goTitleChar(c) : c;
    const code = c.codePointAt(0)!;
    afterSeparator = code <= 0x7f ? !/[0-9A-Za-z_]/.test(c) : GO_SPACE_CHAR.test(c);
  }
  return out;
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const chars = new Set([...cutset]);
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && chars.has(cps[a]!)) a++;
  if (right) while (b > a && chars.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

export const stringFunctions: Record<string, FunctionSpec> = {
  chomp: { min: 1, max: 1, fn: ([s]) => str(s).replace(/(\r\n|\n|\r)+$/, '') },
  endswith: { min: 2, max: 2, allowUnknown: true, fn: ([s, x]) => affix(s, x, 'end') },
  startswith: { min: 2, max: 2, allowUnknown: true, fn: ([s, x]) => affix(s, x, 'start') },
  strcontains: { min: 2, max: 2, fn: ([s, x]) => str(s).includes(str(x)) },
  format: { min: 1, max: Infinity, allowUnknown: true, fn: ([f, ...rest], ctx) => {
    if (f instanceof Unk) return f;
    const r = formatString(str(f), rest);
    return r instanceof Unk ? r : checkString(r, ctx.budget);
  } },
  formatlist: { min: 1, max: Infinity, fn: ([f, ...rest], ctx) => {
    const fmt = str(f);
    let n: number | undefined;
    for (const a of rest) {
      if (a instanceof ListV) {
        if (n !== undefined && n !== a.items.length) throw new EvalError('formatlist: all list arguments must have the same length.');
        n = a.items.length;
      }
    }
    const count = n ?? 1;
    const out: Val[] = [];
    for (let i = 0; i < count; i++) {
      const items = rest.map((a) => (a instanceof ListV ? a.items[i]! : a));
      // Unlike format(), which gives an unknown for a null, formatlist() refuses one (as Terraform does).
      if (items.includes(null)) throw new EvalError(`formatlist: error on format iteration ${i}: a null value cannot be formatted.`);
      const r = formatString(fmt, items);
      out.push(r instanceof Unk ? r : checkString(r, ctx.budget));
    }
    return list(out);
  } },
  indent: { min: 2, max: 2, fn: ([n, s], ctx) => {
    const spaces = int(n);
    checkString(' '.repeat(Math.min(Math.max(spaces, 0), ctx.budget.maxStringLength + 1)), ctx.budget); // before repeating it per line
    return checkString(str(s).replace(/\n/g, '\n' + ' '.repeat(spaces)), ctx.budget);
  } },
  join: { min: 2, max: Infinity, fn: ([sep, ...lists], ctx) => {
    const parts: string[] = [];
    for (const l of lists) for (const x of seq(l)) {
      if (x === null) throw new EvalError('join: a list element is null.');
      parts.push(str(x));
    }
    return checkString(parts.join(str(sep)), ctx.budget);
  } },
  lower: { min: 1, max: 1, fn: ([s]) => goLower(str(s)) },
  upper: { min: 1, max: 1, fn: ([s]) => goUpper(str(s)) },
  regex: { min: 2, max: 2, fn: ([p, s], ctx) => {
    const [pattern, text] = [str(p), str(s)];
    const [m] = findMatches(pattern, text, false, ctx.budget);
    // A warning, not an error: a difference of JavaScript's engine from RE2 must not fail a valid
    // configuration. Where the two cannot differ (sameInBothEngines), it is the failure Terraform
    // reports (terraform plan 1.11.4 on `regex("^a", "zbc")`: "Error in function call: Call to
    // function "regex" failed: pattern did not match any part of the given string.").
    if (!m) throw new EvalError('regex: the pattern did not match the string.', undefined, sameInBothEngines(pattern, text) ? 'eval/error' : 'eval/regex');
    return regexResult(m);
  } },
  regexall: { min: 2, max: 2, fn: ([p, s], ctx) => {
    const out: Val[] = [];
    for (const m of goMatches(findMatches(str(p), str(s), true, ctx.budget))) out.push(regexResult(m));
    return list(out);
  } },
  replace: { min: 3, max: 3, fn: ([s, sub, rep], ctx) => replaceText(str(s), str(sub), str(rep), ctx.budget), partial: replaceKnownParts },
  split: { min: 2, max: 2, fn: ([sep, s]) => {
    const text = str(s);
    const separator = str(sep);
    if (separator === '') return list([...text]);
    return list(text.split(separator));
  } },
  strrev: { min: 1, max: 1, fn: ([s]) => graphemes(str(s)).reverse().join('') },
  substr: { min: 3, max: 3, fn: ([s, o, l]) => {
    const cps = graphemes(str(s));
    let offset = int64(o);
    let length = int64(l);
    // A length of 0 after a negative offset is all the rest, as -1 is: substr("abc", -2, 0) is "bc" (terraform console 1.11.4).
    if (offset < 0 && length === 0) length = -1;
    if (offset < 0) offset = Math.max(0, cps.length + offset);
    if (offset > cps.length) return ''; // as Terraform: past the end is empty, not an error
    if (length < 0) length = cps.length - offset;
    return cps.slice(offset, offset + length).join('');
  } },
  title: { min: 1, max: 1, fn: ([s]) => titleCase(str(s)) },
  trim: { min: 2, max: 2, fn: ([s, c]) => trimCutset(str(s), str(c), true, true) },
  trimprefix: { min: 2, max: 2, fn: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)) },
  trimsuffix: { min: 2, max: 2, fn: ([s, p]) => (str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s)) },
  trimspace: { min: 1, max: 1, fn: ([s]) => str(s).replace(GO_TRIM_SPACE, '') },
  // A string, unlike templatefile's any: a lone "${x}" of a number or bool is its text, of anything
  // else an error (terraform console 1.11.4: "1" for x = 1, "invalid template result: string
  // required" for x = [1], "Template result is null" for x = null).
  templatestring: { min: 2, max: 2, fn: ([t, vars], ctx) => {
    const v = notNullResult(ctx.renderTemplate(str(t), vars ?? null, 'templatestring'), 'templatestring');
    if (v instanceof ListV || v instanceof ObjV) throw new EvalError('templatestring: invalid template result: string required.', undefined, 'eval/type');
    return v instanceof Unk ? v : str(v);
  } },
};

