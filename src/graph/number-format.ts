// Numbers written as Terraform writes them. Terraform's numbers are Go big.Floats: converted to a
// string they are plain decimals (Text('f', -1): 1e21 is "1000000000000000000000", never "1e+21"),
// and format()'s verbs follow big.Float's Format, which differs from JavaScript's toFixed,
// toExponential and toPrecision in where it switches to an exponent, how it pads the exponent and
// how it rounds an exact tie (to even: format("%.0f", 0.5) is "0"). Our numbers are doubles, so
// digits past a double's precision still differ (the known arbitrary-precision gap).

/** The shortest digits of |n| that read back as n, and where the decimal point goes: |n| = 0.DIGITS × 10^point. */
function shortestDigits(n: number): { digits: string; point: number } {
  return digitsOf(Math.abs(n).toExponential());
}

/** `d.ddde±x` (toExponential's form) as digits without trailing zeros and a decimal point position. */
function digitsOf(exponential: string): { digits: string; point: number } {
  const e = exponential.indexOf('e');
  const digits = exponential.slice(0, e).replace('.', '').replace(/0+$/, '') || '0';
  return { digits, point: Number(exponential.slice(e + 1)) + 1 };
}

/** 0.DIGITS × 10^point written without an exponent, with exactly `frac` fractional digits (all when undefined). */
function plain(digits: string, point: number, frac?: number): string {
  const whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const wanted = frac ?? Math.max(digits.length - point, 0);
  let fraction = '';
  for (let i = 0; i < wanted; i++) fraction += point + i < 0 ? '0' : (digits[point + i] ?? '0');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** A number as Terraform converts it to a string: plain decimal digits, "-0" for negative zero. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '-0' : n.toFixed(0);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const s = String(n);
  if (!s.includes('e')) return s;
  const { digits, point } = shortestDigits(n);
  return (n < 0 ? '-' : '') + plain(digits, point);
}

/** Whether |x| × 10^f lies exactly halfway between two integers (checked on the double's exact binary value); f may be negative. */
function isExactTie(x: number, f: number): { tie: boolean; floor: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const scaled = (mantissa * 10n ** BigInt(Math.max(f, 0))) << BigInt(Math.max(exponent, 0));
  const denominator = (1n << BigInt(Math.max(-exponent, 0))) * 10n ** BigInt(Math.max(-f, 0));
  return { tie: 2n * (scaled % denominator) === denominator, floor: scaled / denominator };
}

/**
 * toExponential(precision) of a non-negative x, an exact tie rounded to even as Go does
 * (format("%.0e", 2.5) is "2e+00" in Terraform 1.11.4; toExponential rounds it up).
 */
function toExponentialEven(x: number, precision: number): string {
  const rounded = x.toExponential(precision);
  if (x === 0 || !Number.isFinite(x) || precision > 100) return rounded;
  // The exponent of x itself (the shortest digits never cross a power of ten).
  const exp = Number(x.toExponential().split('e')[1]);
  const { tie, floor } = isExactTie(x, precision - exp);
  if (!tie || floor % 2n !== 0n) return rounded;
  const digits = floor.toString();
  return `${digits[0]}${precision > 0 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

/** %.Nf: `frac` fractional digits, exact ties rounded to even as Go does (JavaScript's toFixed rounds them up). */
export function formatFixed(x: number, frac: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // An integer has no tie to round (%d, and most %f): only its digits and zeros.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return sign + (frac === 0 ? Math.abs(x).toFixed(0) : Math.abs(x).toFixed(frac));
  if (Math.abs(x) >= 1e21 || frac > 100) {
    // Beyond toFixed's range: the double's exact digits (|x| >= 1e21 is an integer, exact; past a
    // hundred fractional digits they are cut, not rounded).
    const { floor } = isExactTie(x, frac);
    return sign + insertPoint(floor.toString(), frac);
  }
  // An exact tie needs |x| × 10^frac to end in exactly .5, which the double product then is too
  // (10^frac is exact up to 10^22, and k + 0.5 is representable below 2^52): the exact check runs
  // only then, or where those bounds do not hold.
  const scaled = Math.abs(x) * 10 ** frac;
  if (scaled - Math.floor(scaled) === 0.5 || scaled >= 2 ** 52 || frac > 22) {
    const { tie, floor } = isExactTie(x, frac);
    if (tie && floor % 2n === 0n) return sign + insertPoint(floor.toString(), frac);
  }
  const s = Math.abs(x).toFixed(frac);
  return sign + s;
}

function insertPoint(integerDigits: string, frac: number): string {
  if (frac === 0) return integerDigits;
  const padded = integerDigits.padStart(frac + 1, '0');
  return `${padded.slice(0, -frac)}.${padded.slice(-frac)}`;
}

/** %e / %E with `precision` fractional digits of the mantissa and at least two exponent digits. */
export function formatExponent(x: number, precision: number, upper: boolean): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const { digits, point } = digitsOf(toExponentialEven(Math.abs(x), Math.min(precision, 100)));
  return sign + exponentForm(digits, point, precision, upper);
}

function exponentForm(digits: string, point: number, fracDigits: number, upper: boolean): string {
  const exp = digits === '0' ? 0 : point - 1;
  const mantissa = fracDigits > 0 ? `${digits[0]}.${digits.slice(1, fracDigits + 1).padEnd(fracDigits, '0')}` : digits[0]!;
  const e = Math.abs(exp);
  return `${mantissa}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

/**
 * %g / %G (and %v of a number): the shortest digits, or `precision` significant ones, in exponent
 * form when the exponent is below -4 or at least the precision (6 for the shortest), else plain;
 * trailing zeros dropped, as big.Float's Format does.
 */
export function formatGeneral(x: number, precision: number | undefined, upper: boolean): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  const shortest = precision === undefined;
  const { digits, point } = shortest ? digitsOf(abs.toExponential()) : digitsOf(toExponentialEven(abs, Math.min(Math.max(precision, 1), 101) - 1));
  let prec = shortest ? digits.length : Math.max(precision, 1);
  let eprec = prec;
  if (eprec > digits.length && digits.length >= point) eprec = digits.length;
  if (shortest) eprec = 6;
  const exp = digits === '0' ? 0 : point - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digits.length) prec = digits.length;
    return sign + exponentForm(digits, point, prec - 1, upper);
  }
  if (prec > point) prec = digits.length;
  return sign + plain(digits, point, Math.max(prec - point, 0));
}
