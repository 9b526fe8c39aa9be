// String functions against terraform console 1.11.4 (the function differential of stop 54): each
// row is what the console printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles, valueOf } from '../testing-helpers.js';

const cases: [string, string][] = [
  // Go's unicode.IsSpace: U+0085 and U+1680 are spaces, U+FEFF, U+200B and U+180E are not.
  ['trimspace("\\u1680a\\u2028\\u2029\\u202f\\u205f\\ufeff")', 'a\u2028\u2029\u202f\u205f\ufeff'],
  ['trimspace("\\ufeffa\\u0085")', '\ufeffa'],
  ['trimspace("\\u180ea\\u200b")', '\u180ea\u200b'],
  ['title("\\u0085x\\u0085y")', '\u0085X\u0085Y'],
  ['title("a\\ufeffb")', 'A\ufeffb'],
  ['title("a\\u3000b\\u00a0c")', 'A\u3000B\u00a0C'],
];

test('string functions give what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of cases) assert.equal(valueOf(expr), expected, expr);
});

// RE2 as Terraform has it: \a is U+0007, \p{^L} the complement of \p{L}, a count of 1001 an error;
// what RE2 refuses too ([b-a], a**) is false to can(), not unknown as a pattern JavaScript alone refuses.
const matched: [string, unknown][] = [
  ['regex("\\\\a", "x\u0007")', '\u0007'],
  ['regex("[\\\\a]", "\u0007")', '\u0007'],
  ['regexall("\\\\a", "abc")', []],
  ['regex("\\\\P{^L}+", "ab1")', 'ab'],
  ['regex("\\\\p{^Greek}+", "αβab")', 'ab'],
  ['regex("x{1000}|y", "y")', 'y'],
  ['regex("a{,1001}", "a{,1001}")', 'a{,1001}'],
  ['can(regex("[b-a]", "b"))', false],
  ['can(regex("a**", "a"))', false],
  ['can(regex("*a", "a"))', false],
  ['can(regex("a{2}{3}", "aaaaaa"))', false],
  ['can(regex("(?#c)a", "a"))', false],
];

// (?U) swaps greedy and lazy repetition (console printed each).
const ungreedy: [string, unknown][] = [
  ['regex("(?U)a+", "aaa")', 'a'],
  ['regex("(?U)a+?", "aaa")', 'aaa'],
  ['regex("(?U)(a+)(a*)", "aaa")', ['a', '']],
  ['regex("(?U)a{1,3}", "aaa")', 'a'],
  ['regex("(?U)a?", "a")', ''],
  ['regex("(?U)(?:ab)+", "ababab")', 'ab'],
  ['regex("(?Ui)A+", "aa")', 'a'],
  ['regex("(?U)[+*?]+", "+*?")', '+'],
  ['regex("(?U)x.*y", "xayby")', 'xay'],
  ['replace("abcab", "/(?U)a+/", "<$0>")', '<a>bc<a>b'],
];
matched.push(...ungreedy);
// Under (?m), ^ and $ are at \n alone, not at \r or U+2028.
matched.push(['regexall("(?m)^", "a\\r\\nb")', ['', '']], ['regexall("(?m)x$", "x\\r\\nx\\nx")', ['x', 'x']], ['regexall("(?m)^", "\\u2028a")', ['']], ['regexall("(?m)^.", "a\\nb\\rc")', ['a', 'b']]);
// Case-insensitively ſ is s, as RE2 folds it (the Kelvin sign is K already: strings are in NFC).
matched.push(['regexall("(?i)s", "ſ")', ['ſ']], ['regexall("(?i)ſ", "sS")', ['s', 'S']], ['regexall("(?i)k", "\u212a")', ['K']]);

// Flags set per group or past the start (V8 in Node 20 has no such groups): written out, a letter
// under i as the class of its case variants (RE2's folding: ſ with s, the Kelvin sign with k, not ı with i).
const flagGroups: [string, unknown][] = [
  ['regex("(?i:ab)c", "ABc")', 'ABc'],
  ['regex("(?i:A)", "abc")', 'a'],
  ['regexall("(?i:k)", "k\u212aK")', ['k', 'K', 'K']],
  ['regexall("(?i:s)", "sSſ")', ['s', 'S', 'ſ']],
  ['regexall("(?i:σ)", "σ\u03a3\u03c2")', ['σ', 'Σ', 'ς']],
  ['regexall("(?i:ß)", "ßẞ")', ['ß', 'ẞ']],
  ['regexall("(?i:ı)", "ıIi")', ['ı']],
  ['regexall("(?i:𐐀)", "𐐨𐐀")', ['𐐨', '𐐀']],
  ['regexall("(?i:😀a)", "😀A")', ['😀A']],
  ['regexall("(?i:[a-c])", "aBcſ")', ['a', 'B', 'c']],
  ['regexall("(?i:[^a-c])", "aBcdD")', ['d', 'D']],
  ['regexall("(?i:[k-k])", "kK\u212a")', ['k', 'K', 'K']],
  ['regexall("(?i:[[:upper:]])", "aB")', ['a', 'B']],
  ['regexall("(?i:[[:^lower:]])", "aB1")', ['1']],
  ['regexall("(?i:\\\\w)", "aſ")', ['a', 'ſ']],
  ['regexall("(?i:\\\\W)", "aſ-")', ['-']],
  ['regexall("(?i:\\\\p{Lu})", "aB")', ['a', 'B']],
  ['regexall("(?i:\\\\x41)", "aA")', ['a', 'A']],
  ['regexall("(?i:\\\\101)", "aA")', ['a', 'A']],
  ['regexall("(?i:\\\\x{61}b)", "aBAb")', ['aB', 'Ab']],
  ['regexall("(?i:\\\\Qa.\\\\E)", "A.ax")', ['A.']],
  ['regexall("a(?i)b|c", "aBC")', ['aB', 'C']],
  ['regexall("(?i)a(?-i:b)", "AbAB")', ['Ab']],
  ['regexall("(?i)x(?-i)y", "XyXY")', ['Xy']],
  ['regexall("(?s:.)", "a\\n")', ['a', '\n']],
  ['regexall("(?i-s:.)", "\\n")', []],
  ['regexall("(?s)a(?-s:.)", "a\\n")', []],
  ['regexall("(?m:^a)", "a\\na")', ['a', 'a']],
  ['regexall("(?U:a+)", "aaa")', ['a', 'a', 'a']],
  // A complemented item in a class folds before its complement (\w's k takes the Kelvin sign in).
  ['regexall("(?i:[\\\\W])", "aBc_D-e!K")', ['-', '!']],
  ['replace("aBc-K\u212a", "/(?i:[\\\\W])/", "#")', 'aBc#KK'],
  ['regexall("(?i:[\\\\W\\\\d])", "a1-\u212aſs")', ['1', '-']],
  ['regexall("(?i:[^\\\\W\\\\d])", "a1-\u212aſs")', ['a', 'K', 'ſ', 's']],
  ['regexall("(?i:[\\\\P{Lu}])", "aAkK\u212a1")', ['1']],
  ['regexall("x(?i:[\\\\PL])", "x1xaxA")', ['x1']],
];
matched.push(...flagGroups);
// Punctuation escaped, a brace that starts no repetition and a ] outside a class are themselves in
// RE2, beside \p{L} (which needs JavaScript's u flag, under which they were refused, and without
// which \p{L} was the text "p{L}").
matched.push(['regex("\\\\-\\\\p{L}", "-a")', '-a'], ['regex("\\\\p{L}\\\\_", "a_")', 'a_'], ['regex("\\\\p{L}{,2}", "a{,2}")', 'a{,2}'], ['regex("a}\\\\p{L}", "a}b")', 'a}b'], ['regex("\\\\pL]", "a]")', 'a]'], ['regex("\\\\pL\\\\#\\\\~", "a#~")', 'a#~'], ['regexall("(?i:\\\\p{L}\\\\-)", "A-")', ['A-']]);
// RE2's \s is [\t\n\f\r ] in a class too: no non-breaking space; \S takes it and \v.
matched.push(['regexall("[\\\\s]", "a\u00a0b c\t")', [' ', '\t']], ['regexall("[\\\\S]", "a\u00a0 \u000b")', ['a', '\u00a0', '\u000b']], ['regexall("[^\\\\s]", "a\u00a0")', ['a', '\u00a0']]);
// Under a leading (?i), \P{…} is the complement of the folded class, in a class or not.
// A negated POSIX class among a bracket's other members, or under its ^, is the complement of the class.
matched.push(['regexall("[[:^space:][:digit:]]", "a 1")', ['a', '1']], ['regexall("[^[:^alpha:]]", "a1b2")', ['a', 'b']], ['regexall("[[:^alpha:]x]", "a1bx2")', ['1', 'x', '2']], ['replace("a1b-", "/[[:^alpha:][:^digit:]]/", "X")', 'XXXX'], ['regexall("[[:^ascii:]a]", "abé😀")', ['a', 'é', '😀']], ['regexall("(?i)[[:^lower:]x]", "aBxX1")', ['x', 'X', '1']], ['regexall("(?i:[[:^upper:]-])", "aB-1")', ['-', '1']]);
matched.push(['regexall("(?i)\\\\P{Lu}", "aAkK\u212a1")', ['1']], ['regexall("(?i)[\\\\P{Lu}]", "aA1")', ['1']], ['regexall("(?i)[^\\\\P{Lu}]", "aA1")', ['a', 'A']], ['regexall("(?i)\\\\P{Greek}", "1a\u03a3\u03c2")', ['1', 'a']]);

test('regular expressions match as RE2 does in terraform console 1.11.4', () => {
  for (const [expr, expected] of matched) assert.deepEqual(valueOf(expr), expected, expr);
});

// Console: "invalid repeat count in {1001}"; "invalid character class range"; "invalid nested
// repetition operator"; "invalid or unsupported Perl syntax: (?#".
const refusedPatterns = ['regexall("x{1001}", "")', 'regexall("x{2,1001}", "")', 'regex("[b-a]", "b")', 'regex("a**", "a")', 'replace("a", "/(?#c)a/", "b")'];

test('patterns RE2 refuses are errors, not values or evaluator gaps', () => {
  for (const expr of refusedPatterns) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), `${expr}: no value`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2), `${expr}: ${JSON.stringify(diagnostics.map((d) => [d.severity, d.message]))}`);
  }
});

// A name a template's vars lack is the call's error, which can() and try() catch (terraform console
// 1.11.4: can(templatestring(local.t, {})) is false, try(…, "y") is "y").
test('a template naming a variable its vars lack fails the call, which can() and try() catch', () => {
  const preamble = 'locals {\n  t = "$${nope}"\n}\n';
  assert.equal(valueOf('can(templatestring(local.t, {}))', preamble), false);
  assert.equal(valueOf('try(templatestring(local.t, {}), "y")', preamble), 'y');
  assert.equal(valueOf('can(templatestring(local.t, { nope = 1 }))', preamble), true);
});
