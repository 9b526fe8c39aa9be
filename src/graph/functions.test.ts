import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { evaluateFiles, valueOf } from './testing-helpers.js';

const U = Symbol('unknown');
const cases: [string, unknown, string?][] = [
  // strings
  ['upper("abc")', 'ABC'],
  ['format("%s-%03d-%.2f %q %v", "a", 7, 3.14159, "x", true)', 'a-007-3.14 "x" true'],
  ['formatlist("%s=%s", ["a", "b"], "v")', ['a=v', 'b=v']],
  ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['replace("a-b-c", "-", "_")', 'a_b_c'],
  ['replace("abc123", "/[0-9]+/", "#")', 'abc#'],
  ['regex("(\\\\d+)-(\\\\w+)", "12-ab")', ['12', 'ab']],
  ['regexall("a", "banana")', ['a', 'a', 'a']],
  // Values of different types are never equal: a list is not the tuple [], a map not the object {} (terraform console 1.11).
  ['tolist(["a"]) == ["a"]', false],
  ['tolist([]) == []', false],
  ['tomap({ a = "x" }) == { a = "x" }', false],
  ['tolist(["a"]) == tolist(["a"])', true],
  ['[] == []', true],
  ['keys({ a = 1 }) == ["a"]', true],
  ['keys(tomap({ a = 1 })) == ["a"]', false],
  // A list, set or map has one element type: mixed primitives become strings (terraform console 1.11).
  ['tomap({ a = 1, b = "x" })', { a: '1', b: 'x' }],
  ['tolist(["a", 1, true])', ['a', '1', 'true']],
  ['toset([1, "1"])', ['1']],
  ['tolist([1, 2])', [1, 2]],
  // Both results of a conditional have one type: a number against a string is a string (terraform console 1.11).
  ['true ? 443 : "off"', '443'],
  ['false ? "on" : true', 'true'],
  ['true ? 1 : "${1}"', 1],
  ['false ? [1] : ["a"]', ['a']],
  // Infinities as Terraform has them (terraform console 1.11): 1/0 is +Inf, 5 % 0 is 5.
  ['tostring(1/0)', '+Inf'],
  ['tostring(-1/0)', '-Inf'],
  ['1/0 > 5', true],
  ['5 % 0', 5],
  ['-5.5 % 0', -5.5],
  ['true ? { a = 1 } : { a = "x", b = 2 }', { a: '1' }],
  ['true ? [1] : null', [1]],
  ['tobool("1")', true],
  ['tobool("0")', false],
  // Go's RE2 semantics (checked against terraform console 1.11): an empty match abutting the previous
  // one is skipped, a group that took no part is null, RE2-only syntax is translated.
  ['regexall("[a-z]*", "ab1cd")', ['ab', 'cd']],
  ['regexall("a*", "baaab")', ['', 'aaa', '']],
  ['regex("(a)|(b)", "b")', [null, 'b']],
  // Checked with terraform plan 1.11 (the third round of the value differential).
  ['lookup(tomap({ a = "x" }), "b", 1)', '1'],
  ['yamlencode({ k = "\u{1F600}" })', '"k": "\\U0001F600"\n'],
  ['can(regex("\\\\Aprod-[a-z]+\\\\z", "prod-app"))', true],
  ['regex("[[:digit:]]+", "ab123")', '123'],
  ['regex("\\\\pL+", "héllo1")', 'héllo'],
  ['regex("\\\\Qa.b\\\\E", "xa.b")', 'a.b'],
  ['regex("[]a]+", "a]b")', 'a]'],
  // RE2 where JavaScript differs (terraform plan 1.11): `.` takes \r, \s is [\t\n\f\r ], a script alone, a negated POSIX class.
  ['regex("^key=(.*)$", "key=v\\r")[0]', 'v\r'],
  ['regex("^\\\\S+$", "a\\u00a0b")', 'a\u00a0b'],
  ['regex("\\\\p{Greek}+", "abc αβγ")', 'αβγ'],
  ['regex("[[:^alpha:]]+", "ab12cd")', '12'],
  ['regex("(?s)a.b", "a\\nb")', 'a\nb'],
  ['replace("bucket-logs", "/^(\\\\w+)-/", "$1_")', 'logs'],
  ['replace("bucket-logs", "/^(\\\\w+)-/", "$${1}_")', 'bucket_logs'],
  ['replace("abc", "/(?P<n>b)/", "<$n>")', 'a<b>c'],
  ['replace("abc", "/b/", "$&")', 'a$&c'],
  ['replace("aaa", "/a*/", "x")', 'x'],
  ['replace("ab", "", "-")', '-a-b-'],
  ['replace("ab", "//", "-")', '-a-b-'],
  // An apply-time replacement keeps the known text, its replaced parts written "${unknown}" (Unk.partial).
  ['replace("arn:aws:s3:::_ID_/*", "_ID_", uuid())', { unknown: true, reason: 'uuid() is generated at apply time', partial: 'arn:aws:s3:::${unknown}/*' }],
  ['replace(replace("_A_-_B_", "_A_", uuid()), "/_B_/", "b")', { unknown: true, reason: 'uuid() is generated at apply time', partial: '${unknown}-b' }],
  ['substr("hello", 1, 3)', 'ell'],
  // By grapheme cluster, as Terraform counts (terraform console 1.11).
  ['length("😀e\\u0301")', 2],
  ['length("a\\r\\nb")', 3],
  // The strings are in NFC, so e and its combining accent are one é (terraform console 1.11.4).
  ['strrev("e\\u0301x")', 'x\u00e9'],
  ['substr("😀e\\u0301z", 1, 1)', '\u00e9'],
  ['title("hello world")', 'Hello World'],
  ['trimspace("  x \\n")', 'x'],
  ['trim("?!x!?", "?!")', 'x'],
  ['trimprefix("abc", "a")', 'bc'],
  ['chomp("x\\n\\n")', 'x'],
  ['indent(2, "a\\nb")', 'a\n  b'],
  ['strrev("abc")', 'cba'],
  ['startswith("abc", "ab")', true],
  ['strcontains("abc", "d")', false],
  // collections
  ['length([1, 2, 3])', 3],
  ['length({ a = 1 })', 1],
  ['concat([1], [2, 3])', [1, 2, 3]],
  ['merge({ a = 1, b = 2 }, { b = 3 })', { a: 1, b: 3 }],
  ['lookup({ a = "x" }, "b", "d")', 'd'],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['flatten([[1, [2]], [3]])', [1, 2, 3]],
  ['distinct([1, 1, 2])', [1, 2]],
  ['contains(["a", "b"], "b")', true],
  ['element(["a", "b"], 3)', 'b'],
  ['index(["a", "b"], "b")', 1],
  ['range(3)', [0, 1, 2]],
  ['range(1, 10, 4)', [1, 5, 9]],
  ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
  ['sort(["b", "a"])', ['a', 'b']],
  ['reverse([1, 2])', [2, 1]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['setunion(["a"], ["b", "a"])', ['a', 'b']],
  ['setintersection(["a", "b"], ["b"])', ['b']],
  ['setsubtract(["a", "b"], ["b"])', ['a']],
  ['setproduct(["a"], [1, 2])', [['a', 1], ['a', 2]]],
  ['chunklist([1, 2, 3], 2)', [[1, 2], [3]]],
  ['coalesce("", null, "x")', 'x'],
  ['coalescelist([], ["a"])', ['a']],
  ['compact(["a", "", null])', ['a']],
  ['one(["x"])', 'x'],
  ['alltrue([true, true])', true],
  ['anytrue([false])', false],
  ['sum([1, 2.5])', 3.5],
  ['transpose({ a = ["x", "y"], b = ["x"] })', { x: ['a', 'b'], y: ['a'] }],
  ['matchkeys(["i1", "i2"], ["us", "eu"], ["eu"])', ['i2']],
  // numbers
  ['max(1, 5, 3)', 5],
  ['min([4, 2]...)', 2],
  ['abs(-2)', 2],
  ['ceil(1.2)', 2],
  ['floor(1.8)', 1],
  ['pow(2, 10)', 1024],
  ['signum(-3)', -1],
  ['parseint("ff", 16)', 255],
  ['log(8, 2)', 3],
  // encoding
  ['jsonencode({ b = [1, "x<"], a = null })', '{"a":null,"b":[1,"x\\u003c"]}'],
  ['jsondecode("{\\"a\\": [1, true]}")', { a: [1, true] }],
  // YAML 1.1, as Terraform decodes it (checked against terraform console 1.11): y, yes, on are true; << merges.
  ['yamldecode("a: 1\\nb: [x, y]\\n")', { a: 1, b: ['x', true] }],
  ['yamldecode("public: no\\nmode: off\\nenabled: yes\\nname: \\"no\\"")', { enabled: true, mode: false, name: 'no', public: false }],
  ['yamldecode("base: &b\\n  x: 1\\nderived:\\n  <<: *b\\n  z: 2")', { base: { x: 1 }, derived: { x: 1, z: 2 } }],
  ['yamldecode("d: 2024-01-01")', { d: '2024-01-01T00:00:00Z' }],
  ['base64encode("hello")', 'aGVsbG8='],
  ['base64decode("aGVsbG8=")', 'hello'],
  ['urlencode("a b&c")', 'a+b%26c'],
  ['csvdecode("a,b\\n1,2\\n")', [{ a: '1', b: '2' }]],
  // hashes
  ['md5("abc")', '900150983cd24fb0d6963f7d28e17f72'],
  ['sha1("abc")', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['sha256("abc")', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['base64sha256("abc")', 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='],
  ['uuidv5("dns", "example.com")', 'cfbff0d1-9375-5685-968c-48ce8b15ae17'],
  // networks
  ['cidrsubnet("10.0.0.0/16", 8, 2)', '10.0.2.0/24'],
  ['cidrhost("10.0.0.0/24", 5)', '10.0.0.5'],
  ['cidrnetmask("10.0.0.0/20")', '255.255.240.0'],
  ['cidrsubnets("10.1.0.0/16", 4, 4, 8)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24']],
  ['cidrsubnet("fd00::/56", 8, 1)', 'fd00:0:0:1::/64'],
  // time
  ['formatdate("YYYY-MM-DD hh:mm", "2024-03-05T07:08:09Z")', '2024-03-05 07:08'],
  ['timeadd("2024-01-01T00:00:00Z", "1h30m")', '2024-01-01T01:30:00Z'],
  ['timestamp()', U],
  // conversion and control
  ['tostring(1)', '1'],
  ['tonumber("2")', 2],
  ['tobool("true")', true],
  ['tolist(toset(["a"]))', ['a']],
  ['try({ a = 1 }.b, 2)', 2],
  ['can(tonumber("x"))', false],
  ['can(tonumber("1"))', true],
  ['sensitive("s")', 's'],
  ['core::upper("a")', 'A'],
  ['provider::aws::arn_parse("x")', U],
];

test('built-in functions', () => {
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

// Each checked against terraform console 1.11.4 (stop 29: a runner of 1 275 expressions).
const asTerraform: [string, unknown][] = [
  // Years 0-99 are those years (Date.UTC reads them as 1900-1999), and a leap day rolls within its own year.
  ['formatdate("YYYY-MM-DD EEE", "0099-01-01T00:00:00Z")', '0099-01-01 Thu'],
  ['timeadd("0099-02-28T00:00:00Z", "24h")', '0099-03-01T00:00:00Z'],
  ['timeadd("2024-02-28T00:00:00Z", "24h")', '2024-02-29T00:00:00Z'],
  ['can(timeadd("2024-02-28t00:00:00z", "1h"))', false],
  // A null element is not true: alltrue([null]) is false, anytrue skips it (terraform plan 1.11).
  ['alltrue([null])', false],
  ['anytrue([null, true])', true],
  // Numbers as strings are plain decimals; format() follows Go's big.Float verbs.
  ['tostring(1e21)', '1000000000000000000000'],
  ['jsonencode(1.5e-7)', '0.00000015'],
  ['jsonencode(-0)', '-0'],
  ['join(",", [1e21, 0.5, 100])', '1000000000000000000000,0.5,100'],
  ['format("%v", 100000000)', '1e+08'],
  ['format("%v", 0.000001)', '1e-06'],
  ['format("%v", 123456)', '123456'],
  ['format("%g", 1.5)', '1.5'],
  ['format("%.3g", 0.5)', '0.5'],
  ['format("%G", 1e-10)', '1E-10'],
  ['format("%e", 1234.5678)', '1.234568e+03'],
  ['format("%.0f", 0.5)', '0'],
  ['format("%.0f", 1.5)', '2'],
  ['format("%.0f", 2.5)', '2'],
  ['format("%.2f", 1.005)', '1.00'],
  ['formatlist("%.1f", [1, 2.25])', ['1.0', '2.2']],
  ['format("%f", 1e21)', '1000000000000000000000.000000'],
  ['format("%d", 1e21)', '1000000000000000000000'],
  ['format("% d", 42)', ' 42'],
  ['format("%+d", 42)', '+42'],
  ['format("%05d", -42)', '-0042'],
  ['format("%#o", 8)', '010'],
  ['format("%#x", 255)', '0xff'],
  ['format("%-4s|", "x")', 'x   |'],
  ['format("%q", "<a&b>")', '"\\u003ca\\u0026b\\u003e"'],
  ['format("%#v", "<")', '"\\u003c"'],
  ['format("%s", 1e21)', '1000000000000000000000'],
  ['format("%t", "true")', 'true'],
  // Strings, collections and time.
  ['title("hello_world")', 'Hello_world'],
  ['title("o\'neil mc-donald")', "O'Neil Mc-Donald"],
  ['substr("abcdef", 7, 1)', ''],
  ['range(-2)', [0, -1]],
  ['tonumber("+3")', 3],
  ['{ null = 1 }', { null: 1 }],
  ["formatdate(\"'It''s' YYYY\", \"2018-01-02T03:04:05Z\")", "It's 2018"],
  ["formatdate(\"''YY\", \"2018-01-02T03:04:05Z\")", "'18"],
  ['timeadd("2024-01-01T00:00:00.5Z", "1ms")', '2024-01-01T00:00:00Z'],
  ['timeadd("2024-01-01T00:00:00Z", "0")', '2024-01-01T00:00:00Z'],
  // Template directives (terraform console 1.11.4): the loop names bound to each element (a set's in
  // order, a map's by key), strip markers, and the indentation a flush heredoc keeps around directives.
  ['"%{ for x in ["a","b"] }${x},%{ endfor }"', 'a,b,'],
  ['"%{ for i, x in ["a","b"] }${i}:${x} %{ endfor }"', '0:a 1:b '],
  ['"%{ for k, v in toset(["b","a"]) }${k}=${v};%{ endfor }"', 'a=a;b=b;'],
  ['"%{ for k, v in {b=1, a=2, B=3, "10"=5, "9"=6} }${k}${v} %{ endfor }"', '105 96 B3 a2 b1 '],
  ['"%{ for x in ["a","b","c"] }%{ if x == "b" }B%{ else }${x}%{ endif }%{ endfor }"', 'aBc'],
  ['"[%{ for i, x in ["a","b"] }%{ if i > 0 }, %{ endif }\\"${x}\\"%{ endfor }]"', '["a", "b"]'],
  ['"%{ for x in ["a", "b"] }%{ for y in [1,2] }${x}${y} %{ endfor }%{ endfor }"', 'a1 a2 b1 b2 '],
  ['"%{ for x in [1,2] }%{ for x in ["n"] }${x}%{ endfor }${x}%{ endfor }"', 'n1n2'],
  ['"%{ for x in [] }${x}%{ endfor }"', ''],
  ['"%{ for x in [1, 2] ~}    ${x}    %{~ endfor ~}   ."', '12.'],
  ['"x %{~ for x in [1] ~} y %{~ endfor ~} z"', 'xyz'],
  ['<<EOT\n%{ for x in ["a","b"] ~}\nitem ${x}\n%{ endfor ~}\nend\nEOT', 'item a\nitem b\nend\n'],
  ['<<-EOT\n    %{ for x in ["a","b"] }\n    - ${x}\n    %{ endfor }\n    done\n  EOT', '\n- a\n\n- b\n\ndone\n'],
  ['<<-EOT\n    %{ for i, x in ["a","b"] ~}\n    ${i}=${x}\n    %{ endfor ~}\n  EOT', '    0=a\n    1=b\n'],
  // Stop 50's differential (5 834 expressions, each checked against terraform console 1.11.4).
  // format(): widths and %s precision count grapheme clusters, %t takes no width, %d of -0 is 0, an exact tie in %e rounds to even.
  ['format("%10s|", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}")', '         \u{1F468}\u200D\u{1F469}\u200D\u{1F467}|'],
  ['format("%.1s|%-4s|", "\u{1F1FA}\u{1F1F8}\u{1F1EB}\u{1F1F7}", "a\\r\\nb")', '\u{1F1FA}\u{1F1F8}|a\r\nb |'],
  ['format("%5t|", true)', 'true|'],
  ['format("%d|%+d|%05d", -0, -0, -0)', '0|+0|00000'],
  ['format("%.0e|%.0e|%.1e|%.1g", -2.5, 3.5, 0.25, 0.25)', '-2e+00|4e+00|2.5e-01|0.2'],
  // upper(), lower() and title() map one code point to one (Go's simple mappings), without context.
  ['upper("\u00df\ufb01\u1ffc\u1f80")', '\u00df\ufb01\u1ffc\u1f88'],
  ['lower("\u0130\u03a3\u0391\u03a3")', 'i\u03c3\u03b1\u03c3'],
  ['title("\u01c6 \u01c5ungla \u00df \u10d0")', '\u01c5 \u01c5ungla \u00df \u10d0'],
  // Collections: a null sorts last in a set; setproduct's rows are tuples of each set's one element type;
  // chunklist's elements take one type; range() steps in decimal and needs no step to be empty.
  ['toset([1, null, 2])', [1, 2, null]],
  ['setunion(["b", null], ["a"])', ['a', 'b', null]],
  ['setproduct([1, "a"], ["x"])', [['1', 'x'], ['a', 'x']]],
  ['setproduct(["a"], ["x"]) == tolist([["a", "x"]])', true],
  ['chunklist([1, "a"], 1)', [['1'], ['a']]],
  ['chunklist([], 0)', []],
  ['range(0, 1, 0.1)', [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]],
  ['range(1, 0, -0.1)', [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]],
  ['range(0, 0, 0)', []],
  // Every string is in NFC, as cty keeps them: written "e\u0301", decoded or made by a function, it is "é".
  ['sha256("e\\u0301")', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ['startswith("e\\u0301", "e")', false],
  ['urlencode("e\\u0301")', '%C3%A9'],
  ['keys({ "e\\u0301" = 1, "\u00e9" = 2 })', ['\u00e9']],
  ['jsondecode("{\\"e\\\\u0301\\": \\"e\\\\u0301\\"}")', { '\u00e9': '\u00e9' }],
  ['base64decode("ZcyB")', '\u00e9'],
  // Smaller differences: substr's length 0 after a negative offset, ceil's -0, line breaks in base64,
  // uuid namespaces in braces or as a URN, infinities to format() and yamlencode().
  ['substr("abc", -2, 0)', 'bc'],
  ['ceil(-0.5)', 0],
  ['base64decode("YW\\r\\nJj")', 'abc'],
  ['uuidv5("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "www.example.com")', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
  ['uuidv5("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
  ['format("%v|%8v|% f|%.2e", 1/0, 1/0, 1/0, -1/0)', '+Inf|    +Inf| Inf|-Inf'],
  ['yamlencode([1/0])', '- +Inf\n'],
  // yamldecode as go-yaml v2 under cty: the last of a repeated key, a quoted scalar's text whatever its
  // tag, !!binary as its text, timestamps in Go's forms only, written RFC 3339 in their own offset.
  ['yamldecode("a: 1\\na: 2")', { a: 2 }],
  ['yamldecode("a: !!int \\"3\\"\\nb: !!binary aGVsbG8=")', { a: '3', b: 'aGVsbG8=' }],
  ['yamldecode("a: 2001-12-14t21:59:43.10-05:00\\nb: 2001-12-14 21:59:43.10 -5")', { a: '2001-12-14T21:59:43-05:00', b: '2001-12-14 21:59:43.10 -5' }],
  // Go's durations may start at the point; timecmp reads with time.Parse, which takes a comma fraction.
  ['timeadd("2024-01-01T00:00:00Z", ".5h")', '2024-01-01T00:30:00Z'],
  ['timecmp("2024-03-05T07:08:09,5Z", "2024-03-05T07:08:09Z")', 1],
  // timeadd keeps nanoseconds until it cuts the sum to the second.
  ['timeadd("2024-01-01T00:00:00Z", "-1ns")', '2023-12-31T23:59:59Z'],
  ['timeadd("2024-01-01T00:00:00.999999999Z", "1ns")', '2024-01-01T00:00:01Z'],
  // Text encodings Terraform names: UTF-16 with its byte order mark, UTF-16BE, windows-1252; a mark read is kept.
  ['textencodebase64("a\\u00e9", "UTF-16")', '/v8AYQDp'],
  ['textencodebase64("\\u20ac\\u00e9", "windows-1252")', 'gOk='],
  ['textdecodebase64("AGEAYg==", "UTF-16BE")', 'ab'],
  ['textdecodebase64("//5hAA==", "UTF-16LE")', '\ufeffa'],
  // Left over from stop 50 (terraform console 1.11.4): an infinite yamldecode key is "+Inf" or "-Inf".
  ['yamldecode(".inf: 1\\n-.inf: 2")', { '+Inf': 1, '-Inf': 2 }],
  ['yamldecode("a: !!float \\".nan\\"")', { a: '.nan' }],
  // A string converts to a number as Go's big.Float reads it: "inf" and "Inf", with either sign, are infinities.
  ['[tostring(tonumber("inf")), tostring(tonumber("-inf")), tostring(tonumber("+Inf")), tostring(1 + "-Inf")]', ['+Inf', '-Inf', '+Inf', '-Inf']],
  // Go's JSON decoder makes an escaped surrogate outside a pair U+FFFD, in a key too; a pair is one character.
  ['jsondecode("{\\"\\\\udc00\\": [\\"\\\\ud800\\\\ud800\\", \\"a\\\\ud800\\\\u0041\\", \\"\\\\ud83d\\\\ude00\\"]}")', { '\ufffd': ['\ufffd\ufffd', 'a\ufffdA', '\u{1F600}'] }],
  // The sign of a zero shows in tostring() and jsonencode(): max and min keep the first of equals, sum starts at the first.
  ['jsonencode([max(-0, 0), max(0, -0), min(0, -0), min(-0, 0), sum([-0]), sum([-0, 0]), sum([0, -0])])', '[-0,0,0,-0,-0,0,0]'],
  // go-cidr and Go's net package: an IPv4-mapped prefix is IPv4 in places (a host number goes in its last 32
  // of 128 bits, a mapped address or network is written as IPv4); a negative netnum is ORed in two's complement.
  ['[cidrhost("::ffff:10.0.0.0/104", 1), cidrhost("::ffff:10.0.0.0/104", 0), cidrhost("::/0", 281470681743361), cidrsubnet("::ffff:10.0.0.0/104", 8, 1), cidrnetmask("::ffff:10.0.0.0/104")]', ['0:1::ffff:a00:0', '10.0.0.0', '0.0.0.1', '10.1.0.0/16', 'ffff:ffff:ffff:ffff:ffff:ffff:ff00:0']],
  ['[cidrsubnet("10.0.0.0/8", 8, -1), cidrsubnet("10.1.0.0/16", 8, -3), cidrsubnet("2001:db8::/32", 8, -1), cidrsubnet("::/80", 16, 65535)]', ['0.1.0.0/16', '0.0.3.0/24', '0:0:100::/40', '0.0.0.0/0']],
  // element() takes Go's signed remainder: a negative multiple of the length is the first element.
  ['[element(["a", "b", "c"], -3), element(["a", "b", "c"], -6)]', ['a', 'a']],
];

test('a literal index is in NFC too: local.m["e\\u0301"] reads the key "é" (terraform console 1.11.4)', () => {
  assert.equal(valueOf('local.m["e\\u0301"]', 'locals {\n  m = { "\u00e9" = 1 }\n}\n'), 1);
  assert.equal(valueOf('var.v', 'variable "v" {\n  default = "e\u0301"\n}\n'), '\u00e9');
});

test('lookup() in an empty map gives the default whatever the key, even one known only at apply time', () => {
  assert.deepEqual(valueOf('lookup({}, timestamp(), { a = 1 })'), { a: 1 });
  assert.ok(isUnknown(valueOf('lookup({ x = { a = 2 } }, timestamp(), { a = 1 })')));
});

test('functions give what Terraform gives', () => {
  for (const [expr, expected] of asTerraform) assert.deepEqual(valueOf(expr), expected, expr);
});

// Expressions Terraform refuses: an error or warning at the expression, and no value made up.
const refused: string[] = [
  'try(local.missing, "x")',
  'can(local.missing)',
  'try(aws_s3_bucket.none.id, "x")',
  'format("%s %s", "a", "b", "c")',
  'format("%x", "hello")',
  'format("%t", 1)',
  'format("%s", ["a"])',
  'format("%*s", 4, "x")',
  'format("%c", 233)',
  'format("%x", 1.5)',
  'format("%b", "2.5")',
  'format("%")',
  'format("%!")',
  'format("%1$s")',
  'setproduct(["a"])',
  'concat(toset(["a"]), ["b"])',
  'coalescelist(toset(["a"]), ["b"])',
  'one(null)',
  'signum(0.5)',
  'regex("(?=a)", "a")',
  'regexall("\\\\Z", "a")',
  'regexall("\\\\1", "aa")',
  'regexall("[\\\\b]", "a")',
  'index([null], null)',
  'signum(1e21)',
  'substr("abc", 1e20, 1)',
  'textdecodebase64("gQ==", "windows-1252")',
  'textdecodebase64("YQ", "UTF-8")',
  'yamldecode("~: 1")',
  'yamldecode("? [a]\\n: 1")',
  'yamldecode("%YAML 1.2\\n---\\na: 1")',
  'yamldecode("a: !custom x")',
  // "floating point NaN is not supported" (terraform console 1.11.4), in any spelling and as a key.
  'yamldecode(".nan")',
  'yamldecode("a: .NaN")',
  'yamldecode(".NAN: 1")',
  // Go's big.Float takes neither "INF", "Infinity" nor "nan" (terraform console 1.11.4).
  'tonumber("INF")',
  'tonumber("Infinity")',
  'tonumber("nan")',
  // go-yaml refuses an escaped surrogate, even in a pair: "found invalid Unicode character escape code" (terraform console 1.11.4).
  'yamldecode("\\"\\\\ud800\\"")',
  'yamldecode("a: \\"\\\\ud83d\\\\ude00\\"")',
  // Go's "previous subnet" of a mapped prefix has no mask: "... after <nil>"; a netnum past the extension either way.
  'cidrsubnets("::ffff:10.0.0.0/104", 8, 8)',
  'cidrsubnet("10.0.0.0/8", 8, -256)',
  // Any other negative index panics in Terraform 1.11.4 ("index out of range [-1]").
  'element(["a", "b", "c"], -1)',
  'element(["a", "b", "c"], -4)',
  'csvdecode("a,a\\n1,2\\n")',
  'csvdecode("a\\nx\\"y\\n")',
  'cidrsubnets("0.0.0.0/0", 1, 1)',
  'timeadd("2024-03-05T07:08:09+24:00", "1s")',
  'timeadd("2024-01-01T00:00:00Z", "2562048h")',
  'formatlist("%s", ["a", null])',
  'element(toset(["a"]), 0)',
  'slice(toset(["b", "a"]), 0, 1)',
  'index(toset(["a"]), "a")',
  'contains(["a"], null)',
  'parseint(10, 10)',
  'log(-1, 10)',
  'pow(-2, 0.5)',
  'base64decode("gA==")',
  'textencodebase64("\u20ac", "ISO-8859-1")',
  'formatdate("hh:mm", "2018-01-02T24:00:00Z")',
  '"%{ for x in null }x%{ endfor }"',
  '"%{ for x in "abc" }x%{ endfor }"',
  'nosuchfn("x")',
];

test('expressions Terraform refuses are reported, not given a value', () => {
  for (const expr of refused) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    const value = model.outputs.find((o) => o.name === 'o')?.value.value;
    assert.ok(isUnknown(value), `${expr} should be unknown, got ${JSON.stringify(value)}`);
    assert.ok(diagnostics.some((d) => d.severity !== 'info' && d.span?.start.line === 2), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});

test('format() of a null is unknown, as in Terraform', () => {
  assert.ok(isUnknown(valueOf('format("%s", null)')));
});

test('a null default with nullable = false is an error at the default', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'variable "v" {\n  type     = string\n  nullable = false\n  default  = null\n}\n' });
  const found = diagnostics.find((d) => d.code === 'vars/null-default');
  assert.equal(found?.severity, 'error');
  assert.equal(found?.span?.start.line, 4);
});

test('jsondecode and yamldecode errors say where, never the text (it may be a sensitive value)', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "s" {\n  type      = string\n  sensitive = true\n  default   = "{\\"password\\": dEcOdEcanary1}"\n}\nlocals {\n  j = jsondecode(var.s)\n  k = jsondecode("{\\"a\\": 1")\n  y = yamldecode("password: dEcOdEcanary2: extra")\n}\noutput "o" {\n  value     = [local.j, local.k, local.y]\n  sensitive = true\n}\n',
  });
  const messages = diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /jsondecode: invalid JSON \(an unexpected word or number\)/);
  assert.match(messages, /jsondecode: invalid JSON \(at line 1, column 8\)/);
  assert.match(messages, /yamldecode: invalid YAML \(block as implicit key at line 1, column \d+\)/);
  assert.ok(!messages.includes('dEcOdE'), messages);
});

test('an error quoting a value that came through a secret-named variable, or a bare word under a secret name, does not show it', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "db_password" {\n  type    = string\n  default = "hOpCaNaRy47Xq"\n}\nlocals {\n  creds = { admin = var.db_password }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags   = { n = tonumber(local.creds.admin) }\n}\nresource "aws_elasticache_replication_group" "r" {\n  replication_group_id = "r"\n  auth_token           = bArEwOrDcanary9\n}\nresource "aws_s3_bucket" "c" {\n  bucket = nosuchthing\n}\n',
  });
  const messages = diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /cannot convert \(a sensitive value\) to a number/);
  assert.match(messages, /attribute auth_token: Unknown reference \(a sensitive value\)/);
  assert.match(messages, /Unknown reference "nosuchthing"/, 'other unknown references are named');
  assert.ok(!messages.includes('hOpCaNaRy') && !messages.includes('bArEwOrD'), messages);
});

test('an error quoting a value read through a short form of password (db_pass, pw) does not show it', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "db_pass" {\n  type    = string\n  default = "pAsScAnArY31Kq"\n}\nlocals {\n  pw = "pWcAnArY58Zx"\n}\noutput "a" {\n  value = tonumber(var.db_pass)\n}\noutput "b" {\n  value = { k = 1 }[local.pw]\n}\noutput "c" {\n  value = timeadd(local.pw, "1h")\n}\noutput "d" {\n  value = parseint(var.db_pass, 10)\n}\noutput "e" {\n  value = templatefile("${local.pw}.tpl", {})\n}\n',
  });
  const messages = diagnostics.map((d) => d.message).join('\n');
  assert.equal(diagnostics.filter((d) => /^output "[a-e]"/.test(d.message)).length, 5, messages);
  assert.ok(!messages.includes('cAnArY'), messages);
});

test('regex with named and unnamed groups, and yamldecode of an empty text, are errors as in Terraform', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'output "a" {\n  value = regex("(?P<a>x)(y)", "xy")\n}\noutput "b" {\n  value = yamldecode("")\n}\n' });
  const messages = diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n');
  assert.match(messages, /cannot mix both named and unnamed capture groups/);
  assert.match(messages, /yamldecode: invalid YAML \(missing start of document\)/);
});

test("the AWS provider's own functions that need no API call: arn_parse, arn_build, trim_iam_role_path", () => {
  assert.deepEqual(valueOf('provider::aws::arn_parse("arn:aws:iam::444455556666:role/example")'), { account_id: '444455556666', partition: 'aws', region: '', resource: 'role/example', service: 'iam' });
  // The resource section keeps its colons (the SDK splits into six sections at most).
  assert.deepEqual(valueOf('provider::aws::arn_parse("arn:aws:logs:us-east-1:111122223333:log-group:/aws/x:*").resource'), 'log-group:/aws/x:*');
  assert.equal(valueOf('provider::aws::arn_build("aws", "s3", "", "", "phi-records/*")'), 'arn:aws:s3:::phi-records/*');
  assert.equal(valueOf('provider::aws::trim_iam_role_path("arn:aws:iam::444455556666:role/with/path/example")'), 'arn:aws:iam::444455556666:role/example');
  for (const expr of ['provider::aws::arn_parse("not-an-arn")', 'provider::aws::arn_parse("arn:aws:s3")', 'provider::aws::trim_iam_role_path("arn:aws:iam::444455556666:user/bob")']) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), expr);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
  // Another provider's function stays unknown, with its one-time note.
  assert.ok(isUnknown(valueOf('provider::aws::user_agent("x", "1", "y")')));
});

// Terraform 1.12 (HCL 2.23) short-circuits && and ||: errors on the side that does not decide the
// result are dropped. Each of these was an eval/error failing the run on code Terraform 1.12+ plans.
test('&& and || short-circuit as in Terraform 1.12: the right side of a deciding left side may fail', () => {
  const preamble = 'variable "o" {\n  type    = object({ bucket = string })\n  default = null\n}\n';
  const cases: [string, boolean][] = [
    ['var.o != null && var.o.bucket != ""', false],
    ['var.o == null || var.o.bucket == ""', true],
    ['false && tonumber("x") > 1', false],
    ['true || [][0]', true],
  ];
  for (const [expr, expected] of cases) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `${preamble}output "o" {\n  value = ${expr}\n}\n` });
    assert.equal(model.outputs.find((o) => o.name === 'o')?.value.value, expected, expr);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], expr);
  }
  // The side that decides still fails, and so does a reference to nothing declared (checked before evaluation).
  for (const expr of ['true && var.o.bucket != ""', 'false && var.nope']) {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${preamble}output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(diagnostics.some((d) => d.severity === 'error'), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});
