// What Terraform's yamldecode (go-yaml v2 under cty) does beyond a YAML 1.1 parse, applied to the
// parsed document before it becomes a value. Each was checked against terraform console 1.11.4:
// a key given twice takes the last value; a null or collection key is an error; a tag it does not
// know is an error; a quoted scalar keeps its text whatever its tag (!!int "3" is "3"); !!binary is
// its base64 text; a timestamp is written RFC 3339 without fractional seconds in its own offset,
// and read only in the forms Go's time.Parse takes (else it stays a string). A NaN (.nan, .NaN, .NAN)
// is an error, "floating point NaN is not supported"; an infinite key is written "+Inf" or "-Inf".
import { isCollection, isScalar, parseDocument, visit, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToJSOptions } from 'yaml';
import { EvalError } from '../value.js';

const STR = 'tag:yaml.org,2002:str';
const BINARY = 'tag:yaml.org,2002:binary';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const UNREAD_COLLECTION_TAGS = new Set(['tag:yaml.org,2002:set', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs']);

/** go-yaml's timestamp layouts: "2006-1-2T15:4:5.999999999Z07:00" (T or t), "2006-1-2 15:4:5.999999999", "2006-1-2". */
const GO_TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/;

/** A timestamp as Terraform gives it (time.RFC3339), or undefined when Go would not read it as one. */
export function goTimestamp(text: string): string | undefined {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? m[8] ?? 0), Number(m[5] ?? m[9] ?? 0), Number(m[6] ?? m[10] ?? 0)];
  const date = new Date(Date.UTC(2000, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || day !== new Date(Date.UTC(year < 100 ? 2000 : year, month - 1, day)).getUTCDate() || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = m[7];
  if (offset !== undefined && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return undefined;
  const two = (n: number): string => String(n).padStart(2, '0');
  // A zero offset is written Z, as Go writes it.
  const zone = offset === undefined || offset === 'Z' || /^[+-]00:00$/.test(offset) ? 'Z' : offset;
  return `${m[1]}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${zone}`;
}

/**
 * Whether a double-quoted scalar's source escapes a surrogate or a code point past U+10FFFF: go-yaml
 * refuses those, even a surrogate pair ("\ud83d\ude00"), with "found invalid Unicode character escape code".
 */
function badEscape(source: string): boolean {
  for (const m of source.matchAll(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|.)/gs)) {
    const hex = m[1] ?? m[2];
    if (hex === undefined) continue;
    const code = parseInt(hex, 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return true;
  }
  return false;
}

/** The document parsed and adjusted as above, as plain JavaScript; an EvalError for what Terraform refuses. */
export function decodeYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions): unknown {
  // Only YAML 1.1 documents (go-yaml v2: "found incompatible YAML document").
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.1') throw new EvalError('yamldecode: invalid YAML (found incompatible YAML document).');
  const doc = parseDocument(text, { ...options, uniqueKeys: false, logLevel: 'error' });
  if (doc.errors.length > 0) throw doc.errors[0]!;
  if (doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) throw new EvalError('yamldecode: invalid YAML (an unsupported tag).');
  // Comments alone, or a document end alone, are no document: one needs content or a "---"
  // (terraform console 1.11.4: "# c" and "..." are errors, "---" and "# c\n---" are null).
  const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.type === 'PLAIN' && doc.contents.source === '' && doc.contents.tag === undefined && doc.contents.anchor === undefined);
  if (empty && doc.directives?.docStart !== true) throw new EvalError('yamldecode: invalid YAML (missing start of document).');
  visit(doc, {
    Collection(_, node) {
      // YAML 1.1's !!set, !!omap and !!pairs, which go-yaml v2 does not read (terraform console
      // 1.11.4: "can't interpret mapping as tag:yaml.org,2002:set"); this parser made them maps.
      if (node.tag !== undefined && UNREAD_COLLECTION_TAGS.has(node.tag)) throw new EvalError(`yamldecode: invalid YAML (can't interpret a collection as ${node.tag}).`);
    },
    Pair(_, pair) {
      const key = pair.key;
      if (key === null || (isScalar(key) && key.value === null)) throw new EvalError('yamldecode: invalid YAML (mapping key cannot be null).');
      if (isCollection(key)) throw new EvalError('yamldecode: invalid YAML (only strings are allowed as mapping keys).');
      // As cty writes an infinite number as a string (`.inf: 1` is { "+Inf" = 1 }), not JavaScript's "Infinity".
      if (isScalar(key) && typeof key.value === 'number' && Math.abs(key.value) === Infinity) key.value = key.value > 0 ? '+Inf' : '-Inf';
    },
    Scalar(_, node) {
      const source = node.source;
      if (typeof source !== 'string') return;
      if (node.type === 'QUOTE_DOUBLE' && node.range && badEscape(text.slice(node.range[0], node.range[1]))) {
        throw new EvalError('yamldecode: invalid YAML (found invalid Unicode character escape code).');
      }
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if ((quoted && node.tag !== undefined && node.tag !== STR) || node.tag === BINARY) node.value = source;
      else if (node.value instanceof Date || node.tag === TIMESTAMP) node.value = goTimestamp(source) ?? source;
      // After the above: a quoted ".nan" keeps its text whatever its tag (a: !!float ".nan" is ".nan").
      if (Number.isNaN(node.value)) throw new EvalError('yamldecode: floating point NaN is not supported.');
    },
  });
  return doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
}
