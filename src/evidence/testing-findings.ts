// Findings for the evidence pack's unit tests: the fields a reporter reads, with defaults.
import type { Finding } from '../engine/finding.js';
import type { ControlId } from '../controls/hipaa-sections.js';

export function finding(overrides: Partial<Finding> & { line?: number } = {}): Finding {
  const line = overrides.line ?? 1;
  const { line: _line, ...rest } = overrides;
  return {
    ruleId: 'aws-s3-bucket-versioning',
    status: 'fail',
    severity: 'medium',
    title: 'S3 buckets keep object versions',
    message: 'aws_s3_bucket.b does not enable versioning.',
    resource: { address: 'aws_s3_bucket.b', kind: 'aws_s3_bucket' },
    span: { file: 'main.tf', start: { line, column: 1, offset: 0 }, end: { line, column: 10, offset: 9 } },
    related: [],
    controls: ['164.312(c)(1)' as ControlId],
    ...rest,
  };
}
