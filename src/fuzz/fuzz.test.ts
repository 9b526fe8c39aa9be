// Bounded fuzzing in CI (issue 12): each target gets a fixed number of mutated real files and random
// hostile inputs from fixed seeds, so a failure here reproduces anywhere (`npm run fuzz -- --seed S`
// runs the same inputs and more). The hang limit is generous: it catches a loop that never ends,
// not a slow machine. Property tests with fast-check cover the evaluator's built-in functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ROOT } from '../parsers/hcl/conformance-support.js';
import { ruleCatalog } from '../cli/rule-pack.js';
import { validateConfig } from '../config/validate-config.js';
import { evaluateTerraform } from '../graph/index.js';
import { builtinFunctions } from '../graph/functions/index.js';
import { fuzzInput, runFuzzLoop } from './fuzz-loop.js';
import { mutate, seededRandom, tokenize } from './mutate.js';
import { checkDiagnostics, FUZZ_TARGETS, loadCorpus } from './targets.js';

const HANG_MS = 10_000;
const RUNS: Readonly<Record<string, number>> = {
  'hcl-parser': 600,
  'hcl-json-parser': 1500,
  evaluator: 200,
  'plan-adapter': 400,
  'state-adapter': 600,
  'yaml-json-readers': 80,
};
const corpus = loadCorpus(ROOT);

test('the corpus has real files for every target', () => {
  for (const target of FUZZ_TARGETS) assert.ok(corpus.some((f) => target.accepts(f.path)), `no corpus file for ${target.name}`);
});

for (const target of FUZZ_TARGETS) {
  test(`fuzz ${target.name}: no exception escapes, every diagnostic is located`, () => {
    const result = runFuzzLoop({ target, corpus, seed: 20261203, maxRuns: RUNS[target.name] ?? 200, maxInputMs: HANG_MS, now: () => performance.now() });
    const failure = result.failures[0];
    assert.equal(failure, undefined, failure && `input ${failure.iteration} (seed ${failure.seed}, from ${failure.from ?? 'random tokens'}): ${failure.error}\n--- input ---\n${failure.input.slice(0, 2000)}`);
    assert.equal(result.tried, RUNS[target.name] ?? 200);
  });
}

test('inputs are reproducible from the seed and the iteration', () => {
  const seeds = corpus.filter((f) => f.path.endsWith('.tf')).slice(0, 20);
  assert.deepEqual(fuzzInput(42, 17, seeds), fuzzInput(42, 17, seeds));
  assert.notDeepEqual(fuzzInput(42, 17, seeds), fuzzInput(42, 18, seeds));
  const text = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
  assert.equal(mutate(text, seededRandom(5)), mutate(text, seededRandom(5)));
  assert.equal(tokenize(text).join(''), text, 'tokens cover the text');
});

test('a failing target is caught and reported with its input', () => {
  const throwing = { name: 'throws-on-brace', accepts: () => true, run: (text: string) => { if (text.includes('{')) throw new TypeError('boom'); } };
  const result = runFuzzLoop({ target: throwing, corpus: [{ path: 'a.tf', text: 'a {\n}\n' }], seed: 1, maxRuns: 50, maxInputMs: HANG_MS, now: () => performance.now() });
  assert.equal(result.failures.length, 1);
  assert.match(result.failures[0]!.error, /^TypeError: boom/);
  assert.ok(result.failures[0]!.input.includes('{'));
});

// Built-in functions with hostile arguments: huge numbers, negative counts, odd strings, nesting.
const argument = fc.oneof(
  fc.constantFrom('0', '-1', '1e9', '1e308', '-1e308', '0.5', 'null', 'true', '""', '"%s%s%s"', '"%-99999999d"', '"/(a+)+$/"', '"\\n"', '"😀"', '[]', '{}', 'range(5)', '[[1,[2]],3]', '{a = 1}', 'local.x'),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.integer({ min: -1e6, max: 1e9 }).map(String),
);
const names = [...builtinFunctions.keys()].filter((n) => !n.startsWith('file') && n !== 'templatefile' && n !== 'abspath');
const call: fc.Arbitrary<string> = fc.letrec<{ call: string }>((tie) => ({
  call: fc.tuple(fc.constantFrom(...names), fc.array(fc.oneof({ depthSize: 'small' }, argument, tie('call')), { maxLength: 4 })).map(([name, args]) => `${name}(${args.join(', ')})`),
})).call;

test('property: any nesting of built-in functions evaluates to a value or a located diagnostic', () => {
  fc.assert(
    fc.property(call, (expr) => {
      const text = `locals {\n  x = [1, 2]\n  y = ${expr}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = jsonencode(local.y)\n}\n`;
      const files = new Map([['main.tf', text]]);
      const { diagnostics } = evaluateTerraform({ files, readFile: () => undefined });
      checkDiagnostics(diagnostics, files);
    }),
    { numRuns: 400, seed: 20261203 },
  );
});

// Regressions found by the fuzzer, each with the input that found it.
test('regression: a YAML error at the end of the config file has a span inside the text', () => {
  for (const text of ['{', 'a: [', 'rules:\n  x: "']) {
    const result = validateConfig({ text, displayPath: '.safeguard.yaml', absolutePath: '/repo/.safeguard.yaml' }, ruleCatalog);
    assert.equal(result.ok, false);
    if (!result.ok) for (const e of result.errors) assert.ok(e.span && e.span.end.offset <= text.length, `${JSON.stringify(text)}: ${e.span?.start.offset}..${e.span?.end.offset}`);
  }
});
