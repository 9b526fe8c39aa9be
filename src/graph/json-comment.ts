// What a JSON-syntax block's `"//"` member says to Safeguard. Terraform ignores the member as a comment
// (https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties); CDK for Terraform
// writes each block's construct path there (`"//": {"metadata": {"path": "stack/Storage/Bucket"}}`).
import type { JsonNode } from '../parsers/hcl/ast.js';

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.k !== 'obj') return undefined;
  return node.props.find((p) => p.key === key)?.value;
}

/** CDKTF's construct path of the block (`"//".metadata.path`), when it carries one. */
export function constructPathOf(comment: JsonNode | undefined): string | undefined {
  const path = member(member(comment, 'metadata'), 'path');
  return path?.k === 'str' && path.value !== '' ? path.value : undefined;
}
