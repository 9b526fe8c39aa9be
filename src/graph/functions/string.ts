// String built-ins (Terraform docs: "String Functions").
import { EvalError, ListV, Unk, formatNumber, list, obj, tuple, type Val } from '../value.js';
import { checkString, int, num, seq, str, type FunctionSpec } from './args.js';
import { jsonEncode } from './encoding.js';
import { enableLinearRegexFallback, needsUnicodeFlag } from './regex-engine.js';

enableLinearRegexFallback();

/**
 * Go RE2 syntax differences that matter in practice: named groups `(?P<n>...)`. `subject` (the
 * string it will run on) decides whether the `u` flag is needed; without it, runaway backtracking
 * falls back to V8's linear-time engine (regex-engine.ts).
 */
export function compileRegex(pattern: string, flags = '', subject?: string): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  let extra = '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (f === 'i' || f === 'm' || f === 's') extra += f;
  }
  const attempts = needsUnicodeFlag(source, subject) ? [flags + extra + 'u', flags + extra] : [flags + extra, flags + extra + 'u'];
  try {
    return new RegExp(source, [...new Set(attempts[0])].join(''));
  } catch {
    try {
      return new RegExp(source, [...new Set(attempts[1])].join(''));
    } catch (e) {
      throw new EvalError(`Invalid regular expression: ${(e as Error).message}`);
    }
  }
}

function regexResult(m: RegExpExecArray): Val {
  if (m.groups && Object.keys(m.groups).length > 0) return obj(Object.entries(m.groups).map(([k, v]) => [k, v ?? '']));
  if (m.length > 1) return tuple(m.slice(1).map((x) => x ?? ''));
  return m[0];
}

/** Go fmt-style formatting as Terraform's format() implements it. */
export function formatString(fmt: string, args: readonly Val[]): string | Unk {
  let out = '';
  let argIndex = 0;
  const re = /%([-+# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt)) !== null) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', explicit, widthRaw, precRaw, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (explicit) argIndex = Number(explicit.slice(1, -1)) - 1;
    if (argIndex >= args.length) throw new EvalError(`format: not enough arguments for "${m[0]}".`);
    const arg = args[argIndex++]!;
    if (arg instanceof Unk) return arg;
    const precision = precRaw === undefined ? undefined : Number(precRaw);
    let piece: string;
    switch (verb) {
      case 's':
        piece = typeof arg === 'string' ? arg : arg === null ? 'null' : typeof arg === 'object' ? jsonEncode(arg) : typeof arg === 'number' ? formatNumber(arg) : String(arg);
        if (precision !== undefined) piece = [...piece].slice(0, precision).join('');
        break;
      case 'q':
        piece = JSON.stringify(str(arg));
        break;
      case 'v':
        piece = arg === null ? 'null' : typeof arg === 'object' ? jsonEncode(arg) : typeof arg === 'number' ? formatNumber(arg) : String(arg);
        if (flags.includes('#') && typeof arg === 'string') piece = JSON.stringify(arg);
        break;
      case 't':
        piece = String(arg === true || arg === 'true');
        break;
      case 'd': {
        const n = num(arg);
        if (!Number.isInteger(n)) throw new EvalError(`format: ${n} is not an integer for %d.`);
        piece = (n >= 0 && flags.includes('+') ? '+' : '') + n.toFixed(0);
        break;
      }
      case 'f':
      case 'F':
        piece = (flags.includes('+') && num(arg) >= 0 ? '+' : '') + num(arg).toFixed(precision ?? 6);
        break;
      case 'e':
      case 'E':
        piece = num(arg).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (verb === 'E') piece = piece.toUpperCase();
        break;
      case 'g':
      case 'G':
        piece = precision === undefined ? String(num(arg)) : num(arg).toPrecision(precision);
        break;
      case 'x':
      case 'X': {
        piece = typeof arg === 'string' ? Buffer.from(arg, 'utf8').toString('hex') : Math.trunc(num(arg)).toString(16);
        if (verb === 'X') piece = piece.toUpperCase();
        if (flags.includes('#')) piece = (verb === 'X' ? '0X' : '0x') + piece;
        break;
      }
      case 'o':
        piece = Math.trunc(num(arg)).toString(8);
        break;
      case 'b':
        piece = Math.trunc(num(arg)).toString(2);
        break;
      case 'c':
        piece = String.fromCodePoint(int(arg));
        break;
      case 'U':
        piece = 'U+' + int(arg).toString(16).toUpperCase().padStart(4, '0');
        break;
      default:
        throw new EvalError(`format: unsupported verb %${verb}.`);
    }
    if (widthRaw !== undefined) {
      const width = widthRaw === '*' ? int(args[argIndex - 2] ?? 0) : Number(widthRaw);
      if (flags.includes('-')) piece = piece.padEnd(width);
      else if (flags.includes('0') && /[dfeEgGxXob]/.test(verb!)) {
        const sign = /^[+-]/.test(piece) ? piece[0]! : '';
        piece = sign + piece.slice(sign.length).padStart(width - sign.length, '0');
      } else piece = piece.padStart(width);
    }
    out += piece;
  }
  out += fmt.slice(last);
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
  endswith: { min: 2, max: 2, fn: ([s, x]) => str(s).endsWith(str(x)) },
  startswith: { min: 2, max: 2, fn: ([s, x]) => str(s).startsWith(str(x)) },
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
      const r = formatString(fmt, rest.map((a) => (a instanceof ListV ? a.items[i]! : a)));
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
  lower: { min: 1, max: 1, fn: ([s]) => str(s).toLowerCase() },
  upper: { min: 1, max: 1, fn: ([s]) => str(s).toUpperCase() },
  regex: { min: 2, max: 2, fn: ([p, s]) => {
    const m = compileRegex(str(p), '', str(s)).exec(str(s));
    if (!m) throw new EvalError('regex: the pattern did not match the string.');
    return regexResult(m);
  } },
  regexall: { min: 2, max: 2, fn: ([p, s]) => {
    const re = compileRegex(str(p), 'g', str(s));
    const out: Val[] = [];
    for (const m of str(s).matchAll(re)) {
      out.push(regexResult(m as RegExpExecArray));
      if (m[0] === '') break;
    }
    return list(out);
  } },
  replace: { min: 3, max: 3, fn: ([s, sub, rep], ctx) => {
    const substr = str(sub);
    const text = str(s);
    const replacement = str(rep);
    if (substr.length > 2 && substr.startsWith('/') && substr.endsWith('/')) {
      const re = compileRegex(substr.slice(1, -1), 'g', text);
      // Go's $1/${name} syntax matches JS's except `${1}`; normalise.
      return checkString(text.replace(re, replacement.replace(/\$\{(\d+)\}/g, '$$$1')), ctx.budget);
    }
    return checkString(text.split(substr).join(replacement), ctx.budget);
  } },
  split: { min: 2, max: 2, fn: ([sep, s]) => {
    const text = str(s);
    const separator = str(sep);
    if (separator === '') return list([...text]);
    return list(text.split(separator));
  } },
  strrev: { min: 1, max: 1, fn: ([s]) => [...str(s)].reverse().join('') },
  substr: { min: 3, max: 3, fn: ([s, o, l]) => {
    const cps = [...str(s)];
    let offset = int(o);
    let length = int(l);
    if (offset < 0) offset = Math.max(0, cps.length + offset);
    if (offset > cps.length) throw new EvalError('substr: offset is out of range.');
    if (length < 0) length = cps.length - offset;
    return cps.slice(offset, offset + length).join('');
  } },
  title: { min: 1, max: 1, fn: ([s]) => str(s).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) },
  trim: { min: 2, max: 2, fn: ([s, c]) => trimCutset(str(s), str(c), true, true) },
  trimprefix: { min: 2, max: 2, fn: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)) },
  trimsuffix: { min: 2, max: 2, fn: ([s, p]) => (str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s)) },
  trimspace: { min: 1, max: 1, fn: ([s]) => str(s).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '') },
  templatestring: { min: 2, max: 2, fn: ([t, vars], ctx) => ctx.renderTemplate(str(t), vars ?? null, 'templatestring') },
};

