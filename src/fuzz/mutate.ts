// Mutation fuzzing (issue 12): take a real file and break it the way editors, merges and attackers
// do — delete, duplicate, swap, insert brackets/quotes/`${`, truncate, flip bytes — reproducibly
// from a seed.

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

const below = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)]!;

/** Syntax that breaks parsers: openers without closers, template starts, quotes, heredocs, odd characters. */
export const HOSTILE_PIECES: readonly string[] = [
  '{', '}', '[', ']', '(', ')', '"', "'", '${', '%{', '}', '~}', '<<EOT\n', '<<-EOT\n', 'EOT\n', '\\', '\\u', '\\"', '$${',
  '#', '//', '/*', '*/', ',', '.', '*', '...', '?', ':', '=>', '=', '==', '!', '-', '&&', '\n', '\r\n', '\t', ' ',
  'for x in', 'if', 'endif', 'else', 'endfor', 'null', 'true', '1e309', '-0', '0x1F', '9'.repeat(40), 'var.', 'local.',
  'é', '😀', '\u0000', '\uFFFD', '\u202E', '\uD800', 'resource "a" "b" {', 'module "m" {\n  source = "./"\n}\n',
  'count = 1e7\n', 'x = range(1e9)\n', '[for i in range(1e5) : i]', 'file("/etc/passwd")', 'templatefile("../x", {})',
  '": ', '{"', '"}', ',"a":', 'true', 'false', '-', '1e', '"\\u00', '\ufeff',
];

export type Mutation = 'delete' | 'duplicate' | 'swap' | 'insert' | 'truncate' | 'flip' | 'repeat-opener';

const MUTATIONS: readonly Mutation[] = ['delete', 'duplicate', 'swap', 'insert', 'insert', 'insert', 'truncate', 'flip', 'repeat-opener'];

/** Splits text into tokens (words, runs of spaces, single punctuation) so swaps move whole tokens. */
export function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9_.-]+|\s+|\$\{|%\{|[^A-Za-z0-9_.\s-]/gu) ?? [];
}

/** Applies 1..maxEdits random mutations to `text`. */
export function mutate(text: string, random: Random, maxEdits = 4): string {
  let out = text;
  const edits = 1 + below(random, maxEdits);
  for (let e = 0; e < edits; e++) out = mutateOnce(out, random);
  return out;
}

function mutateOnce(text: string, random: Random): string {
  const at = below(random, text.length + 1);
  switch (pick(random, MUTATIONS)) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1 + below(random, 16));
    case 'duplicate': {
      const end = Math.min(text.length, at + 1 + below(random, 64));
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    }
    case 'swap': {
      const tokens = tokenize(text);
      if (tokens.length < 2) return text;
      const i = below(random, tokens.length);
      const j = below(random, tokens.length);
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      return tokens.join('');
    }
    case 'insert':
      return text.slice(0, at) + pick(random, HOSTILE_PIECES) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'flip': {
      if (text.length === 0) return text;
      const i = Math.min(at, text.length - 1);
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << below(random, 7))) + text.slice(i + 1);
    }
    case 'repeat-opener':
      return text.slice(0, at) + pick(random, ['[', '(', '{', '${"', '"${', 'a {\n', '!', '-']).repeat(1 + below(random, 3000)) + text.slice(at);
  }
}

/** Random text from the hostile pieces, for targets without a corpus file at hand. */
export function tokenSoup(random: Random, maxPieces = 200): string {
  const n = below(random, maxPieces + 1);
  let out = '';
  for (let i = 0; i < n; i++) out += pick(random, HOSTILE_PIECES);
  return out;
}
