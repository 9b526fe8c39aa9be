import rule from './aws-cloudfront-https-only.js';
import { testRule } from '../../../testing/rule-tester.js';

const dist = (origin: string, viewer: string, cert: string): string => `resource "aws_cloudfront_distribution" "d" {
  enabled = true
  origin {
    domain_name = "o.example.com"
    origin_id = "o"
${origin}  }
  default_cache_behavior {
    allowed_methods = ["GET", "HEAD"]
    cached_methods = ["GET", "HEAD"]
    target_origin_id = "o"
    viewer_protocol_policy = ${viewer}
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
${cert}  }
}
`;
const acm = '    acm_certificate_arn = "arn:aws:acm:us-east-1:1:certificate/x"\n    ssl_support_method = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"\n';
const httpsOrigin = '    custom_origin_config {\n      http_port = 80\n      https_port = 443\n      origin_protocol_policy = "https-only"\n      origin_ssl_protocols = ["TLSv1.2"]\n    }\n';
// A VPC origin: the distribution's origin names it, and it carries the origin protocol settings.
const vpcOrigin = (policy: string, protocols: string): string => `resource "aws_cloudfront_vpc_origin" "alb" {
  vpc_origin_endpoint_config {
    name                   = "internal-alb"
    arn                    = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/internal/abc"
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = ${policy}
    origin_ssl_protocols {
      items    = [${protocols}]
      quantity = 1
    }
  }
}
${dist('    vpc_origin_config {\n      vpc_origin_id = aws_cloudfront_vpc_origin.alb.id\n    }\n', '"https-only"', acm)}`;

testRule(rule, {
  pass: [
    { name: 'VPC origin reached over HTTPS with TLS 1.2', terraform: vpcOrigin('"https-only"', '"TLSv1.2"') },
    { name: 'S3 origin, https-only viewers', terraform: dist('    s3_origin_config {\n      origin_access_identity = "origin-access-identity/cloudfront/E1"\n    }\n', '"https-only"', acm) },
  ],
  fail: [
    { name: 'VPC origin reached over plain HTTP', terraform: vpcOrigin('"http-only"', '"TLSv1.2"'), findings: [{ line: 7, message: /the VPC origin aws_cloudfront_vpc_origin\.alb is reached over plain HTTP \(origin_protocol_policy "http-only"\)/ }] },
    { name: 'VPC origin allowing TLS 1.1', terraform: vpcOrigin('"https-only"', '"TLSv1.1"'), findings: [{ line: 9, message: /the VPC origin aws_cloudfront_vpc_origin\.alb allows TLSv1\.1/ }] },
    {
      name: 'a TLS 1.2 policy with the older cipher suites is not called older than TLS 1.2',
      terraform: dist(httpsOrigin, '"redirect-to-https"', acm.replace('TLSv1.2_2021', 'TLSv1.2_2019')),
      findings: [{ line: 27, message: /older CBC-mode TLS 1\.2 cipher suites of minimum_protocol_version "TLSv1\.2_2019" \(ECDHE-RSA-AES128-SHA256, ECDHE-RSA-AES256-SHA384 and their ECDSA twins: AES-CBC with HMAC-SHA-256\/384, no SHA-1 suite\)/ }],
    },
    {
      name: 'TLSv1.2_2018 is named for its CBC suites and its RSA key exchange without forward secrecy',
      terraform: dist(httpsOrigin, '"redirect-to-https"', acm.replace('TLSv1.2_2021', 'TLSv1.2_2018')),
      findings: [{ line: 27, message: /"TLSv1\.2_2018" \(ECDHE-RSA-AES128-SHA256.*no SHA-1 suite\) and its RSA key-exchange suites without forward secrecy \(AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-SHA256\)/ }],
    },
    { name: 'default certificate', terraform: dist(httpsOrigin, '"redirect-to-https"', '    cloudfront_default_certificate = true\n'), findings: [{ line: 25, message: /cloudfront.net certificate/ }] },
    { name: 'plain HTTP origin with old protocols', terraform: dist('    custom_origin_config {\n      http_port = 80\n      https_port = 443\n      origin_protocol_policy = "http-only"\n      origin_ssl_protocols = ["TLSv1", "TLSv1.2"]\n    }\n', '"redirect-to-https"', acm), findings: [{ line: 9, message: /plain HTTP.*TLSv1/ }] },
  ],
  unknown: [
    { name: 'viewer policy from a variable', terraform: `variable "vpp" {\n  type = string\n}\n${dist(httpsOrigin, 'var.vpp', acm)}` },
    { name: 'VPC origin protocol policy from a variable', terraform: `variable "opp" {\n  type = string\n}\n${vpcOrigin('var.opp', '"TLSv1.2"')}` },
  ],
});
