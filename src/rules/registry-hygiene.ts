// Provider-neutral rules (issue 6): Terraform state, supply chain, secrets, and PHI scoping.
import type { AnyRule } from './define-rule.js';
import phiApprovedRegions from './phi/phi-approved-regions.js';
import phiBaaEligibleServicesOnly from './phi/phi-baa-eligible-services-only.js';
import phiDataClassificationTags from './phi/phi-data-classification-tags.js';
import phiNoPhiInCode from './phi/phi-no-phi-in-code.js';
import tfDependencyLockFile from './terraform/tf-dependency-lock-file.js';
import tfModuleSourcePinned from './terraform/tf-module-source-pinned.js';
import tfNoProviderCredentials from './terraform/tf-no-provider-credentials.js';
import tfNoSecretsInComputeConfig from './terraform/tf-no-secrets-in-compute-config.js';
import tfNoSecretsInCode from './terraform/tf-no-secrets-in-code.js';
import tfNoStateFilesInRepo from './terraform/tf-no-state-files-in-repo.js';
import tfProviderVersionsPinned from './terraform/tf-provider-versions-pinned.js';
import tfRemoteStateEncrypted from './terraform/tf-remote-state-encrypted.js';
import tfRemoteStateLocked from './terraform/tf-remote-state-locked.js';
import tfRequiredVersionPinned from './terraform/tf-required-version-pinned.js';
import tfSecretsNotPersistedInState from './terraform/tf-secrets-not-persisted-in-state.js';
import tfSensitiveOutputs from './terraform/tf-sensitive-outputs.js';
import tfSensitiveVariables from './terraform/tf-sensitive-variables.js';
import tfStateBucketHardened from './terraform/tf-state-bucket-hardened.js';

export const rules: readonly AnyRule[] = [
  tfRemoteStateEncrypted,
  tfRemoteStateLocked,
  tfStateBucketHardened,
  tfNoStateFilesInRepo,
  tfRequiredVersionPinned,
  tfProviderVersionsPinned,
  tfDependencyLockFile,
  tfModuleSourcePinned,
  tfNoProviderCredentials,
  tfNoSecretsInCode,
  tfNoSecretsInComputeConfig,
  tfSensitiveVariables,
  tfSensitiveOutputs,
  tfSecretsNotPersistedInState,
  phiNoPhiInCode,
  phiApprovedRegions,
  phiDataClassificationTags,
  phiBaaEligibleServicesOnly,
] as unknown as readonly AnyRule[];
