// The HCL syntax tree: the contract between the parser (src/parsers/hcl) and the Terraform
// evaluator (src/graph). It follows hashicorp/hcl's hclsyntax node kinds so that evaluation can
// follow Terraform's semantics node for node.
//
// Offsets: every node has `start`/`end`, 0-based UTF-16 string indexes into the file text, end
// exclusive (STYLE.md §2). Lines and columns come from a LineIndex; UTF-8 byte offsets (what
// hclref prints) are computed only by the canonical printer.

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface Comment extends Range {
  /** '#', '//' or '/*'. */
  readonly style: '#' | '//' | '/*';
  /** The comment text including its markers, without a trailing newline. */
  readonly text: string;
}

export interface HclFile {
  readonly path: string; // relative to the scan root, forward slashes
  readonly text: string;
  readonly syntax: 'native' | 'json';
  readonly body: Body;
  /** Every comment in the file, in source order. */
  readonly comments: readonly Comment[];
}

export interface Body extends Range {
  /** Attributes sorted by start offset. A repeated name is a parse error; the first is kept here. */
  readonly attributes: readonly Attribute[];
  /** Blocks in source order. */
  readonly blocks: readonly Block[];
  /**
   * JSON syntax only: the value of the body's `"//"` member, which Terraform ignores as a comment.
   * CDK for Terraform writes each resource's construct path there (`{"metadata": {"path": ...}}`)
   * and users add suppressions with `addOverride("//", ...)`, so it is kept as written.
   */
  readonly jsonComment?: JsonNode;
}

/** A JSON value as written, with offsets (JSON syntax's `"//"` comment member). */
export type JsonNode =
  | { readonly k: 'obj'; readonly start: number; readonly end: number; readonly props: readonly { readonly key: string; readonly keyStart: number; readonly keyEnd: number; readonly value: JsonNode }[] }
  | { readonly k: 'arr'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly k: 'str'; readonly start: number; readonly end: number; readonly value: string; readonly escaped: boolean }
  | { readonly k: 'num'; readonly start: number; readonly end: number; readonly text: string }
  | { readonly k: 'lit'; readonly start: number; readonly end: number; readonly value: boolean | null };

export interface Attribute extends Range {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameRange: Range;
  readonly expr: Expression;
  /** Comments on the lines directly above (no blank line between) and on the same line after it. */
  readonly leadingComments: readonly Comment[];
  readonly trailingComment?: Comment;
}

export interface BlockLabel extends Range {
  readonly value: string; // unescaped for quoted labels
  readonly quoted: boolean;
}

export interface Block extends Range {
  readonly kind: 'block';
  readonly type: string;
  /**
   * The block type keyword. In JSON syntax, the key that names this block: its last label's key
   * (where the block also starts), or its type's when it has no labels, since one type key there
   * holds every block of that type.
   */
  readonly typeRange: Range;
  readonly labels: readonly BlockLabel[];
  /** From the `{` to just after the `}`. */
  readonly openBrace: Range;
  readonly closeBrace: Range;
  readonly body: Body;
  readonly leadingComments: readonly Comment[];
  readonly trailingComment?: Comment;
}

// ---- expressions -------------------------------------------------------------------------------

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TraversalExpr
  | RelativeTraversalExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ObjectExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | ForExpr
  | ParensExpr;

/** `null`, `true`, `false`, a number (kept as written, HCL numbers are arbitrary precision). */
export interface LiteralExpr extends Range {
  readonly type: 'literal';
  readonly value: null | boolean | { readonly number: string };
}

export type TemplatePart =
  | { readonly kind: 'literal'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'interpolation'; readonly expr: Expression; readonly start: number; readonly end: number }
  | {
      readonly kind: 'if';
      readonly cond: Expression;
      readonly then: readonly TemplatePart[];
      readonly else: readonly TemplatePart[];
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expression;
      readonly body: readonly TemplatePart[];
      readonly start: number;
      readonly end: number;
    };

/**
 * A quoted string or heredoc. Literal parts hold their final text: escapes decoded, `~` strip
 * markers and `<<-` indentation already applied. A template that is exactly one interpolation
 * (`"${x}"`) evaluates to the inner value unchanged, as in Terraform.
 */
export interface TemplateExpr extends Range {
  readonly type: 'template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc?: { readonly marker: string; readonly flush: boolean };
}

export type TraversalStep =
  | { readonly kind: 'attr'; readonly name: string; readonly start: number; readonly end: number }
  /** A literal index `[0]`, `["k"]`, or legacy `.0`. */
  | { readonly kind: 'index'; readonly key: string | number; readonly start: number; readonly end: number };

/** `var.x`, `aws_s3_bucket.b.id`, `local.m["k"]`, `count.index`, a bare `string`. */
export interface TraversalExpr extends Range {
  readonly type: 'traversal';
  readonly root: string;
  readonly steps: readonly TraversalStep[];
}

/** Attribute and literal-index steps applied to a non-traversal source: `f(x).a[0]`. */
export interface RelativeTraversalExpr extends Range {
  readonly type: 'relativeTraversal';
  readonly source: Expression;
  readonly steps: readonly TraversalStep[];
}

export interface FunctionCallExpr extends Range {
  readonly type: 'call';
  /** As written, including any namespace: `provider::aws::arn_parse`. */
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  /** The last argument is followed by `...` and expands into arguments. */
  readonly expandFinal: boolean;
}

export interface ConditionalExpr extends Range {
  readonly type: 'conditional';
  readonly cond: Expression;
  readonly then: Expression;
  readonly else: Expression;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Range {
  readonly type: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface UnaryExpr extends Range {
  readonly type: 'unary';
  readonly op: '!' | '-';
  readonly operand: Expression;
}

export interface TupleExpr extends Range {
  readonly type: 'tuple';
  readonly items: readonly Expression[];
}

export interface ObjectItem {
  /**
   * A bare identifier key (`name = 1`) is a TraversalExpr with no steps and `bareKey: true`: it
   * means the string "name", not a variable. A parenthesised key is evaluated.
   */
  readonly key: Expression;
  readonly bareKey: boolean;
  readonly value: Expression;
}

export interface ObjectExpr extends Range {
  readonly type: 'object';
  readonly items: readonly ObjectItem[];
}

/** A computed index `a[var.k]` (literal indexes on traversals are TraversalSteps). */
export interface IndexExpr extends Range {
  readonly type: 'index';
  readonly collection: Expression;
  readonly key: Expression;
}

/**
 * `source[*].a.b` or `source.*.a` (attribute-only splat). `each` is evaluated once per element
 * with AnonSymbolExpr standing for the element.
 */
export interface SplatExpr extends Range {
  readonly type: 'splat';
  readonly source: Expression;
  readonly each: Expression;
  readonly legacy: boolean; // `.*` form
}

/** The element placeholder inside a SplatExpr's `each`. */
export interface AnonSymbolExpr extends Range {
  readonly type: 'anonSymbol';
}

export interface ForExpr extends Range {
  readonly type: 'for';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Present for the object form `{ for k, v in c : keyExpr => valueExpr }`. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  readonly cond?: Expression;
  /** `...` after the value in the object form: values with the same key are grouped. */
  readonly group: boolean;
}

export interface ParensExpr extends Range {
  readonly type: 'parens';
  readonly expr: Expression;
}
