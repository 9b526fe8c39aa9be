// Rules for encryption at rest (164.312(a)(2)(iv), catalog A.4) and audit controls (164.312(b), catalog B).
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
import apigwCacheEncrypted from './aws/apigateway/aws-apigw-cache-encrypted.js';
import emrSecurityConfigEncryption from './aws/emr/aws-emr-security-config-encryption.js';
import analyticsStoreEncrypted from './aws/analytics/aws-analytics-store-encrypted.js';
import kmsKeyRotation from './aws/kms/aws-kms-key-rotation.js';
import kmsKeyNotPendingDeletion from './aws/kms/aws-kms-key-not-pending-deletion.js';
import cloudtrailEnabled from './aws/cloudtrail/aws-cloudtrail-enabled.js';
import cloudtrailMultiRegion from './aws/cloudtrail/aws-cloudtrail-multi-region.js';
import cloudtrailCloudwatchIntegration from './aws/cloudtrail/aws-cloudtrail-cloudwatch-integration.js';
import cloudtrailKmsEncrypted from './aws/cloudtrail/aws-cloudtrail-kms-encrypted.js';
import cloudtrailS3DataEvents from './aws/cloudtrail/aws-cloudtrail-s3-data-events.js';
import cloudtrailBucketProtected from './aws/cloudtrail/aws-cloudtrail-bucket-protected.js';
import s3BucketAccessLogging from './aws/s3/aws-s3-bucket-access-logging.js';
import s3EventNotifications from './aws/s3/aws-s3-event-notifications.js';
import vpcFlowLogs from './aws/vpc/aws-vpc-flow-logs.js';
import elbAccessLogging from './aws/elb/aws-elb-access-logging.js';
import apigwExecutionLogging from './aws/apigateway/aws-apigw-execution-logging.js';
import apigwAccessLogging from './aws/apigateway/aws-apigw-access-logging.js';
import opensearchLogsToCloudwatch from './aws/opensearch/aws-opensearch-logs-to-cloudwatch.js';
import rdsLogging from './aws/rds/aws-rds-logging.js';
import redshiftAuditLogging from './aws/redshift/aws-redshift-audit-logging.js';
import wafv2Logging from './aws/waf/aws-wafv2-logging.js';
import cloudwatchLogRetention from './aws/cloudwatch/aws-cloudwatch-log-retention.js';
import rdsEnhancedMonitoring from './aws/rds/aws-rds-enhanced-monitoring.js';
import eksControlPlaneLogging from './aws/eks/aws-eks-control-plane-logging.js';
import serviceAuditLoggingOther from './aws/logging/aws-service-audit-logging-other.js';

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
  apigwCacheEncrypted,
  emrSecurityConfigEncryption,
  analyticsStoreEncrypted,
  kmsKeyRotation,
  kmsKeyNotPendingDeletion,
  cloudtrailEnabled,
  cloudtrailMultiRegion,
  cloudtrailCloudwatchIntegration,
  cloudtrailKmsEncrypted,
  cloudtrailS3DataEvents,
  cloudtrailBucketProtected,
  s3BucketAccessLogging,
  s3EventNotifications,
  vpcFlowLogs,
  elbAccessLogging,
  apigwExecutionLogging,
  apigwAccessLogging,
  opensearchLogsToCloudwatch,
  rdsLogging,
  redshiftAuditLogging,
  wafv2Logging,
  cloudwatchLogRetention,
  rdsEnhancedMonitoring,
  eksControlPlaneLogging,
  serviceAuditLoggingOther,
] as unknown as readonly AnyRule[];
