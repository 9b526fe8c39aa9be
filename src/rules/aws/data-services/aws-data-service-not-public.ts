import type { Resource } from '../../../model/resource.js';
import { asList, blockOf, nested } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean, requireOneOf } from '../judge-setting.js';

const TYPES = ['aws_mq_broker', 'aws_neptune_cluster_instance', 'aws_msk_cluster', 'aws_transfer_server', 'aws_mwaa_environment'];

function mskPublicAccess(cluster: Resource): Outcome {
  const broker = blockOf(cluster, 'broker_node_group_info');
  const connectivity = broker ? blockOf(broker, 'connectivity_info') : undefined;
  const publicAccess = connectivity ? blockOf(connectivity, 'public_access') : undefined;
  if (!publicAccess) return pass(cluster, `${cluster.address} leaves broker public access at its default, DISABLED.`);
  return requireOneOf(cluster.address, publicAccess, 'type', ['DISABLED'], {
    providerDefault: 'DISABLED',
    label: 'broker_node_group_info.connectivity_info.public_access.type',
    consequence: 'the Kafka brokers are reachable from the internet',
    fix: { description: 'Turn off public broker access', safety: 'safe', fixValue: '"DISABLED"' },
  });
}

function transferEndpoint(server: Resource): Outcome {
  const type = server.attributes.get('endpoint_type');
  if (type && isApplyTime(type)) return unknown(type, `${server.address}: endpoint_type is known only at apply time (${reasonOf(type)}).`);
  const value = typeof type?.value === 'string' ? type.value : 'PUBLIC';
  if (value === 'PUBLIC') {
    return fail(type ?? server, {
      message: type
        ? `${server.address} sets endpoint_type to "PUBLIC", so the SFTP/FTPS endpoint is reachable from the internet.`
        : `${server.address} does not set endpoint_type (default "PUBLIC"), so the SFTP/FTPS endpoint is reachable from the internet.`,
    });
  }
  // A VPC endpoint with Elastic IPs attached is internet-facing.
  const eips = nested(server, 'endpoint_details', 'address_allocation_ids');
  if (eips && 'value' in eips) {
    if (isApplyTime(eips)) return unknown(eips, `${server.address}: address_allocation_ids is known only at apply time.`);
    if (asList(eips.value).length > 0) return fail(eips, { message: `${server.address} attaches Elastic IPs to its VPC endpoint, so the server is internet-facing.` });
  }
  return pass(type ?? server, `${server.address} uses a private ${value} endpoint.`);
}

export default defineRule<Resource>({
  id: 'aws-data-service-not-public',
  title: 'Managed data services (MQ, Neptune, MSK, Transfer Family, MWAA) are not publicly reachable',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'Message brokers, graph databases, streams, file-transfer servers and Airflow environments often carry ePHI; a public endpoint exposes them to internet-wide scanning and credential attacks.',
  howToFix:
    'MQ and Neptune: publicly_accessible = false. MSK: public_access type = "DISABLED". Transfer Family: endpoint_type = "VPC" without Elastic IPs. MWAA: webserver_access_mode = "PRIVATE_ONLY".',
  links: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html'],
  references: {
    checkov: ['CKV_AWS_69', 'CKV_AWS_102', 'CKV_AWS_291', 'CKV_AWS_164', 'CKV2_AWS_66'],
    trivy: ['AVD-AWS-0072', 'aws-mq-no-public-access'],
  },
  targets: (model) => TYPES.flatMap((t) => model.ofType(t)),
  check(resource) {
    switch (resource.type) {
      case 'aws_mq_broker':
      case 'aws_neptune_cluster_instance':
        return requireBoolean(resource.address, resource, 'publicly_accessible', false, {
          providerDefault: false,
          consequence: resource.type === 'aws_mq_broker' ? 'the broker is reachable from the internet' : 'the Neptune instance is reachable from the internet',
          fix: { description: 'Make it private (the resource will be replaced)', safety: 'unsafe', fixValue: 'false' },
        });
      case 'aws_msk_cluster':
        return mskPublicAccess(resource);
      case 'aws_transfer_server':
        return transferEndpoint(resource);
      default:
        return requireOneOf(resource.address, resource, 'webserver_access_mode', ['PRIVATE_ONLY'], {
          providerDefault: 'PRIVATE_ONLY',
          consequence: 'the Airflow web server is reachable from the internet',
          fix: { description: 'Make the Airflow web server private', safety: 'unsafe', fixValue: '"PRIVATE_ONLY"' },
        });
    }
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_mq_broker" "events" {\n  broker_name         = "events"\n  engine_type         = "ActiveMQ"\n  engine_version      = "5.17.6"\n  host_instance_type  = "mq.t3.micro"\n  publicly_accessible = true\n}\n',
      ],
      good: [
        'resource "aws_mq_broker" "events" {\n  broker_name         = "events"\n  engine_type         = "ActiveMQ"\n  engine_version      = "5.17.6"\n  host_instance_type  = "mq.t3.micro"\n  publicly_accessible = false\n}\n',
      ],
    },
  },
});
