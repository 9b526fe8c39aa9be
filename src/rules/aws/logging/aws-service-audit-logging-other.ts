import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, asString, attr, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { containsUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { judgeAuditParameter } from './cluster-audit-parameter.js';
import { candidatesOf, linkedBack } from '../linked.js';

const TYPES = [
  'aws_cloudfront_distribution',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
  'aws_mq_broker',
  'aws_msk_cluster',
  'aws_codebuild_project',
  'aws_route53_zone',
  'aws_networkfirewall_firewall',
  'aws_sfn_state_machine',
  'aws_appsync_graphql_api',
];

/** A list attribute must contain `wanted`. */
function exportsInclude(resource: Resource, name: string, wanted: string, what: string): Outcome {
  const value = attr(resource, name);
  if (value && (isUnresolved(value) || containsUnknown(value.value))) return unknown(value, `${resource.address}: ${name} depends on ${applyTimeReason(value)}.`);
  if (asList(value?.value).some((v) => asString(v) === wanted)) return pass(value!, `${resource.address} exports ${what} to CloudWatch Logs.`);
  return fail(value ?? resource, { message: `${resource.address} does not include "${wanted}" in ${name}, so ${what} is not exported to CloudWatch Logs.` });
}

function relatedLogging(model: InfraModel, resource: Resource, type: string, attribute: string, what: string): Outcome {
  // One whose `attribute` takes one of several (element([...], 1)) logs that one only, not each of them.
  const { sure, maybe } = linkedBack(model, resource, type, attribute);
  const found = sure[0];
  if (found) return pass(found, `${resource.address} has ${what} (${found.address}).`);
  if (maybe[0]) return unknown(maybe[0], `${resource.address}: ${maybe[0].address} is for one of ${candidatesOf(model, maybe[0], resource.type)} (which one is not known to the scan), so whether ${what} is recorded cannot be judged.`);
  return fail(resource, { message: `${resource.address} has no ${type}, so ${what} is not recorded.` });
}

function levelAtLeast(resource: Resource, blockName: string, name: string, off: string, what: string): Outcome {
  const block = blockOf(resource, blockName);
  if (!block) return fail(resource, { message: `${resource.address} does not declare ${blockName}, so ${what} is not logged.` });
  const level = attrOr(block, name, off);
  if (isUnresolved(level)) return unknown(level, `${resource.address}: ${blockName}.${name} depends on ${applyTimeReason(level)}.`);
  const value = asString(level.value) ?? off;
  if (value !== off) return pass(level, `${resource.address} logs ${what} at ${value}.`);
  return fail(level, { message: `${resource.address} ${level.provenance === 'default' ? `does not set ${blockName}.${name}` : `sets ${blockName}.${name} to "${off}"`}, so ${what} is not logged.` });
}

function judge(model: InfraModel, r: Resource): Outcome {
  switch (r.type) {
    case 'aws_cloudfront_distribution': {
      const legacy = blockOf(r, 'logging_config');
      if (legacy) return pass(legacy, `${r.address} writes standard access logs.`);
      // A source or delivery taking one of several (element([...], 1)) is that one's only.
      const sources = linkedBack(model, r, 'aws_cloudwatch_log_delivery_source', 'resource_arn');
      const source = sources.sure[0];
      if (!source && sources.maybe[0]) {
        return unknown(sources.maybe[0], `${r.address}: ${sources.maybe[0].address} is for one of ${candidatesOf(model, sources.maybe[0], r.type)} (which one is not known to the scan), so whether viewer requests are logged cannot be judged.`);
      }
      if (source) {
        // A source alone delivers nothing: an aws_cloudwatch_log_delivery links it to a destination.
        const deliveries = linkedBack(model, source, 'aws_cloudwatch_log_delivery', 'delivery_source_name');
        const delivery = deliveries.sure[0];
        if (delivery) return pass(delivery, `${r.address} delivers access logs through ${source.address} and ${delivery.address}.`);
        if (deliveries.maybe[0]) {
          return unknown(deliveries.maybe[0], `${r.address}: ${deliveries.maybe[0].address} delivers one of ${candidatesOf(model, deliveries.maybe[0], source.type)} (which one is not known to the scan), so whether viewer requests are logged cannot be judged.`);
        }
        return fail(source, { message: `${r.address} has the log delivery source ${source.address}, but no aws_cloudwatch_log_delivery links it to a destination, so no access log is delivered.` });
      }
      return fail(r, { message: `${r.address} does not declare logging_config (or a CloudWatch log delivery source), so viewer requests are not logged.` });
    }
    case 'aws_docdb_cluster':
    case 'aws_neptune_cluster': {
      // The export ships the audit log; a cluster parameter decides whether one is written at all.
      const exported = exportsInclude(r, r.type === 'aws_docdb_cluster' ? 'enabled_cloudwatch_logs_exports' : 'enable_cloudwatch_logs_exports', 'audit', 'the audit log');
      return exported.status === 'pass' ? (judgeAuditParameter(model, r) ?? exported) : exported;
    }
    case 'aws_mq_broker': {
      const logs = blockOf(r, 'logs');
      const rabbit = (asString(attr(r, 'engine_type')?.value) ?? '').toLowerCase() === 'rabbitmq';
      const wanted = rabbit ? ['general'] : ['general', 'audit'];
      if (!logs) return fail(r, { message: `${r.address} does not declare logs, so broker ${wanted.join(' and ')} logs are off.` });
      const missing: string[] = [];
      for (const name of wanted) {
        const value = attrOr(logs, name, false);
        if (isUnresolved(value)) return unknown(value, `${r.address}: logs.${name} depends on ${applyTimeReason(value)}.`);
        if (asBoolean(value.value) !== true) missing.push(name);
      }
      if (missing.length > 0) return fail(logs, { message: `${r.address} does not turn on the ${missing.join(' and ')} broker log${missing.length > 1 ? 's' : ''}.` });
      return pass(logs, `${r.address} publishes ${wanted.join(' and ')} logs.`);
    }
    case 'aws_msk_cluster': {
      const broker = blockOf(r, 'logging_info');
      const logs = broker ? blockOf(broker, 'broker_logs') : undefined;
      if (!logs) return fail(r, { message: `${r.address} does not declare logging_info.broker_logs, so broker logs are not delivered.` });
      for (const sink of ['cloudwatch_logs', 'firehose', 's3']) {
        const block = blockOf(logs, sink);
        const enabled = block ? attr(block, 'enabled') : undefined;
        if (enabled && isUnresolved(enabled)) return unknown(enabled, `${r.address}: ${sink}.enabled depends on ${applyTimeReason(enabled)}.`);
        if (enabled && asBoolean(enabled.value) === true) return pass(enabled, `${r.address} delivers broker logs to ${sink}.`);
      }
      return fail(logs, { message: `${r.address} enables no broker log destination (CloudWatch Logs, Firehose or S3).` });
    }
    case 'aws_codebuild_project': {
      // CodeBuild sends build logs to CloudWatch Logs unless that is disabled.
      const config = blockOf(r, 'logs_config');
      const cw = config ? blockOf(config, 'cloudwatch_logs') : undefined;
      const s3 = config ? blockOf(config, 's3_logs') : undefined;
      const cwStatus = cw ? attrOr(cw, 'status', 'ENABLED') : undefined;
      const s3Status = s3 ? attrOr(s3, 'status', 'DISABLED') : undefined;
      if ((cwStatus && isUnresolved(cwStatus)) || (s3Status && isUnresolved(s3Status))) return unknown(config ?? r, `${r.address}: its log settings depend on values known only at apply time.`);
      if (!cwStatus || asString(cwStatus.value) === 'ENABLED') return pass(cwStatus ?? r, `${r.address} sends build logs to CloudWatch Logs.`);
      if (s3Status && asString(s3Status.value) === 'ENABLED') return pass(s3Status, `${r.address} sends build logs to S3.`);
      return fail(cwStatus, { message: `${r.address} disables CloudWatch build logs and enables no S3 logs, so build activity is not recorded.` });
    }
    case 'aws_route53_zone':
      return relatedLogging(model, r, 'aws_route53_query_log', 'zone_id', 'DNS query logging');
    case 'aws_networkfirewall_firewall':
      return relatedLogging(model, r, 'aws_networkfirewall_logging_configuration', 'firewall_arn', 'firewall flow and alert logging');
    case 'aws_sfn_state_machine':
      return levelAtLeast(r, 'logging_configuration', 'level', 'OFF', 'execution history');
    default:
      return levelAtLeast(r, 'log_config', 'field_log_level', 'NONE', 'resolver activity');
  }
}

export default defineRule<Resource>({
  id: 'aws-service-audit-logging-other',
  title: 'Other services that handle ePHI have audit or access logging on',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kind: 'attr',
  why: 'CDNs, document and graph databases, brokers, build systems, DNS, firewalls, workflows and GraphQL APIs all touch ePHI paths; without their logs an access review has gaps exactly where data moves.',
  howToFix:
    'CloudFront: logging_config; DocumentDB/Neptune: "audit" in the CloudWatch log exports and auditing on in the cluster parameter group (DocumentDB audit_logs = "enabled", Neptune neptune_enable_audit_log = 1); Amazon MQ: logs { general = true, audit = true }; MSK: logging_info.broker_logs; CodeBuild: keep CloudWatch or S3 logs enabled; Route 53 public zones: aws_route53_query_log; Network Firewall: aws_networkfirewall_logging_configuration; Step Functions: logging_configuration.level; AppSync: log_config.field_log_level.',
  links: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html', 'https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html'],
  references: {
    awsConfig: [
      'cloudfront-accesslogs-enabled',
      'neptune-cluster-cloudwatch-log-export-enabled',
      'mq-cloudwatch-audit-logging-enabled',
      'codebuild-project-logging-enabled',
      'netfw-logging-enabled',
      'step-functions-state-machine-logging-enabled',
      'appsync-logging-enabled',
    ],
    checkov: ['CKV_AWS_86', 'CKV_AWS_85', 'CKV_AWS_104', 'CKV_AWS_101', 'CKV_AWS_48', 'CKV_AWS_197', 'CKV_AWS_80', 'CKV_AWS_314', 'CKV2_AWS_39', 'CKV2_AWS_63', 'CKV_AWS_285', 'CKV_AWS_193'],
    trivy: [
      'AVD-AWS-0010',
      'aws-cloudfront-enable-logging',
      'AVD-AWS-0020',
      'aws-documentdb-enable-log-export',
      'AVD-AWS-0075',
      'aws-neptune-enable-log-export',
      'AVD-AWS-0070',
      'aws-mq-enable-audit-logging',
      'AVD-AWS-0071',
      'aws-mq-enable-general-logging',
      'AVD-AWS-0074',
      'aws-msk-enable-logging',
    ],
  },
  // Private hosted zones log through Route 53 Resolver query logging, not aws_route53_query_log.
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)).filter((r) => r.type !== 'aws_route53_zone' || !blockOf(r, 'vpc')),
  check: (resource, { model }) => judge(model, resource),
  examples: {
    terraform: {
      bad: ['resource "aws_docdb_cluster" "records" {\n  cluster_identifier          = "patient-records"\n  engine                      = "docdb"\n  master_username             = "admin_user"\n  manage_master_user_password = true\n  storage_encrypted           = true\n}\n'],
      good: [
        'resource "aws_docdb_cluster_parameter_group" "audit" {\n  name   = "records-audit"\n  family = "docdb5.0"\n\n  parameter {\n    name  = "audit_logs"\n    value = "enabled"\n  }\n}\n\nresource "aws_docdb_cluster" "records" {\n  cluster_identifier              = "patient-records"\n  engine                          = "docdb"\n  master_username                 = "admin_user"\n  manage_master_user_password     = true\n  storage_encrypted               = true\n  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.name\n  enabled_cloudwatch_logs_exports = ["audit", "profiler"]\n}\n',
      ],
    },
  },
});
