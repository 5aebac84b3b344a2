// Jest snapshot serializer: blanks asset hashes so snapshots change only when the
// infrastructure does. Re-exported for vendors from the package's testing entry point.
export { assetHashSerializer as default } from '../../lib/testing/snapshot';
