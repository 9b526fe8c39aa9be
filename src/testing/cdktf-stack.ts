// A stack as CDK for Terraform synthesizes it (cdktf.out/stacks/<stack>/cdk.tf.json), for the tests
// of what Safeguard does with synthesized files: one CloudTrail trail that does not validate its log
// files, with the construct path CDKTF writes in each block's "//" member.

/** The stack's text; without `metadata`, the top-level "//" that names the stack and CDKTF's version is left out. */
export function trailStack(metadata = true): string {
  return `${JSON.stringify(
    {
      ...(metadata ? { '//': { metadata: { backend: 'local', stackName: 'phi-stack', version: '0.21.0' } } } : {}),
      resource: {
        aws_cloudtrail: {
          Audit_Trail_AB12CD34: {
            '//': { metadata: { path: 'phi-stack/Audit/Trail', uniqueId: 'Audit_Trail_AB12CD34' } },
            enable_log_file_validation: false,
            is_multi_region_trail: true,
            name: 'audit',
            s3_bucket_name: 'acme-trail',
          },
        },
      },
    },
    null,
    2,
  )}\n`;
}
