// Prints the hclref canonical JSONL for *.tf files, exactly like hclref:
//   node dist/parsers/hcl/canonical-cli.js [-values=false] -dir DIR
//   node dist/parsers/hcl/canonical-cli.js [-values=false] FILE...
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHcl, hclrefErrorCount } from './index.js';
import { toCanonical } from './canonical.js';
import { decodeNonUtf8Terraform } from '../../discovery/terraform-encoding.js';

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 as a scan reads a .tf file: hclsyntax reads invalid bytes in comments (and
 * UTF-8-shaped ones in strings) without complaint, so only bytes it refuses count as an error
 * (`invalidUtf8`); the text has U+FFFD in place of the invalid sequences either way.
 */
export function decodeSource(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  try {
    return { text: fatalDecoder.decode(bytes), invalidUtf8: false };
  } catch {
    const read = decodeNonUtf8Terraform(bytes, 'native');
    if (read.ok) return { text: read.text, invalidUtf8: false };
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true };
  }
}

/** Every *.tf under root (skipping .git, following file symlinks), sorted by relative path bytes. */
export function listTfFiles(root: string): { path: string; label: string }[] {
  const out: { path: string; label: string }[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ent.name !== '.git') walk(p);
        continue;
      }
      if (!ent.name.endsWith('.tf')) continue;
      if (!ent.isFile()) {
        try {
          if (!statSync(p).isFile()) continue;
        } catch {
          continue;
        }
      }
      out.push({ path: p, label: relative(root, p).split(sep).join('/') });
    }
  };
  walk(root);
  out.sort((a, b) => Buffer.compare(Buffer.from(a.label), Buffer.from(b.label)));
  return out;
}

export function canonicalLine(label: string, bytes: Uint8Array, values = true): string {
  const { text, invalidUtf8 } = decodeSource(bytes);
  const { file, diagnostics } = parseHcl(text, label);
  const errors = hclrefErrorCount(diagnostics) + (invalidUtf8 ? 1 : 0);
  return JSON.stringify(toCanonical(file, errors, { values }));
}

function main(argv: string[]): number {
  let dir: string | undefined;
  let values = true;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-dir' || a === '--dir') dir = argv[++i];
    else if (a.startsWith('-dir=')) dir = a.slice(5);
    else if (a === '-values=false') values = false;
    else if (a === '-values=true' || a === '-values') values = true;
    else files.push(a);
  }
  if ((dir === undefined && files.length === 0) || (dir !== undefined && files.length > 0)) {
    process.stderr.write('usage: canonical-cli [-values=false] FILE...\n       canonical-cli [-values=false] -dir DIR\n');
    return 2;
  }
  const inputs = dir !== undefined ? listTfFiles(dir) : files.map((f) => ({ path: f, label: f }));
  let status = 0;
  const out: string[] = [];
  for (const inp of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(inp.path);
    } catch (e) {
      process.stderr.write(`canonical-cli: ${String(e)}\n`);
      status = 1;
      continue;
    }
    out.push(canonicalLine(inp.label, bytes, values));
  }
  process.stdout.write(out.length > 0 ? out.join('\n') + '\n' : '');
  return status;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
