// The secret and PHI sweep (issue 6): text files that are not Terraform — .env files, JSON and YAML
// configuration, scripts, templates — are read too, for the secret and PHI detectors only. They
// are the files discovery set aside as not infrastructure-as-code (or not yet supported); a file
// a .gitignore, .safeguardignore or `exclude` leaves out stays out.
import path from 'node:path';
import { decodeText } from '../discovery/decode-text.js';
import { isInside } from '../discovery/discover.js';
import type { SkippedFile } from '../discovery/skipped-file.js';
import type { TextDocument } from '../model/infra-model.js';
import type { ScanFileSystem } from './scan-context.js';
import { parseJsonTree, type JsonNode } from '../parsers/tf-plan/json-tree.js';
import { readIndexed, sourceDigest, type FileIndex } from '../discovery/file-index.js';
import { classifyByName, isTerraformStacksFile } from '../discovery/input-format.js';
import { parseHclFile } from '../graph/parse.js';

// Data files too (csv, tsv, sql, txt): seed rows uploaded by an aws_s3_object are where patient records end up in a repository.
// HCL: Terragrunt's terragrunt.hcl, account.hcl, env.hcl, backend.hcl hold every input of a unit,
// passwords and keys among them (Packer, Vault and Nomad files are HCL too).
const SWEPT_EXTENSIONS = new Set(['json', 'yaml', 'yml', 'properties', 'ini', 'cfg', 'conf', 'toml', 'sh', 'bash', 'zsh', 'ps1', 'tpl', 'tftpl', 'pem', 'key', 'tmpl', 'csv', 'tsv', 'sql', 'txt', 'hcl']);

/** Is this file one the sweep reads (by name)? `.env`, `.env.prod`, `prod.env`, and the extensions above. */
export function isSweptName(relPath: string): boolean {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return true;
  if (base === '.terraform.lock.hcl') return false; // the lock file: provider hashes, read as such
  const dot = base.lastIndexOf('.');
  return dot > 0 && SWEPT_EXTENSIONS.has(base.slice(dot + 1));
}

export interface Sweep {
  readonly documents: readonly TextDocument[];
  /** The skipped entries the sweep read after all (a not-IaC file is then no longer listed as skipped). */
  readonly read: ReadonlySet<string>;
}

/**
 * `index`: the scan cache's file index (discovery/file-index.ts). A document it knows (same stat) is
 * not read: its digest keys the documents' cache entry, and its text is read only when asked for
 * (a cache miss, a code frame), then checked against the digest.
 */
export function sweepDocuments(fs: ScanFileSystem, root: string, skipped: readonly SkippedFile[], maxBytes: number, index?: FileIndex): Sweep {
  const documents: TextDocument[] = [];
  const read = new Set<string>();
  const identify = index ? fs.identify?.bind(fs) : undefined;
  for (const entry of skipped) {
    if ((entry.reason !== 'not-iac' && entry.reason !== 'not-yet-supported') || entry.path.endsWith('/') || !isSweptName(entry.path)) continue;
    if (/(^|\/)\.safeguard\/cache\//.test(entry.path)) continue; // our own scan cache: findings and digests, already redacted
    const absolute = path.resolve(root, entry.path);
    const real = fs.realPath(absolute);
    if (real === undefined || !isInside(root, real)) continue;
    // Statted before it is read, as discovery does: a write in between gives the next scan another identity.
    const identity = identify?.(real);
    const indexed = identity && identity.sizeBytes <= maxBytes ? index!.known(entry.path, identity) : undefined;
    if (indexed) {
      documents.push(new IndexedDocument(entry.path, indexed.digest, real, fs, maxBytes));
      read.add(entry.path);
      continue;
    }
    // Its identity already says it is a regular file, and its size.
    const stat = identity ? { kind: 'file', sizeBytes: identity.sizeBytes } : fs.stat(real);
    if (stat?.kind !== 'file' || stat.sizeBytes > maxBytes) continue; // stays skipped, with discovery's reason
    const bytes = fs.readFile(real);
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (!decoded?.ok) continue;
    if (identity && index) {
      const digest = sourceDigest(decoded.text);
      // Discovery indexes the JSON and YAML documents it reads (as not-iac or their format); those it skips by name are the sweep's.
      if (classifyByName(entry.path) === 'other') index.note(entry.path, identity, digest, 'swept', 0);
      documents.push({ path: entry.path, text: decoded.text, digest });
    } else documents.push({ path: entry.path, text: decoded.text });
    read.add(entry.path);
  }
  return { documents, read };
}

/** A swept document the index knew: read, and checked against its digest, when its text is first asked for. */
class IndexedDocument implements TextDocument {
  private read: string | undefined;

  constructor(
    readonly path: string,
    readonly digest: string,
    private readonly absolute: string,
    private readonly fs: ScanFileSystem,
    private readonly maxBytes: number,
  ) {}

  get text(): string {
    return (this.read ??= readIndexed(this.fs, this.absolute, this.path, this.digest, this.maxBytes));
  }
}

/**
 * The comments of a Terraform file (`# patient 123-45-6789`, `/* … *\/`) as [start, end) ranges.
 * The evaluated model holds no comments, so the secret and PHI rules see them only this way.
 * Strings, their interpolations and heredocs are skipped: a `#` in them is no comment.
 */
const PLAIN_STRING = /"(?:[^"\\\n$%]|\\.|[$%](?!\{))*"/y;

export function terraformCommentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const n = text.length;
  const skipString = (from: number): number => {
    // `from` is the opening quote; returns the index after the closing one (or the line's end).
    let j = from + 1;
    let depth = 0;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) j += 2;
      else if (c === 10 && depth === 0) return j;
      else if ((c === 36 || c === 37) && text.charCodeAt(j + 1) === 123 && text.charCodeAt(j - 1) !== c) {
        depth++;
        j += 2;
      } else if (c === 123 && depth > 0) {
        depth++;
        j++;
      } else if (c === 125 && depth > 0) {
        depth--;
        j++;
      } else if (c === 34 /* " */) {
        if (depth === 0) return j + 1;
        j = skipString(j);
      } else j++;
    }
    return j;
  };
  // Only a quote, `#`, `/` or `<` can start what matters here: jump between them.
  const next = /["#/<]/g;
  let i = 0;
  while (i < n) {
    next.lastIndex = i;
    const hit = next.exec(text);
    if (hit === null) break;
    i = hit.index;
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Most strings hold no interpolation: one sticky match; the walk only for the others.
      PLAIN_STRING.lastIndex = i;
      i = PLAIN_STRING.test(text) ? PLAIN_STRING.lastIndex : skipString(i);
    } else if (c === 60 && text.charCodeAt(i + 1) === 60 && /^<<-?[A-Za-z_][A-Za-z0-9_-]*[ \t]*\r?\n/.test(text.slice(i, i + 80))) {
      // A heredoc: through the line that holds only its marker.
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)/.exec(text.slice(i, i + 80))!;
      const end = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(?:\\r?\\n|$)`, 'g');
      end.lastIndex = i;
      const found = end.exec(text);
      i = found ? found.index + found[0].length : n;
    } else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const stop = text.indexOf('\n', i);
      const to = stop < 0 ? n : stop;
      ranges.push([i, to]);
      i = to;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const stop = text.indexOf('*/', i + 2);
      const to = stop < 0 ? n : stop + 2;
      ranges.push([i, to]);
      i = to;
    } else i++;
  }
  return ranges;
}

/** The text with everything but `ranges` blanked: line breaks kept, so offsets and lines are the text's. */
export function keepOnly(text: string, ranges: readonly (readonly [number, number])[]): string {
  let out = '';
  let at = 0;
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\r\n]/g, ' ');
  for (const [start, end] of ranges) {
    out += blank(at, start) + text.slice(start, end);
    at = end;
  }
  return out + blank(at, text.length);
}

/**
 * The comments of a Terraform JSON file (.tf.json, .tfvars.json): the strings under its `"//"`
 * members, which Terraform reads as comments (the CDK for Terraform writes its construct metadata
 * there, and users their notes), as [start, end) ranges of the strings' text inside their quotes.
 * Every `"//"` member is taken, at any depth: one inside an attribute's map value is a real key,
 * and its text is in the file all the same. A file that is no JSON has none (the parser reports it).
 */
export function terraformJsonCommentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!text.includes('"//"')) return ranges;
  const parsed = parseJsonTree('', text);
  if (!parsed.ok) return ranges;
  const strings = (node: JsonNode): void => {
    // The contents, without the quotes: a detector reads `"DB_PASSWORD=…` as no assignment.
    if (node.kind === 'string' && node.end - node.start > 2) ranges.push([node.start + 1, node.end - 1]);
    else if (node.kind === 'array') node.items.forEach(strings);
    else if (node.kind === 'object') for (const entry of node.entries) strings(entry.value);
  };
  const visit = (node: JsonNode): void => {
    if (node.kind === 'array') node.items.forEach(visit);
    else if (node.kind === 'object') for (const entry of node.entries) (entry.key === '//' ? strings : visit)(entry.value);
  };
  visit(parsed.value);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The comments of the scan's Terraform files as documents for the secret and PHI rules (each the
 * file's text with all but its comments blanked): only those in which `flags` finds something
 * (comments without a hit add no result of their own, where a swept file adds its pass).
 */
export function terraformCommentDocuments(files: ReadonlyMap<string, string>, flags: (text: string) => boolean): TextDocument[] {
  const out: TextDocument[] = [];
  for (const [file, text] of files) {
    const json = file.endsWith('.tf.json') || file.endsWith('.tfvars.json');
    if (!json && !((file.endsWith('.tf') || file.endsWith('.tfvars')) && (text.includes('#') || text.includes('//') || text.includes('/*')))) continue;
    const ranges = json ? terraformJsonCommentRanges(text) : terraformCommentRanges(text);
    if (ranges.length === 0 || !flags(ranges.map(([start, end]) => text.slice(start, end)).join('\n'))) continue;
    out.push({ path: file, text: keepOnly(text, ranges) });
  }
  return out;
}

/**
 * The documents as the sweep's rules judge them: a Terraform stack file with its provider blocks
 * (TextDocument.providerBlocks), which the secret rule leaves to tf-no-provider-credentials: the
 * sweep of the stack's file read a provider's literal access key again, one secret, two critical
 * findings. Others as they are (an indexed document's text stays unread until a rule asks).
 */
export function withStackProviderBlocks(documents: readonly TextDocument[]): TextDocument[] {
  return documents.map((doc) => {
    if (!isTerraformStacksFile(doc.path)) return doc;
    const blocks = parseHclFile(doc.path, doc.text).file?.body.blocks.filter((b) => b.type === 'provider') ?? [];
    return blocks.length === 0 ? doc : { path: doc.path, text: doc.text, ...(doc.digest !== undefined ? { digest: doc.digest } : {}), providerBlocks: blocks.map((b) => [b.start, b.end] as const) };
  });
}
