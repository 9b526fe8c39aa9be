// Rules for encryption at rest (164.312(a)(2)(iv)) and audit controls (164.312(b)).
import type { AnyRule } from './define-rule.js';
import s3BucketEncryptionAtRest from './aws/s3/aws-s3-bucket-encryption-at-rest.js';
import s3BucketSseKmsCmk from './aws/s3/aws-s3-bucket-sse-kms-cmk.js';
import ebsVolumeEncrypted from './aws/ec2/aws-ebs-volume-encrypted.js';
import ebsEncryptionByDefault from './aws/ec2/aws-ebs-encryption-by-default.js';
import rdsStorageEncrypted from './aws/rds/aws-rds-storage-encrypted.js';
import rdsSnapshotEncrypted from './aws/rds/aws-rds-snapshot-encrypted.js';
import dynamodbTableCmk from './aws/dynamodb/aws-dynamodb-table-cmk.js';
import daxClusterEncrypted from './aws/dynamodb/aws-dax-cluster-encrypted.js';
import efsEncrypted from './aws/efs/aws-efs-encrypted.js';
import opensearchEncryptedAtRest from './aws/opensearch/aws-opensearch-encrypted-at-rest.js';
import redshiftClusterEncrypted from './aws/redshift/aws-redshift-cluster-encrypted.js';
import elasticacheEncryptedAtRest from './aws/elasticache/aws-elasticache-encrypted-at-rest.js';
import docdbNeptuneEncrypted from './aws/docdb/aws-docdb-neptune-encrypted.js';
import sagemakerNotebookKms from './aws/sagemaker/aws-sagemaker-notebook-kms.js';
import sagemakerEndpointConfigKms from './aws/sagemaker/aws-sagemaker-endpoint-config-kms.js';
import snsTopicKms from './aws/sns/aws-sns-topic-kms.js';
import sqsQueueEncrypted from './aws/sqs/aws-sqs-queue-encrypted.js';
import kinesisStreamEncrypted from './aws/kinesis/aws-kinesis-stream-encrypted.js';
import secretsmanagerSecretCmk from './aws/secretsmanager/aws-secretsmanager-secret-cmk.js';
import cloudwatchLogGroupKms from './aws/cloudwatch/aws-cloudwatch-log-group-kms.js';
import eksSecretsEncrypted from './aws/eks/aws-eks-secrets-encrypted.js';

export const rules: readonly AnyRule[] = [
  s3BucketEncryptionAtRest,
  s3BucketSseKmsCmk,
  ebsVolumeEncrypted,
  ebsEncryptionByDefault,
  rdsStorageEncrypted,
  rdsSnapshotEncrypted,
  dynamodbTableCmk,
  daxClusterEncrypted,
  efsEncrypted,
  opensearchEncryptedAtRest,
  redshiftClusterEncrypted,
  elasticacheEncryptedAtRest,
  docdbNeptuneEncrypted,
  sagemakerNotebookKms,
  sagemakerEndpointConfigKms,
  snsTopicKms,
  sqsQueueEncrypted,
  kinesisStreamEncrypted,
  secretsmanagerSecretCmk,
  cloudwatchLogGroupKms,
  eksSecretsEncrypted,
] as unknown as readonly AnyRule[];
