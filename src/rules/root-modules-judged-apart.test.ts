// Root modules are separate deployments (dev and prod stacks, one per account, often with the same
// addresses and names): what one holds must not change how another is judged. For every built-in
// rule, each good and bad example is scanned beside each other one in a second root module, both
// ways round, and the findings about each root must be those it gets scanned alone. Five rules
// found this way had looked a resource up by address or name in every root (an alarm topic's key,
// a data alias, a replica destination, a state bucket, a for_each key's SSN).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { findingsByRoot as findingsOf } from '../testing/findings-by-root.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

/** Rules that judge the scan as a whole, or link root modules by a name on purpose: why each differs. */
const ACROSS_ROOTS: ReadonlyMap<string, string> = new Map([
  ['aws-cloudtrail-enabled', 'root modules naming no AWS account are judged as one account (account.ts; accounts-judged-apart.test.ts holds those naming different accounts apart)'],
  ['aws-cloudtrail-multi-region', 'root modules naming no AWS account are judged as one account'],
  ['aws-guardduty-enabled', 'root modules naming no AWS account are judged as one account'],
  ['aws-malware-protection-enabled', 'root modules naming no AWS account are judged as one account'],
  ['aws-securityhub-enabled', 'root modules naming no AWS account are judged as one account'],
  ['aws-s3-account-public-access-block', 'root modules naming no AWS account are judged as one account'],
  ['aws-ebs-encryption-by-default', 'root modules naming no AWS account are judged as one account'],
  ['aws-security-event-alarms', 'root modules naming no AWS account are judged as one account'],
  ['tf-no-state-files-in-repo', 'the repository is one subject'],
  ['aws-cloudtrail-s3-data-events', "a trail's data events name buckets by their global name, which any stack may declare"],
  ['aws-iam-no-user-attached-policies', 'an attachment naming a user no stack beside it declares is about the stack that does (a user made in one stack, given policies in another)'],
]);

function findingsByRoot(rule: AnyRule, files: Record<string, string>): Map<string, string[]> {
  return findingsOf(rule, files, describe1);
}

function describe1(f: Finding): string {
  return `${f.status} ${f.resource.address} ${f.span.file}:${f.span.start.line}:${f.span.start.column} ${f.message}`;
}

describe('each root module is judged as if scanned alone', () => {
  for (const rule of allRules as readonly AnyRule[]) {
    const examples = rule.examples.terraform;
    if (!examples || ACROSS_ROOTS.has(rule.id)) continue;
    test(rule.id, () => {
      const inputs = [...examples.good.map((text, i) => [`good ${i + 1}`, text] as const), ...examples.bad.map((text, i) => [`bad ${i + 1}`, text] as const)];
      const alone = (dir: string, text: string): string[] => findingsByRoot(rule, { [`${dir}/main.tf`]: text }).get(dir) ?? [];
      for (const [first, firstText] of inputs) {
        for (const [second, secondText] of inputs) {
          if (first === second) continue;
          const together = findingsByRoot(rule, { 'a/main.tf': firstText, 'b/main.tf': secondText });
          assert.deepEqual(together.get('a') ?? [], alone('a', firstText), `${first} in a, beside ${second} in b`);
          assert.deepEqual(together.get('b') ?? [], alone('b', secondText), `${second} in b, beside ${first} in a`);
        }
      }
    });
  }
});
