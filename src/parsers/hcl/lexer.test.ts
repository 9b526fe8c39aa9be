// The lexer's token kinds and its messages for characters that are not valid outside strings: one
// table, as lex() computes them from its punctuation table and invalidCharMessage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, lex } from './lexer.js';
import { parseHcl } from './index.js';

function kinds(src: string): T[] {
  const { tokens } = lex(src);
  return Array.from(tokens.types.subarray(0, tokens.count)) as T[];
}

test('punctuation and operators, one and two characters', () => {
  const cases: [string, T[]][] = [
    ['[](),*%+-?:', [T.OBrack, T.CBrack, T.OParen, T.CParen, T.Comma, T.Star, T.Percent, T.Plus, T.Minus, T.Question, T.Colon, T.EOF]],
    ['= == => ! != < <= > >= && || . ...', [T.Equal, T.EqualOp, T.FatArrow, T.Bang, T.NotEqual, T.Lt, T.Le, T.Gt, T.Ge, T.And, T.Or, T.Dot, T.Ellipsis, T.EOF]],
    ['a / b # c\n// d\n/* e */ 1.5e+3 1.', [T.Ident, T.Slash, T.Ident, T.Comment, T.Comment, T.Comment, T.Number, T.Number, T.Dot, T.EOF]],
    ['{ } "x${y}" ~}', [T.OBrace, T.CBrace, T.OQuote, T.QuotedLit, T.TemplateInterp, T.Ident, T.TemplateSeqEnd, T.CQuote, T.TemplateSeqEnd, T.EOF]],
    ['x = <<EOT\nhi\n  EOT\n', [T.Ident, T.Equal, T.OHeredoc, T.StringLit, T.CHeredoc, T.Newline, T.EOF]],
  ];
  for (const [src, want] of cases) assert.deepEqual(kinds(src), want, JSON.stringify(src));
});

test('characters not valid outside strings: one Invalid token and one message each', () => {
  const cases: [string, string][] = [
    ['\r', 'a carriage return must be followed by a line feed'],
    ['~', 'the bitwise NOT operator `~` is not supported; use `!`'],
    ['&', 'the bitwise AND operator `&` is not supported; use `&&`'],
    ['|', 'the bitwise OR operator `|` is not supported; use `||`'],
    [';', 'a semicolon is not valid here; put each argument on its own line'],
    ["'", 'single quotes are not valid; use double quotes `"` for strings'],
    ['`', 'backticks are not valid; use double quotes `"` for strings'],
    ['^', 'the bitwise XOR operator `^` is not supported'],
    ['\ufffd', 'invalid UTF-8 (replacement character U+FFFD)'],
    ['\u201c', 'curly quotes are not valid; use straight double quotes `"`'],
    ['@', 'the character "@" is not valid here'],
    ['\ud83d\ude00', 'the character "\ud83d\ude00" is not valid here'],
  ];
  for (const [ch, message] of cases) {
    const src = `a ${ch} b`;
    const { tokens, errors } = lex(src);
    assert.deepEqual(kinds(src), [T.Ident, T.Invalid, T.Ident, T.EOF], JSON.stringify(ch));
    assert.deepEqual(errors, [{ start: 2, end: 2 + ch.length, message }], JSON.stringify(ch));
    assert.equal(tokens.ends[1], 2 + ch.length);
  }
});

test('errors inside strings and heredocs', () => {
  const cases: [string, string[]][] = [
    ['"a\nb"', ['a quoted string cannot span lines; use a heredoc (<<EOT) for multi-line text']],
    ['"a\\', ['a backslash must be followed by an escape sequence character']],
    ['x = <<EOT\n\ra', ['a carriage return must be followed by a line feed']],
  ];
  for (const [src, want] of cases) assert.deepEqual(lex(src).errors.map((e) => e.message), want, JSON.stringify(src));
});

test('a quoted string of one literal or none: one literal part, ranges as the general template path has them', () => {
  const cases: [string, { value: string; start: number; end: number }[], number][] = [
    ['a = ""\n', [{ value: '', start: 5, end: 5 }], 0],
    ['a = "abc"\n', [{ value: 'abc', start: 5, end: 8 }], 0],
    ['a = "x\\ty"\n', [{ value: 'x\ty', start: 5, end: 9 }], 0],
    ['a = "x\\qy"\n', [{ value: 'xqy', start: 5, end: 9 }], 1],
    // Two literal tokens (the lexer splits at `$`): the general path merges them into one part.
    ['a = "x$y"\n', [{ value: 'x$y', start: 5, end: 8 }], 0],
  ];
  for (const [src, parts, errors] of cases) {
    const { file, diagnostics } = parseHcl(src, 'm.tf');
    const expr = file.body.attributes[0]!.expr;
    assert.equal(expr.type, 'template', src);
    if (expr.type !== 'template') continue;
    assert.deepEqual(expr.parts.map((p) => (p.kind === 'literal' ? { value: p.value, start: p.start, end: p.end } : p.kind)), parts, src);
    assert.equal([expr.start, expr.end].join(), [4, src.length - 1].join(), src);
    assert.equal(diagnostics.length, errors, src);
  }
});
