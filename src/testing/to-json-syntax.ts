// Test support: a native-syntax Terraform file rewritten in Terraform's JSON configuration syntax
// (https://developer.hashicorp.com/terraform/language/syntax/json; the HCL JSON spec in
// /work/shared/reference/hcl-json-syntax-spec.md), as CDK for Terraform and in-house generators
// write it. Built from the parsed AST, so it says the same thing the native file says:
// - blocks nest by type, then by each label (`{"resource": {"aws_s3_bucket": {"b": {...}}}}`); a
//   body holding several blocks of one type and labels gives them as an array of objects;
// - `dynamic "x" {...}` is `"dynamic": {"x": {"for_each": ..., "content": {...}}}`;
// - literal values stay JSON literals, quoted strings and heredocs become JSON strings holding the
//   same template (JSON strings are templates in attribute values, so a literal `${` is `$${`);
// - tuples and objects recurse (an object's key is a template there too);
// - any other expression is "${<its source>}", comments blanked, a heredoc inside it requoted;
// - the arguments Terraform reads specially in JSON: a variable's `type` (the type expression as a
//   string) and `default` and `description` (literal, strings not templates), `depends_on`,
//   `provider`, `providers`, `ignore_changes`, `replace_triggered_by`, `import.to`, `moved` and
//   `removed` (references as plain strings), a dynamic block's `iterator` (its name).
// What has no faithful JSON form throws NoJsonForm, and the caller skips that case.
import { parseHcl } from '../parsers/hcl/index.js';
import type { Finding } from '../engine/finding.js';
import type { Attribute, Block, Body, Comment, Expression, HclFile, TemplateExpr, TemplatePart } from '../parsers/hcl/ast.js';

export class NoJsonForm extends Error {}

/**
 * Rules whose outcome depends on what only native syntax has (comments, a file's native text), with
 * the reason; the parity tests (rules/json-syntax-parity.test.ts, the rule tester) leave them out.
 * Empty: every rule judged its examples and cases alike when this was written (stop 39).
 */
export const NATIVE_ONLY: ReadonlyMap<string, string> = new Map<string, string>([]);

/** A JSON value whose numbers keep their written form (HCL numbers are arbitrary precision). */
type J = null | boolean | string | { readonly raw: string } | readonly J[] | { readonly entries: readonly (readonly [string, J])[] };

const isEntries = (v: J): v is { readonly entries: readonly (readonly [string, J])[] } => typeof v === 'object' && v !== null && 'entries' in v;

function print(v: J, indent: string): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${v.map((x: J) => inner + print(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (isEntries(v)) {
    if (v.entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${v.entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${print(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return (v as { raw: string }).raw;
}

/** A literal text inside a template: `${` and `%{` are escaped by doubling their first character. */
const templateLiteral = (s: string): string => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

class Converter {
  constructor(private readonly file: HclFile) {}

  /** An expression's source with comments blanked and heredocs requoted, for inside `${...}`. */
  source(expr: Expression | { start: number; end: number }): string {
    const { text, comments } = this.file;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const c of comments as readonly Comment[]) if (c.start >= expr.start && c.end <= expr.end) edits.push({ start: c.start, end: c.end, text: ' '.repeat(c.end - c.start) });
    if ('type' in expr) this.heredocs(expr, edits);
    edits.sort((a, b) => b.start - a.start);
    let out = text.slice(expr.start, expr.end);
    for (const e of edits) out = out.slice(0, e.start - expr.start) + e.text + out.slice(e.end - expr.start);
    return out;
  }

  /** Heredocs inside an expression, each rewritten as a quoted template (a heredoc needs a newline `${}` does not keep). */
  private heredocs(node: unknown, edits: { start: number; end: number; text: string }[]): void {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) this.heredocs(x, edits);
      return;
    }
    const o = node as Record<string, unknown>;
    if (o['type'] === 'template' && o['heredoc'] !== undefined) {
      const t = node as TemplateExpr;
      if (this.file.comments.some((c) => c.start >= t.start && c.end <= t.end)) throw new NoJsonForm('a heredoc inside an expression holds a comment');
      const quoted = this.templateText(t.parts, (s) => JSON.stringify(templateLiteral(s)).slice(1, -1));
      edits.push({ start: t.start, end: t.end, text: `"${quoted}"` });
      return;
    }
    for (const v of Object.values(o)) if (typeof v === 'object') this.heredocs(v, edits);
  }

  /** Template parts as template text; `literal` writes a literal part. */
  private templateText(parts: readonly TemplatePart[], literal: (s: string) => string): string {
    let out = '';
    for (const p of parts) {
      if (p.kind === 'literal') out += literal(p.value);
      else if (p.kind === 'interpolation') out += `\${${this.source(p.expr)}}`;
      else if (p.kind === 'if') out += `%{ if ${this.source(p.cond)} }${this.templateText(p.then, literal)}${p.else.length > 0 ? `%{ else }${this.templateText(p.else, literal)}` : ''}%{ endif }`;
      else out += `%{ for ${p.keyVar !== undefined ? `${p.keyVar}, ` : ''}${p.valueVar} in ${this.source(p.collection)} }${this.templateText(p.body, literal)}%{ endfor }`;
    }
    return out;
  }

  /** An expression where JSON strings are templates. */
  expr(e: Expression): J {
    const scalar = scalarOf(e);
    if (scalar !== undefined) return scalar;
    switch (e.type) {
      case 'template':
        return this.templateText(e.parts, templateLiteral);
      case 'tuple':
        return e.items.map((x) => this.expr(x));
      case 'object':
        return {
          entries: e.items.map((item) => {
            const key = item.bareKey && item.key.type === 'traversal' ? templateLiteral(item.key.root) : item.key.type === 'template' && item.key.heredoc === undefined ? this.templateText(item.key.parts, templateLiteral) : `\${${this.source(item.key)}}`;
            return [key, this.expr(item.value)] as const;
          }),
        };
      default:
        break;
    }
    return `\${${this.source(e)}}`;
  }

  /** A constant where JSON strings are taken literally (a variable's `default`). */
  literal(e: Expression): J {
    const scalar = scalarOf(e);
    if (scalar !== undefined) return scalar;
    switch (e.type) {
      case 'template':
        if (e.parts.every((p) => p.kind === 'literal')) return e.parts.map((p) => (p as { value: string }).value).join('');
        break;
      case 'tuple':
        return e.items.map((x) => this.literal(x));
      case 'object':
        return {
          entries: e.items.map((item) => {
            const key = item.bareKey && item.key.type === 'traversal' ? item.key.root : item.key.type === 'template' ? this.literal(item.key) : undefined;
            if (typeof key !== 'string') throw new NoJsonForm('an object key in a literal is no string');
            return [key, this.literal(item.value)] as const;
          }),
        };
      default:
        break;
    }
    throw new NoJsonForm(`a literal-only argument holds an expression: ${this.source(e)}`);
  }

  /** A reference written as a plain string (`depends_on`, `provider`): its source. */
  private reference(e: Expression): string {
    if (e.type === 'template') throw new NoJsonForm('a reference written as a string');
    return this.source(e).trim();
  }

  private references(e: Expression): J {
    if (e.type !== 'tuple') throw new NoJsonForm('a reference list that is no tuple');
    return e.items.map((x) => this.reference(x));
  }

  attribute(a: Attribute, path: readonly string[]): J {
    const here = path.at(-1);
    const top = path[0];
    if (here === 'variable' && path.length === 1) {
      if (a.name === 'type') return this.source(a.expr).trim();
      if (a.name === 'default' || a.name === 'description' || a.name === 'sensitive' || a.name === 'nullable' || a.name === 'ephemeral') return this.literal(a.expr);
    }
    if (here === 'output' && path.length === 1 && (a.name === 'description' || a.name === 'sensitive' || a.name === 'ephemeral')) return this.literal(a.expr);
    if (a.name === 'depends_on' && path.length <= 2) return this.references(a.expr);
    if (a.name === 'provider' && (here === 'resource' || here === 'data' || here === 'ephemeral') && (path.length === 1 || top === 'check')) return this.reference(a.expr);
    if (a.name === 'providers' && here === 'module' && path.length === 1) {
      if (a.expr.type !== 'object') throw new NoJsonForm('providers is no object');
      return { entries: a.expr.items.map((item) => [this.reference(item.key), this.reference(item.value)] as const) };
    }
    if (here === 'lifecycle' && a.name === 'ignore_changes') return a.expr.type === 'traversal' && a.expr.root === 'all' && a.expr.steps.length === 0 ? 'all' : this.references(a.expr);
    if (here === 'lifecycle' && a.name === 'replace_triggered_by') return this.references(a.expr);
    if (here === 'lifecycle' && (a.name === 'create_before_destroy' || a.name === 'prevent_destroy')) return this.literal(a.expr);
    if (here === 'dynamic' && a.name === 'iterator') return this.reference(a.expr);
    if ((here === 'import' && a.name === 'to') || ((here === 'moved' || here === 'removed') && (a.name === 'from' || a.name === 'to'))) return this.reference(a.expr);
    return this.expr(a.expr);
  }

  body(body: Body, path: readonly string[]): J {
    type Item = { start: number; key: string; value: J };
    const items: Item[] = body.attributes.map((a) => ({ start: a.start, key: a.name, value: this.attribute(a, path) }));
    const byType = new Map<string, Block[]>();
    for (const b of body.blocks) byType.set(b.type, [...(byType.get(b.type) ?? []), b]);
    for (const [type, blocks] of byType) items.push({ start: blocks[0]!.start, key: type, value: this.blocks(blocks, 0, [...path, type]) });
    items.sort((x, y) => x.start - y.start);
    return { entries: items.map((i) => [i.key, i.value] as const) };
  }

  /** Blocks of one type, nested by their labels from `level` on. */
  private blocks(blocks: readonly Block[], level: number, path: readonly string[]): J {
    const labelled = blocks.filter((b) => b.labels.length > level);
    if (labelled.length === 0) {
      const bodies = blocks.map((b) => this.body(b.body, path));
      return bodies.length === 1 ? bodies[0]! : bodies;
    }
    if (labelled.length !== blocks.length) throw new NoJsonForm('blocks of one type with different label counts');
    const byLabel = new Map<string, Block[]>();
    for (const b of blocks) byLabel.set(b.labels[level]!.value, [...(byLabel.get(b.labels[level]!.value) ?? []), b]);
    return { entries: [...byLabel].map(([label, bs]) => [label, this.blocks(bs, level + 1, path)] as const) };
  }
}

/** The native-syntax `text` in Terraform JSON syntax; throws NoJsonForm where there is no faithful form, Error where it does not parse. */
export function toJsonSyntax(text: string, path = 'main.tf'): string {
  const { file, diagnostics } = parseHcl(text, path);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${path} does not parse: ${errors.map((d) => d.message).join('; ')}`);
  return print(new Converter(file).body(file.body, []), '') + '\n';
}

/** Every `.tf` file of a tree as `.tf.json`; other files unchanged. */
export function treeToJsonSyntax(files: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('.tf')) out[`${path}.json`] = toJsonSyntax(text, path);
    else out[path] = text;
  }
  return out;
}

/** A finding as one line with positions taken out: the file's name and any line or column in the message (JSON points at other lines). */
export function unplacedVerdict(f: Finding): string {
  const unplace = (s: string): string => s.replace(/\.tf\.json\b/g, '.tf').replace(/(\.tf(?:vars)?):\d+(?::\d+)?/g, '$1').replace(/\b(lines?) \d+(?:[-–]\d+)?/g, '$1 N');
  return `${f.status} ${f.resource.address} ${unplace(f.message)}`;
}

/** A number, bool or null written as such (a negative number too): the same in every JSON context. */
function scalarOf(e: Expression): J | undefined {
  if (e.type === 'literal') return e.value === null || typeof e.value === 'boolean' ? e.value : { raw: e.value.number };
  if (e.type === 'unary' && e.op === '-' && e.operand.type === 'literal' && e.operand.value !== null && typeof e.operand.value === 'object') return { raw: `-${e.operand.value.number}` };
  return undefined;
}
