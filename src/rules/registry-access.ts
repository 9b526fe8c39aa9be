// Rules for access control (164.312(a)): public exposure and network isolation (A.1), identity and
// least privilege (A.2), unique user identification and automatic logoff (A.3).
import type { AnyRule } from './define-rule.js';
import sgNoSshFromInternet from './aws/vpc/aws-sg-no-ssh-from-internet.js';
import sgNoRiskyPortsFromInternet from './aws/vpc/aws-sg-no-risky-ports-from-internet.js';
import sgOpenOnlyAuthorizedPorts from './aws/vpc/aws-sg-open-only-authorized-ports.js';
import defaultSecurityGroupClosed from './aws/vpc/aws-default-security-group-closed.js';
import naclNoAdminPortsFromInternet from './aws/vpc/aws-nacl-no-admin-ports-from-internet.js';
import subnetNoAutoPublicIp from './aws/vpc/aws-subnet-no-auto-public-ip.js';
import igwAttachedToAuthorizedVpcOnly from './aws/vpc/aws-igw-attached-to-authorized-vpc-only.js';
import noUnrestrictedRouteToIgw from './aws/vpc/aws-no-unrestricted-route-to-igw.js';

export const rules: readonly AnyRule[] = [
  sgNoSshFromInternet,
  sgNoRiskyPortsFromInternet,
  sgOpenOnlyAuthorizedPorts,
  defaultSecurityGroupClosed,
  naclNoAdminPortsFromInternet,
  subnetNoAutoPublicIp,
  igwAttachedToAuthorizedVpcOnly,
  noUnrestrictedRouteToIgw,
] as unknown as readonly AnyRule[];
