// Resource types the rules judged across root modules read (RuleDefinition.acrossRoots.reads),
// where several rules read the same family: the end model of a scan judged root module by root
// module keeps these types only (pipeline/unit-judging.ts), and refuses questions about others.
import { BASELINE_TYPES } from './account-baseline.js';

/** The account baseline (account-baseline.ts): what says the baseline is in scope, and what the presence rules judge. */
export const BASELINE_READS: readonly string[] = BASELINE_TYPES;

/** A bucket and the resources that configure it since provider v4 (s3/bucket-settings). */
export const S3_BUCKET_READS: readonly string[] = [
  'aws_s3_bucket',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_replication_configuration',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
];

/** What launches EC2 instances and the volumes attached to them. */
export const EC2_LAUNCH_READS: readonly string[] = ['aws_instance', 'aws_launch_configuration', 'aws_launch_template'];
