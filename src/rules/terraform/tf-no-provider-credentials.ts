import { detectSecretsInValue, isPlaceholder, isSecretName } from '../../detectors/index.js';
import type { ProviderConfig } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isUnknown } from '../../model/value.js';
import { defineRule, fail, pass, type Outcome, type Subject } from '../define-rule.js';
import { originOf } from './literal-scan.js';
import { providerAddress } from './provider-address.js';

interface ProviderSubject extends Subject {
  readonly provider: ProviderConfig;
}

/** Credential arguments per provider (beyond any argument whose name reads as a secret). */
const CREDENTIAL_ARGS: Readonly<Record<string, readonly string[]>> = {
  aws: ['access_key', 'secret_key', 'token'],
  azurerm: ['client_secret', 'client_certificate_password', 'client_certificate'],
  azuread: ['client_secret', 'client_certificate_password', 'client_certificate'],
  google: ['credentials', 'access_token'],
  'google-beta': ['credentials', 'access_token'],
  kubernetes: ['token', 'client_key', 'password'],
  helm: [],
  github: ['token'],
  vault: ['token'],
  datadog: ['api_key', 'app_key'],
};

function isLiteralCredential(provider: string, name: string, value: Sourced): boolean {
  if (typeof value.value !== 'string' || isUnknown(value.value)) return false;
  const text = value.value;
  if (isPlaceholder(text)) return false;
  if (provider.startsWith('google') && name === 'credentials') {
    // A path to a key file is not the key; the file's JSON content (file("key.json")) is.
    return /"private_key"|"type"\s*:\s*"service_account"/.test(text) || detectSecretsInValue(text, name).length > 0;
  }
  if (name === 'client_certificate' || name === 'client_key') return text.length > 100 || detectSecretsInValue(text, name).length > 0;
  return true;
}

export default defineRule<ProviderSubject>({
  id: 'tf-no-provider-credentials',
  title: 'Provider blocks carry no literal credentials',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.312(d)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'Cloud credentials in a provider block open every ePHI store in the account to anyone who can read the repository, and they are long-lived keys rather than audited, short-lived sessions.',
  howToFix:
    'Delete the credential arguments and rotate the keys; authenticate through the environment, an assumed role (assume_role / OIDC in CI), workload identity or a credentials profile outside the repository.',
  links: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration'],
  references: { checkov: ['CKV_AWS_41'] },
  targets: (model) =>
    model.providers.map((provider) => ({ address: providerAddress(provider), type: 'provider', span: provider.body.span, provider })),
  check(subject): Outcome | Outcome[] {
    const { provider } = subject;
    const args = new Set(CREDENTIAL_ARGS[provider.name] ?? []);
    const failures: Outcome[] = [];
    const placeholders: string[] = [];
    // The provider's own arguments, and those of its nested blocks (assume_role_with_web_identity's web_identity_token).
    const nested = provider.body.blocks.flatMap((b) => [...b.attributes].filter(([name]) => isSecretName(name)).map(([name, value]) => [`${b.type}.${name}`, value] as const));
    for (const [name, value] of [...provider.body.attributes, ...nested]) {
      if (!args.has(name) && !isSecretName(name.slice(name.lastIndexOf('.') + 1))) continue;
      if (typeof value.value === 'string' && value.value.trim() !== '' && isPlaceholder(value.value)) placeholders.push(name);
      if (!isLiteralCredential(provider.name, name, value)) continue;
      const origin = originOf(value);
      failures.push(
        fail(origin, {
          message: `${subject.address} sets ${name} to a literal credential${value.via.length > 0 ? ' (through a variable or local)' : ''}.`,
          related: origin === value.span ? [] : [{ span: value.span, message: 'the provider uses it here' }],
        }),
      );
    }
    if (failures.length > 0) return failures;
    // A placeholder (AWS's documented example key, "changeme") is no credential, but say it is there.
    if (placeholders.length > 0) return pass(subject, `${subject.address} sets ${placeholders.join(', ')} to placeholder values, not real credentials; keep real ones out of the block.`);
    return pass(subject, `${subject.address} has no literal credentials.`);
  },
  examples: {
    terraform: {
      bad: ['provider "aws" {\n  region     = "us-east-1"\n  access_key = "AKIAQ3EGRX7ZJ5TM4KWB"\n}\n'],
      good: ['provider "aws" {\n  region = "us-east-1"\n\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/terraform"\n  }\n}\n'],
    },
  },
});
