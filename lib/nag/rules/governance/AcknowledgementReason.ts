import type { IConstruct } from 'constructs';
import {
  type Acknowledgement,
  acknowledgementsOn,
  hasEmptyReason,
} from '../../utils/acknowledgements';

/**
 * Every acknowledgement (`Validations.of(x).acknowledge({ id, reason })`) states a non-empty
 * reason. An acknowledged finding is listed in the compliance report with its reason as audit
 * evidence (監査のエビデンス), and the reason is what tells the auditor why the deviation is
 * acceptable: an empty one turns a documented exception into a silent one. EVD-1, EVD-2.
 *
 * Unlike the other rules this one reads construct metadata, not a CloudFormation resource, so
 * it judges the whole tree at once: `scope`, its descendants, and its ancestors (an
 * acknowledgement on the app applies to the stack being validated). It returns the offending
 * acknowledgements.
 * @param scope the construct being validated
 */
export default function AcknowledgementReason(scope: IConstruct): Acknowledgement[] {
  const constructs = [...scope.node.scopes.slice(0, -1), ...scope.node.findAll()];
  return constructs.flatMap(acknowledgementsOn).filter(hasEmptyReason);
}
