import { parse as parseYaml } from 'yaml';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, asString } from '../../../model/read.js';
import { UNKNOWN_TEXT, isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

/** Session Manager's default idle timeout is 20 minutes when idleSessionTimeout is absent. */
const DEFAULT_IDLE_MINUTES = 20;

function contentOf(value: Plain): { readonly [k: string]: Plain } | 'unknown' | undefined {
  if (isUnknown(value)) return 'unknown';
  if (typeof value !== 'string') return isPlainObject(value) ? value : undefined;
  if (value.includes(UNKNOWN_TEXT)) return 'unknown';
  // document_format JSON or YAML: JSON is YAML too, so one parser reads both (the YAML 1.2 core schema).
  try {
    const parsed = parseYaml(value) as Plain;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: Plain | undefined): string => (typeof v === 'string' ? v.trim() : '');

export default defineRule<Resource, { maxIdleMinutes: number }>({
  id: 'aws-ssm-session-manager-hardened',
  title: 'Session Manager preferences time out idle sessions, encrypt and log them',
  severity: 'low',
  controls: ['164.312(a)(2)(iii)', '164.312(b)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'Shell sessions on hosts with ePHI must end when left idle (automatic logoff), be encrypted end to end with your KMS key, and be recorded so activity can be reviewed.',
  howToFix:
    'In the SSM-SessionManagerRunShell document (document_type "Session") set inputs.idleSessionTimeout to at most 20, inputs.kmsKeyId to a customer-managed key, and inputs.s3BucketName or inputs.cloudWatchLogGroupName with encryption enabled.',
  links: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences.html'],
  references: { checkov: ['CKV_AWS_112', 'CKV_AWS_113'] },
  params: { maxIdleMinutes: 20 },
  targets: (model) => model.ofType('aws_ssm_document').filter((d) => asString(d.attributes.get('document_type')?.value) === 'Session'),
  check(doc, { params }) {
    const content = doc.attributes.get('content');
    if (!content) return pass(doc);
    if (isApplyTime(content)) return unknown(content, `${doc.address}: the session preferences are known only at apply time (${reasonOf(content)}).`);
    const parsed = contentOf(content.value);
    if (parsed === 'unknown') return unknown(content, `${doc.address}: the session preferences are known only at apply time.`);
    if (!parsed) return unknown(content, `${doc.address}: the session preferences could not be read as a JSON or YAML document.`);
    const inputs = parsed['inputs'];
    const i: { readonly [k: string]: Plain } = isPlainObject(inputs) ? inputs : {};
    if (Object.values(i).some((v) => isUnknown(v))) return unknown(content, `${doc.address}: some session preference is known only at apply time.`);
    const problems: string[] = [];
    const idle = i['idleSessionTimeout'];
    const minutes = idle === undefined || text(idle) === '' ? DEFAULT_IDLE_MINUTES : asNumber(idle);
    if (minutes === undefined || minutes > params.maxIdleMinutes) problems.push(`idleSessionTimeout is ${String(idle)} minutes (limit ${params.maxIdleMinutes})`);
    if (text(i['kmsKeyId']) === '') problems.push('kmsKeyId is not set, so session data is not encrypted with your KMS key');
    const s3 = text(i['s3BucketName']) !== '';
    const cw = text(i['cloudWatchLogGroupName']) !== '';
    if (!s3 && !cw) problems.push('neither s3BucketName nor cloudWatchLogGroupName is set, so sessions are not logged');
    else if (!(s3 && asBoolean(i['s3EncryptionEnabled']) === true) && !(cw && asBoolean(i['cloudWatchEncryptionEnabled']) === true)) {
      problems.push('session logs are not required to be encrypted (s3EncryptionEnabled / cloudWatchEncryptionEnabled)');
    }
    const outcomes: Outcome[] = problems.map((p) => fail(content, { message: `${doc.address}: ${p}.` }));
    return outcomes.length > 0 ? outcomes : pass(content, `${doc.address} times out idle sessions, encrypts them and logs them.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_ssm_document" "session" {\n  name          = "SSM-SessionManagerRunShell"\n  document_type = "Session"\n  content = jsonencode({\n    schemaVersion = "1.0"\n    sessionType   = "Standard_Stream"\n    inputs = {\n      idleSessionTimeout          = "60"\n      kmsKeyId                    = "alias/session-manager"\n      cloudWatchLogGroupName      = "/ssm/sessions"\n      cloudWatchEncryptionEnabled = true\n    }\n  })\n}\n',
      ],
      good: [
        'resource "aws_ssm_document" "session" {\n  name          = "SSM-SessionManagerRunShell"\n  document_type = "Session"\n  content = jsonencode({\n    schemaVersion = "1.0"\n    sessionType   = "Standard_Stream"\n    inputs = {\n      idleSessionTimeout          = "15"\n      kmsKeyId                    = "alias/session-manager"\n      cloudWatchLogGroupName      = "/ssm/sessions"\n      cloudWatchEncryptionEnabled = true\n    }\n  })\n}\n',
      ],
    },
  },
});
