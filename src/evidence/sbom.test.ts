// The SBOM is valid CycloneDX 1.6: checked with the CycloneDX library's own strict JSON validator
// and against the published schema in ../shared/schemas (with the SPDX and JSF schemas it refers to).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Validation } from '@cyclonedx/cyclonedx-library';
import type { ModuleCall } from '../model/resource.js';
import { buildSbom, pinnedVersion, readLockedProviders } from './sbom.js';

const LOCK = `# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.82.2"
  constraints = ">= 5.0, < 6.0"
  hashes = [
    "h1:3NA8fnGVqY8sU+8wzn/SjSRBlmqImLd06bZhQsDCPjM=",
    "zh:0601f35b634009274fb316082dce5d3c4f102bfe306ab42431a3fee1f1eeb33d",
    "zh:08cf3b7bb7380c7a4f7e03aceba3b03747d4a829992c62e7612d2c1b9ee23835",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.3"
  hashes  = []
}
`;

const span = { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const call = (address: string, source: string, kind: ModuleCall['kind'], version?: string): ModuleCall => ({
  address,
  source,
  kind,
  ...(version !== undefined ? { version } : {}),
  span,
  sourceSpan: span,
  evaluated: kind === 'local',
  inputs: new Map(),
  comments: [],
});

const CALLS = [
  call('module.vpc', 'terraform-aws-modules/vpc/aws', 'registry', '5.8.1'),
  call('module.vpc_dr', 'terraform-aws-modules/vpc/aws', 'registry', '5.8.1'),
  call('module.loose', 'terraform-aws-modules/s3-bucket/aws', 'registry', '~> 4.0'),
  call('module.shared', 'git::https://example.com/org/shared.git?ref=v1.2.0', 'git'),
  call('module.logs', './modules/logs', 'local'),
];

const sbom = buildSbom({
  tool: { name: 'safeguard', version: '0.1.0' },
  subject: 'infra/prod',
  timestamp: new Date('2026-12-01T12:00:00Z'),
  files: [
    { path: 'main.tf', text: 'module "x" {}\n' },
    { path: '.terraform.lock.hcl', text: LOCK },
  ],
  moduleCalls: CALLS,
});

/** ../shared/schemas above this file, when the checkout has it beside the project. */
function sharedSchemas(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'schemas', 'bom-1.6.schema.json');
    if (existsSync(candidate)) return path.dirname(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

describe('CycloneDX SBOM', () => {
  test('providers come from the lock file with version, constraints and both kinds of hash', () => {
    const { providers } = readLockedProviders([{ path: '.terraform.lock.hcl', text: LOCK }]);
    assert.deepEqual(
      providers.map((p) => [p.source, p.version, p.constraints, p.hashes.length]),
      [
        ['registry.terraform.io/hashicorp/aws', '5.82.2', '>= 5.0, < 6.0', 3],
        ['registry.terraform.io/hashicorp/random', '3.6.3', undefined, 0],
      ],
    );
    const components = sbom.bom['components'] as { name: string; group?: string; version?: string; hashes?: { alg: string; content: string }[]; properties: { name: string; value: string }[] }[];
    const aws = components.find((c) => c.name === 'aws')!;
    assert.equal(aws.group, 'hashicorp');
    assert.deepEqual(aws.hashes, [
      { alg: 'SHA-256', content: '0601f35b634009274fb316082dce5d3c4f102bfe306ab42431a3fee1f1eeb33d' },
      { alg: 'SHA-256', content: '08cf3b7bb7380c7a4f7e03aceba3b03747d4a829992c62e7612d2c1b9ee23835' },
    ]);
    assert.ok(aws.properties.some((p) => p.name === 'safeguard:terraform:lock-hash' && p.value === 'h1:3NA8fnGVqY8sU+8wzn/SjSRBlmqImLd06bZhQsDCPjM='));
  });

  test('modules: one component per source and version, pinned or not, with every call', () => {
    const modules = (sbom.bom['components'] as { name: string; version?: string; properties: { name: string; value: string }[] }[]).filter((c) => c.properties.some((p) => p.value === 'module'));
    const rows = modules.map((m) => [m.name, m.version, m.properties.filter((p) => p.name === 'safeguard:terraform:pinned')[0]?.value, m.properties.filter((p) => p.name === 'safeguard:terraform:module-call').map((p) => p.value)]);
    assert.deepEqual(rows, [
      ['terraform-aws-modules/vpc/aws', '5.8.1', 'true', ['module.vpc', 'module.vpc_dr']],
      ['terraform-aws-modules/s3-bucket/aws', undefined, 'false', ['module.loose']],
      ['git::https://example.com/org/shared.git', 'v1.2.0', 'true', ['module.shared']],
      ['./modules/logs', undefined, 'true', ['module.logs']],
    ]);
  });

  test('pinned versions: exact registry versions and git refs only', () => {
    assert.equal(pinnedVersion({ kind: 'registry', source: 'a/b/aws', version: '= 1.2.3' }), '1.2.3');
    assert.equal(pinnedVersion({ kind: 'registry', source: 'a/b/aws', version: '>= 1.2' }), undefined);
    assert.equal(pinnedVersion({ kind: 'git', source: 'git::https://x/y.git?depth=1&ref=0f3c9a1' }), '0f3c9a1');
    assert.equal(pinnedVersion({ kind: 'git', source: 'git::https://x/y.git' }), undefined);
  });

  test('the same input gives the same serial number', () => {
    const again = buildSbom({ tool: { name: 'safeguard', version: '0.1.0' }, subject: 'infra/prod', timestamp: new Date('2026-12-01T12:00:00Z'), files: [{ path: '.terraform.lock.hcl', text: LOCK }], moduleCalls: CALLS });
    assert.equal(again.bom['serialNumber'], sbom.bom['serialNumber']);
    assert.match(String(sbom.bom['serialNumber']), /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('is valid CycloneDX 1.6 by the CycloneDX library\'s strict JSON validator', async () => {
    const validator = new Validation.JsonStrictValidator('1.6' as ConstructorParameters<typeof Validation.JsonStrictValidator>[0]);
    assert.equal(await validator.validate(JSON.stringify(sbom.bom)), null);
    // The validator does reject a broken BOM, so the check above means something.
    const broken = { ...sbom.bom, components: [{ type: 'library', name: 'x', hashes: [{ alg: 'SHA-256', content: 'not-hex' }] }] };
    assert.notEqual(await validator.validate(JSON.stringify(broken)), null);
  });

  test('is valid against the published CycloneDX 1.6 JSON schema', async (t) => {
    const dir = sharedSchemas();
    if (!dir) return t.skip('../shared/schemas/bom-1.6.schema.json is not beside this checkout');
    // ajv and its format plugins are CommonJS: their default export is the module object under NodeNext.
    type Validator = ((data: unknown) => boolean) & { errors?: unknown };
    type AjvInstance = { addSchema(schema: object): void; compile(schema: object): Validator };
    const defaultOf = (m: { default?: unknown }): unknown => (m.default as { default?: unknown } | undefined)?.default ?? m.default;
    const Ajv = defaultOf(await import('ajv')) as new (options: object) => AjvInstance;
    const addFormats = defaultOf(await import('ajv-formats')) as (ajv: AjvInstance) => void;
    const untyped = 'ajv-formats-draft2019'; // ships no type declarations
    const addFormats2019 = defaultOf((await import(untyped)) as { default?: unknown }) as (ajv: AjvInstance) => void;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    addFormats2019(ajv); // iri-reference and idn-email, which the CycloneDX schema uses
    for (const name of ['spdx.schema.json', 'jsf-0.82.schema.json']) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as object);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(dir, 'bom-1.6.schema.json'), 'utf8')) as object);
    assert.ok(validate(sbom.bom), JSON.stringify(validate.errors, null, 2));
  });
});
