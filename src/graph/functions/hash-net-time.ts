// Hash, IP network and date/time built-ins.
import { createHash } from 'node:crypto';
import { EvalError, list, unk, type Val } from '../value.js';
import { int, str, type FunctionSpec } from './args.js';

function digest(algorithm: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHash(algorithm).update(data).digest(encoding);
}

// ---- IP networks (IPv4 and IPv6 via BigInt)

interface Cidr {
  readonly v6: boolean;
  readonly base: bigint;
  readonly prefix: number;
}

function parseIp(text: string): { v6: boolean; value: bigint } {
  if (text.includes(':')) {
    const [head, tail] = text.split('::') as [string, string | undefined];
    let v4tail: bigint | undefined;
    const parseGroups = (s: string | undefined): string[] => (s ? s.split(':') : []);
    let hs = parseGroups(head);
    let ts = parseGroups(tail);
    const last = (tail !== undefined ? ts : hs).at(-1);
    if (last?.includes('.')) {
      v4tail = parseIp(last).value;
      if (tail !== undefined) ts = ts.slice(0, -1);
      else hs = hs.slice(0, -1);
    }
    const groupsNeeded = v4tail === undefined ? 8 : 6;
    const missing = groupsNeeded - hs.length - ts.length;
    if (tail === undefined ? missing !== 0 : missing < 0) throw new EvalError(`Invalid IP address "${text}".`);
    const groups = [...hs, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...ts];
    let value = 0n;
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new EvalError(`Invalid IP address "${text}".`);
      value = (value << 16n) | BigInt(parseInt(g, 16));
    }
    if (v4tail !== undefined) value = (value << 32n) | v4tail;
    return { v6: true, value };
  }
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new EvalError(`Invalid IP address "${text}".`);
  return { v6: false, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
}

function parseCidr(text: string): Cidr {
  const [addr, bits] = text.split('/');
  if (addr === undefined || bits === undefined || !/^\d+$/.test(bits)) throw new EvalError(`Invalid CIDR prefix "${text}".`);
  const ip = parseIp(addr);
  const width = ip.v6 ? 128 : 32;
  const prefix = Number(bits);
  if (prefix > width) throw new EvalError(`Invalid CIDR prefix "${text}".`);
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);
  return { v6: ip.v6, base: ip.value & mask, prefix };
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d), which Go's net package treats as IPv4 in places. */
function isMapped(value: bigint, v6: boolean): boolean {
  return v6 && value >> 32n === 0xffffn;
}

function formatIp(value: bigint, v6: boolean): string {
  // Go writes an IPv4-mapped address as IPv4: cidrhost("::ffff:10.0.0.0/104", 0) is "10.0.0.0".
  if (!v6 || isMapped(value, v6)) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * An IPv6 host as go-cidr 1.1.0's HostBig makes it, past the host part's size too: it compares only
 * the number's low 64 bits, read as a signed int64, with the largest host number, and then ORs the
 * whole number into the address (terraform console 1.11.4: cidrhost("fd00::/64",
 * 18446744073709551616) is "fd00:0:0:1::", cidrhost("fd00::/100", 9223372036854775808) is
 * "fd00::8000:0:0:0", cidrhost("fd00::/120", 18446744073709555712) fails, "prefix of 120 does not
 * accommodate a host numbered 18446744073709555712", and an address past 128 bits fails, "panic in
 * function implementation: runtime error: index out of range [-1]"). A negative number has been
 * counted back from the end already, which go-cidr checks exactly.
 */
function ipv6Host(base: bigint, prefix: number, host: bigint, text: string): string {
  const low = BigInt.asIntN(64, host);
  if (low >= 1n << BigInt(128 - prefix)) throw new EvalError(`cidrhost: prefix of ${prefix} does not accommodate a host numbered ${host} (${text}).`);
  const value = base | host;
  if (value >= 1n << 128n) throw new EvalError(`cidrhost: host number ${host} is past the end of the IPv6 address space (${text}); Terraform's cidrhost fails on it.`);
  return formatIp(value, true);
}

function subnet(prefix: string, newbits: number, netnum: number): string {
  const c = parseCidr(prefix);
  const width = c.v6 ? 128 : 32;
  const newPrefix = c.prefix + newbits;
  if (newbits < 0 || newPrefix > width) throw new EvalError(`cidrsubnet: insufficient address space to extend prefix of ${c.prefix} by ${newbits}.`);
  if (BigInt(Math.abs(netnum)) >= 1n << BigInt(newbits)) throw new EvalError(`cidrsubnet: prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}.`);
  // go-cidr checks only the magnitude of a negative number and ORs it in two's complement, then keeps
  // the magnitude: cidrsubnet("10.0.0.0/8", 8, -1) is "0.1.0.0/16" (terraform console 1.11.4).
  const or = c.base | (BigInt(netnum) << BigInt(width - newPrefix));
  const value = or < 0n ? -or : or;
  // Go writes a mapped network as IPv4 with the mask's last 32 bits: ("::ffff:10.0.0.0/104", 8, 1) is "10.1.0.0/16".
  if (isMapped(value, c.v6)) return `${formatIp(value, c.v6)}/${Math.max(0, newPrefix - 96)}`;
  return `${formatIp(value, c.v6)}/${newPrefix}`;
}

// ---- time (RFC 3339 in UTC offsets as written)

interface Stamp {
  readonly ms: number;
  readonly offsetMin: number;
  /** Nanoseconds past `ms` (0 to 999 999): Go's times have them, and timeadd carries them into the seconds. */
  readonly ns?: number;
}

/** Date.UTC, but years 0-99 are those years (Date.UTC reads them as 1900-1999). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
  d.setUTCFullYear(year, month, day); // all three at once: the day rolls over within that year's months
  return d.getTime();
}

function parseTimestamp(text: string, lenient = false): Stamp {
  // Upper-case T and Z only, as Go's RFC 3339 layout reads them (Terraform refuses `2024-01-01t00:00:00z`).
  // timecmp() reads with Go's time.Parse, which also takes a comma before the fraction and any
  // two-digit offset; formatdate() and timeadd() with cty's stricter reader (terraform console 1.11.4).
  const m = (lenient ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([.,]\d+)?(Z|[+-]\d{2}:\d{2})$/ : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/).exec(text);
  if (!m) throw new EvalError(`Invalid RFC 3339 timestamp "${text}".`);
  if (!lenient && m[8] !== 'Z' && (Number(m[8]!.slice(1, 3)) > 23 || Number(m[8]!.slice(4, 6)) > 59)) throw new EvalError(`Invalid RFC 3339 timestamp "${text}": cannot use "${m[8]}" as UTC offset.`);
  // Go's time.Parse, which Terraform uses, checks each field's range (Date.UTC would roll 24:00 over).
  const [year, month, day, hour, minute, second] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
  const daysInMonth = new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new EvalError(`Invalid RFC 3339 timestamp "${text}": a field is out of range.`);
  }
  const offsetMin = m[8] === 'Z' ? 0 : (m[8]!.startsWith('-') ? -1 : 1) * (Number(m[8]!.slice(1, 3)) * 60 + Number(m[8]!.slice(4, 6)));
  // The fraction's digits read as they are: Number("0.…") * 1000 may land below a whole millisecond.
  const ms = utc(year, month - 1, day, hour, minute, second, m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0) - offsetMin * 60_000;
  return { ms, offsetMin, ns: m[7] ? Number(m[7].slice(4, 10).padEnd(6, '0')) : 0 };
}

/** Go's time.RFC3339 layout: whole seconds, the offset as written. */
function formatRfc3339(s: Stamp): string {
  const d = new Date(s.ms + s.offsetMin * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const off = s.offsetMin === 0 ? 'Z' : `${s.offsetMin < 0 ? '-' : '+'}${p(Math.floor(Math.abs(s.offsetMin) / 60))}:${p(Math.abs(s.offsetMin) % 60)}`;
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${off}`;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** 2^63 - 1 nanoseconds, in milliseconds. */
const MAX_DURATION_MS = 9_223_372_036_854.775;

function parseDuration(text: string): number {
  if (/^[-+]?0$/.test(text)) return 0; // Go's time.ParseDuration takes a bare zero, and no other unitless number
  // A number may start at its point, as Go reads ".5h".
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!m) throw new EvalError(`Invalid duration "${text}".`);
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  // A Go duration is an int64 of nanoseconds: past about 2562047h it is an error there ("invalid duration").
  if (total > MAX_DURATION_MS) throw new EvalError(`Invalid duration "${text}": past the longest Go duration (about 2562047h).`);
  return m[1] === '-' ? -total : total;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(format: string, stamp: Stamp): string {
  const d = new Date(stamp.ms + stamp.offsetMin * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const off = stamp.offsetMin;
  const offH = p(Math.floor(Math.abs(off) / 60));
  const offM = p(Math.abs(off) % 60);
  const sign = off < 0 ? '-' : '+';
  const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const tokens: Record<string, () => string> = {
    YYYY: () => p(d.getUTCFullYear(), 4), YY: () => p(d.getUTCFullYear() % 100),
    MMMM: () => MONTHS[d.getUTCMonth()]!, MMM: () => MONTHS[d.getUTCMonth()]!.slice(0, 3), MM: () => p(d.getUTCMonth() + 1), M: () => String(d.getUTCMonth() + 1),
    DD: () => p(d.getUTCDate()), D: () => String(d.getUTCDate()),
    EEEE: () => DAYS[d.getUTCDay()]!, EEE: () => DAYS[d.getUTCDay()]!.slice(0, 3),
    hh: () => p(d.getUTCHours()), h: () => String(d.getUTCHours()), HH: () => p(h12), H: () => String(h12),
    AA: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'), aa: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
    mm: () => p(d.getUTCMinutes()), m: () => String(d.getUTCMinutes()), ss: () => p(d.getUTCSeconds()), s: () => String(d.getUTCSeconds()),
    ZZZZZ: () => `${sign}${offH}:${offM}`, ZZZZ: () => `${sign}${offH}${offM}`, ZZZ: () => (off === 0 ? 'UTC' : `${sign}${offH}${offM}`), Z: () => (off === 0 ? 'Z' : `${sign}${offH}:${offM}`),
  };
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "'") {
      // A quoted literal, where '' stands for one quote; '' outside one is a quote too.
      if (format[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= format.length) throw new EvalError('formatdate: unterminated literal in the format string.');
        if (format[j] === "'") {
          if (format[j + 1] !== "'") break;
          out += "'";
          j += 2;
          continue;
        }
        out += format[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      const token = format.slice(i, j);
      const render = tokens[token];
      if (!render) throw new EvalError(`formatdate: invalid date format verb "${token}".`);
      out += render();
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function uuidv5(namespace: string, name: string): string {
  const namespaces: Record<string, string> = { dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8', oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8', x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8' };
  // A UUID in any form Go's uuid.Parse reads: plain, in braces, after "urn:uuid:", or 32 hex digits.
  const ns = (namespaces[namespace] ?? namespace).replace(/^urn:uuid:(?=.{36}$)/i, '').replace(/^\{(.{36})\}$/, '$1').replace(/^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i, '$1-$2-$3-$4-$5');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns)) throw new EvalError(`uuidv5: invalid namespace "${namespace}".`);
  const hash = createHash('sha1').update(Buffer.concat([Buffer.from(ns.replace(/-/g, ''), 'hex'), Buffer.from(name, 'utf8')])).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const hashNetTimeFunctions: Record<string, FunctionSpec> = {
  md5: { min: 1, max: 1, fn: ([s]) => digest('md5', str(s), 'hex') },
  sha1: { min: 1, max: 1, fn: ([s]) => digest('sha1', str(s), 'hex') },
  sha256: { min: 1, max: 1, fn: ([s]) => digest('sha256', str(s), 'hex') },
  sha512: { min: 1, max: 1, fn: ([s]) => digest('sha512', str(s), 'hex') },
  base64sha256: { min: 1, max: 1, fn: ([s]) => digest('sha256', str(s), 'base64') },
  base64sha512: { min: 1, max: 1, fn: ([s]) => digest('sha512', str(s), 'base64') },
  uuidv5: { min: 2, max: 2, fn: ([n, s]) => uuidv5(str(n), str(s)) },
  uuid: { min: 0, max: 0, fn: () => unk({ kind: 'function', fn: 'uuid', text: 'uuid() is generated at apply time' }) },
  bcrypt: { min: 1, max: 2, fn: () => unk({ kind: 'function', fn: 'bcrypt', text: 'bcrypt() is salted at apply time' }) },
  cidrhost: { min: 2, max: 2, fn: ([p, h]) => {
    const c = parseCidr(str(p));
    const width = c.v6 ? 128 : 32;
    const size = 1n << BigInt(width - c.prefix);
    let host = BigInt(int(h));
    if (host < 0n) host += size;
    if (c.v6 && !isMapped(c.base, c.v6) && host >= 0n) return ipv6Host(c.base, c.prefix, host, str(p));
    if (host < 0n || host >= size) throw new EvalError(`cidrhost: prefix ${str(p)} has no host number ${int(h)}.`);
    // go-cidr puts the host number in the last 32 bits of a mapped prefix's 128: cidrhost("::ffff:10.0.0.0/104", 1)
    // is "0:1::ffff:a00:0" (terraform console 1.11.4).
    return formatIp(c.base | (isMapped(c.base, c.v6) ? host << 96n : host), c.v6);
  } },
  cidrnetmask: { min: 1, max: 1, fn: ([p]) => {
    const c = parseCidr(str(p));
    // A mapped prefix passes Terraform's IPv4 test, and its 128-bit mask is written as IPv6 (terraform console 1.11.4).
    if (isMapped(c.base, c.v6)) return formatIp(((1n << 128n) - 1n) ^ ((1n << BigInt(128 - c.prefix)) - 1n), true);
    if (c.v6) throw new EvalError(`cidrnetmask: IPv6 addresses cannot have a netmask: ${str(p)}.`);
    return formatIp(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - c.prefix)) - 1n), false);
  } },
  cidrsubnet: { min: 3, max: 3, fn: ([p, b, n]) => subnet(str(p), int(b), int(n)) },
  cidrsubnets: { min: 1, max: Infinity, fn: ([p, ...bits]) => {
    const c = parseCidr(str(p));
    // Each count is checked before any subnet is made: at most 32 bits, as Terraform allows in one
    // call for 32-bit systems (terraform console 1.11.4: cidrsubnets("fd00::/56", 33) fails, "may not
    // extend prefix by more than 32 bits", where cidrsubnet() takes 72).
    for (const b of bits) if (int(b) > 32) throw new EvalError(`cidrsubnets: may not extend prefix by more than 32 bits, got ${int(b)}.`);
    const width = c.v6 ? 128 : 32;
    let next = c.base;
    const out: Val[] = [];
    const end = c.base + (1n << BigInt(width - c.prefix));
    // go-cidr's previous subnet of a mapped prefix has no mask, so Terraform refuses every request
    // ("... a prefix of 112 bits after <nil>", terraform console 1.11.4).
    if (isMapped(c.base, c.v6) && bits.length > 0) {
      throw new EvalError(`cidrsubnets: not enough remaining address space for a subnet with a prefix of ${c.prefix + int(bits[0])} bits after <nil>.`);
    }
    // Terraform starts from the subnet before the first, which wraps around for a prefix at address
    // zero, and then refuses every request: cidrsubnets("0.0.0.0/0", 1, 1) is an error there
    // (terraform console 1.11.4: "not enough remaining address space ... after 128.0.0.0/1").
    if (c.base === 0n && bits.length > 0) {
      const first = c.prefix + int(bits[0]);
      if (first <= width) throw new EvalError(`cidrsubnets: not enough remaining address space for a subnet with a prefix of ${first} bits after ${formatIp((1n << BigInt(width)) - (1n << BigInt(width - first)), c.v6)}/${first}.`);
    }
    for (const b of bits) {
      const newPrefix = c.prefix + int(b);
      if (int(b) < 1 || newPrefix > width) throw new EvalError(`cidrsubnets: cannot extend prefix ${c.prefix} by ${int(b)} bits.`);
      const size = 1n << BigInt(width - newPrefix);
      next = ((next + size - 1n) / size) * size;
      if (next + size > end) throw new EvalError(`cidrsubnets: not enough remaining address space for a subnet with a prefix of ${newPrefix} bits.`);
      out.push(`${formatIp(next, c.v6)}/${newPrefix}`);
      next += size;
    }
    return list(out);
  } },
  timestamp: { min: 0, max: 0, fn: () => unk({ kind: 'function', fn: 'timestamp', text: 'timestamp() is known only at apply time' }) },
  plantimestamp: { min: 0, max: 0, fn: () => unk({ kind: 'function', fn: 'plantimestamp', text: 'plantimestamp() is known only at plan time' }) },
  formatdate: { min: 2, max: 2, fn: ([f, t]) => formatDate(str(f), parseTimestamp(str(t))) },
  timeadd: { min: 2, max: 2, fn: ([t, d]) => {
    const s = parseTimestamp(str(t));
    // Written in Go's time.RFC3339 layout, which has no fraction of a second: the sum is cut to the
    // second below, in whole milliseconds and the nanoseconds apart (1ns before midnight is 23:59:59,
    // terraform console 1.11.4; added as one double, the nanosecond was lost).
    const duration = parseDuration(str(d));
    const wholeMs = Math.floor(duration);
    const ns = (s.ns ?? 0) + Math.round((duration - wholeMs) * 1e6);
    return formatRfc3339({ ms: Math.floor((s.ms + wholeMs + (ns >= 1e6 ? 1 : 0)) / 1000) * 1000, offsetMin: s.offsetMin });
  } },
  // To the nanosecond, as Go's time.Time compares (terraform console 1.11.4: timecmp of 00:00:00Z and
  // 00:00:00.000000001Z is -1).
  timecmp: { min: 2, max: 2, fn: ([a, b]) => {
    const [x, y] = [parseTimestamp(str(a), true), parseTimestamp(str(b), true)];
    return Math.sign(x.ms - y.ms || (x.ns ?? 0) - (y.ns ?? 0));
  } },
};

