// @ts-check
// A policy pack in JavaScript: rules made with the same defineRule API and typed model as the
// built-in rules. Load it with `safeguard scan --plugin ./examples/policies/plugin/acme-policy-pack.js`
// and test its examples with `safeguard policy test examples/policies --plugin ./examples/policies/plugin/acme-policy-pack.js`.
// A TypeScript pack looks the same (compile it to JavaScript first, or publish it as a package).
import { asNumber, attr, defineRule, fail, isUnresolved, pass, unknown } from 'safeguard/api';

/** @typedef {import('safeguard/api').Resource} Resource */

/** RDS instances keep automated backups long enough for our restore tests (a parameter teams may raise). */
export const rdsBackupRetention = defineRule(
  /** @type {import('safeguard/api').RuleDefinition<Resource, { minDays: number }>} */ ({
    id: 'acme-rds-backup-retention',
    title: 'RDS instances keep automated backups for at least 14 days',
    severity: 'medium',
    controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
    kind: 'attr',
    why: 'Our restore tests and incident reviews reach back two weeks; shorter retention loses the ePHI we would need to restore.',
    howToFix: 'Set backup_retention_period to 14 or more (rules.acme-rds-backup-retention.params.minDays in .safeguard.yaml sets the minimum).',
    references: {},
    params: { minDays: 14 },
    targets: (model) => model.ofType('aws_db_instance'),
    check(db, { params }) {
      const retention = attr(db, 'backup_retention_period');
      const fix = {
        safety: /** @type {const} */ ('safe'),
        description: `Keep automated backups for ${params.minDays} days`,
        /** @param {import('safeguard/api').FixBuilder} edit */
        terraform: (edit) => edit.setAttribute(db.span, 'backup_retention_period', String(params.minDays)),
      };
      if (!retention) {
        return fail(db, { message: `${db.address} does not set backup_retention_period, so backups are kept for 1 day only.`, fix });
      }
      if (isUnresolved(retention)) return unknown(retention, `${db.address}: backup_retention_period is known only at apply time.`);
      const days = asNumber(retention.value);
      if (days !== undefined && days >= params.minDays) return pass(retention);
      return fail(retention, { message: `${db.address} keeps backups for ${days ?? 'an unreadable number of'} days; the policy asks for at least ${params.minDays}.`, fix });
    },
    examples: {
      terraform: {
        bad: ['resource "aws_db_instance" "patients" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 7\n}\n'],
        good: ['resource "aws_db_instance" "patients" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 35\n}\n'],
      },
    },
  }),
);

export default [rdsBackupRetention];
