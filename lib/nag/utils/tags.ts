import { TagManager, type CfnResource } from 'aws-cdk-lib';

/**
 * The tags a resource will carry, whether given as L1 props or applied later by `Tags.of(...)`
 * aspects, or undefined when the resource type cannot be tagged.
 *
 * Aspects run during synthesis (`app.synth()`), before validation plugins; a test that calls
 * `validateScope` directly on an unsynthesized app sees only the tags given as props.
 */
export function tagsOf(node: CfnResource): Record<string, string> | undefined {
  if (TagManager.isTaggable(node)) return node.tags.tagValues();
  if (TagManager.isTaggableV2(node)) return node.cdkTagManager.tagValues();
  return undefined;
}
