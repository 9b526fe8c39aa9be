// The pack as one zip file (fflate: a small, dependency-free deflate/zip library), every file under
// one top-level folder so unzipping does not scatter files. Reading strips that folder again.
import { unzipSync, zipSync, type Zippable } from 'fflate';

export function zipPack(folder: string, files: ReadonlyMap<string, Uint8Array>, mtime: Date): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of files) tree[`${folder}/${path}`] = [bytes, { mtime, level: 9 }];
  return zipSync(tree);
}

/** The files of a zipped pack, paths relative to its single top-level folder (if it has one). */
export function unzipPack(zip: Uint8Array): Map<string, Uint8Array> {
  const entries = Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/'));
  const tops = new Set(entries.map(([name]) => (name.includes('/') ? name.slice(0, name.indexOf('/')) : '')));
  const strip = tops.size === 1 && !tops.has('') ? [...tops][0]!.length + 1 : 0;
  return new Map(entries.map(([name, bytes]) => [name.slice(strip), bytes]));
}
