import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

/** auto_minor_version_upgrade provider defaults per resource type. */
const DEFAULTS: Readonly<Record<string, boolean>> = {
  aws_db_instance: true,
  aws_rds_cluster_instance: true,
  aws_elasticache_cluster: true,
  aws_elasticache_replication_group: true,
  aws_mq_broker: false,
  aws_dms_replication_instance: false,
};
const DOMAIN_TYPES = ['aws_opensearch_domain'];

export default defineRule<Resource>({
  id: 'aws-managed-db-auto-minor-upgrade',
  title: 'Managed databases apply minor-version security patches automatically',
  severity: 'low',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(B)', '164.308(a)(5)(ii)(A)'],
  kind: 'attr',
  why: 'Minor engine versions carry security fixes; turning automatic upgrades off leaves databases holding ePHI on known-vulnerable versions until someone remembers to patch.',
  howToFix: 'Set auto_minor_version_upgrade = true (RDS, ElastiCache, Amazon MQ, DMS) or software_update_options { auto_software_update_enabled = true } (OpenSearch).',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html'],
  references: { awsConfig: ['rds-automatic-minor-version-upgrade-enabled', 'opensearch-update-check'], checkov: ['CKV_AWS_226', 'CKV_AWS_322', 'CKV_AWS_207', 'CKV_AWS_222'] },
  targets: (model) => [...Object.keys(DEFAULTS), ...DOMAIN_TYPES].flatMap((t) => model.ofType(t)),
  check(resource) {
    if (DOMAIN_TYPES.includes(resource.type)) {
      const options = blockOf(resource, 'software_update_options');
      if (!options) {
        return fail(resource, {
          message: `${resource.address} has no software_update_options, so service software updates are not applied automatically.`,
          fix: { description: 'Enable automatic software updates', safety: 'safe', terraform: (edit) => edit.insertBlock(resource.span, 'software_update_options {\n  auto_software_update_enabled = true\n}') },
        });
      }
      return requireBoolean(resource.address, options, 'auto_software_update_enabled', true, {
        providerDefault: false,
        label: 'software_update_options.auto_software_update_enabled',
        consequence: 'service software updates are not applied automatically',
        fix: { description: 'Enable automatic software updates', safety: 'safe', fixValue: 'true' },
      });
    }
    return requireBoolean(resource.address, resource, 'auto_minor_version_upgrade', true, {
      providerDefault: DEFAULTS[resource.type] ?? false,
      consequence: 'minor-version security patches are not applied automatically',
      fix: { description: 'Enable automatic minor version upgrades', safety: 'safe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine                     = "postgres"\n  instance_class             = "db.t3.micro"\n  auto_minor_version_upgrade = false\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n'],
    },
  },
});
