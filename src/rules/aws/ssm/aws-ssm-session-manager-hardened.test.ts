import rule from './aws-ssm-session-manager-hardened.js';
import { testRule } from '../../../testing/rule-tester.js';

const doc = (inputs: string): string =>
  `resource "aws_ssm_document" "s" {\n  name          = "SSM-SessionManagerRunShell"\n  document_type = "Session"\n  content = jsonencode({\n    schemaVersion = "1.0"\n    sessionType   = "Standard_Stream"\n    inputs = {\n${inputs}    }\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'default idle timeout, S3 logging encrypted', terraform: doc('      kmsKeyId            = "alias/ssm"\n      s3BucketName        = "session-logs"\n      s3EncryptionEnabled = true\n') },
    { name: 'command documents are not judged', terraform: 'resource "aws_ssm_document" "c" {\n  name          = "c"\n  document_type = "Command"\n  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })\n}\n\n' + doc('      idleSessionTimeout          = "10"\n      kmsKeyId                    = "alias/ssm"\n      cloudWatchLogGroupName      = "/ssm"\n      cloudWatchEncryptionEnabled = true\n') },
  ],
  fail: [
    { name: 'preferences written as YAML (document_format = "YAML")', terraform: 'resource "aws_ssm_document" "s" {\n  name            = "SSM-SessionManagerRunShell"\n  document_type   = "Session"\n  document_format = "YAML"\n  content         = <<DOC\nschemaVersion: \'1.0\'\nsessionType: Standard_Stream\ninputs:\n  s3BucketName: \'\'\n  cloudWatchLogGroupName: \'\'\n  kmsKeyId: \'\'\nDOC\n}\n', findings: [{ line: 5, message: /kmsKeyId is not set/ }, { line: 5, message: /neither s3BucketName nor cloudWatchLogGroupName/ }] },
    { name: 'no KMS key and no logging', terraform: doc('      idleSessionTimeout = "20"\n'), findings: [{ line: 4, message: /kmsKeyId is not set/ }, { line: 4, message: /not logged/ }] },
    { name: 'logs not encrypted', terraform: doc('      kmsKeyId               = "alias/ssm"\n      cloudWatchLogGroupName = "/ssm"\n'), findings: [{ line: 4, message: /not required to be encrypted/ }] },
  ],
  unknown: [
    { name: 'key from a variable', terraform: `variable "key" {\n  type = string\n}\n${doc('      kmsKeyId            = var.key\n      s3BucketName        = "session-logs"\n      s3EncryptionEnabled = true\n')}` },
  ],
});
