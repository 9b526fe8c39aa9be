import type { Resource } from '../../../model/resource.js';
import { asList, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean, requireMatch, requireOneOf } from '../judge-setting.js';

/** DMS engines that take an ssl_mode (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html). */
const DMS_SSL_ENGINES = new Set(['mysql', 'mariadb', 'aurora', 'aurora-postgresql', 'postgres', 'oracle', 'sqlserver', 'sybase', 'mongodb', 'docdb', 'db2', 'db2-zos', 'redshift', 'aurora-serverless', 'babelfish']);

/**
 * DMS targets that set TLS in their own settings block rather than ssl_mode (DMS API reference,
 * KafkaSettings.SecurityProtocol: ssl-encryption, ssl-authentication or sasl-ssl, else plaintext;
 * RedisSettings.SslSecurityProtocol: plaintext or ssl-encryption, "The default is ssl-encryption").
 */
const DMS_SETTINGS_TLS: Readonly<Record<string, { readonly block: string; readonly attribute: string; readonly allowed: readonly string[]; readonly providerDefault: string }>> = {
  kafka: { block: 'kafka_settings', attribute: 'security_protocol', allowed: ['ssl-encryption', 'ssl-authentication', 'sasl-ssl'], providerDefault: 'plaintext' },
  redis: { block: 'redis_settings', attribute: 'ssl_security_protocol', allowed: ['ssl-encryption'], providerDefault: 'ssl-encryption' },
};

function dmsEndpoint(endpoint: Resource): Outcome {
  const engine = endpoint.attributes.get('engine_name');
  const settingsTls = engine && !isApplyTime(engine) ? DMS_SETTINGS_TLS[(asString(engine.value) ?? '').toLowerCase()] : undefined;
  if (!settingsTls) {
    return requireOneOf(endpoint.address, endpoint, 'ssl_mode', ['require', 'verify-ca', 'verify-full'], {
      providerDefault: 'none',
      consequence: 'replicated records travel to and from the database unencrypted',
      fix: { description: 'Require TLS on the endpoint', safety: 'unsafe', fixValue: '"require"' },
    });
  }
  const settings = blockOf(endpoint, settingsTls.block);
  const label = `${settingsTls.block}.${settingsTls.attribute}`;
  if (!settings) {
    if (settingsTls.allowed.includes(settingsTls.providerDefault)) return pass(endpoint);
    return fail(endpoint, { message: `${endpoint.address} has no ${settingsTls.block}, so ${label} defaults to "${settingsTls.providerDefault}" and replicated records reach the target unencrypted.` });
  }
  return requireOneOf(endpoint.address, settings, settingsTls.attribute, settingsTls.allowed, {
    providerDefault: settingsTls.providerDefault,
    label,
    consequence: 'replicated records reach the target unencrypted',
    fix: { description: 'Encrypt the connection to the target with TLS', safety: 'unsafe', fixValue: `"${settingsTls.allowed[0]!}"` },
  });
}

const TYPES = ['aws_dms_endpoint', 'aws_api_gateway_domain_name', 'aws_transfer_server', 'aws_ses_configuration_set', 'aws_cloudsearch_domain'];

function keepFailures(outcomes: Outcome[]): Outcome[] {
  const bad = outcomes.filter((o) => o.status !== 'pass');
  return bad.length > 0 ? bad : outcomes.slice(0, 1);
}

function transferServer(server: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  const protocols = server.attributes.get('protocols');
  if (protocols && isApplyTime(protocols)) outcomes.push(unknown(protocols, `${server.address}: protocols are known only at apply time (${reasonOf(protocols)}).`));
  else if (asList(protocols?.value).some((p) => asString(p)?.toUpperCase() === 'FTP')) {
    outcomes.push(fail(protocols!, { message: `${server.address} offers plain FTP, so files and credentials cross the network unencrypted.` }));
  } else outcomes.push(pass(protocols ?? server));
  outcomes.push(
    requireMatch(server.address, server, 'security_policy_name', /^TransferSecurityPolicy-(?!2018-11$)/, {
      providerDefault: 'TransferSecurityPolicy-2018-11',
      consequence: 'the server still offers the older ciphers and protocol versions of the 2018 policy',
      fix: { description: 'Use a current security policy', safety: 'safe', fixValue: '"TransferSecurityPolicy-2024-01"' },
    }),
  );
  return keepFailures(outcomes);
}

export default defineRule<Resource>({
  id: 'aws-other-endpoints-tls',
  title: 'Migration, API, file-transfer, mail and search endpoints require TLS 1.2',
  severity: 'medium',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(e)(2)(i)'],
  kind: 'attr',
  why: 'Database migrations, custom API domains, SFTP/FTPS servers, outbound mail and search endpoints all move ePHI; any of them left on plain text or TLS 1.0 exposes it in transit.',
  howToFix:
    'Set ssl_mode to "require" or "verify-full" on DMS endpoints (kafka_settings.security_protocol = "ssl-encryption" on Kafka targets, and no "plaintext" ssl_security_protocol on Redis targets), security_policy = "TLS_1_2" on API Gateway domain names, drop "FTP" and use a current security_policy_name on Transfer Family servers, delivery_options { tls_policy = "Require" } on SES configuration sets, and endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } on CloudSearch domains.',
  links: ['https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html'],
  references: {
    awsConfig: ['dms-endpoint-ssl-configured', 'transfer-family-server-no-ftp'],
    checkov: ['CKV2_AWS_49', 'CKV_AWS_206', 'CKV_AWS_357', 'CKV_AWS_380', 'CKV_AWS_365', 'CKV_AWS_218', 'CKV_AWS_220'],
    trivy: ['AVD-AWS-0005', 'aws-apigateway-use-secure-tls-policy'],
  },
  targets: (model) =>
    TYPES.flatMap((t) => model.ofType(t)).filter((r) => {
      if (r.type !== 'aws_dms_endpoint') return true;
      const engine = r.attributes.get('engine_name');
      const name = (asString(engine?.value) ?? '').toLowerCase();
      return engine === undefined || isApplyTime(engine) || DMS_SSL_ENGINES.has(name) || DMS_SETTINGS_TLS[name] !== undefined;
    }),
  check(target): Outcome | Outcome[] {
    switch (target.type) {
      case 'aws_dms_endpoint':
        return dmsEndpoint(target);
      case 'aws_api_gateway_domain_name': {
        // security_policy is Optional and Computed in the provider schema (5.100 accepts TLS_1_0 and
        // TLS_1_2; the enhanced SecurityPolicy_TLS13_* and SecurityPolicy_TLS12_* names came later):
        // left out, the provider sends none and API Gateway chooses. It gives a new domain name
        // TLS_1_2 (read back by get-domain-name since 2022; it was TLS_1_0 before), and keeps an
        // existing one's policy, which such a configuration does not change. The rule failed every
        // such domain as "default TLS_1_0"; what it has cannot be told from the configuration.
        const policy = target.attributes.get('security_policy');
        if (policy === undefined || policy.value === null) {
          return unknown(
            policy ?? target,
            `${target.address} does not set security_policy, so API Gateway chooses it: TLS_1_2 for a domain name created now, but an existing one keeps its policy (TLS_1_0 for older ones); set security_policy = "TLS_1_2" to evidence it.`,
          );
        }
        return requireMatch(target.address, target, 'security_policy', /TLS_?1_2|TLS_?12|TLS_?13|TLS_1_3/i, {
          providerDefault: 'TLS_1_0',
          consequence: 'clients can call the API with TLS 1.0 or 1.1',
          fix: { description: 'Require TLS 1.2', safety: 'safe', fixValue: '"TLS_1_2"' },
        });
      }
      case 'aws_transfer_server':
        return transferServer(target);
      case 'aws_ses_configuration_set': {
        const delivery = blockOf(target, 'delivery_options');
        if (!delivery) return fail(target, { message: `${target.address} has no delivery_options, so tls_policy defaults to "Optional" and mail may be delivered without TLS.` });
        return requireOneOf(target.address, delivery, 'tls_policy', ['Require'], {
          providerDefault: 'Optional',
          label: 'delivery_options.tls_policy',
          consequence: 'mail may be delivered to recipients without TLS',
          fix: { description: 'Require TLS for delivery', safety: 'safe', fixValue: '"Require"' },
        });
      }
      default: {
        const options = blockOf(target, 'endpoint_options');
        if (!options) return fail(target, { message: `${target.address} has no endpoint_options, so HTTPS is not enforced and TLS 1.0 is accepted.` });
        const label = `${target.address} endpoint_options`;
        return keepFailures([
          requireBoolean(label, options, 'enforce_https', true, { providerDefault: false, consequence: 'search requests can use plain HTTP', fix: { description: 'Enforce HTTPS', safety: 'safe', fixValue: 'true' } }),
          requireMatch(label, options, 'tls_security_policy', /^Policy-Min-TLS-1-2/, {
            providerDefault: 'Policy-Min-TLS-1-0-2019-07',
            consequence: 'clients can negotiate TLS 1.0 or 1.1',
            fix: { description: 'Use a TLS 1.2 policy', safety: 'safe', fixValue: '"Policy-Min-TLS-1-2-2019-07"' },
          }),
        ]);
      }
    }
  },
  examples: {
    terraform: {
      bad: ['resource "aws_dms_endpoint" "source" {\n  endpoint_id   = "patients-source"\n  endpoint_type = "source"\n  engine_name   = "postgres"\n}\n'],
      good: ['resource "aws_dms_endpoint" "source" {\n  endpoint_id   = "patients-source"\n  endpoint_type = "source"\n  engine_name   = "postgres"\n  ssl_mode      = "verify-full"\n}\n'],
    },
  },
});
