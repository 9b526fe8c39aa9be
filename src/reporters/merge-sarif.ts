// `safeguard merge` for SARIF: the shards' logs become one log with ONE run, because GitHub code
// scanning no longer combines several runs of the same tool and category from one upload.
// Rules are united by id and results re-pointed at the merged rule list; a result two shards
// both reported (a repository-wide check) is kept once, matched by rule, location and our
// content fingerprint.
import { firstInstances, instanceOf, reconcileScopeWide, shardGaps, type MergeInput, type MergeOutcome } from './merge-json.js';

type Json = Record<string, unknown>;

/** GitHub's documented limit of results per run (the SARIF reporter applies it too). */
const RESULTS_PER_RUN = 25_000;
const LEVEL_RANK: Record<string, number> = { error: 3, warning: 2, note: 1, none: 0 };

export function isSarifLog(value: unknown): boolean {
  return isObject(value) && value.version === '2.1.0' && Array.isArray(value.runs);
}

export function mergeSarifLogs(inputs: readonly MergeInput[]): MergeOutcome {
  const errors: string[] = [];
  const runs: { name: string; run: Json }[] = [];
  let schema: unknown;
  for (const { name, report } of inputs) {
    if (!isSarifLog(report)) {
      errors.push(`${name} is not a SARIF 2.1.0 log.`);
      continue;
    }
    schema ??= (report as Json).$schema;
    for (const run of (report as Json).runs as unknown[]) if (isObject(run)) runs.push({ name, run });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (runs.length === 0) return { ok: false, errors: ['No SARIF runs to merge.'] };

  const driverOf = (run: Json): Json => ((run.tool as Json | undefined)?.driver as Json | undefined) ?? {};
  const first = driverOf(runs[0]!.run);
  for (const { name, run } of runs) {
    const driver = driverOf(run);
    if (driver.name !== first.name || driver.version !== first.version) {
      errors.push(`${name} was written by ${String(driver.name)} ${String(driver.version)}, ${runs[0]!.name} by ${String(first.name)} ${String(first.version)}: merge the reports of one tool and version.`);
    }
  }
  // The shards of one scan share its --sarif-category; merged, the run keeps it. Logs of different
  // categories are different analyses to code scanning, which one run cannot be.
  const categoryOf = (run: Json): string | undefined => {
    const id = isObject(run.automationDetails) ? run.automationDetails.id : undefined;
    return typeof id === 'string' ? id : undefined;
  };
  const category = categoryOf(runs[0]!.run);
  for (const { name, run } of runs) {
    if (categoryOf(run) !== category) {
      const named = (id: string | undefined): string => (id === undefined ? 'no category' : `category "${id}"`);
      errors.push(`${name} has ${named(categoryOf(run))}, ${runs[0]!.name} ${named(category)} (automationDetails.id): merge the shards of one scan, with one --sarif-category.`);
    }
  }
  const invocations = runs.flatMap(({ run }) => ((run.invocations as Json[] | undefined) ?? []).filter(isObject));
  const shards = invocations.map((inv) => (inv.properties as Json | undefined)?.shard).filter((s): s is string => typeof s === 'string');
  errors.push(...shardGaps(shards, invocations.length));
  if (errors.length > 0) return { ok: false, errors };

  const rules: Json[] = [];
  const ruleIndex = new Map<string, number>();
  for (const { run } of runs) {
    for (const rule of (driverOf(run).rules as Json[] | undefined) ?? []) {
      const id = String(rule.id);
      if (ruleIndex.has(id)) continue;
      ruleIndex.set(id, rules.length);
      rules.push(rule);
    }
  }

  // A result another run already gave is dropped, never one of the same run: results alike but for
  // a root module the log does not name are two results (merge-json.ts keptFindings).
  const seen = new Map<string, Json>();
  const results: Json[] = [];
  for (const { run } of runs) {
    for (const result of (run.results as Json[] | undefined) ?? []) {
      const key = JSON.stringify([result.ruleId, locationKey(result), result.partialFingerprints, (result.message as Json | undefined)?.text, (result.properties as Json | undefined)?.root, instanceOf((result.properties as Json | undefined)?.instance)?.root]);
      const first = seen.get(key);
      if (first !== undefined && first !== run) continue;
      seen.set(key, run);
      const index = ruleIndex.get(String(result.ruleId));
      const { ruleIndex: _dropped, ...rest } = result;
      results.push(index !== undefined ? { ...rest, ruleIndex: index } : rest);
    }
  }

  const notificationKeys = new Set<string>();
  const notifications: Json[] = [];
  for (const inv of invocations) {
    for (const n of (inv.toolExecutionNotifications as Json[] | undefined) ?? []) {
      const key = JSON.stringify([(n.descriptor as Json | undefined)?.id, (n.message as Json | undefined)?.text, n.locations]);
      if (notificationKeys.has(key)) continue;
      notificationKeys.add(key);
      notifications.push(n);
    }
  }
  // SARIF carries failures (and waived ones on request): a scope-wide failure one shard reports and
  // another shard's evidence would answer stays, which errs on the side of reporting.
  // A declaration judged once per scan, under each shard's own first instance: the first root's (merge-json.ts firstInstances).
  const instance = (r: Json): ReturnType<typeof instanceOf> => instanceOf((r.properties as Json | undefined)?.instance);
  const firsts = firstInstances(results, instance, (r) => String(r.ruleId)).map((r) => {
    if (instance(r) === undefined) return r;
    const { instance: _dropped, ...properties } = r.properties as Json;
    return { ...r, properties };
  });
  const reconciled = reconcileScopeWide(
    firsts,
    (r) => String((r.properties as Json | undefined)?.resourceKind),
    (r) => (Array.isArray(r.suppressions) ? 'waived' : 'fail'),
    (r) => {
      const [uri, line, column] = locationKey(r).split(':');
      return [uri ?? '', Number(line) * 100_000 + Number(column)];
    },
    (r) => `${String(r.ruleId)}\0${String((r.properties as Json | undefined)?.resource)}`,
  );
  let kept = reconciled;
  if (reconciled.length > RESULTS_PER_RUN) {
    kept = [...reconciled].sort((a, b) => (LEVEL_RANK[String(b.level)] ?? 0) - (LEVEL_RANK[String(a.level)] ?? 0)).slice(0, RESULTS_PER_RUN);
    notifications.push({
      level: 'warning',
      descriptor: { id: 'report/sarif-truncated' },
      message: { text: `Only the ${RESULTS_PER_RUN} most severe of ${reconciled.length} merged results are in this SARIF file: GitHub accepts at most ${RESULTS_PER_RUN} results per run. Upload the shards' SARIF files with distinct categories instead.` },
    });
  }
  const exitCode = Math.max(0, ...invocations.map((inv) => Number(inv.exitCode) || 0));
  const merged = {
    ...(schema !== undefined ? { $schema: schema } : {}),
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...first, rules } },
        ...(category !== undefined ? { automationDetails: { id: category } } : {}),
        invocations: [
          {
            executionSuccessful: invocations.every((inv) => inv.executionSuccessful !== false),
            exitCode,
            toolExecutionNotifications: notifications,
            properties: { mergedFrom: { logs: inputs.length, shards: [...shards].sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0])) } },
          },
        ],
        columnKind: runs[0]!.run.columnKind ?? 'utf16CodeUnits',
        results: kept,
      },
    ],
  };
  const warnings = shards.length === 0 && runs.length > 1 ? ['None of the logs was written with --shard; merged them as they are.'] : [];
  // One piece: a SARIF log is held to GitHub's result limit above.
  const text = `${JSON.stringify(merged, null, 2)}\n`;
  return { ok: true, pieces: () => [text], exitCode: exitCode === 0 ? 0 : 1, warnings };
}

function locationKey(result: Json): string {
  const location = (result.locations as Json[] | undefined)?.[0];
  const physical = location?.physicalLocation as Json | undefined;
  const uri = (physical?.artifactLocation as Json | undefined)?.uri;
  const region = physical?.region as Json | undefined;
  return `${String(uri)}:${String(region?.startLine)}:${String(region?.startColumn)}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
