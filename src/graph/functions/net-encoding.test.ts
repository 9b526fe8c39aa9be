// Network, encoding and time functions against terraform console 1.11.4 (the function differential of
// stop 54): each row names what the console printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles, valueOf } from '../testing-helpers.js';

const values: [string, unknown][] = [
  // cidrsubnet() takes more than 32 new bits; cidrsubnets() takes up to 32 each.
  ['cidrsubnet("fd00::/56", 72, 1)', 'fd00::1/128'],
  ['cidrsubnets("fd00::/56", 32)', ['fd00::/88']],
  // Line breaks in the base64 text are skipped, as base64decode() skips them.
  ['textdecodebase64("YWJj\\n", "UTF-8")', 'abc'],
  ['textdecodebase64("YW\\r\\nJj", "ISO-8859-1")', 'abc'],
  // timecmp() to the nanosecond, as Go's time.Time compares.
  ['timecmp("2020-01-01T00:00:00Z", "2020-01-01T00:00:00.000000001Z")', -1],
  ['timecmp("2020-01-01T00:00:00.000001Z", "2020-01-01T00:00:00.000000999Z")', 1],
  ['timecmp("2020-01-01T00:00:00.0000000009Z", "2020-01-01T00:00:00Z")', 0],
  // base64gzip() as Go's gzip.Writer writes after a Flush: header OS byte 255, a sync flush's empty
  // stored block, then an empty final block.
  ['base64gzip("hello")', 'H4sIAAAAAAAA/8pIzcnJBwAAAP//AQAA//+GphA2BQAAAA=='],
  ['base64gzip("")', 'H4sIAAAAAAAA/wAAAP//AQAA//8AAAAAAAAAAA=='],
  ['base64gzip(jsonencode({a=[1,2,3],b="hello hello hello hello"}))', 'H4sIAAAAAAAA/6pWSlSyijbUMdIxjtVRSlKyUspIzcnJV8AglWoBAAAA//8BAAD//zMavM8rAAAA'],
  // An IPv6 cidrhost() checks only the host number's low 64 bits (as a signed int64) against the
  // prefix, then ORs the whole number in: at and past 2^64 it runs into the network part.
  ['cidrhost("fd00::/64", 18446744073709551616)', 'fd00:0:0:1::'],
  ['cidrhost("fd00::/64", 36893488147419103232)', 'fd00:0:0:2::'],
  ['cidrhost("fd00::/120", 18446744073709551616)', 'fd00:0:0:1::'],
  ['cidrhost("fd00::/100", 9223372036854775808)', 'fd00::8000:0:0:0'],
  ['cidrhost("fd00::/100", 18446744073709555712)', 'fd00:0:0:1::1000'],
  ['cidrhost("fd00::/63", 18446744073709551616)', 'fd00:0:0:1::'],
  ['cidrhost("fd00::/0", 18446744073709551616)', '0:0:0:1::'],
  ['cidrhost("fd00::/1", 100000000000000000000)', '8000::5:6bc7:5e2d:6310:0'],
  ['cidrhost("fd00::/64", -18446744073709551616)', 'fd00::'],
];

test('network and encoding functions give what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of values) assert.deepEqual(valueOf(expr), expected, expr);
});

// Console: "may not extend prefix by more than 32 bits", checked for every count before any subnet.
const refused = ['cidrsubnets("fd00::/56", 33)', 'cidrsubnets("fd00::/48", 16, 16, 80)', 'cidrsubnets("fd00::/56", 40, 0)'];

// Console: "prefix of 120 does not accommodate a host numbered 18446744073709555712" (its low 64 bits,
// 4096, are past 255), "... a host numbered 256", "... -1" for -257; past 128 bits "panic in
// function implementation: runtime error: index out of range [-1]"; IPv4 "... a host numbered 16777216".
const refusedHosts = ['cidrhost("fd00::/120", 18446744073709555712)', 'cidrhost("fd00::/120", 256)', 'cidrhost("fd00::/120", -257)', 'cidrhost("fd00::/8", 340282366920938463463374607431768211456)', 'cidrhost("10.0.0.0/8", 16777216)', 'cidrhost("10.0.0.0/8", 18446744073709551616)'];

test('host numbers cidrhost() refuses in terraform console 1.11.4 are reported, not given a value', () => {
  for (const expr of refusedHosts) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), `${expr}: no value`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2 && /cidrhost/.test(d.message)), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});

test('network calls terraform console 1.11.4 refuses are reported, not given a value', () => {
  for (const expr of refused) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), `${expr}: no value`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2 && /32 bits/.test(d.message)), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});
