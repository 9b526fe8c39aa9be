// Encoding built-ins: JSON, YAML, base64, CSV, URL.
import { constants as zlibConstants, deflateRawSync, gzipSync } from 'node:zlib';
import type { ScalarTag, Tags } from 'yaml';
import { decodeYamlDocument } from './yaml-decode.js';
import { textCodec, type TextCodec } from './text-encodings.js';
import { yamlEncode, type YamlValue } from './yaml-encode.js';
import { EVALUATOR_GAP, EvalError, ListV, ObjV, Unk, firstUnk, formatNumber, jsonShape, fromJson, list, nfc, obj, tuple, unk, type Val } from '../value.js';
import { checkString, str, type FunctionSpec } from './args.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Go's gzip header as Terraform writes it: no name, no time, default level (XFL 0), OS unknown (255). */
const GO_GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The empty final stored block Go's flate writer closes a flushed stream with. */
const GO_FLATE_CLOSE = Buffer.from([1, 0, 0, 0xff, 0xff]);

/**
 * Bytes gzipped as Terraform's base64gzip does (Go's gzip.Writer: Write, Flush, Close): the data in a
 * block that is not the last, a sync flush's empty stored block, then an empty final block
 * (terraform console 1.11.4: base64gzip("hello") is "H4sIAAAAAAAA/8pIzcnJBwAAAP//AQAA//+GphA2BQAAAA==").
 * zlib's level-6 deflate picks the same blocks as Go's on the texts compared (up to 28 KB of base64);
 * the CRC-32 and length trailer is taken from zlib's own gzip.
 */
function goGzip(data: Buffer): Buffer {
  const body = deflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return Buffer.concat([GO_GZIP_HEADER, body, GO_FLATE_CLOSE, gzipSync(data, { level: 0 }).subarray(-8)]);
}

/** Decoded bytes as text: Terraform refuses bytes that are not UTF-8 rather than replacing them. */
function utf8(bytes: Buffer, name: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new EvalError(`${name}: the decoded bytes are not valid UTF-8.`);
  }
}

/**
 * A string as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped for HTML safety
 * (Terraform's jsonencode and the AWS provider's policy normaliser inherit it), and a lone surrogate,
 * which is no UTF-8, as U+FFFD (JSON.stringify would escape it).
 */
export function goJsonString(s: string): string {
  const text = LONE_SURROGATE_CHECK.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const LONE_SURROGATE_CHECK = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Terraform's jsonencode: compact, object keys sorted. Callers check for unknowns first. */
export function jsonEncode(v: Val): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EvalError('jsonencode: cannot serialize infinity as JSON.');
    return formatNumber(v);
  }
  if (typeof v === 'string') return goJsonString(v);
  if (v instanceof Unk) throw new EvalError('jsonencode: value is unknown.');
  if (v instanceof ListV) return `[${v.items.map(jsonEncode).join(',')}]`;
  return `{${[...v.attrs].map(([k, x]) => `${goJsonString(k)}:${jsonEncode(x)}`).join(',')}}`;
}

function toJs(v: Val): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Unk) throw new EvalError('value is unknown.');
  if (v instanceof ListV) return v.items.map(toJs);
  const out: Record<string, unknown> = {};
  for (const [k, x] of v.attrs) out[k] = toJs(x);
  return out;
}

/** A decoded YAML value: sequences are tuples, as jsondecode's arrays; timestamps RFC 3339 strings, as Terraform gives them. */
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const isNumber = (v: unknown): boolean => typeof v === 'number';

/** YAML 1.2 core schema's numbers (Terraform's yamldecode), in place of YAML 1.1's. */
const CORE_NUMBERS: ScalarTag[] = [
  { tag: INT, default: true, identify: isNumber, test: /^[-+]?[0-9]+$/, resolve: (s) => Number(s) },
  { tag: INT, default: true, identify: isNumber, test: /^0o[0-7]+$/, resolve: (s) => parseInt(s.slice(2), 8) },
  { tag: INT, default: true, identify: isNumber, test: /^0x[0-9a-fA-F]+$/, resolve: (s) => parseInt(s.slice(2), 16) },
  { tag: FLOAT, default: true, identify: isNumber, test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/, resolve: (s) => Number(s) },
  { tag: FLOAT, default: true, identify: isNumber, test: /^[-+]?\.(?:inf|Inf|INF)$/, resolve: (s) => (s.startsWith('-') ? -Infinity : Infinity) },
  { tag: FLOAT, default: true, identify: isNumber, test: /^\.(?:nan|NaN|NAN)$/, resolve: () => NaN },
];

function withCoreNumbers(tags: Tags): Tags {
  return [...tags.filter((t) => typeof t !== 'object' || (t.tag !== INT && t.tag !== FLOAT)), ...CORE_NUMBERS];
}

function fromYaml(y: unknown): Val {
  if (y instanceof Date) return y.toISOString().replace(/\.000Z$/, 'Z');
  if (typeof y === 'bigint') return Number(y);
  if (Array.isArray(y)) return tuple(y.map(fromYaml));
  if (y !== null && typeof y === 'object') return obj(Object.entries(y as Record<string, unknown>).map(([k, x]) => [nfc(k), fromYaml(x)]));
  return fromJson(y);
}

export function csvDecode(text: string): Val {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') {
        // Go's reader is strict (terraform console 1.11.4): a closing quote ends the field.
        if (!(i + 1 === text.length || /[,\r\n]/.test(text[i + 1]!))) throw new EvalError(`csvdecode: CSV parse error on line ${rows.length + 1}: extraneous or missing " in quoted-field.`);
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === '"') throw new EvalError(`csvdecode: CSV parse error on line ${rows.length + 1}: bare " in non-quoted-field.`);
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\n' || c === '\r') {
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; i++;
  }
  if (quoted) throw new EvalError(`csvdecode: CSV parse error on line ${rows.length + 1}: extraneous or missing " in quoted-field.`);
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  if (!header) throw new EvalError('csvdecode: missing header line.');
  // Each column names one attribute: Terraform refuses a name given twice.
  if (new Set(header).size !== header.length) throw new EvalError('csvdecode: duplicate column name in the header line.');
  return list(body.map((r, n) => {
    if (r.length !== header.length) throw new EvalError(`csvdecode: line ${n + 2} has ${r.length} fields, expected ${header.length}.`);
    return obj(header.map((h, j) => [nfc(h), nfc(r[j]!)]));
  }));
}

/** A codec Terraform names; an encoding this evaluator lacks (Shift_JIS, ...) is its gap, not an error of the configuration. */
function encodingOf(name: string): TextCodec {
  const codec = textCodec(name);
  if (!codec) throw new EvalError(`Unsupported text encoding "${name}" in this evaluator.`, undefined, EVALUATOR_GAP);
  return codec;
}

// A decoder's error quotes the text it could not read ("Unexpected token 'C', "{"password": C0…"
// is not valid JSON", a YAML code frame), and that text may be a secret (a sensitive variable's
// JSON): the message says where, as Terraform's does, never what.

/** Where JSON.parse stopped, as line and column, without the text. */
function jsonErrorWithoutText(text: string, e: Error): string {
  const at = /at position (\d+)/.exec(e.message);
  if (at) {
    const offset = Number(at[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
  }
  if (/Unexpected end of JSON input/.test(e.message)) return 'it ends too early';
  const token = /^Unexpected token '(.)'/.exec(e.message);
  return token ? `an unexpected ${/[A-Za-z0-9]/.test(token[1]!) ? 'word or number' : `'${token[1]}'`}` : 'it does not parse';
}

/** The YAML parser's error code and position, without its code frame. */
function yamlErrorWithoutText(e: Error): string {
  const { code, linePos } = e as Error & { code?: string; linePos?: readonly { line: number; col: number }[] };
  const where = linePos?.[0] ? ` at line ${linePos[0].line}, column ${linePos[0].col}` : '';
  return code !== undefined ? `${code.toLowerCase().replace(/_/g, ' ')}${where}` : `it does not parse${where}`;
}

export const encodingFunctions: Record<string, FunctionSpec> = {
  jsonencode: {
    min: 1,
    max: 1,
    deepUnknown: true,
    fn: ([v], ctx) => checkString(jsonEncode(v ?? null), ctx.budget),
    // A document with apply-time parts keeps its known structure (a policy's statements).
    // Its text starts with "{" or "[" (terraform plan 1.11.4: `jsonencode({ a = u }) == "zz"` is false).
    // So does an unknown's known never to be null, by its type, a string's with a quote (cty's
    // JSONEncodeFunc; terraform plan 1.11.4: jsonencode(terraform_data.u.id) == "x" and
    // jsonencode(unknown ? { a = 1 } : { b = 2 }) == "x" are false, of an unknown bool unknown).
    partial: ([v]) => (v instanceof Unk ? unknownJsonPrefix(v) : v === undefined ? undefined : new Unk(`jsonencode of a value with apply-time parts (${(firstUnk(v) ?? unk('unknown')).reason})`, v, true, v instanceof ObjV ? '{' : v instanceof ListV ? '[' : undefined)),
  },
  jsondecode: { min: 1, max: 1, fn: ([s]) => {
    try {
      return fromJson(JSON.parse(str(s)));
    } catch (e) {
      throw new EvalError(`jsondecode: invalid JSON (${jsonErrorWithoutText(str(s), e as Error)}).`);
    }
  } },
  yamlencode: { min: 1, max: 1, deepUnknown: true, fn: ([v]) => yamlEncode(toJs(v ?? null) as YamlValue) },
  yamldecode: { min: 1, max: 1, fn: ([s]) => {
    // An empty text is no document: Terraform refuses it ("missing start of document").
    if (str(s).trim() === '') throw new EvalError('yamldecode: invalid YAML (missing start of document).');
    try {
      // As Terraform's decoder reads it: YAML 1.1's booleans (yes/no/on/off/y/n), timestamps and `<<`
      // merges, but YAML 1.2's numbers (0644 is 644, 0o644 is 420; 0b101 and 1_000 are strings).
      return fromYaml(decodeYamlDocument(str(s), { version: '1.1', merge: true, maxAliasCount: 100, customTags: withCoreNumbers }));
    } catch (e) {
      if (e instanceof EvalError) throw e;
      throw new EvalError(`yamldecode: invalid YAML (${yamlErrorWithoutText(e as Error)}).`);
    }
  } },
  base64encode: { min: 1, max: 1, fn: ([s]) => Buffer.from(str(s), 'utf8').toString('base64') },
  base64decode: { min: 1, max: 1, fn: ([s]) => {
    // Line breaks are skipped, as Go's decoder skips \r and \n (base64decode("YW\r\nJj") is "abc", terraform console 1.11.4).
    const text = str(s).replace(/[\r\n]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError('base64decode: the string is not valid base64.');
    return utf8(Buffer.from(text, 'base64'), 'base64decode');
  } },
  base64gzip: { min: 1, max: 1, fn: ([s]) => goGzip(Buffer.from(str(s), 'utf8')).toString('base64') },
  csvdecode: { min: 1, max: 1, fn: ([s]) => csvDecode(str(s)) },
  textencodebase64: { min: 2, max: 2, fn: ([s, e]) => {
    const codec = encodingOf(str(e));
    // Buffer would write an unrepresentable character as its low byte; Terraform refuses it.
    const bytes = codec.encode(str(s));
    if (bytes === undefined) throw new EvalError(`textencodebase64: the string has characters that ${codec.name} cannot represent.`);
    return bytes.toString('base64');
  } },
  textdecodebase64: { min: 2, max: 2, fn: ([s, e]) => {
    const codec = encodingOf(str(e));
    // Line breaks skipped as base64decode skips them (terraform console 1.11.4: textdecodebase64("YWJj\n", "UTF-8") is "abc").
    const text = str(s).replace(/[\r\n]/g, '');
    // Padded base64 only, as Go's decoder reads it ("YQ" is refused).
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError('textdecodebase64: the string is not valid base64.');
    try {
      return codec.decode(Buffer.from(text, 'base64'));
    } catch {
      throw new EvalError(`textdecodebase64: the bytes are not valid ${codec.name}.`);
    }
  } },
  urlencode: { min: 1, max: 1, fn: ([s]) => encodeURIComponent(str(s)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%7E/g, '~') },
};

/** jsonencode()'s unknown result of an unknown never null: its text starts as its type's JSON does; undefined where nothing is known. */
function unknownJsonPrefix(v: Unk): Unk | undefined {
  const kind = v.type?.kind;
  const prefix = kind === 'string' ? '"' : kind === 'object' || kind === 'map' ? '{' : kind === 'list' || kind === 'set' || kind === 'tuple' ? '[' : jsonShape(v);
  return prefix === undefined || !v.notNull ? undefined : new Unk(v.cause, undefined, true, prefix);
}
