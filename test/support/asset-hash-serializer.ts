// Jest snapshot serializer: blanks asset hashes so snapshots change only when the
// infrastructure does. Vendors get the same serializer from `govcloud-jp-cdk/testing`.
import { assetHashSerializer } from '../../lib/testing/snapshot';

export = assetHashSerializer;
