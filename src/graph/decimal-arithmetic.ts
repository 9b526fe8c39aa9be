// Terraform's numbers are big floats of 512 bits, and a decimal literal is read to that precision:
// 0.1 + 0.2 is 0.3 there (terraform console 1.11.4), 0.30000000000000004 in binary doubles. This
// evaluator keeps doubles (a number type of its own would cost every value on the hot path), but
// adds, subtracts, multiplies and takes remainders of non-integers exactly in decimal, from each
// operand's shortest decimal text, and rounds once: the double nearest Terraform's result whenever
// the operands are the decimals they print as (literals, and results of these operations), which a
// double of more than 15 significant digits is taken not to be.
// Integers keep the plain operation (exact below 2^53, which is where they stay in practice); a
// quotient (1/3) stays a double, where Terraform prints 155 digits.

/** A finite double's shortest decimal text as an integer mantissa and a power of ten. */
function decimalOf(x: number): { m: bigint; e: number } {
  const text = String(x);
  const at = text.indexOf('e');
  const digits = at < 0 ? text : text.slice(0, at);
  let e = at < 0 ? 0 : Number(text.slice(at + 1));
  const point = digits.indexOf('.');
  if (point >= 0) e -= digits.length - point - 1;
  return { m: BigInt(point < 0 ? digits : digits.slice(0, point) + digits.slice(point + 1)), e };
}

/** m × 10^e as the nearest double (JavaScript reads decimal text correctly rounded). */
function toDouble(m: bigint, e: number): number {
  return Number(`${m}e${e}`);
}

function aligned(a: number, b: number): { x: bigint; y: bigint; e: number } {
  const p = decimalOf(a);
  const q = decimalOf(b);
  const e = Math.min(p.e, q.e);
  return { x: p.m * 10n ** BigInt(p.e - e), y: q.m * 10n ** BigInt(q.e - e), e };
}

/**
 * Whether the plain double operation is the answer: both integers, either not finite, or either of
 * more than 15 significant digits, which is no decimal anyone wrote but a quotient's double
 * ((1/3) * 3 is 1, as in Terraform, only in binary).
 */
function plain(a: number, b: number): boolean {
  return (Number.isInteger(a) && Number.isInteger(b)) || !Number.isFinite(a) || !Number.isFinite(b) || long(a) || long(b);
}

function long(x: number): boolean {
  return decimalOf(x).m.toString().replace(/^-/, '').replace(/0+$/, '').length > 15;
}

export function decimalAdd(a: number, b: number): number {
  if (plain(a, b)) return a + b;
  const { x, y, e } = aligned(a, b);
  const sum = x + y;
  // -0.5 + 0.5 is 0 in both.
  return sum === 0n ? a + b : toDouble(sum, e);
}

export function decimalSubtract(a: number, b: number): number {
  return decimalAdd(a, -b);
}

export function decimalMultiply(a: number, b: number): number {
  if (plain(a, b) || a === 0 || b === 0) return a * b;
  const p = decimalOf(a);
  const q = decimalOf(b);
  return toDouble(p.m * q.m, p.e + q.e);
}

/**
 * a % b as cty's Modulo takes it: a − b × trunc(a / b) (5 % 3.3 is 1.7 in terraform console 1.11.4).
 * A zero divisor, and infinities, are the caller's.
 */
export function decimalRemainder(a: number, b: number): number {
  if (plain(a, b) || b === 0) return a % b;
  const { x, y, e } = aligned(a, b);
  const r = x % y;
  // BigInt's % truncates as JavaScript's does: the sign is the dividend's.
  return r === 0n ? a % b : toDouble(r, e);
}
