// The error class lives in domain/ so that every layer, the region assertion included, raises
// the same one; constructs import it from here.
export { GovCloudError, type ErrorScope, type GovCloudErrorProps } from '../../domain/errors';
