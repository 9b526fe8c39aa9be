// Rules for integrity, person/entity authentication, transmission security and the administrative
// safeguards IaC can evidence (catalog sections C, D, E, F.1–F.3).
import type { AnyRule } from './define-rule.js';
import cloudtrailLogFileValidation from './aws/cloudtrail/aws-cloudtrail-log-file-validation.js';
import s3BucketVersioning from './aws/s3/aws-s3-bucket-versioning.js';
import s3ObjectLock from './aws/s3/aws-s3-object-lock.js';
import s3MfaDelete from './aws/s3/aws-s3-mfa-delete.js';
import ecsReadonlyRootFilesystem from './aws/ecs/aws-ecs-readonly-root-filesystem.js';
import rdsIamAuthentication from './aws/rds/aws-rds-iam-authentication.js';
import iamMfaEnforcedByPolicy from './aws/iam/aws-iam-mfa-enforced-by-policy.js';
import emrKerberosEnabled from './aws/emr/aws-emr-kerberos-enabled.js';
import apigwAuthorizationRequired from './aws/apigateway/aws-apigw-authorization-required.js';
import elasticacheAuth from './aws/elasticache/aws-elasticache-auth.js';
import cognitoNoUnauthenticatedIdentities from './aws/cognito/aws-cognito-no-unauthenticated-identities.js';
import secretsmanagerRotation from './aws/secretsmanager/aws-secretsmanager-rotation.js';
import albHttpRedirectsToHttps from './aws/elb/aws-alb-http-redirects-to-https.js';
import elbListenersTlsOnly from './aws/elb/aws-elb-listeners-tls-only.js';
import elbTlsPolicyModern from './aws/elb/aws-elb-tls-policy-modern.js';
import elbAcmCertificate from './aws/elb/aws-elb-acm-certificate.js';
import elbDropInvalidHeaders from './aws/elb/aws-elb-drop-invalid-headers.js';
import cloudfrontHttpsOnly from './aws/cloudfront/aws-cloudfront-https-only.js';
import opensearchHttpsRequired from './aws/opensearch/aws-opensearch-https-required.js';
import opensearchNodeToNodeEncryption from './aws/opensearch/aws-opensearch-node-to-node-encryption.js';
import redshiftRequireTls from './aws/redshift/aws-redshift-require-tls.js';
import rdsRequireTls from './aws/rds/aws-rds-require-tls.js';
import cacheAndStreamTls from './aws/elasticache/aws-cache-and-stream-tls.js';
import otherEndpointsTls from './aws/dms/aws-other-endpoints-tls.js';
import apigwBackendClientCert from './aws/apigateway/aws-apigw-backend-client-cert.js';
import wafOnPublicEndpoints from './aws/waf/aws-waf-on-public-endpoints.js';
import elbDeletionProtection from './aws/elb/aws-elb-deletion-protection.js';
import elbCrossZone from './aws/elb/aws-elb-cross-zone.js';
import iamPasswordPolicy from './aws/iam/aws-iam-password-policy.js';
import guarddutyEnabled from './aws/guardduty/aws-guardduty-enabled.js';
import malwareProtectionEnabled from './aws/malware/aws-malware-protection-enabled.js';
import securityhubEnabled from './aws/securityhub/aws-securityhub-enabled.js';
import configRecorderAllResources from './aws/config/aws-config-recorder-all-resources.js';
import securityEventAlarms from './aws/cloudwatch/aws-security-event-alarms.js';
import cloudwatchAlarmActions from './aws/cloudwatch/aws-cloudwatch-alarm-actions.js';
import managedDbAutoMinorUpgrade from './aws/rds/aws-managed-db-auto-minor-upgrade.js';
import redshiftMaintenanceSettings from './aws/redshift/aws-redshift-maintenance-settings.js';
import beanstalkManagedUpdates from './aws/beanstalk/aws-beanstalk-managed-updates.js';
import ec2PatchManagementConfigured from './aws/ec2/aws-ec2-patch-management-configured.js';
import imageScanningAndSupportedRuntimes from './aws/ecr/aws-image-scanning-and-supported-runtimes.js';
import backupPlanCoversDatastores from './aws/backup/aws-backup-plan-covers-datastores.js';
import backupPlanFrequencyRetention from './aws/backup/aws-backup-plan-frequency-retention.js';
import backupVaultEncrypted from './aws/backup/aws-backup-vault-encrypted.js';
import backupVaultDeletionProtected from './aws/backup/aws-backup-vault-deletion-protected.js';
import rdsBackupRetention from './aws/rds/aws-rds-backup-retention.js';
import rdsMultiAz from './aws/rds/aws-rds-multi-az.js';
import rdsClusterMultiAz from './aws/rds/aws-rds-cluster-multi-az.js';
import datastoreDeletionProtection from './aws/rds/aws-datastore-deletion-protection.js';
import dynamodbPitr from './aws/dynamodb/aws-dynamodb-pitr.js';
import dynamodbAutoscaling from './aws/dynamodb/aws-dynamodb-autoscaling.js';
import elasticacheRedisBackup from './aws/elasticache/aws-elasticache-redis-backup.js';
import redshiftAutomatedSnapshots from './aws/redshift/aws-redshift-automated-snapshots.js';
import s3BucketReplication from './aws/s3/aws-s3-bucket-replication.js';
import s3NoncurrentVersionLifecycle from './aws/s3/aws-s3-noncurrent-version-lifecycle.js';
import asgElbHealthCheck from './aws/autoscaling/aws-asg-elb-health-check.js';
import s3BucketTlsOnly from './aws/s3/aws-s3-bucket-tls-only.js';

export const rules: readonly AnyRule[] = [
  cloudtrailLogFileValidation as unknown as AnyRule,
  s3BucketVersioning as unknown as AnyRule,
  s3ObjectLock as unknown as AnyRule,
  s3MfaDelete as unknown as AnyRule,
  ecsReadonlyRootFilesystem as unknown as AnyRule,
  rdsIamAuthentication as unknown as AnyRule,
  iamMfaEnforcedByPolicy as unknown as AnyRule,
  emrKerberosEnabled as unknown as AnyRule,
  apigwAuthorizationRequired as unknown as AnyRule,
  elasticacheAuth as unknown as AnyRule,
  cognitoNoUnauthenticatedIdentities as unknown as AnyRule,
  secretsmanagerRotation as unknown as AnyRule,
  albHttpRedirectsToHttps as unknown as AnyRule,
  elbListenersTlsOnly as unknown as AnyRule,
  elbTlsPolicyModern as unknown as AnyRule,
  elbAcmCertificate as unknown as AnyRule,
  elbDropInvalidHeaders as unknown as AnyRule,
  cloudfrontHttpsOnly as unknown as AnyRule,
  opensearchHttpsRequired as unknown as AnyRule,
  opensearchNodeToNodeEncryption as unknown as AnyRule,
  redshiftRequireTls as unknown as AnyRule,
  rdsRequireTls as unknown as AnyRule,
  cacheAndStreamTls as unknown as AnyRule,
  otherEndpointsTls as unknown as AnyRule,
  apigwBackendClientCert as unknown as AnyRule,
  wafOnPublicEndpoints as unknown as AnyRule,
  elbDeletionProtection as unknown as AnyRule,
  elbCrossZone as unknown as AnyRule,
  iamPasswordPolicy as unknown as AnyRule,
  guarddutyEnabled as unknown as AnyRule,
  malwareProtectionEnabled as unknown as AnyRule,
  securityhubEnabled as unknown as AnyRule,
  configRecorderAllResources as unknown as AnyRule,
  securityEventAlarms as unknown as AnyRule,
  cloudwatchAlarmActions as unknown as AnyRule,
  managedDbAutoMinorUpgrade as unknown as AnyRule,
  redshiftMaintenanceSettings as unknown as AnyRule,
  beanstalkManagedUpdates as unknown as AnyRule,
  ec2PatchManagementConfigured as unknown as AnyRule,
  imageScanningAndSupportedRuntimes as unknown as AnyRule,
  backupPlanCoversDatastores as unknown as AnyRule,
  backupPlanFrequencyRetention as unknown as AnyRule,
  backupVaultEncrypted as unknown as AnyRule,
  backupVaultDeletionProtected as unknown as AnyRule,
  rdsBackupRetention as unknown as AnyRule,
  rdsMultiAz as unknown as AnyRule,
  rdsClusterMultiAz as unknown as AnyRule,
  datastoreDeletionProtection as unknown as AnyRule,
  dynamodbPitr as unknown as AnyRule,
  dynamodbAutoscaling as unknown as AnyRule,
  elasticacheRedisBackup as unknown as AnyRule,
  redshiftAutomatedSnapshots as unknown as AnyRule,
  s3BucketReplication as unknown as AnyRule,
  s3NoncurrentVersionLifecycle as unknown as AnyRule,
  asgElbHealthCheck as unknown as AnyRule,
  s3BucketTlsOnly as unknown as AnyRule,
];
