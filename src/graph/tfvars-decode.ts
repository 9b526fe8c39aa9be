// provider::terraform::decode_tfvars: the variables a .tfvars text sets, as an object. Terraform
// parses the text as a configuration body and evaluates each attribute with no variables and no
// functions, as it reads a variables file (terraform console 1.11.4):
//   decode_tfvars("a = 1 + 2\nb = \"${1}x\"\nd = [for x in [1,2]: x * 2]") is { a = 3, b = "1x", d = [2, 4] }
//   decode_tfvars("a = var.x") fails: invalid expression for variable "a": <decode_tfvars argument>:1,5-8:
//     Variables not allowed; Variables may not be used here.
//   decode_tfvars("a = upper(\"x\")") fails the same way with "Function calls not allowed; Functions may not be called here."
//   decode_tfvars("b {}") fails: invalid tfvars content: ...: Unexpected "b" block; Blocks are not allowed here.
// A syntax error fails with "invalid tfvars syntax: " and the parser's message (ours, not hcl's words).
import { parseHcl, type Expression, type Range, type TraversalExpr } from '../parsers/hcl/index.js';
import { LineIndex } from '../source/line-index.js';
import { EvalError, obj, type Val } from './value.js';

const NAME = 'provider::terraform::decode_tfvars';
const ORIGIN = '<decode_tfvars argument>';

/** hcl's way of naming a range of the text: `<decode_tfvars argument>:1,5-8`, or `1,5-2,3` across lines. */
function at(index: LineIndex, range: Range): string {
  const start = index.position(range.start);
  const end = index.position(Math.max(range.start, range.end));
  const to = end.line === start.line ? `${end.column}` : `${end.line},${end.column}`;
  return `${ORIGIN}:${start.line},${start.column}-${to}: `;
}

/** The name a reference starts with (hcl points at `var` of `var.x`); undefined when the range is no reference. */
function rootRange(range: EvalError['range']): Range | undefined {
  const node = range as Partial<TraversalExpr> | undefined;
  return node?.type === 'traversal' && typeof node.root === 'string' ? { start: node.start!, end: node.start! + node.root.length } : undefined;
}

/**
 * The object of the attributes `text` sets, each evaluated by `evaluate` (an evaluator that knows no
 * names and refuses function calls); an EvalError, worded as Terraform's, when the text is refused.
 */
export function decodeTfvarsText(text: string, evaluate: (expr: Expression) => Val): Val {
  const { file, diagnostics } = parseHcl(text, ORIGIN);
  const index = new LineIndex(text);
  const syntax = diagnostics.find((d) => d.severity === 'error');
  if (syntax !== undefined) {
    const where = syntax.span === undefined ? '' : at(index, { start: syntax.span.start.offset, end: syntax.span.end.offset });
    throw new EvalError(`${NAME}: invalid tfvars syntax: ${where}${syntax.message}`);
  }
  const block = file.body.blocks[0];
  if (block !== undefined) throw new EvalError(`${NAME}: invalid tfvars content: ${at(index, block.typeRange)}Unexpected "${block.type}" block; Blocks are not allowed here.`);
  const entries: [string, Val][] = [];
  for (const attr of file.body.attributes) {
    let value: Val;
    try {
      value = evaluate(attr.expr);
    } catch (e) {
      if (!(e instanceof EvalError) || e.code === 'eval/budget') throw e;
      // No name is defined: a reference is refused as Terraform refuses it, wherever it points.
      const reference = e.code === 'eval/unknown-reference';
      const message = reference ? 'Variables not allowed; Variables may not be used here.' : e.message;
      throw new EvalError(`${NAME}: invalid expression for variable "${attr.name}": ${at(index, reference ? rootRange(e.range) ?? attr.expr : (e.range ?? attr.expr))}${message}`);
    }
    entries.push([attr.name, value]);
  }
  return obj(entries);
}
