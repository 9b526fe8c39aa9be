import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString, blocksOf } from '../../../model/read.js';
import { knownText } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { LISTENER_TYPES } from './listener-facts.js';

const IAM_CERT = /^arn:aws[a-z-]*:iam::\d*:server-certificate\//;
const ACM_CERT = /^arn:aws[a-z-]*:acm:/;

function judgeCertificate(owner: Resource, value: Sourced): Outcome {
  const referenced = owner.references.filter((r) => /(^|\.)(aws_iam_server_certificate|aws_acm_certificate|aws_acm_certificate_validation|data\.aws_acm_certificate|data\.aws_iam_server_certificate)\./.test(r));
  if (isApplyTime(value)) {
    // "arn:aws:acm:us-east-1:123456789012:certificate/${var.id}": the known service says which kind it is.
    const text = knownText(value.value);
    if (text !== undefined && ACM_CERT.test(text)) return pass(value);
    if (text !== undefined && IAM_CERT.test(text)) return fail(value, { message: `${owner.address} uses an IAM server certificate, which AWS does not renew, instead of an ACM certificate.` });
    if (referenced.length === 0) return unknown(value, `${owner.address}: the certificate is known only at apply time (${reasonOf(value)}).`);
    const fromIam = referenced.some((r) => /aws_iam_server_certificate\./.test(r));
    const fromAcm = referenced.some((r) => /aws_acm_certificate/.test(r));
    if (fromIam && !fromAcm) {
      return fail(value, { message: `${owner.address} uses an IAM server certificate, which AWS does not renew, instead of an ACM certificate.` });
    }
    if (fromAcm) return pass(value);
    return unknown(value, `${owner.address}: the certificate is known only at apply time (${reasonOf(value)}).`);
  }
  const arn = asString(value.value) ?? '';
  if (ACM_CERT.test(arn)) return pass(value);
  if (IAM_CERT.test(arn)) return fail(value, { message: `${owner.address} uses an IAM server certificate, which AWS does not renew, instead of an ACM certificate.` });
  return unknown(value, `${owner.address}: the certificate ARN is neither an ACM nor an IAM certificate ARN.`);
}

export default defineRule<Resource>({
  id: 'aws-elb-acm-certificate',
  title: 'Load balancers use ACM certificates',
  severity: 'low',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'ACM renews certificates automatically; an uploaded IAM server certificate eventually expires and breaks, or tempts teams to fall back to plain HTTP for ePHI traffic.',
  howToFix: 'Issue or import the certificate in ACM (aws_acm_certificate) and use its ARN as certificate_arn / ssl_certificate_id.',
  links: ['https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html'],
  references: { awsConfig: ['elb-acm-certificate-required', 'elbv2-acm-certificate-required'], checkov: ['CKV_AWS_127'] },
  targets: (model) => [
    ...LISTENER_TYPES.flatMap((t) => model.ofType(t)).filter((l) => l.attributes.has('certificate_arn')),
    ...model.ofType('aws_lb_listener_certificate').filter((l) => l.attributes.has('certificate_arn')),
    ...model.ofType('aws_elb').filter((e) => blocksOf(e, 'listener').some((l) => l.attributes.has('ssl_certificate_id'))),
  ],
  check(target) {
    if (target.type === 'aws_elb') {
      return blocksOf(target, 'listener')
        .map((l) => l.attributes.get('ssl_certificate_id'))
        .filter((v): v is Sourced => v !== undefined)
        .map((v) => judgeCertificate(target, v));
    }
    return judgeCertificate(target, target.attributes.get('certificate_arn')!);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_elb" "portal" {\n  name               = "portal"\n  availability_zones = ["us-east-1a"]\n\n  listener {\n    instance_port      = 443\n    instance_protocol  = "https"\n    lb_port            = 443\n    lb_protocol        = "https"\n    ssl_certificate_id = "arn:aws:iam::123456789012:server-certificate/portal"\n  }\n}\n',
      ],
      good: [
        'resource "aws_elb" "portal" {\n  name               = "portal"\n  availability_zones = ["us-east-1a"]\n\n  listener {\n    instance_port      = 443\n    instance_protocol  = "https"\n    lb_port            = 443\n    lb_protocol        = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/0000"\n  }\n}\n',
      ],
    },
  },
});
