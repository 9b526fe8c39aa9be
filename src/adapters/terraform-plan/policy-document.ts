// An aws_iam_policy_document the plan reads only at apply time (it names an ARN not made yet:
// action_reason read_because_config_unknown): its `json` is unknown in the plan, yet its statements
// are in `after`, known but for those ARNs. Rendered here as the source evaluator renders the same
// block (graph/policy-document.ts), apply-time parts as "${unknown}", so a plan alone judges the
// policies that use it as a source scan does: a public principal or `actions = ["*"]` in it was
// judged unknown (not evidenced) in a plan, a failure in the sources.
import type { AttrResult, EvaluatedBlock, EvaluatedBody } from '../../graph/body.js';
import { renderPolicyDocument } from '../../graph/policy-document.js';
import { list, obj, unk, type Val } from '../../graph/value.js';
import type { Span } from '../../source/span.js';
import { itemsOf, member, stringMember, toJsonValue, type JsonNode } from '../../parsers/tf-plan/json-tree.js';
import { APPLY_TIME_REASON, maskIndex, maskKey, type Mask } from './body.js';

/** The data source's nested blocks; every other key of `after` is an argument or an attribute. */
const BLOCKS = new Set(['statement', 'principals', 'not_principals', 'condition']);
/** What the provider computes: unknown in a deferred read, and no input of the document. */
const COMPUTED = new Set(['id', 'json', 'minified_json']);

function valOf(node: JsonNode | undefined, mask: Mask): Val {
  if (mask === true) return unk(APPLY_TIME_REASON);
  if (node === undefined || node.kind === 'null') return null;
  if (node.kind === 'array') return list(node.items.map((item, i) => valOf(item, maskIndex(mask, i))));
  if (node.kind === 'object') return obj(node.entries.map((e) => [e.key, valOf(e.value, maskKey(mask, e.key))] as const));
  return node.value;
}

/** `after` as an evaluated body; undefined when a block list itself is known only at apply time. */
function bodyOf(node: JsonNode, mask: Mask, span: Span): EvaluatedBody | undefined {
  if (node.kind !== 'object') return undefined;
  const attrs = new Map<string, AttrResult>();
  const blocks: EvaluatedBlock[] = [];
  for (const e of node.entries) {
    const m = maskKey(mask, e.key);
    if (BLOCKS.has(e.key)) {
      if (m === true) return undefined;
      for (const [i, item] of itemsOf(e.value).entries()) {
        const inner = bodyOf(item, maskIndex(m, i), span);
        if (inner === undefined) return undefined;
        blocks.push({ type: e.key, labels: [], ...inner });
      }
      continue;
    }
    // null is an argument left out, as an unwritten one is in the sources (the provider's defaults apply).
    if (COMPUTED.has(e.key) || (m !== true && e.value.kind === 'null')) continue;
    attrs.set(e.key, { value: valOf(e.value, m), span, via: [], sensitive: false });
  }
  // A whole argument known only at apply time is left out of `after` and marked in after_unknown.
  if (typeof mask === 'object' && mask !== null && !Array.isArray(mask)) {
    for (const [k, v] of Object.entries(mask)) {
      if (v !== true || COMPUTED.has(k) || attrs.has(k)) continue;
      if (BLOCKS.has(k)) return undefined;
      attrs.set(k, { value: unk(APPLY_TIME_REASON), span, via: [], sensitive: false });
    }
  }
  return { span, attrs, blocks };
}

/**
 * The `json` and `minified_json` of each aws_iam_policy_document the plan reads at apply time, by
 * instance address; a document whose statements themselves are unknown is left out.
 */
export function deferredPolicyDocuments(resourceChanges: readonly JsonNode[], spanOf: (node: JsonNode) => Span): Map<string, { readonly json: string; readonly minified_json: string }> {
  const out = new Map<string, { readonly json: string; readonly minified_json: string }>();
  for (const rc of resourceChanges) {
    if (stringMember(rc, 'mode') !== 'data' || stringMember(rc, 'type') !== 'aws_iam_policy_document') continue;
    const address = stringMember(rc, 'address');
    const change = member(rc, 'change');
    const after = member(change, 'after');
    const unknown = member(change, 'after_unknown');
    const mask: Mask = unknown ? toJsonValue(unknown) : undefined;
    if (address === undefined || after?.kind !== 'object' || maskKey(mask, 'json') !== true) continue;
    const body = bodyOf(after, mask, spanOf(after));
    if (body === undefined) continue;
    const rendered = renderPolicyDocument(body);
    if (typeof rendered.json === 'string' && typeof rendered.minified === 'string') out.set(address, { json: rendered.json, minified_json: rendered.minified });
  }
  return out;
}
