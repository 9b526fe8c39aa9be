// Reporters never print a secret or PHI value (issue 2): before a code frame is drawn, string values
// of attributes whose name looks secret are masked. Masking keeps the text's length and line
// breaks, so spans computed on the original text still point at the right columns.
import { maskDetected, maskUrlUserinfo } from '../detectors/mask.js';
import { weakMemo } from '../util/weak-memo.js';
import { AWS_SENSITIVE_ARGUMENTS } from './aws-sensitive-arguments.js';
import { isAboutASecret, isMaskedName, isSecretName as isSecretNameStrictly } from '../detectors/names.js';
import { isHighEntropy } from '../detectors/secrets.js';
import { fileIncludes, type Needle } from '../discovery/file-index.js';

/** Attribute and variable names whose values are treated as secret. */
const SECRET_NAME =
  /(pass(word|wd|phrase)?|secret|token|private[_-]?key|access[_-]?key|api[_-]?key|auth|credential|connection[_-]?string|conn[_-]?str|session[_-]?key|signing[_-]?key|client[_-]?secret|master[_-]?user[_-]?password|ssn|social[_-]?security|patient|dob|date[_-]?of[_-]?birth|mrn)/i;

export function isSecretName(name: string): boolean {
  // Wide on purpose (a frame may mask too much, never too little), but not a name about a secret:
  // `http_tokens = "required"` masked hid IMDSv2 settings and the fix diff that changes them.
  // isMaskedName adds the short forms of password (`admin_pw = "…"`).
  return (SECRET_NAME.test(name) || isMaskedName(name)) && !isAboutASecret(name);
}

/**
 * The positions to mask in one text, as a byte per UTF-16 code unit, allocated on the first mask:
 * most files have nothing to mask and come back as they are, without being split into characters.
 */
class Masks {
  private bits: Uint8Array | undefined;

  constructor(private readonly text: string) {}

  set(i: number): void {
    (this.bits ??= new Uint8Array(this.text.length))[i] = 1;
  }

  /** The text with every masked code unit replaced by `*` (same length, same line breaks). */
  apply(): string {
    const bits = this.bits;
    if (!bits) return this.text;
    const pieces: string[] = [];
    let from = 0;
    for (let i = 0; i < bits.length; i++) {
      if (bits[i] !== 1) continue;
      let end = i;
      while (end < bits.length && bits[end] === 1) end++;
      pieces.push(this.text.slice(from, i), '*'.repeat(end - i));
      from = end;
      i = end;
    }
    pieces.push(this.text.slice(from));
    return pieces.join('');
  }
}

/** Replaces the inside of a quoted string starting at `open` (the quote) and returns the end index. */
function maskQuoted(chars: Masks, text: string, open: number): number {
  const quote = text[open]!;
  let i = open + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') {
    if (text[i] === '\\' && i + 1 < text.length) {
      chars.set(i);
      i++;
    } else if (quote === '"' && text[i] === '$' && text[i + 1] === '{') {
      // An HCL template interpolation may hold quotes of its own ("${lower("Y")}X"): masked through its closing brace.
      let depth = 0;
      for (; i < text.length && text[i] !== '\n'; i++) {
        chars.set(i);
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
    }
    chars.set(i);
    i++;
  }
  return i;
}

/**
 * When the string opened at `open` is the key of an index into a value (`jsondecode(…)["password"]`,
 * `local.creds["db_password"]`): the index of its closing quote, when the key is a name as
 * jsonKeyShown allows; else undefined. The key names where the secret is, as an attribute name does.
 */
function shownIndexKey(text: string, open: number): number | undefined {
  if (text[open - 1] !== '[' || !/[A-Za-z0-9_)\]]/.test(text[open - 2] ?? '')) return undefined;
  const m = /^"([A-Za-z_][A-Za-z0-9_.\/-]*)"\]/.exec(text.slice(open, open + 70));
  return m && jsonKeyShown(m[1]!) ? open + m[1]!.length + 1 : undefined;
}

/**
 * Masks the strings of an expression starting at `at` (`trimspace("…")`, `sensitive("…")`,
 * `jsonencode({ pw = "…" })`, `["…", "…"]`, a parenthesised multi-line string) through its end:
 * a line break, `,` or `#` outside brackets, or the bracket closing around it. Returns the end index.
 */
function maskExpressionStrings(chars: Masks, text: string, at: number, json = false): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    // In JSON, an object's member names stay (`{"sensitive": true, "default": "…"}`), as maskRanges keeps them.
    const name = json && c === '"' ? shownJsonName(text, i, text.length) : undefined;
    const key = !json && c === '"' ? shownIndexKey(text, i) : undefined;
    if (name !== undefined) i = name;
    else if (key !== undefined) i = key;
    else if (c === '"' || c === "'") i = maskQuoted(chars, text, i);
    else if (c === '<' && text.startsWith('<<', i)) {
      // Up to the line break after the closing marker, which the next step reads.
      const end = maskHeredoc(chars, text, i);
      if (end > i) i = end - 1;
    } else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === '\n' || c === ',' || c === '#')) return i;
  }
  return text.length;
}

/** Masks a heredoc body `<<EOF ... EOF` whose marker starts at `at`; returns the end index. */
function maskHeredoc(chars: Masks, text: string, at: number): number {
  const header = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[^\n]*\n/.exec(text.slice(at));
  if (!header) return at;
  const marker = header[1]!;
  let i = at + header[0].length;
  while (i < text.length) {
    const lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    const line = text.slice(i, lineEnd);
    if (line.trim() === marker) return lineEnd;
    for (let j = i; j < lineEnd; j++) if (text[j] !== '\r') chars.set(j);
    i = lineEnd + 1;
  }
  return text.length;
}

// `name = "x"`, `name: "x"`, `"name": "x"`, `name = <<EOF`, YAML `name: bare value`, and a quoted key
// that no identifier spells (`"Admin Password" = "x"`, `"db:password": "x"`, a tag or map key).
// A name starts where no identifier began before it: from inside `resource_name` the match could only
// find what the attempt at its first letter found (the characters after a name are no identifier's),
// and trying every letter again, each running to the name's end and back, made this regular
// expression the costliest step of redaction (a fifth of it over corpus (a)'s files, 5× its cost now).
const ASSIGNMENT = /(?:(["'])([^"'\n]{1,120}?)\1|(?<![A-Za-z_][A-Za-z0-9_.-]*)([A-Za-z_][A-Za-z0-9_.-]*))[ \t]*([=:])[ \t]*/g;

/** The key and the operator of an ASSIGNMENT match. */
function assignmentOf(m: RegExpExecArray): { readonly name: string; readonly op: string } {
  return { name: m[2] ?? m[3]!, op: m[4]! };
}

/**
 * Returns `text` with values of secret-looking attributes masked (same length, same line breaks).
 * Covers HCL (`password = "..."`, heredocs), JSON (`"password": "..."`), YAML (`password: ...`),
 * tfvars, and `variable "db_password" { default = "..." }` blocks.
 */
export function redactSecrets(text: string, jsonValues = true): string {
  // Content fingerprints are computed on the redaction without it (fingerprintSources): it changed
  // what a one-line JSON document shows, and a baseline's fingerprints must keep matching.
  return redactText(text, jsonValues && isJsonDocument(text));
}

/** redactSecrets, told whether `text` is one JSON document whose values are read as JSON (isJsonDocument, a parse of the whole text). */
function redactText(text: string, json: boolean): string {
  const chars = new Masks(text); // by UTF-16 code unit, so offsets and lengths are preserved
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const { name, op } = assignmentOf(m);
    if (!isSecretName(name)) continue;
    // ` : ` after an unquoted name is an HCL conditional's branch (`c ? random_password.db.result : null`), not a YAML key.
    if (op === ':' && m[3] !== undefined && /[ \t]:/.test(m[0])) continue;
    const end = json && op === ':' ? maskJsonLiteral(chars, text, m.index + m[0].length) : maskValueAt(chars, text, m.index + m[0].length, op, name);
    ASSIGNMENT.lastIndex = Math.max(ASSIGNMENT.lastIndex, end);
  }
  maskSecretVariableBlocks(text, chars);
  if (text.includes('"variable"')) maskJsonSecretVariables(text, chars);
  maskCsvSecretColumns(text, chars);
  if (text.includes('resource')) maskProviderSensitiveArguments(text, chars);
  if (text.includes('each.')) maskSecretForEachLiterals(text, chars);
  if (/^kind:[ \t]*Secret\b/m.test(text)) maskKubernetesSecretData(text, chars);
  if (/\bvalue\b/.test(text)) maskSecretNamedPairs(text, chars);
  maskMalformedAssignments(text, chars);
  maskCommentedSecrets(text, chars);
  maskAwsSecretShapes(text, chars);
  // Values recognised by what they are (an AWS key, a private key, an SSN), whatever their name,
  // and credentials written into a URL (a git module source with user:token@).
  return maskDetected(maskUrlUserinfo(chars.apply()));
}

/**
 * Whether the text is one JSON document (a plan, a state, a .tf.json, a policy file): its values
 * after `"name":` are JSON, not YAML plain scalars, which run to the end of the line. A plan written
 * on one line lost the rest of it, every non-secret attribute after `"manage_master_user_password":
 * null` (`"publicly_accessible": true` in the code frame and SARIF snippet of the finding about it).
 */
function isJsonDocument(text: string): boolean {
  if (!/^\s*[{[]/.test(text)) return false;
  try {
    // A plan's or state's text comes here with its sensitive numbers and booleans masked already (`"port": ****`).
    JSON.parse(text.includes('*') ? text.replace(/([:[,]\s*)\*+(?=\s*[,}\]])/g, '$10') : text);
    return true;
  } catch {
    return false;
  }
}

const JSON_NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A JSON value after a secret name's `:` (the document parses, so it is one): a string masked, a
 * number masked (a PIN), `true`, `false` and `null` shown (they hold no secret); an object or array
 * left to the steps that read its names. Returns where the value ends.
 */
function maskJsonLiteral(chars: Masks, text: string, valueAt: number): number {
  const first = text[valueAt];
  if (first === '"') return maskQuoted(chars, text, valueAt);
  JSON_NUMBER.lastIndex = valueAt;
  const number = JSON_NUMBER.exec(text);
  if (number !== null) {
    for (let i = valueAt; i < valueAt + number[0].length; i++) chars.set(i);
    return valueAt + number[0].length;
  }
  return valueAt;
}

/**
 * Masks the value written at `valueAt` after a secret name and its operator (`=` in HCL and shell,
 * `:` in JSON and YAML); returns the index where the value ends.
 */
function maskValueAt(chars: Masks, text: string, valueAt: number, op: string, name: string): number {
  const first = text[valueAt];
  if (first === '"' || first === "'") return maskQuoted(chars, text, valueAt);
  if (text.startsWith('<<', valueAt)) return maskHeredoc(chars, text, valueAt);
  if (op === '=' && (first === '[' || first === '{')) {
    // A list or map of secrets (`api_keys = ["…", "…"]`, `admin_creds = { prod = "…" }`): every string in it.
    return maskExpressionStrings(chars, text, valueAt);
  }
  if (op === '=' && first !== undefined && /[A-Za-z_(]/.test(first) && isSecretNameStrictly(name) && /^[A-Za-z_][A-Za-z0-9_:]*\s*\(|^\(/.test(text.slice(valueAt, valueAt + 80))) {
    // A function call or parentheses around the secret (`password = trimspace("…")`): every string in
    // the expression. Only for names that are a secret (not `auth_mode = lookup(var.m, "k")`).
    return maskExpressionStrings(chars, text, valueAt);
  }
  if (op === '=' && first !== undefined && isBareSecret(text, valueAt)) {
    // A shell or dotenv assignment (`export DB_PASSWORD=s3cret`, `--password=s3cret`), often in a
    // user_data heredoc or a .env file: mask the word.
    let end = valueAt;
    while (end < text.length && !/[\s"'`;]/.test(text[end]!)) end++;
    for (let i = valueAt; i < end; i++) chars.set(i);
    return end;
  }
  if (op === ':' && first !== undefined) return maskYamlValue(chars, text, valueAt);
  return valueAt;
}

/**
 * A YAML value after `key:`: a block scalar (`|`, `>-`: the lines indented under the key), a quoted
 * or plain scalar, each possibly after an anchor or a tag (`&pw value`, `!!str value`). An alias
 * (`*pw`), a flow collection or nothing (a nested map) shows no value. Returns where the value ends.
 */
function maskYamlValue(chars: Masks, text: string, valueAt: number): number {
  let at = valueAt;
  // Anchors and tags before the value: `&pw`, `!!str`, `!secret`.
  for (let prop = /^[&!][^\s]*[ \t]+/.exec(text.slice(at, at + 200)); prop; prop = /^[&!][^\s]*[ \t]+/.exec(text.slice(at, at + 200))) at += prop[0].length;
  const first = text[at];
  if (first === undefined || /[\s{[*#]/.test(first)) return at;
  if (first === '"' || first === "'") return maskQuoted(chars, text, at);
  if (first === '|' || first === '>') return maskBlockScalar(chars, text, at);
  // A plain scalar: to the end of the line (or a trailing comment).
  let end = text.indexOf('\n', at);
  if (end === -1) end = text.length;
  const comment = text.slice(at, end).search(/\s#/);
  if (comment !== -1) end = at + comment;
  for (let i = at; i < end; i++) if (text[i] !== '\r') chars.set(i);
  return end;
}

/** The lines of a YAML block scalar whose indicator (`|`, `>-`) is at `at`: those indented deeper than the key's line. */
function maskBlockScalar(chars: Masks, text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const keyIndent = /^[ \t-]*/.exec(text.slice(lineStart, at))![0].length;
  let i = text.indexOf('\n', at);
  if (i === -1) return text.length;
  i++;
  while (i < text.length) {
    const lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    const line = text.slice(i, lineEnd);
    if (line.trim() !== '' && /^[ \t]*/.exec(line)![0].length <= keyIndent) return i;
    for (let j = i; j < lineEnd; j++) if (!/[ \t\r]/.test(text[j]!)) chars.set(j);
    i = lineEnd + 1;
  }
  return text.length;
}

/**
 * A block that sets a secret from its instance key or value (`password = each.key`): the strings of
 * its `for_each` are those secrets, though nothing names them so.
 */
function maskSecretForEachLiterals(text: string, chars: Masks): void {
  const header = /\b(?:resource|data|module)[ \t]+"[^"\n]*"(?:[ \t]+"[^"\n]*")?[ \t]*\{/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const from = m.index + m[0].length;
    const body = text.slice(from, blockEnd(text, from));
    const setFromEach = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*each\.(?:key|value)\b/gm;
    let secret = false;
    for (let a = setFromEach.exec(body); a && !secret; a = setFromEach.exec(body)) secret = isSecretNameStrictly(a[1]!);
    if (!secret) continue;
    const forEach = /^[ \t]*for_each[ \t]*=[ \t]*/m.exec(body);
    if (forEach !== null) maskExpressionStrings(chars, text, from + forEach.index + forEach[0].length);
  }
}

/**
 * A Kubernetes Secret's `data` and `stringData`: every value under them, whatever its key says
 * (`DB_URL: <base64>`); Kubernetes and its Terraform provider treat them all as secret.
 */
function maskKubernetesSecretData(text: string, chars: Masks): void {
  const documents = text.split(/^(?=---)/m);
  let offset = 0;
  for (const doc of documents) {
    if (/^kind:[ \t]*Secret\b/m.test(doc)) {
      const section = /^([ \t]*)(?:data|stringData):[ \t]*(?:#.*)?$/gm;
      for (let m = section.exec(doc); m; m = section.exec(doc)) {
        const indent = m[1]!.length;
        let i = m.index + m[0].length + 1;
        while (i < doc.length) {
          const lineEnd = doc.indexOf('\n', i) === -1 ? doc.length : doc.indexOf('\n', i);
          const line = doc.slice(i, lineEnd);
          const lead = /^[ \t]*/.exec(line)![0].length;
          if (line.trim() !== '' && lead <= indent) break;
          const key = /^[ \t]*(?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?):[ \t]*/.exec(line);
          // A `key: value` line masks the value; a deeper line (a block scalar's) is masked whole.
          const from = key !== null && lead === key[0].length - key[0].trimStart().length && key.index === 0 ? key[0].length : lead;
          for (let j = from; j < line.length; j++) if (!/[\r]/.test(line[j]!)) chars.set(offset + i + j);
          i = lineEnd + 1;
        }
      }
    }
    offset += doc.length;
  }
}

/**
 * A name/value pair whose name says secret: a container's environment (`- name: DB_PASSWORD` then
 * `value: …` in Kubernetes YAML, `{ name = "DB_PASSWORD", value = "…" }` in an ECS container
 * definition), with the value before or after the name. The value's key says nothing, so
 * ASSIGNMENT passes it by.
 */
function maskSecretNamedPairs(text: string, chars: Masks): void {
  const pairName = /(["']?)name\1[ \t]*[=:][ \t]*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;
  for (let m = pairName.exec(text); m; m = pairName.exec(text)) {
    if (!isSecretNameStrictly(m[3]!)) continue;
    // The value of the same pair: before the pair's closing brace or the next list item, within a few lines.
    const after = m.index + m[0].length;
    const window = text.slice(after, after + 300);
    const stop = window.search(/[}\]]|\n[ \t]*-[ \t]/);
    const scope = stop === -1 ? window : window.slice(0, stop);
    const value = /(["']?)value\1[ \t]*([=:])[ \t]*/.exec(scope);
    if (value !== null) maskValueAt(chars, text, after + value.index + value[0].length, value[2]!, 'value');
    // Or written first (`{ value = "…", name = "DB_PASSWORD" }`): after the pair's opening brace or list item.
    const from = Math.max(0, m.index - 300);
    const behind = text.slice(from, m.index);
    const openers = [...behind.matchAll(/[{[]|\n[ \t]*-[ \t]/g)];
    const open = openers.length > 0 ? openers[openers.length - 1]!.index! + openers[openers.length - 1]![0].length : 0;
    const earlier = /(["']?)value\1[ \t]*([=:])[ \t]*/.exec(behind.slice(open));
    if (earlier !== null) maskValueAt(chars, text, from + open + earlier.index + earlier[0].length, earlier[2]!, 'value');
  }
}

/**
 * A secret assignment a parse error broke (`password "…"`, `password == "…"`, `password =* "…"`): the
 * file's frame shows the line with its error, so the string on it is masked as a well-formed one is.
 */
function maskMalformedAssignments(text: string, chars: Masks): void {
  const line = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*([^\w\s"'\n]{0,3})[ \t]*(["'])/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    if (m[2] === '=' || m[2] === ':' || !isSecretNameStrictly(m[1]!)) continue;
    maskQuoted(chars, text, m.index + m[0].length - 1);
  }
}

/** Words after a secret word in a comment that link it to its value, not the value. */
const COMMENT_LINK_WORDS = new Set(['is', 'was', 'are', 'were', 'be', 'the', 'a', 'an', 'to', 'for', 'of', 'in', 'on', 'and', 'or', 'old', 'new', 'my', 'our', 'here', 'remove', 'me', 'this', 'that', 'it', 'set', 'use', 'used', 'see', 'by', 'from', 'with', 'as', 'at', 'not', 'do', 'todo']);

/**
 * A secret written in a comment (`# db password was s3cret-2024`, `// token: …`): after a word that
 * says secret, each word that looks like a value (a digit, a symbol, or upper and lower case inside
 * it) is masked. Comments are not evaluated, so no name reaches them; frames show them all the same.
 */
function maskCommentedSecrets(text: string, chars: Masks): void {
  if (!/#|\/\/|\/\*/.test(text)) return;
  const comment = /(?:^|[\s;{}(,])(?:#|\/\/)([^\n]*)|\/\*([\s\S]*?)(?:\*\/|(?![\s\S]))/g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const body = m[1] ?? m[2] ?? '';
    const bodyAt = m.index + m[0].length - body.length - (m[2] !== undefined && m[0].endsWith('*/') ? 2 : 0);
    const trigger = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[ _-]?key|access[ _-]?key|private[ _-]?key|creds|credentials?)\b/gi;
    for (let t = trigger.exec(body); t; t = trigger.exec(body)) {
      const lineEnd = body.indexOf('\n', t.index) === -1 ? body.length : body.indexOf('\n', t.index);
      const word = /[^\s"'`,;()]+/g;
      word.lastIndex = t.index + t[0].length;
      for (let w = word.exec(body); w && w.index < lineEnd; w = word.exec(body)) {
        const token = w[0].replace(/^[:=]+|[.:]+$/g, '');
        if (token.length < 4 || COMMENT_LINK_WORDS.has(token.toLowerCase())) continue;
        if (!/\d|[^\w.:/-]|[a-z][A-Z]|[A-Z][a-z]*[A-Z]/.test(token)) continue;
        for (let i = 0; i < w[0].length; i++) chars.set(bodyAt + w.index + i);
      }
      trigger.lastIndex = lineEnd;
    }
  }
}

/**
 * A 40-character AWS secret access key (base64 alphabet, upper and lower case and a digit) written
 * anywhere, a comment included: its shape alone is too weak for a finding (secrets.ts asks for an
 * AWS context), but a frame loses nothing by hiding it. A git hash (lower-case hex) is not this shape.
 */
function maskAwsSecretShapes(text: string, chars: Masks): void {
  const shape = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
  for (let m = shape.exec(text); m; m = shape.exec(text)) {
    const s = m[0];
    if (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/\d/.test(s) || /EXAMPLEKEY$/.test(s)) continue;
    for (let i = 0; i < s.length; i++) chars.set(m.index + i);
  }
}

/** `local.creds["password"]`, `var.m["db"].pw`: a reference, ending where an expression may end. */
const QUOTED_INDEX_TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_*][A-Za-z0-9_-]*|\[(?:"[A-Za-z0-9_.\/-]*"|[^\]"\n]*)\])*\["[A-Za-z0-9_.\/-]*"\](?:\.[A-Za-z_*][A-Za-z0-9_-]*|\[(?:"[A-Za-z0-9_.\/-]*"|[^\]"\n]*)\])*(?=[\s,)}\]#]|$)/;

/**
 * Whether an unquoted value after `=` is a literal word, not an HCL expression: a reference
 * (`var.db_password`, `aws_secretsmanager_secret.db.arn`), a call (`random_password(...)`), a
 * collection, a number, or a keyword is kept, as it shows no secret.
 */
function isBareSecret(text: string, at: number): boolean {
  const word = /^[^\s"'`;]+/.exec(text.slice(at, at + 200))?.[0];
  if (word === undefined) return false;
  if (/^[{[(<$]/.test(word) || /^(?:true|false|null|-?\d+(?:\.\d+)?)$/.test(word)) return false;
  // A traversal whose index is a quoted key (`local.creds["password"]`): the word stops at the quote.
  if (QUOTED_INDEX_TRAVERSAL.test(text.slice(at, at + 200))) return false;
  // Traversals and calls: identifier(.identifier|[index])* optionally followed by `(`.
  return !/^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_*][A-Za-z0-9_-]*|\[[^\]]*\])+,?$|^[A-Za-z_][A-Za-z0-9_:-]*\(/.test(word);
}

/**
 * `variable "db_password" { default = "..." }` and any variable block that says `sensitive = true`:
 * every string literal inside the block is masked (Terraform shows neither), but for its
 * description and validation messages, written for the reader (a `secrets` variable's "Set of
 * secret names…" is what tells a reviewer the finding is wrong).
 */
function maskSecretVariableBlocks(text: string, chars: Masks): void {
  VARIABLE_HEADER.lastIndex = 0;
  for (let m = VARIABLE_HEADER.exec(text); m; m = VARIABLE_HEADER.exec(text)) {
    const start = m.index + m[0].length;
    const strings: number[] = [];
    const end = blockEnd(text, start, (at) => strings.push(at));
    if (!isSecretName(m[1]!) && !SENSITIVE_TRUE.test(text.slice(start, end))) continue;
    for (const at of strings) {
      // Prose for the reader (what the variable is, what a validation says) holds no value: kept.
      const lineStart = text.lastIndexOf('\n', at) + 1;
      if (PROSE_ARGUMENT.test(text.slice(lineStart, at))) continue;
      maskQuoted(chars, text, at);
    }
  }
}

/**
 * The JSON syntax's variables (`"variable": { "db_password": { "default": "…" } }` in a .tf.json):
 * each secret-named or `"sensitive": true` variable's string values, its keys and prose kept.
 */
function maskJsonSecretVariables(text: string, chars: Masks): void {
  for (const { name, start, end } of jsonVariables(text)) {
    const strings: number[] = [];
    blockEnd(text, start, (at) => strings.push(at));
    if (!isSecretName(name) && !JSON_SENSITIVE_TRUE.test(text.slice(start, end))) continue;
    for (const at of strings) {
      const close = skipQuoted(text, at);
      if (/^\s*:/.test(text.slice(close + 1, close + 40))) continue; // a key
      if (/"(?:description|error_message|type)"\s*:\s*$/.test(text.slice(Math.max(0, at - 40), at))) continue; // prose, or a type
      maskQuoted(chars, text, at);
    }
  }
}

const JSON_SENSITIVE_TRUE = /"sensitive"\s*:\s*(?:true|"true")/;

/** Each variable of a .tf.json text's `"variable"` objects (or array of objects): its name and the range of its body. */
function* jsonVariables(text: string): Generator<{ readonly name: string; readonly start: number; readonly end: number }> {
  const header = /"variable"\s*:\s*([{[])/g;
  for (let h = header.exec(text); h; h = header.exec(text)) {
    const open = h.index + h[0].length;
    // The array form (`"variable": [ { "x": { … } }, … ]`): each of its objects holds variables.
    const objects: number[] = [];
    let stop: number;
    if (h[1] === '[') {
      let i = open;
      while (i < text.length && text[i] !== ']') {
        if (text[i] === '{') {
          objects.push(i + 1);
          i = blockEnd(text, i + 1);
        } else if (text[i] === '"') i = skipQuoted(text, i) + 1;
        else i++;
      }
      stop = i;
    } else {
      objects.push(open);
      stop = blockEnd(text, open);
    }
    for (const blockStart of objects) {
      const blockStop = blockEnd(text, blockStart);
      const member = /"((?:[^"\\\n]|\\.)+)"\s*:\s*\{/g;
      member.lastIndex = blockStart;
      for (let m = member.exec(text); m && m.index < blockStop; m = member.exec(text)) {
        const start = m.index + m[0].length;
        const end = blockEnd(text, start);
        yield { name: m[1]!, start, end };
        member.lastIndex = end;
      }
    }
    header.lastIndex = stop;
  }
}

/**
 * A CSV or TSV table whose header names a secret column (`user,password,ssn`): that column's cells
 * in every row (a seed file the sweep reads, shown as a PHI finding's frame).
 */
function maskCsvSecretColumns(text: string, chars: Masks): void {
  const headerEnd = text.indexOf('\n');
  const header = (headerEnd < 0 ? text : text.slice(0, headerEnd)).replace(/\r$/, '');
  const separator = header.includes('\t') ? '\t' : ',';
  if (!header.includes(separator) || !/^[\w .\-"\t,]+$/.test(header)) return;
  const columns = header.split(separator).map((c) => c.trim().replace(/^"|"$/g, ''));
  const secret = columns.map((c) => isSecretName(c));
  if (!secret.includes(true)) return;
  let at = headerEnd + 1;
  while (headerEnd >= 0 && at < text.length) {
    const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    let cellStart = at;
    let column = 0;
    for (let i = at; i <= end; i++) {
      if (i === end || text[i] === separator) {
        if (secret[column] === true) for (let j = cellStart; j < i; j++) if (text[j] !== '\r' && text[j] !== '"') chars.set(j);
        column++;
        cellStart = i + 1;
      }
    }
    at = end + 1;
  }
}

const PROSE_ARGUMENT = /^[ \t]*(?:description|error_message)[ \t]*=[ \t]*$/;
const VARIABLE_HEADER = /\bvariable[ \t]+"([^"]+)"[ \t]*\{/g;
const SENSITIVE_TRUE = /(?:^|[\s{])sensitive[ \t]*=[ \t]*(?:true|"true")\b/;

/** The index of the closing quote of the string opening at `open` (or of the line's end). */
function skipQuoted(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * The index after the `}` closing a block whose body starts at `from`, strings and `#` comments
 * skipped; `onString` is told where each string opens.
 */
function blockEnd(text: string, from: number, onString?: (at: number) => void): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '"') {
      onString?.(i);
      i = skipQuoted(text, i);
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    i++;
  }
  return i;
}

/** Names of the variables a configuration declares `sensitive = true` (in any of `texts`), read from the text. */
export function sensitiveVariableNames(texts: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    if (!text.includes('sensitive')) continue;
    if (text.includes('"variable"')) for (const v of jsonVariables(text)) if (JSON_SENSITIVE_TRUE.test(text.slice(v.start, v.end))) names.add(v.name);
    VARIABLE_HEADER.lastIndex = 0;
    for (let m = VARIABLE_HEADER.exec(text); m; m = VARIABLE_HEADER.exec(text)) {
      if (SENSITIVE_TRUE.test(text.slice(m.index + m[0].length, blockEnd(text, m.index + m[0].length)))) names.add(m[1]!);
    }
  }
  return names;
}

/**
 * `text` with the string literals assigned to `names` masked: a tfvars line or a module argument
 * that sets a variable declared sensitive (its name says nothing: `conn = "..."`). Same length.
 */
export function maskAssignmentsTo(text: string, names: ReadonlySet<string>, json = false): string {
  if (names.size === 0) return text;
  const chars = new Masks(text);
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    if (!names.has(assignmentOf(m).name)) continue;
    const i = maskExpressionStrings(chars, text, m.index + m[0].length, json);
    ASSIGNMENT.lastIndex = Math.max(ASSIGNMENT.lastIndex, i);
  }
  return chars.apply();
}

/**
 * Arguments the provider marks sensitive under names that say nothing (Terraform hides them in its
 * plan): an SSM parameter's value, a KMS ciphertext's plaintext, a Kubernetes secret's data. AWS's
 * come from its schema (aws-sensitive-arguments.ts); the others' by hand.
 */
const PROVIDER_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  ...AWS_SENSITIVE_ARGUMENTS,
  github_actions_secret: ['plaintext_value', 'encrypted_value'],
  github_actions_environment_secret: ['plaintext_value', 'encrypted_value'],
  kubernetes_secret: ['data', 'binary_data'],
  kubernetes_secret_v1: ['data', 'binary_data'],
  vault_generic_secret: ['data_json'],
  google_secret_manager_secret_version: ['secret_data'],
  azurerm_key_vault_secret: ['value'],
};

function maskProviderSensitiveArguments(text: string, chars: Masks): void {
  const header = /\bresource[ \t]+"([A-Za-z0-9_]+)"[ \t]+"[^"]*"[ \t]*\{/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const names = PROVIDER_SENSITIVE[m[1]!];
    if (names === undefined) continue;
    const body = text.slice(0, blockEnd(text, m.index + m[0].length));
    const argument = new RegExp(`^[ \\t]*(?:${names.join('|')})[ \\t]*=[ \\t]*`, 'gm');
    argument.lastIndex = m.index + m[0].length;
    for (let a = argument.exec(body); a; a = argument.exec(body)) maskExpressionStrings(chars, text, a.index + a[0].length);
  }
}

type Sources = (file: string) => string | undefined;

/**
 * One redacted view per `sources` function: the reports of one scan share the context's function, so
 * CSV, SARIF and the GitLab reports written together redact each file once between them (redacting
 * every file of corpus (a) took ~80 ms of a CSV's ~200).
 */
const views = new WeakMap<Sources, RedactedViews>();

/** `sources` with every file's text redacted once, on first use (reporters ask per finding). */
export function redactedSources(sources: Sources): Sources {
  return weakMemo(views, sources, () => new RedactedViews(sources)).shown;
}

/**
 * `sources` as content fingerprints read them (baseline/fingerprint.ts), each file redacted once:
 * without reading a JSON document's values as JSON (redactSecrets), so a value after a secret name in
 * a one-line plan is masked to the end of the line, as when the baselines in use were written.
 */
export function fingerprintSources(sources: Sources): Sources {
  return weakMemo(views, sources, () => new RedactedViews(sources)).fingerprinted;
}

/**
 * The two redacted views of one `sources` function. They differ only for a JSON document, whose
 * values the shown view reads as JSON: any other file (every Terraform file) is redacted once for
 * both (SARIF, which shows snippets and fingerprints them, redacted each file twice: 1.2 s of a
 * 2.9 s report for ten times corpus (a) of the bench).
 */
class RedactedViews {
  /** Each file's text with its redactions: a text that is not the one redacted (sources changed behind the function) is redacted again. */
  private readonly cache = new Map<string, { readonly text: string; fingerprinted?: string; shown?: string }>();

  constructor(private readonly sources: Sources) {}

  readonly shown: Sources = (file) => {
    const entry = this.entry(file);
    if (entry === undefined) return undefined;
    // The document is parsed once to tell (a plan's JSON may be megabytes), not again in redactSecrets.
    if (entry.shown === undefined) entry.shown = isJsonDocument(entry.text) ? redactText(entry.text, true) : this.fingerprinted(file)!;
    return entry.shown;
  };

  readonly fingerprinted: Sources = (file) => {
    const entry = this.entry(file);
    if (entry === undefined) return undefined;
    entry.fingerprinted ??= redactText(entry.text, false);
    return entry.fingerprinted;
  };

  private entry(file: string): { readonly text: string; fingerprinted?: string; shown?: string } | undefined {
    const text = this.sources(file);
    if (text === undefined) return undefined;
    let entry = this.cache.get(file);
    if (entry === undefined || entry.text !== text) this.cache.set(file, (entry = { text }));
    return entry;
  }
}

/** Rules whose failing findings point at the literal secret or PHI value itself. */
const LITERAL_RULES = new Set(['tf-no-secrets-in-code', 'tf-no-secrets-in-compute-config', 'tf-no-provider-credentials', 'phi-no-phi-in-code']);

/** The message of tf-no-secrets-in-compute-config's finding on an SSM parameter's type (a setting, no literal). */
const SSM_TYPE_FINDING = /stores the secret-named parameter .* as type \S+.*, which is not encrypted; use SecureString\.$/;

/** A reported literal's range in its file (start and end offsets). */
export type LiteralRanges = ReadonlyMap<string, readonly (readonly [number, number])[]>;

/**
 * Where the secret and PHI rules found a literal, by file: the finding's frame shows that very
 * text, and under a name that says nothing (`locals { k = "…" }` used as an auth token) no other
 * redaction would hide it.
 */
export function reportedLiterals(findings: readonly { readonly ruleId: string; readonly status: string; readonly message?: string; readonly span: { readonly file: string; readonly start: { readonly offset: number }; readonly end: { readonly offset: number } } }[]): LiteralRanges {
  const out = new Map<string, [number, number][]>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!; // by index, as summarize (summary.ts)
    if (f.status === 'pass' || f.status === 'unknown' || !LITERAL_RULES.has(f.ruleId) || f.span.end.offset <= f.span.start.offset) continue;
    // tf-no-secrets-in-compute-config's finding on an SSM parameter's `type = "String"` points at the
    // setting, not at a literal: masked, "String" hid the type and, in a fix's diff, every string
    // holding it ("Secure******"). The parameter's value is masked by its own name (value, value_wo).
    if (f.ruleId === 'tf-no-secrets-in-compute-config' && f.message !== undefined && SSM_TYPE_FINDING.test(f.message)) continue;
    const list = out.get(f.span.file) ?? [];
    list.push([f.span.start.offset, f.span.end.offset]);
    out.set(f.span.file, list);
  }
  return out;
}

/**
 * Masks the quoted strings in each range (`k = "…"` keeps its `k`), or a heredoc's body. Same
 * length, so offsets and lines stay. In a JSON file (`json`), a member name the range also holds the
 * value of (`"password": "…"`) is a name and stays, as `password` does in HCL, unless it could be
 * the literal itself (jsonKeyShown); HCL is not read that way, where `c ? "a" : "b"` puts values before colons.
 */
export function maskRanges(text: string, ranges: readonly (readonly [number, number])[], json = false): string {
  const chars = new Masks(text);
  for (const [start, end] of ranges) {
    const from = Math.max(0, start);
    const to = Math.min(end, text.length);
    let quoted = false;
    for (let i = from; i < to; i++) {
      if (text[i] !== '"' && text[i] !== "'") continue;
      quoted = true;
      const name = json ? shownJsonName(text, i, to) : undefined;
      if (name !== undefined) i = name;
      else i = maskQuoted(chars, text, i);
    }
    // A heredoc: its body lines (the opening and closing lines stay). An expression without a
    // string (`password = each.key`) holds no literal here: other redaction finds its source.
    const heredoc = text.slice(from, to).indexOf('<<');
    if (!quoted && heredoc >= 0) {
      const body = text.indexOf('\n', from + heredoc);
      const last = text.lastIndexOf('\n', to - 1);
      for (let i = body + 1; body >= 0 && i < last; i++) if (!/\s/.test(text[i]!)) chars.set(i);
    }
  }
  return chars.apply();
}

export const QUOTED_STRING = /"((?:[^"\\\n]|\\.)*)"/g;

/**
 * The quoted strings in the reported ranges (6 characters or more), to be looked for again elsewhere
 * in the text. Shorter ones ("HTTPS" in a reported object) would mask ordinary values all over the
 * file; they stay masked where the ranges are. Longest first, so a literal inside another is masked
 * as part of the longer one.
 */
export function reportedStrings(original: string, ranges: readonly (readonly [number, number])[], json: boolean): string[] {
  const out = new Set<string>();
  for (const [start, end] of ranges) {
    for (const m of original.slice(start, end).matchAll(QUOTED_STRING)) {
      // A JSON member name maskRanges shows (`"password": …`) is no literal: masked all over the file, it hid the name it keeps.
      if (json && shownJsonName(original, start + m.index, end) !== undefined) continue;
      if (m[1]!.length >= 6) out.add(m[1]!);
    }
  }
  return [...out].sort((x, y) => y.length - x.length);
}

/**
 * `masked` (the same text, `original`, with its reported literals masked) with every other quoted
 * string equal to one of those literals masked too: a plan holds each value several times (a tag
 * in tags and tags_all, planned_values and resource_changes), and the finding points at one, so
 * a frame or SARIF snippet around another showed it.
 */
function maskReportedRepeats(original: string, masked: string, ranges: readonly (readonly [number, number])[], json: boolean): string {
  const literals = new Set(reportedStrings(original, ranges, json));
  if (literals.size === 0) return masked;
  const chars = new Masks(masked);
  for (const m of original.matchAll(QUOTED_STRING)) {
    if (literals.has(m[1]!)) for (let i = m.index + 1; i < m.index + m[0].length - 1; i++) chars.set(i);
  }
  return chars.apply();
}

/**
 * When the JSON string opened at `open` is a member name followed, before `to`, by its `:` and one
 * that may be shown (jsonKeyShown): the index of its closing quote. Else undefined: it is masked.
 */
export function shownJsonName(text: string, open: number, to: number): number | undefined {
  if (text[open] !== '"') return undefined;
  let close = open + 1;
  while (close < text.length && text[close] !== '"' && text[close] !== '\n') close += text[close] === '\\' ? 2 : 1;
  if (close >= text.length || text[close] !== '"') return undefined;
  let after = close + 1;
  while (after < to && /\s/.test(text[after]!)) after++;
  return after < to && text[after] === ':' && jsonKeyShown(text.slice(open + 1, close)) ? close : undefined;
}

/**
 * Whether a JSON member name may be shown in a frame whose values are masked: a name as Terraform
 * and tags write them (`password`, `data-classification`, `//`), short, and nothing a detector reads as a
 * secret or PHI or that looks random. A map key can be the literal (`{"123-45-6789": …}`): that is masked.
 */
function jsonKeyShown(key: string): boolean {
  return key.length <= 64 && /^(?:\/\/|[A-Za-z_][A-Za-z0-9_.\/-]*)$/.test(key) && maskDetected(key) === key && !isHighEntropy(key);
}

/**
 * The scan's file texts as reports may show them: the values set for variables declared sensitive
 * masked in every file (tfvars lines, module arguments), and the literals the secret and PHI rules
 * reported (`literals`), once per file. Code frames and snippets read them through
 * `redactedSources` as before.
 */
export function sensitiveAssignmentsMasked(files: readonly { readonly path: string; readonly text: string; readonly needles?: readonly Needle[] }[], literals: LiteralRanges = new Map()): Sources {
  // Nothing is read until a report asks for a source: a file the scan cache's index knew is read
  // only then (discovery/file-index.ts), and a JSON report asks for none.
  const byPath = new Map(files.map((f) => [f.path, f]));
  let names: Set<string> | undefined;
  // A text without the word declares nothing sensitive (sensitiveVariableNames skips it): an indexed one is not read for it.
  const sensitiveNames = (): Set<string> => (names ??= sensitiveVariableNames(files.filter((f) => (f.path.endsWith('.tf') || f.path.endsWith('.tf.json')) && fileIncludes(f, 'sensitive')).map((f) => f.text)));
  const masked = new Map<string, string>();
  return (file) => {
    const known = masked.get(file);
    if (known !== undefined) return known;
    const text = byPath.get(file)?.text;
    if (text === undefined) return undefined;
    const names = sensitiveNames();
    if (names.size === 0 && literals.size === 0) return text;
    const ranges = literals.get(file);
    const json = file.endsWith('.json');
    const out = maskAssignmentsTo(ranges ? maskReportedRepeats(text, maskRanges(text, ranges, json), ranges, json) : text, names, json);
    masked.set(file, out);
    return out;
  };
}
