import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asBoolean, attr, attrOr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Span } from '../../../source/span.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { judgeKmsKey } from '../kms/kms-key-reference.js';
import { inPhiScope } from '../phi-scope.js';

function keyOutcome(model: InfraModel, owner: Resource, label: string, key: Sourced | undefined, where: Span): Outcome {
  const judged = judgeKmsKey(model, owner, key);
  switch (judged.kind) {
    case 'customer-managed':
      return pass(key ?? where, `${label} is encrypted with a customer-managed KMS key.`);
    case 'unknown':
      return unknown(key ?? where, `${label}: whether kms_key_arn names a customer-managed key depends on ${judged.reason}.`);
    case 'aws-managed':
      return fail(key ?? where, { message: `${label} sets kms_key_arn to the AWS-managed key ${judged.alias}, not a customer-managed key.` });
    case 'missing':
      return fail(where, { message: `${label} does not set kms_key_arn, so it is encrypted with the AWS-managed aws/dynamodb key, not a customer-managed key.` });
  }
}

function tableOutcome(model: InfraModel, table: Resource): Outcome {
  const sse: ModelBody | undefined = blockOf(table, 'server_side_encryption');
  if (!sse) {
    return fail(table, { message: `${table.address} does not declare server_side_encryption, so it is encrypted with an AWS-owned key, not a customer-managed key.` });
  }
  const enabled = attrOr(sse, 'enabled', false);
  if (isUnresolved(enabled)) return unknown(enabled, `${table.address}: server_side_encryption.enabled depends on ${applyTimeReason(enabled)}.`);
  if (asBoolean(enabled.value) !== true) {
    return fail(enabled, { message: `${table.address} ${enabled.provenance === 'default' ? 'does not set server_side_encryption.enabled' : 'sets server_side_encryption.enabled to false'}, so it is encrypted with an AWS-owned key, not a customer-managed key.` });
  }
  return keyOutcome(model, table, table.address, attr(sse, 'kms_key_arn'), sse.span);
}

export default defineRule<Resource, { scope: string }>({
  id: 'aws-dynamodb-table-cmk',
  title: 'PHI DynamoDB tables use a customer-managed KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'DynamoDB always encrypts tables, but with an AWS-owned or AWS-managed key you cannot restrict or audit who decrypts ePHI; a customer-managed key adds a key policy and CloudTrail records of every use.',
  howToFix: 'Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.<key>.arn } to the table, and kms_key_arn on each replica.',
  links: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
  references: {
    awsConfig: ['dynamodb-table-encrypted-kms'],
    checkov: ['CKV_AWS_119', 'CKV_AWS_271'],
    trivy: ['AVD-AWS-0025', 'aws-dynamodb-table-customer-key'],
  },
  // 'phi': tables classified PHI (DataClassification tag); 'all': every table.
  params: { scope: 'phi' },
  targets: (model, params) =>
    [...model.ofType('aws_dynamodb_table'), ...model.ofType('aws_dynamodb_table_replica')].filter((r) => {
      if (r.type === 'aws_dynamodb_table') return inPhiScope(r, params.scope);
      const table = model.related(r, 'aws_dynamodb_table')[0];
      return inPhiScope(r, params.scope) || (table !== undefined && inPhiScope(table, params.scope));
    }),
  check(resource, { model }) {
    if (resource.type === 'aws_dynamodb_table_replica') return keyOutcome(model, resource, resource.address, attr(resource, 'kms_key_arn'), resource.span);
    const outcomes = [tableOutcome(model, resource)];
    const usesCmk = outcomes[0]!.status === 'pass';
    if (usesCmk) {
      for (const replica of blocksOf(resource, 'replica')) {
        const region = attr(replica, 'region_name')?.value;
        outcomes.push(keyOutcome(model, resource, `${resource.address} replica${typeof region === 'string' ? ` in ${region}` : ''}`, attr(replica, 'kms_key_arn'), replica.span));
      }
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  tags = { DataClassification = "phi" }\n}\n',
      ],
      good: [
        'resource "aws_kms_key" "phi" {\n  enable_key_rotation = true\n}\n\nresource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n\n  tags = { DataClassification = "phi" }\n}\n',
      ],
    },
  },
});
