// The text encodings of textencodebase64 and textdecodebase64, named as Terraform names them (IANA
// names and aliases, any case: "latin1" is ISO-8859-1, but "utf8" and "ASCII" are no IANA names and
// Terraform refuses them; terraform console 1.11.4). A character an encoding cannot write, or bytes
// it cannot read, are errors there, so they are here (undefined from encode, a throw from decode).

export interface TextCodec {
  /** The canonical name, for messages. */
  readonly name: string;
  encode(text: string): Buffer | undefined;
  decode(bytes: Buffer): string;
}

function fatal(label: string): (bytes: Buffer) => string {
  // A byte order mark is kept as a character, as Go's decoders keep it ("\ufeffa" from UTF-16LE's FF FE 61 00).
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  return (bytes) => decoder.decode(bytes);
}

function singleByte(name: string, limit: number, extra?: ReadonlyMap<number, number>): TextCodec {
  return {
    name,
    encode(text) {
      const out: number[] = [];
      for (const c of text) {
        const code = c.codePointAt(0)!;
        const byte = code < 0x80 || (code <= limit && !(extra !== undefined && code < 0xa0)) ? code : extra?.get(code);
        if (byte === undefined) return undefined;
        out.push(byte);
      }
      return Buffer.from(out);
    },
    decode(bytes) {
      let out = '';
      for (const b of bytes) {
        const code = b < 0x80 || (b <= limit && !(extra !== undefined && b < 0xa0)) ? b : extra === undefined ? undefined : DECODE_EXTRA.get(extra)?.get(b);
        // A byte the encoding leaves undefined (windows-1252's 0x81) is an error, as in Terraform.
        if (code === undefined) throw new Error(`the bytes are not defined for ${name}`);
        out += String.fromCodePoint(code);
      }
      return out;
    },
  };
}

/** windows-1252's characters at 0x80 to 0x9F (five bytes there are undefined). */
const WINDOWS_1252 = new Map<number, number>(
  [0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178]
    .map((code, i) => [code, 0x80 + i] as [number, number])
    .filter(([code]) => code !== -1),
);

/** Each extra table reversed, byte to character, made once. */
const DECODE_EXTRA = new Map<ReadonlyMap<number, number>, Map<number, number>>();

function swapPairs(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
}

const utf16le = fatal('utf-16le');
const UTF16LE: TextCodec = { name: 'UTF-16LE', encode: (t) => Buffer.from(t, 'utf16le'), decode: (b) => utf16le(b) };
const UTF16BE: TextCodec = { name: 'UTF-16BE', encode: (t) => swapPairs(Buffer.from(t, 'utf16le')), decode: fatal('utf-16be') };
/** UTF-16 writes a big-endian byte order mark first, and reads one of either order (big-endian without). */
const UTF16: TextCodec = {
  name: 'UTF-16',
  encode: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), swapPairs(Buffer.from(t, 'utf16le'))]),
  decode: (b) => (b[0] === 0xff && b[1] === 0xfe ? utf16le(b.subarray(2)) : UTF16BE.decode(b[0] === 0xfe && b[1] === 0xff ? b.subarray(2) : b)),
};
const utf8 = fatal('utf-8');
const UTF8: TextCodec = { name: 'UTF-8', encode: (t) => Buffer.from(t, 'utf8'), decode: (b) => utf8(b) };
const LATIN1 = singleByte('ISO-8859-1', 0xff);
const ASCII = singleByte('US-ASCII', 0x7f);
const CP1252 = singleByte('windows-1252', 0xff, WINDOWS_1252);
DECODE_EXTRA.set(WINDOWS_1252, new Map([...WINDOWS_1252].map(([code, byte]) => [byte, code])));

const CODECS = new Map<string, TextCodec>([
  ['UTF-8', UTF8], ['CSUTF8', UTF8],
  ['UTF-16LE', UTF16LE], ['UTF-16BE', UTF16BE], ['UTF-16', UTF16],
  ['ISO-8859-1', LATIN1], ['ISO_8859-1', LATIN1], ['ISO_8859-1:1987', LATIN1], ['LATIN1', LATIN1], ['L1', LATIN1], ['ISO-IR-100', LATIN1], ['IBM819', LATIN1], ['CP819', LATIN1], ['CSISOLATIN1', LATIN1],
  ['US-ASCII', ASCII], ['US', ASCII], ['ISO646-US', ASCII], ['ANSI_X3.4-1968', ASCII], ['IBM367', ASCII], ['CP367', ASCII], ['CSASCII', ASCII],
  ['WINDOWS-1252', CP1252], ['CSWINDOWS1252', CP1252],
]);

/** The codec of an encoding name; undefined when this evaluator has none (it may still be one Terraform knows). */
export function textCodec(name: string): TextCodec | undefined {
  return CODECS.get(name.toUpperCase());
}
