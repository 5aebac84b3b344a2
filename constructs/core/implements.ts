import type { IConstruct } from 'constructs';
import type { RequirementId } from '../../domain/requirements';

/** Construct metadata type that records which requirements a construct implements. */
export const IMPLEMENTS_METADATA_TYPE = 'govcloud-jp:implements';

/**
 * Records on `scope` that it implements the given requirements. The compliance report reads
 * these records from the synthesized app to list, per requirement, the constructs and
 * resources that implement it (EVD-1).
 */
export function recordImplements(scope: IConstruct, ...ids: RequirementId[]): void {
  scope.node.addMetadata(IMPLEMENTS_METADATA_TYPE, ids);
}

/** The requirement IDs recorded on `scope` itself (not its children). */
export function implementedBy(scope: IConstruct): RequirementId[] {
  return scope.node.metadata
    .filter((m) => m.type === IMPLEMENTS_METADATA_TYPE)
    .flatMap((m) => m.data as RequirementId[]);
}
