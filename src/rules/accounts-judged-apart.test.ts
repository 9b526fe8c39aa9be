// Root modules whose providers name different AWS accounts are different accounts: an account-wide
// setting one declares (GuardDuty, EBS encryption by default, the account's S3 public-access block, a
// trail) says nothing of the other (rules/aws/account.ts). For every built-in rule, each good and
// bad example is scanned in a root module whose provider names one account, beside each other one in
// a root naming another, and the findings about each must be those it gets scanned alone (the
// account's pseudo-subject is `aws-account-baseline[ID]` beside another account, and
// `aws-account-baseline` alone). Root modules that name no account stay one account, as before
// (root-modules-judged-apart.test.ts lists the rules that judge them together).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { findingsByRoot as findingsOf } from '../testing/findings-by-root.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

/** Rules that judge across accounts on purpose: why each differs. */
const ACROSS_ACCOUNTS: ReadonlyMap<string, string> = new Map([['tf-no-state-files-in-repo', 'the repository is one subject']]);

const provider = (account: string): string => `provider "aws" {\n  region              = "us-east-1"\n  allowed_account_ids = ["${account}"]\n}\n`;

function findingsByRoot(rule: AnyRule, files: Record<string, string>): Map<string, string[]> {
  return findingsOf(rule, files, describe1);
}

function describe1(f: Finding): string {
  const one = (text: string): string =>
    text
      .replace(/aws-account-baseline\[\d{12}\]/g, 'aws-account-baseline')
      .replace(/The baseline of AWS account \d{12}/g, 'The account baseline')
      .replace(/the baseline of AWS account \d{12}/g, 'the account baseline');
  return `${f.status} ${one(f.resource.address)} ${f.span.file}:${f.span.start.line}:${f.span.start.column} ${one(f.message)}`;
}

describe('root modules naming different AWS accounts are judged apart', () => {
  for (const rule of allRules as readonly AnyRule[]) {
    const examples = rule.examples.terraform;
    if (!examples || ACROSS_ACCOUNTS.has(rule.id)) continue;
    // An example with its own default aws provider configuration cannot take another one.
    const usable = (text: string): boolean => !/provider\s+"aws"\s*\{(?![^}]*\balias\b)/.test(text);
    const inputs = [...examples.good.map((text, i) => [`good ${i + 1}`, text] as const), ...examples.bad.map((text, i) => [`bad ${i + 1}`, text] as const)].filter(([, text]) => usable(text));
    if (inputs.length < 2) continue;
    test(rule.id, () => {
      const files = (dir: string, account: string, text: string): Record<string, string> => ({ [`${dir}/main.tf`]: text, [`${dir}/provider.tf`]: provider(account) });
      const alone = (dir: string, account: string, text: string): string[] => findingsByRoot(rule, files(dir, account, text)).get(dir) ?? [];
      for (const [first, firstText] of inputs) {
        for (const [second, secondText] of inputs) {
          if (first === second) continue;
          const together = findingsByRoot(rule, { ...files('a', '111111111111', firstText), ...files('b', '222222222222', secondText) });
          assert.deepEqual(together.get('a') ?? [], alone('a', '111111111111', firstText), `${first} in a, beside ${second} in b`);
          assert.deepEqual(together.get('b') ?? [], alone('b', '222222222222', secondText), `${second} in b, beside ${first} in a`);
        }
      }
    });
  }
});
