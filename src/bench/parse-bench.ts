// HCL parser throughput: `node dist/bench/parse-bench.js DIR` parses every *.tf under DIR and
// prints MB/s and files/s, and when .cache/hclref exists times the Go reference (hclsyntax) on
// the same directory (wall time of `hclref -values=false -dir DIR`, which includes process start).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHcl } from '../parsers/hcl/index.js';
import { listTfFiles } from '../parsers/hcl/canonical-cli.js';

export async function benchParse(files: { path: string; text: string }[]): Promise<{ ms: number; bytes: number; files: number }> {
  let bytes = 0;
  for (const f of files) bytes += Buffer.byteLength(f.text);
  const t0 = performance.now();
  for (const f of files) parseHcl(f.text, f.path);
  const ms = performance.now() - t0;
  return { ms, bytes, files: files.length };
}

function rate(bytes: number, n: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s, ${Math.round(n / (ms / 1000))} files/s (${ms.toFixed(1)} ms)`;
}

async function main(dir: string): Promise<void> {
  const files = listTfFiles(dir).map((f) => ({ path: f.label, text: readFileSync(f.path, 'utf8') }));
  await benchParse(files); // warm-up (JIT)
  let best = Infinity;
  let result = { ms: 0, bytes: 0, files: 0 };
  for (let i = 0; i < 5; i++) {
    result = await benchParse(files);
    best = Math.min(best, result.ms);
  }
  const mem0 = process.memoryUsage().heapUsed;
  const keep = files.map((f) => parseHcl(f.text, f.path).file.body);
  const mem1 = process.memoryUsage().heapUsed;
  console.log(`files=${result.files} bytes=${result.bytes}`);
  console.log(`typescript parseHcl: ${rate(result.bytes, result.files, best)} (best of 5, warm)`);
  console.log(`typescript AST heap: ~${((mem1 - mem0) / result.bytes).toFixed(1)}x source size (${keep.length} trees)`);
  const bin = join(process.cwd(), '.cache', 'hclref');
  if (existsSync(bin)) {
    let goBest = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      execFileSync(bin, ['-values=false', '-dir', dir], { maxBuffer: 1 << 28 });
      goBest = Math.min(goBest, performance.now() - t0);
    }
    console.log(`go hclref -values=false (wall, incl. process start + output): ${rate(result.bytes, result.files, goBest)}`);
  } else {
    console.log('go hclref: not built (run scripts/hclref-build.sh to compare)');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node dist/bench/parse-bench.js DIR');
    process.exitCode = 2;
  } else await main(dir);
}
