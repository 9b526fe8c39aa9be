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
];
