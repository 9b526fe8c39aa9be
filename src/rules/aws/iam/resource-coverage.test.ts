import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNKNOWN_MARK } from './policy-statements.js';
import { coversEveryResourceOf, type ArnResourceType } from './resource-coverage.js';

const role: ArnResourceType = { service: 'iam', prefix: 'role/', sample: 'app' };
const object: ArnResourceType = { service: 's3', prefix: '', sample: 'phi-records/2024/record.json' };
const bucket: ArnResourceType = { service: 's3', prefix: '', sample: 'phi-records' };
const parameter: ArnResourceType = { service: 'ssm', prefix: 'parameter/', sample: 'app/db-password' };
const secret: ArnResourceType = { service: 'secretsmanager', prefix: 'secret:', sample: 'app-AbCdEf' };
const key: ArnResourceType = { service: 'kms', prefix: 'key/', sample: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' };

test('patterns that cover every resource of the type', () => {
  const rows: [string, ArnResourceType][] = [
    ['*', role],
    ['arn:aws:s3:::*/*', object],
    ['arn:aws:s3:::*', object], // `*` matches the slash of an object key too
    ['arn:aws:s3:::*', bucket],
    ['arn:aws:ssm:*:*:parameter/*', parameter],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/*', parameter], // every parameter of the account in that Region
    ['arn:aws:iam::*:role/*', role],
    ['arn:aws:iam::123456789012:role/*', role],
    ['arn:aws:iam::*:*', role],
    ['arn:aws:secretsmanager:*:*:secret:*', secret],
    ['arn:aws:secretsmanager:*:*:*', secret],
    ['arn:aws-us-gov:kms:*:*:key/*', key],
    ['arn:aws:kms:*', key], // a final `*` runs over the colons after it
    ['arn:*:kms:*:*:*', key],
    ['arn:aws:KMS:*:*:key/*', key],
  ];
  for (const [pattern, type] of rows) assert.equal(coversEveryResourceOf(pattern, type), true, pattern);
});

test('specific patterns, other types and other services do not', () => {
  const rows: [string, ArnResourceType][] = [
    ['arn:aws:s3:::my-bucket/*', object], // one bucket
    ['arn:aws:s3:::my-bucket*', object],
    ['arn:aws:s3:::*/logs/*', object], // one key prefix in every bucket
    ['arn:aws:s3:::*/*', bucket], // object ARNs, not buckets
    ['arn:aws:iam::*:role/service-role/*', role], // one path
    ['arn:aws:iam::*:user/*', role],
    ['arn:aws:iam::*:role/app-*', role],
    ['arn:aws:ssm:*:*:document/*', parameter],
    ['arn:aws:ssm:*:*:parameter/app/*', parameter],
    ['arn:aws:secretsmanager:*:*:secret:prod/*', secret],
    ['arn:aws:kms:*:*:alias/*', key],
    ['arn:aws:kms:us-east-1', key],
    ['arn:aws:*:*:*:*', key], // a wildcard cannot stand for the service
    ['arn:aws:ec2:*:*:*', key],
    [`arn:aws:kms:*:*:key/${UNKNOWN_MARK}`, key], // known only at apply time: a specific key, as onAllResources takes it
    [UNKNOWN_MARK, key],
    ['phi-records/*', object],
  ];
  for (const [pattern, type] of rows) assert.equal(coversEveryResourceOf(pattern, type), false, pattern);
});
