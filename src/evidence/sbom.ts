// The CycloneDX SBOM of the evidence pack (issue 9): the Terraform providers locked in each
// .terraform.lock.hcl (source address, version, hashes) and the modules the configuration calls
// (source and pinned version), as CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/).
//
// Lock-file hashes: `zh:` is the hex SHA-256 of a provider's release zip, so it becomes a CycloneDX
// hash; `h1:` is Terraform's own directory hash (base64), which CycloneDX has no algorithm for, so it
// is kept as a property (https://developer.hashicorp.com/terraform/language/files/dependency-lock).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { parseHclFile } from '../graph/parse.js';
import type { Expression } from '../parsers/hcl/ast.js';
import type { ModuleCall } from '../model/resource.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { maskText } from './mask-text.js';

export const CYCLONEDX_SPEC_VERSION = '1.6';

export interface LockedProvider {
  /** The lock file, root-relative. */
  readonly lockFile: string;
  /** `registry.terraform.io/hashicorp/aws` */
  readonly source: string;
  readonly version: string;
  readonly constraints?: string;
  readonly hashes: readonly string[];
}

export interface SbomInput {
  readonly tool: { readonly name: string; readonly version: string };
  /** The scan root's name, for the BOM's subject component. */
  readonly subject: string;
  readonly timestamp: Date;
  /** Scanned files (root-relative); lock files among them are read. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly moduleCalls: readonly SbomModuleCall[];
}

/** What the SBOM reads of a module call. */
export type SbomModuleCall = Pick<ModuleCall, 'address' | 'source' | 'version' | 'kind'>;

type Json = Record<string, unknown>;

function stringOf(expr: Expression | undefined): string | undefined {
  if (expr?.type !== 'template' || !expr.parts.every((p) => p.kind === 'literal')) return undefined;
  return expr.parts.map((p) => (p as { value: string }).value).join('');
}

/** Providers locked in every .terraform.lock.hcl among `files`; unparsable lock files become diagnostics. */
export function readLockedProviders(files: SbomInput['files']): { providers: LockedProvider[]; diagnostics: Diagnostic[] } {
  const providers: LockedProvider[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (posix.basename(file.path) !== '.terraform.lock.hcl') continue;
    const parsed = parseHclFile(file.path, file.text);
    diagnostics.push(...parsed.diagnostics);
    for (const block of parsed.file?.body.blocks ?? []) {
      if (block.type !== 'provider' || block.labels[0] === undefined) continue;
      const attr = (name: string): Expression | undefined => block.body.attributes.find((a) => a.name === name)?.expr;
      const hashesExpr = attr('hashes');
      const hashes = hashesExpr?.type === 'tuple' ? hashesExpr.items.flatMap((item) => stringOf(item) ?? []) : [];
      const constraints = stringOf(attr('constraints'));
      providers.push({ lockFile: file.path, source: block.labels[0].value, version: stringOf(attr('version')) ?? '', ...(constraints !== undefined ? { constraints } : {}), hashes });
    }
  }
  return { providers, diagnostics };
}

/** The version a module call pins: the registry `version` when it is exact, a git `ref`, else undefined. */
export function pinnedVersion(call: Pick<ModuleCall, 'source' | 'version' | 'kind'>): string | undefined {
  if (call.kind === 'registry') {
    const exact = /^\s*=?\s*v?(\d+\.\d+\.\d+[\w.+-]*)\s*$/.exec(call.version ?? '');
    return exact ? exact[1] : undefined;
  }
  if (call.kind === 'git' || call.kind === 'other') {
    const ref = /[?&]ref=([^&]+)/.exec(call.source);
    return ref ? decodeURIComponent(ref[1]!) : undefined;
  }
  return undefined;
}

const property = (name: string, value: string): Json => ({ name, value });

function providerComponent(p: LockedProvider): Json {
  const parts = p.source.split('/');
  const name = parts.at(-1) ?? p.source;
  const group = parts.length >= 2 ? parts.at(-2)! : undefined;
  const hashes = p.hashes.flatMap((h) => (/^zh:[0-9a-f]{64}$/.test(h) ? [{ alg: 'SHA-256', content: h.slice(3) }] : []));
  return {
    type: 'library',
    'bom-ref': `terraform-provider:${p.lockFile}:${p.source}@${p.version}`,
    ...(group !== undefined ? { group } : {}),
    name,
    version: p.version,
    description: `Terraform provider ${p.source}`,
    ...(hashes.length > 0 ? { hashes } : {}),
    properties: [
      property('safeguard:terraform:kind', 'provider'),
      property('safeguard:terraform:source', p.source),
      property('safeguard:terraform:lock-file', p.lockFile),
      ...(p.constraints !== undefined ? [property('safeguard:terraform:constraints', p.constraints)] : []),
      ...p.hashes.filter((h) => !h.startsWith('zh:')).map((h) => property('safeguard:terraform:lock-hash', h)),
    ],
  };
}

function moduleComponents(calls: readonly SbomModuleCall[]): Json[] {
  const bySource = new Map<string, { source: string; version?: string; call: SbomModuleCall; addresses: string[] }>();
  for (const call of calls) {
    const version = pinnedVersion(call);
    const source = maskText(call.source);
    const key = `${source}\0${version ?? ''}\0${call.version ?? ''}`;
    const entry = bySource.get(key) ?? { source, ...(version !== undefined ? { version: maskText(version) } : {}), call, addresses: [] };
    if (!entry.addresses.includes(call.address)) entry.addresses.push(call.address);
    bySource.set(key, entry);
  }
  return [...bySource.values()].map((m) => ({
    type: 'library',
    'bom-ref': `terraform-module:${m.source}@${m.call.version ?? m.version ?? 'unpinned'}`,
    name: m.source.replace(/\?.*$/, ''),
    ...(m.version !== undefined ? { version: m.version } : {}),
    description: `Terraform module (${m.call.kind}) called as ${m.addresses.join(', ')}`,
    properties: [
      property('safeguard:terraform:kind', 'module'),
      property('safeguard:terraform:module-source-kind', m.call.kind),
      property('safeguard:terraform:source', m.source),
      ...(m.call.version !== undefined ? [property('safeguard:terraform:version-constraint', m.call.version)] : []),
      property('safeguard:terraform:pinned', String(m.call.kind === 'local' || m.version !== undefined)),
      ...m.addresses.map((a) => property('safeguard:terraform:module-call', a)),
    ],
  }));
}

/** A UUID (version-4 layout) derived from `seed`, so the same pack content gives the same serial. */
function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface Sbom {
  readonly bom: Json;
  readonly providers: readonly LockedProvider[];
  readonly modules: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildSbom(input: SbomInput): Sbom {
  const { providers, diagnostics } = readLockedProviders(input.files);
  const modules = moduleComponents(input.moduleCalls);
  const components = [...providers.map(providerComponent), ...modules];
  const body = {
    metadata: {
      timestamp: input.timestamp.toISOString(),
      tools: { components: [{ type: 'application', name: input.tool.name, version: input.tool.version }] },
      component: { type: 'application', 'bom-ref': 'scan-root', name: input.subject === '' ? 'terraform-configuration' : input.subject, description: 'Terraform configuration scanned by safeguard' },
    },
    components,
    dependencies: [{ ref: 'scan-root', dependsOn: components.map((c) => c['bom-ref'] as string) }],
  };
  const bom = { bomFormat: 'CycloneDX', specVersion: CYCLONEDX_SPEC_VERSION, serialNumber: `urn:uuid:${uuidFrom(JSON.stringify(body))}`, version: 1, ...body };
  return { bom, providers, modules: modules.length, diagnostics };
}
