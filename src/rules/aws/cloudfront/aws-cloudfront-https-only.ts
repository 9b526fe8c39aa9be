import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asBoolean, asList, asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

const VIEWER_OK = new Set(['redirect-to-https', 'https-only']);
const DEPRECATED_ORIGIN_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/**
 * What the older TLS 1.2 viewer policies offer beyond TLSv1.2_2021's AEAD suites (CloudFront
 * Developer Guide, "Supported protocols and ciphers between viewers and CloudFront"): the message
 * said only "older CBC-mode suites", not which, nor that no SHA-1 suite is among them.
 */
const OLDER_TLS12_SUITES: ReadonlyMap<string, string> = new Map([
  ['TLSv1.2_2019', ' (ECDHE-RSA-AES128-SHA256, ECDHE-RSA-AES256-SHA384 and their ECDSA twins: AES-CBC with HMAC-SHA-256/384, no SHA-1 suite), which TLSv1.2_2021 leaves out for AEAD suites only'],
  [
    'TLSv1.2_2018',
    ' (ECDHE-RSA-AES128-SHA256, ECDHE-RSA-AES256-SHA384 and their ECDSA twins: AES-CBC with HMAC-SHA-256/384, no SHA-1 suite) and its RSA key-exchange suites without forward secrecy (AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-SHA256), which TLSv1.2_2021 leaves out for ECDHE AEAD suites only',
  ],
]);

type Problem = { readonly where: Sourced | NestedBlock | Resource; readonly text: string };

export default defineRule<Resource, { allowedViewerProtocols: readonly string[] }>({
  id: 'aws-cloudfront-https-only',
  title: 'CloudFront serves viewers and reaches origins over TLS 1.2+',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'A distribution that allows HTTP, old TLS versions or plain-HTTP origins sends ePHI readable across the internet on one of its two legs.',
  howToFix:
    'Set viewer_protocol_policy = "redirect-to-https" (or "https-only") on every cache behavior, use an ACM certificate with minimum_protocol_version = "TLSv1.2_2021", and set origin_protocol_policy = "https-only" with origin_ssl_protocols = ["TLSv1.2"] on custom origins.',
  links: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https.html'],
  references: {
    awsConfig: ['cloudfront-viewer-policy-https', 'cloudfront-traffic-to-origin-encrypted', 'cloudfront-no-deprecated-ssl-protocols', 'cloudfront-security-policy-check'],
    checkov: ['CKV_AWS_34', 'CKV_AWS_174', 'CKV2_AWS_54', 'CKV2_AWS_72', 'CKV2_AWS_42'],
    trivy: ['AVD-AWS-0012', 'aws-cloudfront-enforce-https', 'AVD-AWS-0013', 'aws-cloudfront-use-secure-tls-policy'],
  },
  params: { allowedViewerProtocols: ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'] },
  targets: (model) => model.ofType('aws_cloudfront_distribution'),
  check(dist, { model, params }): Outcome {
    const problems: Problem[] = [];
    let pending: Sourced | undefined;
    const behaviors = [...blocksOf(dist, 'default_cache_behavior'), ...blocksOf(dist, 'ordered_cache_behavior')];
    let viewersHttpsOnly = true;
    for (const behavior of behaviors) {
      const policy = behavior.attributes.get('viewer_protocol_policy');
      if (policy && isApplyTime(policy)) {
        pending ??= policy;
        continue;
      }
      const p = asString(policy?.value) ?? '';
      if (!VIEWER_OK.has(p)) {
        viewersHttpsOnly = false;
        problems.push({ where: policy ?? behavior, text: `a cache behavior allows plain HTTP (viewer_protocol_policy "${p}")` });
      }
    }
    const cert = blockOf(dist, 'viewer_certificate');
    if (cert) {
      const useDefault = cert.attributes.get('cloudfront_default_certificate');
      const minimum = cert.attributes.get('minimum_protocol_version');
      if (isApplyTime(useDefault)) pending ??= useDefault;
      else if (asBoolean(useDefault?.value) === true) {
        problems.push({ where: useDefault!, text: 'the default *.cloudfront.net certificate only offers the TLSv1 security policy' });
      } else if (minimum && isApplyTime(minimum)) pending ??= minimum;
      else {
        const m = asString(minimum?.value) ?? 'TLSv1';
        if (!params.allowedViewerProtocols.includes(m)) {
          // TLSv1.2_2018 and _2019 are TLS 1.2 at least, but still offer CBC-mode cipher suites (SHA-1 ones end with TLSv1.1_2016).
          const weak = /^TLSv1\.2_/.test(m) ? `viewers may negotiate the older CBC-mode TLS 1.2 cipher suites of minimum_protocol_version "${m}"${OLDER_TLS12_SUITES.get(m) ?? ''}` : `viewers may connect with TLS older than 1.2 (minimum_protocol_version ${minimum ? `"${m}"` : 'defaults to "TLSv1"'})`;
          problems.push({ where: minimum ?? cert, text: weak });
        }
      }
    }
    const judgeOrigin = (body: NestedBlock, protocols: Sourced | undefined, which: string): void => {
      const policy = body.attributes.get('origin_protocol_policy');
      if (policy && isApplyTime(policy)) pending ??= policy;
      else {
        const p = asString(policy?.value) ?? '';
        if (p === 'http-only' || (p === 'match-viewer' && !viewersHttpsOnly)) {
          problems.push({ where: policy ?? body, text: `${which} is reached over plain HTTP (origin_protocol_policy "${p}")` });
        }
      }
      if (protocols && isApplyTime(protocols)) pending ??= protocols;
      else {
        const weak = asList(protocols?.value).map((v) => asString(v) ?? '').filter((v) => DEPRECATED_ORIGIN_PROTOCOLS.has(v));
        if (weak.length > 0) problems.push({ where: protocols!, text: `${which} allows ${weak.join(', ')}` });
      }
    };
    for (const origin of blocksOf(dist, 'origin')) {
      const custom = blockOf(origin, 'custom_origin_config');
      if (!custom) continue; // S3 origins are always reached over HTTPS; VPC origins are judged below
      judgeOrigin(custom, custom.attributes.get('origin_ssl_protocols'), 'an origin');
    }
    // A VPC origin (origin { vpc_origin_config { vpc_origin_id = aws_cloudfront_vpc_origin.x.id } })
    // sets origin_protocol_policy and origin_ssl_protocols on the aws_cloudfront_vpc_origin resource,
    // as a custom origin does inline (provider docs for cloudfront_vpc_origin; CloudFront VPC origins:
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html).
    // The distribution references only the VPC origins it uses.
    for (const vpcOrigin of model.related(dist, 'aws_cloudfront_vpc_origin')) {
      const endpoint = blockOf(vpcOrigin, 'vpc_origin_endpoint_config');
      if (!endpoint) continue;
      judgeOrigin(endpoint, blockOf(endpoint, 'origin_ssl_protocols')?.attributes.get('items'), `the VPC origin ${vpcOrigin.address}`);
    }
    if (problems.length > 0) {
      const [first, ...rest] = problems;
      return fail(first!.where, {
        message: `${dist.address}: ${problems.map((p) => p.text).join('; ')}.`,
        related: rest.map((p) => ({ span: p.where.span, message: p.text })),
      });
    }
    if (pending) return unknown(pending, `${dist.address}: a protocol setting is known only at apply time (${reasonOf(pending)}).`);
    return pass(dist);
  },
  examples: {
    terraform: {
      bad: [
        `resource "aws_cloudfront_distribution" "portal" {
  enabled = true

  origin {
    domain_name = "portal-origin.example.com"
    origin_id   = "portal"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "portal"
    viewer_protocol_policy = "allow-all"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/0000"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
      ],
      good: [
        `resource "aws_cloudfront_distribution" "portal" {
  enabled = true

  origin {
    domain_name = "portal-origin.example.com"
    origin_id   = "portal"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "portal"
    viewer_protocol_policy = "redirect-to-https"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/0000"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
      ],
    },
  },
});
