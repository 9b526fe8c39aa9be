import assert from 'node:assert/strict';
import { test } from 'node:test';
import wildcardRule from './aws-iam-no-service-wildcard-actions.js';
import type { AnyRule } from '../../define-rule.js';
import { runRuleOn } from '../../../testing/rule-tester.js';

const rule = wildcardRule as unknown as AnyRule;

// The provider plans aws_iam_policy.policy re-encoded (graph/provider-json.ts), so the policy's text is
// no longer the document's json: the statement is still traced to its block in the document.
test('a finding on a policy from a policy document points at the statement block written in it', () => {
  const { findings } = runRuleOn(rule, 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = ["*"]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.d.json\n}\n');
  const failed = findings.filter((f) => f.status === 'fail');
  assert.equal(failed.length, 1);
  assert.match(failed[0]!.related?.[0]?.message ?? '', /the statement is written here in data\.aws_iam_policy_document\.d/);
  assert.equal(failed[0]!.related?.[0]?.span.start.line, 3);
});
