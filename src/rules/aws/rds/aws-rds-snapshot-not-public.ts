import type { Resource } from '../../../model/resource.js';
import { asList } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource, { allowedAccounts: readonly string[] }>({
  id: 'aws-rds-snapshot-not-public',
  title: 'RDS snapshots are not shared publicly',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A snapshot shared with "all" can be restored by any AWS account, handing over a full copy of the ePHI in the database.',
  howToFix:
    'Remove "all" from shared_accounts; share only with specific accounts you control (list them in the allowedAccounts parameter to enforce it). Snapshots taken at runtime are not visible here.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html'],
  references: { awsConfig: ['rds-snapshots-public-prohibited'], checkov: ['CKV_AWS_302'] },
  // Empty: only public ("all") sharing fails; when set, every shared account must be listed.
  params: { allowedAccounts: [] },
  targets: (model) => ['aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy'].flatMap((t) => model.ofType(t)),
  check(snapshot, { params }) {
    const shared = snapshot.attributes.get('shared_accounts');
    if (!shared) return pass(snapshot, `${snapshot.address} is not shared with other accounts.`);
    if (isApplyTime(shared)) return unknown(shared, `${snapshot.address}: shared_accounts is known only at apply time (${reasonOf(shared)}).`);
    const accounts = asList(shared.value);
    if (accounts.some((a) => typeof a === 'string' && a.toLowerCase() === 'all')) {
      return fail(shared, {
        message: `${snapshot.address} shares the snapshot with "all", so any AWS account can restore it.`,
      });
    }
    if (params.allowedAccounts.length > 0) {
      const strangers = accounts.filter((a): a is string => typeof a === 'string' && !params.allowedAccounts.includes(a));
      if (strangers.length > 0) return fail(shared, { message: `${snapshot.address} shares the snapshot with account${strangers.length > 1 ? 's' : ''} ${strangers.join(', ')}, not on the allowedAccounts list.` });
    }
    if (accounts.some((a) => isUnknown(a))) return unknown(shared, `${snapshot.address}: some shared account is known only at apply time.`);
    return pass(shared, `${snapshot.address} is not shared publicly.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_snapshot" "phi" {\n  db_instance_identifier = "phi-db"\n  db_snapshot_identifier = "phi-db-snap"\n  shared_accounts        = ["all"]\n}\n'],
      good: ['resource "aws_db_snapshot" "phi" {\n  db_instance_identifier = "phi-db"\n  db_snapshot_identifier = "phi-db-snap"\n}\n'],
    },
  },
});
