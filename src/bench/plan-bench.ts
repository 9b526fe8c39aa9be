// Plan-scan throughput on a generated large plan (issue 7): `node dist/bench/plan-bench.js [MB]`
// (default 100) builds a `terraform show -json` plan of about that size in memory (for_each module
// instances of S3 buckets with split encryption, RDS instances with sensitive passwords, unknowns,
// deletes and drift), then times each phase of the plan scan on it and prints MB/s and peak memory.
// JSON.parse on the same text is the reference: it builds plain values only, no offsets.
// A benchmark: it prints numbers and asserts nothing (the generator is tested in plan-bench.test.ts).
import { closeSync, openSync } from 'node:fs';
import { devNull } from 'node:os';
import { pathToFileURL } from 'node:url';
import { writePiece } from '../cli/report-outputs.js';
import { ruleDocs } from '../cli/rule-pack.js';
import { renderJsonChunks } from '../reporters/json.js';
import { adaptPlan } from '../adapters/terraform-plan/adapt-plan.js';
import { runRules } from '../engine/run-rules.js';
import { parseJsonTree } from '../parsers/tf-plan/json-tree.js';
import { checkPlanDocument } from '../parsers/tf-plan/parse-plan.js';
import { allRules } from '../rules/index.js';

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** One module instance's resource_changes: 4 resources, about 2.6 KB. */
function instanceChanges(key: string, i: number): string[] {
  const mod = `module.svc["${key}"]`;
  const tags = { DataClassification: i % 3 === 0 ? 'phi' : 'internal', Service: key };
  const change = (type: string, name: string, actions: string[], before: unknown, after: unknown, afterUnknown: unknown, afterSensitive: unknown, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      address: `${mod}.${type}.${name}`,
      module_address: mod,
      mode: 'managed',
      type,
      name,
      provider_name: PROVIDER,
      change: { actions, before, after, after_unknown: afterUnknown, before_sensitive: before === null ? false : {}, after_sensitive: afterSensitive },
      ...extra,
    });
  const out = [
    change('aws_s3_bucket', 'data', ['create'], null, { bucket: `phi-${key}-data`, force_destroy: false, tags, tags_all: tags }, { arn: true, id: true, bucket_domain_name: true, region: true }, { tags: {}, tags_all: {} }),
    change('aws_s3_bucket_server_side_encryption_configuration', 'data', ['create'], null, { expected_bucket_owner: null, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }] }, { bucket: true, id: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] }, { rule: [{ apply_server_side_encryption_by_default: [{}] }] }),
    change('aws_s3_bucket_public_access_block', 'data', ['no-op'], { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { bucket: true }, {}),
    change(
      'aws_db_instance',
      'db',
      i % 50 === 0 ? ['delete', 'create'] : ['create'],
      i % 50 === 0 ? { identifier: `${key}-db`, engine: 'postgres', tags_all: tags } : null,
      { identifier: `${key}-db`, engine: 'postgres', engine_version: '16.3', instance_class: 'db.r6g.large', allocated_storage: 100, username: 'app', password: `generated-${i.toString(36)}-Pw!x9`, storage_encrypted: i % 7 !== 0, publicly_accessible: false, multi_az: true, backup_retention_period: 35, deletion_protection: true, tags, tags_all: tags },
      { arn: true, endpoint: true, id: true, kms_key_id: true, address: true, hosted_zone_id: true, resource_id: true },
      { password: true, tags: {}, tags_all: {} },
      i % 50 === 0 ? { action_reason: 'replace_because_cannot_update' } : {},
    ),
  ];
  return out;
}

/** A `terraform show -json` plan of roughly `targetBytes`, and how many module instances it has. */
export function generatePlan(targetBytes: number): { text: string; instances: number } {
  const changes: string[] = [];
  const drift: string[] = [];
  const keys: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const key = `svc${i}`;
    keys.push(key);
    for (const c of instanceChanges(key, i)) {
      changes.push(c);
      bytes += c.length + 2;
    }
    if (i % 25 === 0) {
      const d = JSON.stringify({ address: `module.svc["${key}"].aws_s3_bucket_public_access_block.data`, module_address: `module.svc["${key}"]`, mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: 'data', provider_name: PROVIDER, change: { actions: ['update'], before: { block_public_policy: true }, after: { block_public_policy: false } } });
      drift.push(d);
      bytes += d.length + 2;
    }
  }
  const configuration = {
    provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: { constant_value: 'us-east-1' } } } },
    root_module: {
      variables: { db_password: { sensitive: true } },
      module_calls: {
        svc: {
          source: './modules/svc',
          for_each_expression: { references: ['var.services'] },
          module: {
            resources: [
              { address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', provider_config_key: 'aws', expressions: { bucket: { references: ['each.key'] }, tags: { references: ['local.tags'] } } },
              { address: 'aws_s3_bucket_server_side_encryption_configuration.data', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 'data', provider_config_key: 'aws', expressions: { bucket: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] }, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: 'aws:kms' }, kms_master_key_id: { references: ['var.kms_key_arn'] } }], bucket_key_enabled: { constant_value: true } }] } },
              { address: 'aws_s3_bucket_public_access_block.data', mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: 'data', provider_config_key: 'aws', expressions: { bucket: { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] }, block_public_acls: { constant_value: true }, block_public_policy: { constant_value: true }, ignore_public_acls: { constant_value: true }, restrict_public_buckets: { constant_value: true } } },
              { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_config_key: 'aws', expressions: { identifier: { references: ['each.key'] }, engine: { constant_value: 'postgres' }, engine_version: { constant_value: '16.3' }, instance_class: { constant_value: 'db.r6g.large' }, allocated_storage: { constant_value: 100 }, username: { constant_value: 'app' }, password: { references: ['var.db_password'] }, storage_encrypted: { references: ['var.encrypted'] }, publicly_accessible: { constant_value: false }, multi_az: { constant_value: true }, backup_retention_period: { constant_value: 35 }, deletion_protection: { constant_value: true }, tags: { references: ['local.tags'] } } },
            ],
          },
        },
      },
    },
  };
  const text = `{"format_version":"1.2","terraform_version":"1.9.5","variables":{"db_password":{"value":"bench-Sup3rS3cret"}},\n"resource_drift":[\n${drift.join(',\n')}\n],\n"resource_changes":[\n${changes.join(',\n')}\n],\n"configuration":${JSON.stringify(configuration)}}\n`;
  return { text, instances: keys.length };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const heap = (): number => process.memoryUsage().heapUsed;

function main(targetMb: number): void {
  const t0 = performance.now();
  const { text, instances } = generatePlan(targetMb * 1e6);
  const bytes = Buffer.byteLength(text);
  console.log(`generated plan: ${mb(bytes)}, ${instances} module instances, ${instances * 4} resource changes (${(performance.now() - t0).toFixed(0)} ms)`);
  const base = heap();

  let t = performance.now();
  JSON.parse(text);
  const jsonParseMs = performance.now() - t;
  console.log(`JSON.parse (reference, no offsets)  ${jsonParseMs.toFixed(0).padStart(6)} ms  ${rate(bytes, jsonParseMs)}`);

  t = performance.now();
  const parsed = parseJsonTree('tfplan.json', text);
  const treeMs = performance.now() - t;
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message ?? 'parse failed');
  const treeHeap = heap() - base;
  console.log(`parseJsonTree (offset tree)         ${treeMs.toFixed(0).padStart(6)} ms  ${rate(bytes, treeMs)}  tree heap ~${(treeHeap / bytes).toFixed(1)}x text`);

  t = performance.now();
  const check = checkPlanDocument('tfplan.json', text, parsed.value);
  if (!check.ok) throw new Error('plan check failed');
  const adapted = adaptPlan({ file: 'tfplan.json', text, root: parsed.value });
  const adaptMs = performance.now() - t;
  console.log(`adaptPlan                           ${adaptMs.toFixed(0).padStart(6)} ms  ${rate(bytes, adaptMs)}  ${adapted.model.resources.length} resources, ${adapted.changes.length} changes, ${adapted.drift.length} drift`);

  t = performance.now();
  const run = runRules(adapted.model, allRules, { today: new Date().toISOString().slice(0, 10) });
  const rulesMs = performance.now() - t;
  const failed = run.findings.filter((f) => f.status === 'fail').length;
  console.log(`runRules (${allRules.length} rules)               ${rulesMs.toFixed(0).padStart(6)} ms  ${run.findings.length} findings (${failed} fail)`);

  // The JSON report, streamed as writeReports does (issue 11), to the null device.
  t = performance.now();
  const input = {
    displayRoot: '',
    files: [{ path: 'tfplan.json' }],
    skipped: [],
    findings: run.findings,
    diagnostics: run.diagnostics,
    rulesRun: run.rulesRun,
    timings: { discoverMs: 0, evaluateMs: adaptMs, rulesMs, totalMs: treeMs + adaptMs + rulesMs },
    failOn: 'high' as const,
    blocking: [],
    exitCode: 1 as const,
  };
  const fd = openSync(devNull, 'w');
  let reportBytes = 0;
  for (const piece of renderJsonChunks(input, { tool: { name: 'safeguard', version: 'bench' }, sources: () => undefined, ruleDoc: ruleDocs(), color: false, verbose: false, quiet: true })) {
    reportBytes += piece.length;
    writePiece(fd, piece);
  }
  closeSync(fd);
  const reportMs = performance.now() - t;
  console.log(`JSON report, streamed               ${reportMs.toFixed(0).padStart(6)} ms  ${mb(reportBytes)} for ${run.findings.length} findings`);

  const total = treeMs + adaptMs + rulesMs + reportMs;
  console.log(`plan scan total (parse+adapt+rules+report) ${total.toFixed(0).padStart(6)} ms  ${rate(bytes, total)}`);
  console.log(`heap after scan: ${mb(heap())}; peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the text itself: ${mb(bytes * 2)} as UTF-16 at most)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = Number(process.argv[2] ?? 100);
  if (!Number.isFinite(target) || target <= 0) {
    console.error('usage: node dist/bench/plan-bench.js [MB]');
    process.exitCode = 2;
  } else main(target);
}
