// The scan's texts by root-relative path, as a map that reads a file only when its text is asked
// for: with the scan cache's file index, a warm scan keys its cache entry by the indexed digests
// and reads no file whose findings the entry holds (discovery/file-index.ts). Iterating the values
// reads them all, as a cache miss must.
import { sourceDigest } from '../discovery/file-index.js';

/** A file's text, or how to get it (it throws FileChangedDuringScan when it is not the indexed one). */
export type TextSource = string | (() => string);

export class SourceTexts implements ReadonlyMap<string, string> {
  private readonly texts = new Map<string, TextSource>();
  private readonly digests = new Map<string, string>();

  /** `digest`: sourceDigest of the text, when already known. */
  set(path: string, text: TextSource, digest?: string): this {
    this.texts.set(path, text);
    if (digest !== undefined) this.digests.set(path, digest);
    else this.digests.delete(path);
    return this;
  }

  get(path: string): string | undefined {
    const source = this.texts.get(path);
    if (typeof source !== 'function') return source;
    const text = source();
    this.texts.set(path, text);
    return text;
  }

  has(path: string): boolean {
    return this.texts.has(path);
  }

  get size(): number {
    return this.texts.size;
  }

  /** sourceDigest of the file's text, without reading it when it was given; undefined for no such file. */
  digest(path: string): string | undefined {
    const known = this.digests.get(path);
    if (known !== undefined) return known;
    const text = this.get(path);
    if (text === undefined) return undefined;
    const digest = sourceDigest(text);
    this.digests.set(path, digest);
    return digest;
  }

  keys(): MapIterator<string> {
    return this.texts.keys();
  }

  *values(): MapIterator<string> {
    for (const path of this.texts.keys()) yield this.get(path)!;
  }

  *entries(): MapIterator<[string, string]> {
    for (const path of this.texts.keys()) yield [path, this.get(path)!];
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [path, text] of this.entries()) callback.call(thisArg, text, path, this);
  }
}

/** A map's digest of `path`'s text: the one it knows (SourceTexts), else hashed from the text. */
export function digestOf(files: ReadonlyMap<string, string>, path: string): string | undefined {
  if (files instanceof SourceTexts) return files.digest(path);
  const text = files.get(path);
  return text === undefined ? undefined : sourceDigest(text);
}
