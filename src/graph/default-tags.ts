// The AWS provider's default_tags reach only resources that have a `tags` argument. Without this
// the model gave default tags to every managed resource, and the data-classification rule then
// failed a public access block, a dashboard or an account region setting for a tag it cannot carry
// (terraform-aws-s3-bucket examples/object; NHS England's bootstrap). The types come from the
// provider's own schema (aws-untaggable-types.ts, generated), not a list kept by hand.
import { AWS_UNTAGGABLE_TYPES } from './aws-untaggable-types.js';

/** Settings resources of a bucket: every aws_s3_bucket_* type but the object, which is tagged. */
const S3_BUCKET_SETTINGS = /^aws_s3_bucket_(?!object$)/;

/** Types the provider's schema gives no `tags` argument; an unlisted (newer) type keeps the default tags, as most AWS resources take them. */
const UNTAGGABLE: ReadonlySet<string> = new Set(AWS_UNTAGGABLE_TYPES);

/** Whether the provider's default_tags reach a managed resource of this type. */
export function defaultTagsReach(type: string): boolean {
  return !UNTAGGABLE.has(type) && !S3_BUCKET_SETTINGS.test(type);
}
