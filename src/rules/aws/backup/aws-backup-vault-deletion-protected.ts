import { actionMatches, policyOf, type PolicyStatement } from '../../../adapters/aws/iam-policy.js';
import type { Resource } from '../../../model/resource.js';
import { UNKNOWN_TEXT } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { coversEveryResourceOf, type ArnResourceType } from '../iam/resource-coverage.js';
import { candidatesOf, linkedBack } from '../linked.js';

const DELETE = 'backup:DeleteRecoveryPoint';

/** DeleteRecoveryPoint acts on recovery points (Service Authorization Reference), not on the vault's own ARN. */
const RECOVERY_POINT: ArnResourceType = { service: 'backup', prefix: 'recovery-point:', sample: '1eb3b5e7-9eb0-435a-a80b-108b488b0d45' };

/**
 * Whether a statement denies backup:DeleteRecoveryPoint to every principal on every recovery point.
 * A positive condition (Bool
 * aws:MultiFactorAuthPresent "false", StringEquals aws:PrincipalArn ...) keeps the Deny to the
 * requests that match it, so everyone else may delete; a negated one (StringNotLike aws:PrincipalArn
 * for a break-glass role) only exempts the principals it names, AWS's documented pattern. A Resource
 * naming the vault (backup-vault:...) or other recovery points leaves this vault's points deletable;
 * an ARN known only at apply time is taken as covering them, as before.
 */
function deniesDeletionBy(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny' || !s.principalIsWildcard) return false;
  if (!s.actions.some((a) => actionMatches(a, DELETE))) return false;
  const everyPoint = s.notResources.length > 0 || s.resources.some((r) => r.includes(UNKNOWN_TEXT) || coversEveryResourceOf(r, RECOVERY_POINT));
  if (!everyPoint) return false;
  return s.conditions.every((c) => c.key.includes(UNKNOWN_TEXT) || c.operator.includes(UNKNOWN_TEXT) || (/not/i.test(c.operator) && !/^Null$/i.test(c.operator)));
}

/** Whether a vault policy denies backup:DeleteRecoveryPoint to every principal. */
function deniesDeletion(doc: ReturnType<typeof policyOf>): boolean {
  if (doc === 'unknown' || !doc) return false;
  return doc.statements.some(deniesDeletionBy);
}

export default defineRule<Resource>({
  id: 'aws-backup-vault-deletion-protected',
  title: 'Recovery points cannot be deleted by hand',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
  kind: 'graph',
  why: 'Ransomware and insiders delete backups first; a vault lock or a vault policy that denies DeleteRecoveryPoint keeps the last good copy of ePHI restorable.',
  howToFix:
    'Add an aws_backup_vault_lock_configuration (min/max retention; changeable_for_days for compliance mode), or an aws_backup_vault_policy that denies backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy to every principal.',
  links: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html'],
  references: { awsConfig: ['backup-recovery-point-manual-deletion-disabled'] },
  targets: (model) => model.ofType('aws_backup_vault'),
  check(vault, { model }) {
    // A lock or policy whose backup_vault_name takes one of several vaults protects one of them only.
    const locks = linkedBack(model, vault, 'aws_backup_vault_lock_configuration', 'backup_vault_name');
    const lock = locks.sure[0];
    if (lock) return pass(lock);
    const linkedPolicies = linkedBack(model, vault, 'aws_backup_vault_policy', 'backup_vault_name');
    const policies = linkedPolicies.sure;
    for (const policy of policies) {
      const raw = policy.attributes.get('policy');
      const doc = policyOf(raw);
      if (doc === 'unknown') return unknown(raw!, `${policy.address}: the vault policy is known only at apply time.`);
      if (deniesDeletion(doc)) return pass(raw!);
    }
    // Only one that would protect the vault leaves the verdict open.
    const maybe = locks.maybe[0] ?? linkedPolicies.maybe.find((p) => {
      const doc = policyOf(p.attributes.get('policy'));
      return doc === 'unknown' || deniesDeletion(doc);
    });
    if (maybe) {
      return unknown(maybe, `${vault.address}: ${maybe.address} protects one of ${candidatesOf(model, maybe, vault.type)} (which one is not known to the scan), so whether this vault's recovery points can be deleted cannot be judged.`);
    }
    return fail(policies[0] ?? vault, {
      message: policies.length > 0
        ? `${vault.address} has a vault policy that does not deny backup:DeleteRecoveryPoint to everyone on every recovery point (Resource "*", with no condition narrowing the Deny to some requests), and no vault lock, so recovery points can be deleted.`
        : `${vault.address} has no vault lock and no vault policy denying backup:DeleteRecoveryPoint, so recovery points can be deleted by hand.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_backup_vault" "phi" {\n  name        = "phi-backups"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n'],
      good: [
        'resource "aws_backup_vault" "phi" {\n  name        = "phi-backups"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n\nresource "aws_backup_vault_lock_configuration" "phi" {\n  backup_vault_name   = aws_backup_vault.phi.name\n  min_retention_days  = 35\n  max_retention_days  = 2555\n  changeable_for_days = 3\n}\n',
      ],
    },
  },
});
