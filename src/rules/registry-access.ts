// Rules for access control (164.312(a)): public exposure and network isolation (A.1), identity and
// least privilege (A.2), unique user identification and automatic logoff (A.3).
import type { AnyRule } from './define-rule.js';
import s3BucketPublicAccessBlock from './aws/s3/aws-s3-bucket-public-access-block.js';
import s3AccountPublicAccessBlock from './aws/s3/aws-s3-account-public-access-block.js';
import s3BucketNoPublicAcl from './aws/s3/aws-s3-bucket-no-public-acl.js';
import s3BucketPolicyNoPublicPrincipal from './aws/s3/aws-s3-bucket-policy-no-public-principal.js';
import s3BucketAclsDisabled from './aws/s3/aws-s3-bucket-acls-disabled.js';
import rdsInstanceNotPublic from './aws/rds/aws-rds-instance-not-public.js';
import rdsSnapshotNotPublic from './aws/rds/aws-rds-snapshot-not-public.js';
import ec2AmiNotPublic from './aws/ec2/aws-ec2-ami-not-public.js';
import redshiftClusterNotPublic from './aws/redshift/aws-redshift-cluster-not-public.js';
import dmsReplicationInstanceNotPublic from './aws/dms/aws-dms-replication-instance-not-public.js';
import dataServiceNotPublic from './aws/data-services/aws-data-service-not-public.js';
import ec2InstanceNoPublicIp from './aws/ec2/aws-ec2-instance-no-public-ip.js';
import asgLaunchConfigNoPublicIp from './aws/ec2/aws-asg-launch-config-no-public-ip.js';
import subnetNoAutoPublicIp from './aws/vpc/aws-subnet-no-auto-public-ip.js';
import emrMasterNoPublicIp from './aws/emr/aws-emr-master-no-public-ip.js';
import opensearchDomainInVpc from './aws/opensearch/aws-opensearch-domain-in-vpc.js';
import sagemakerNotebookNoDirectInternet from './aws/sagemaker/aws-sagemaker-notebook-no-direct-internet.js';
import lambdaNoPublicInvoke from './aws/lambda/aws-lambda-no-public-invoke.js';
import lambdaInVpc from './aws/lambda/aws-lambda-in-vpc.js';
import ssmDocumentNotPublic from './aws/ssm/aws-ssm-document-not-public.js';
import eksEndpointRestricted from './aws/eks/aws-eks-endpoint-restricted.js';
import resourcePolicyNoAnonymousPrincipal from './aws/iam/aws-resource-policy-no-anonymous-principal.js';
import ec2WorkloadsInCustomVpc from './aws/ec2/aws-ec2-workloads-in-custom-vpc.js';
import sgNoSshFromInternet from './aws/vpc/aws-sg-no-ssh-from-internet.js';
import sgNoRiskyPortsFromInternet from './aws/vpc/aws-sg-no-risky-ports-from-internet.js';
import sgOpenOnlyAuthorizedPorts from './aws/vpc/aws-sg-open-only-authorized-ports.js';
import defaultSecurityGroupClosed from './aws/vpc/aws-default-security-group-closed.js';
import naclNoAdminPortsFromInternet from './aws/vpc/aws-nacl-no-admin-ports-from-internet.js';
import igwAttachedToAuthorizedVpcOnly from './aws/vpc/aws-igw-attached-to-authorized-vpc-only.js';
import noUnrestrictedRouteToIgw from './aws/vpc/aws-no-unrestricted-route-to-igw.js';
import iamNoAdminStarPolicy from './aws/iam/aws-iam-no-admin-star-policy.js';
import iamNoServiceWildcardActions from './aws/iam/aws-iam-no-service-wildcard-actions.js';
import iamKmsDecryptScoped from './aws/iam/aws-iam-kms-decrypt-scoped.js';
import iamNoUserAttachedPolicies from './aws/iam/aws-iam-no-user-attached-policies.js';
import iamNoInlinePolicies from './aws/iam/aws-iam-no-inline-policies.js';
import iamUsersInGroups from './aws/iam/aws-iam-users-in-groups.js';
import iamRoleTrustRestricted from './aws/iam/aws-iam-role-trust-restricted.js';
import ec2InstanceProfileAttached from './aws/ec2/aws-ec2-instance-profile-attached.js';
import ec2Imdsv2Required from './aws/ec2/aws-ec2-imdsv2-required.js';
import ecsTaskHostModeNonroot from './aws/ecs/aws-ecs-task-host-mode-nonroot.js';
import codebuildNoPlaintextAwsCreds from './aws/codebuild/aws-codebuild-no-plaintext-aws-creds.js';
import codebuildSourceUrlNoCredentials from './aws/codebuild/aws-codebuild-source-url-no-credentials.js';
import iamHumansViaFederation from './aws/iam/aws-iam-humans-via-federation.js';
import iamRoleSessionDurationBounded from './aws/iam/aws-iam-role-session-duration-bounded.js';
import ssmSessionManagerHardened from './aws/ssm/aws-ssm-session-manager-hardened.js';
import albAuthSessionTimeoutBounded from './aws/elb/aws-alb-auth-session-timeout-bounded.js';

export const rules: readonly AnyRule[] = [
  s3BucketPublicAccessBlock,
  s3AccountPublicAccessBlock,
  s3BucketNoPublicAcl,
  s3BucketPolicyNoPublicPrincipal,
  s3BucketAclsDisabled,
  rdsInstanceNotPublic,
  rdsSnapshotNotPublic,
  ec2AmiNotPublic,
  redshiftClusterNotPublic,
  dmsReplicationInstanceNotPublic,
  dataServiceNotPublic,
  ec2InstanceNoPublicIp,
  asgLaunchConfigNoPublicIp,
  subnetNoAutoPublicIp,
  emrMasterNoPublicIp,
  opensearchDomainInVpc,
  sagemakerNotebookNoDirectInternet,
  lambdaNoPublicInvoke,
  lambdaInVpc,
  ssmDocumentNotPublic,
  eksEndpointRestricted,
  resourcePolicyNoAnonymousPrincipal,
  ec2WorkloadsInCustomVpc,
  sgNoSshFromInternet,
  sgNoRiskyPortsFromInternet,
  sgOpenOnlyAuthorizedPorts,
  defaultSecurityGroupClosed,
  naclNoAdminPortsFromInternet,
  igwAttachedToAuthorizedVpcOnly,
  noUnrestrictedRouteToIgw,
  iamNoAdminStarPolicy,
  iamNoServiceWildcardActions,
  iamKmsDecryptScoped,
  iamNoUserAttachedPolicies,
  iamNoInlinePolicies,
  iamUsersInGroups,
  iamRoleTrustRestricted,
  ec2InstanceProfileAttached,
  ec2Imdsv2Required,
  ecsTaskHostModeNonroot,
  codebuildNoPlaintextAwsCreds,
  codebuildSourceUrlNoCredentials,
  iamHumansViaFederation,
  iamRoleSessionDurationBounded,
  ssmSessionManagerHardened,
  albAuthSessionTimeoutBounded,
] as unknown as readonly AnyRule[];
