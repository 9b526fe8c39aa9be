import rule from './phi-baa-eligible-services-only.js';
import { serviceOf } from './eligible-service.js';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import type { AnyRule } from '../define-rule.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('resource types map to services by exact type, then longest prefix', () => {
  const name = (type: string): string | undefined => {
    const m = serviceOf(type);
    return m.status === 'eligible' || m.status === 'management' ? m.service.name : m.status;
  };
  assert.equal(name('aws_s3_bucket'), 'Amazon Simple Storage Service (S3)');
  assert.match(name('aws_db_instance') ?? '', /Amazon RDS|Relational Database/);
  assert.match(name('aws_cloudwatch_log_group') ?? '', /CloudWatch Logs/);
  assert.match(name('aws_iam_role') ?? '', /IAM/);
  assert.equal(name('aws_lightsail_instance'), 'not-listed');
  // Control-plane services that configure a PHI resource without receiving its data.
  assert.equal(name('aws_appautoscaling_target'), 'Application Auto Scaling');
  assert.equal(name('aws_appautoscaling_policy'), 'Application Auto Scaling');
  assert.equal(name('aws_servicequotas_service_quota'), 'Service Quotas');
  assert.equal(name('aws_autoscaling_group'), 'Amazon EC2 Auto Scaling', 'EC2 Auto Scaling stays the eligible service');
});

// The Cloud Control provider names types awscc_<CloudFormation namespace>_<resource>: judged by the
// service of that namespace, through its hashicorp/aws prefix or (HealthImaging) its name.
test('awscc types map to the service of their CloudFormation namespace', () => {
  const name = (type: string, additions?: readonly string[]): string | undefined => {
    const m = serviceOf(type, additions);
    return m.status === 'eligible' || m.status === 'management' ? m.service.name : m.status;
  };
  assert.equal(name('awscc_healthlake_fhir_datastore'), 'AWS HealthLake');
  assert.equal(name('awscc_healthimaging_datastore'), 'AWS HealthImaging', 'no hashicorp/aws type: matched by name');
  assert.equal(name('awscc_omics_sequence_store'), 'AWS HealthOmics');
  assert.equal(name('awscc_s3_bucket'), 'Amazon Simple Storage Service (S3)');
  assert.equal(name('awscc_apigateway_rest_api'), 'Amazon API Gateway', 'apigateway is aws_api_gateway_ in hashicorp/aws');
  assert.equal(name('awscc_logs_log_group'), 'Amazon CloudWatch Logs');
  assert.equal(name('awscc_elasticloadbalancingv2_load_balancer'), 'Elastic Load Balancing');
  assert.equal(name('awscc_kinesisfirehose_delivery_stream'), 'Amazon Kinesis Data Firehose');
  assert.equal(name('awscc_opensearchservice_domain'), 'Amazon OpenSearch Service');
  assert.equal(name('awscc_cassandra_keyspace'), 'Amazon Keyspaces');
  assert.equal(name('awscc_rds_db_instance'), 'Amazon Relational Database Service (Amazon RDS)');
  assert.equal(name('awscc_redshiftserverless_workgroup'), 'Amazon Redshift');
  assert.match(name('awscc_iam_role') ?? '', /IAM/);
  assert.equal(name('awscc_gamelift_fleet'), 'not-listed');
  assert.equal(name('awscc_lightsail_instance'), 'not-listed');
  assert.equal(name('awscc_gamelift_fleet', ['awscc_gamelift_']), 'organisation', 'an addition names awscc types as written');
  // Eligible services hashicorp/aws names otherwise, or not at all (they failed as "no eligible service").
  assert.equal(name('awscc_iotsitewise_asset'), 'AWS IoT SiteWise');
  assert.equal(name('awscc_personalize_dataset'), 'Amazon Personalize');
  assert.equal(name('awscc_kafkaconnect_connector'), 'Amazon Managed Streaming for Apache Kafka');
  // A namespace mapped to no service known here: unmapped (the rule's unknown), not a service off the list.
  assert.deepEqual(serviceOf('awscc_mediapackagev2_channel'), { status: 'unmapped', namespace: 'mediapackagev2' });
  assert.equal(name('awscc_mediapackagev2_channel', ['awscc_mediapackagev2_']), 'organisation');
});

test('answers are kept per additions list: one list\'s organisation entry is not another\'s', () => {
  const additions = ['aws_lightsail_'];
  assert.equal(serviceOf('aws_lightsail_instance', additions).status, 'organisation');
  assert.equal(serviceOf('aws_lightsail_instance').status, 'not-listed');
  assert.equal(serviceOf('aws_lightsail_instance', ['aws_lightsail_instance']).status, 'organisation');
  assert.equal(serviceOf('aws_lightsail_instance', additions), serviceOf('aws_lightsail_instance', additions), 'asked again, the same answer');
});

const lightsail = (tags: string): string => `resource "aws_lightsail_instance" "i" {\n  name              = "intake"\n  availability_zone = "us-east-1a"\n  blueprint_id      = "amazon_linux_2"\n  bundle_id         = "nano_3_0"\n  tags = {\n${tags}\n  }\n}\n`;

const directory = (type: string): string =>
  `resource "aws_directory_service_directory" "corp" {\n  name     = "corp.example.com"\n  password = "ExamplePassw0rd!"\n  size     = "Small"\n${type}\n  vpc_settings {\n    vpc_id     = "vpc-12345678"\n    subnet_ids = ["subnet-11111111", "subnet-22222222"]\n  }\n\n  tags = {\n    data_classification = "phi"\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'Managed Microsoft AD classified PHI', terraform: directory('  edition  = "Standard"\n  type     = "MicrosoftAD"\n') },
    { name: 'PHI database and its key', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  kms_key_id     = aws_kms_key.k.arn\n  tags = {\n    data_classification = "phi"\n  }\n}\n' },
    // The autoscaling of a PHI table (terraform-aws-dynamodb-table's shape) names the table in its
    // resource_id: linked to it, but it only changes the table's capacity.
    {
      name: 'autoscaling target of a PHI table',
      terraform:
        'resource "aws_dynamodb_table" "patients" {\n  name           = "patients"\n  billing_mode   = "PROVISIONED"\n  read_capacity  = 5\n  write_capacity = 5\n  hash_key       = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  tags = {\n    data_classification = "phi"\n  }\n}\n\nresource "aws_appautoscaling_target" "read" {\n  max_capacity       = 100\n  min_capacity       = 5\n  resource_id        = "table/${aws_dynamodb_table.patients.name}"\n  scalable_dimension = "dynamodb:table:ReadCapacityUnits"\n  service_namespace  = "dynamodb"\n}\n',
    },
    {
      name: 'autoscaling target under default_tags that classify everything PHI',
      terraform:
        'provider "aws" {\n  default_tags {\n    tags = {\n      data_classification = "phi"\n    }\n  }\n}\n\nresource "aws_appautoscaling_target" "svc" {\n  max_capacity       = 4\n  min_capacity       = 1\n  resource_id        = "service/intake/api"\n  scalable_dimension = "ecs:service:DesiredCount"\n  service_namespace  = "ecs"\n}\n',
    },
    { name: 'organisation addition', terraform: lightsail('    data_classification = "phi"'), params: { additionalEligibleTypes: ['aws_lightsail_'] } },
    {
      name: 'awscc HealthLake and HealthImaging datastores classified PHI (list and map tags)',
      terraform:
        'resource "awscc_healthlake_fhir_datastore" "fhir" {\n  datastore_type_version = "R4"\n  tags = [{ key = "data_classification", value = "phi" }]\n}\n\nresource "awscc_healthimaging_datastore" "img" {\n  datastore_name = "imaging"\n  tags = { data_classification = "phi" }\n}\n',
    },
  ],
  fail: [
    // AWS Directory Service is eligible but "excludes Simple AD", the type a directory gets when it sets none.
    { name: 'Simple AD directory classified PHI (type left out)', terraform: directory(''), findings: [{ line: 1, message: /is a Simple AD directory \(its type is left out: SimpleAD is the default\), which AWS excludes/ }] },
    { name: 'Simple AD directory classified PHI (type set)', terraform: directory('  type     = "SimpleAD"\n'), findings: [{ line: 5, message: /its type is SimpleAD/ }] },
    // The awscc provider takes tags as a list of { key, value }: the classification was never read,
    // so a PHI resource of a service outside the BAA passed unseen.
    { name: 'awscc resource of a non-eligible service classified PHI', terraform: 'resource "awscc_gamelift_fleet" "g" {\n  name = "intake"\n  tags = [{ key = "data_classification", value = "phi" }, { key = "owner", value = "intake" }]\n}\n', findings: [{ line: 1, message: /awscc_gamelift_fleet belongs to no service on AWS's HIPAA-eligible list/ }] },
    { name: 'Lightsail fed by a PHI bucket', terraform: 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi"\n  tags = {\n    data_classification = "phi"\n  }\n}\n\nresource "aws_lightsail_bucket" "copy" {\n  name      = "copy-of-${aws_s3_bucket.phi.bucket}"\n  bundle_id = "small_1_0"\n}\n', findings: [{ line: 8, message: /linked to the PHI-classified aws_s3_bucket.phi/ }] },
  ],
  unknown: [
    // Linked to a bucket whose classification is known only at apply time: it may feed PHI.
    { name: 'Lightsail fed by a bucket of unknown classification', terraform: 'variable "class" {\n  type = string\n}\n\nresource "aws_s3_bucket" "maybe" {\n  bucket = "example-maybe"\n  tags = {\n    data_classification = var.class\n  }\n}\n\nresource "aws_lightsail_bucket" "copy" {\n  name      = "copy-of-${aws_s3_bucket.maybe.bucket}"\n  bundle_id = "small_1_0"\n}\n' },
    { name: 'directory type known only at apply time', terraform: `variable "type" {\n  type = string\n}\n\n${directory('  type     = var.type\n')}` },
    { name: 'classification known only at apply time', terraform: `variable "class" {\n  type = string\n}\n\n${lightsail('    data_classification = var.class')}` },
    // A Cloud Control namespace no service is known for here: unknown, where it failed as off the list.
    {
      name: 'awscc resource of a namespace mapped to no service, classified PHI',
      terraform: 'resource "awscc_mediapackagev2_channel_group" "g" {\n  channel_group_name = "intake"\n  tags = [{ key = "data_classification", value = "phi" }, { key = "owner", value = "intake" }]\n}\n',
    },
  ],
});

test('an awscc type of an unmapped namespace is unknown, saying so; one of a service hashicorp/aws knows off the list still fails', () => {
  const tags = '  tags = [{ key = "data_classification", value = "phi" }, { key = "owner", value = "intake" }]\n';
  const run = (type: string) => runRuleOn(rule as unknown as AnyRule, `resource "${type}" "r" {\n${tags}}\n`).findings.map((f) => `${f.status} ${f.message}`);
  const [unmapped] = run('awscc_mediapackagev2_channel_group');
  assert.match(unmapped!, /^unknown awscc_mediapackagev2_channel_group\.r is classified PHI and its type awscc_mediapackagev2_channel_group is of the Cloud Control namespace "mediapackagev2", which Safeguard does not map to an AWS service/);
  assert.match(unmapped!, /add the type \(or awscc_mediapackagev2_\) to additionalEligibleTypes/);
  assert.match(run('awscc_lightsail_instance')[0]!, /^fail .* belongs to no service on AWS's HIPAA-eligible list/);
  assert.match(run('awscc_iotsitewise_asset')[0]!, /^pass .* belongs to AWS IoT SiteWise/);
});
