// The `govcloud-jp-cdk/testing` entry point: helpers for vendors' test suites. Kept apart from
// the main entry so that production code never loads test helpers, and free of any test
// runner import (works under jest, vitest, node:test, mocha). Importing it has no side effects.

export { assetHashSerializer } from './snapshot';
export {
  collectFindings,
  defaultPacks,
  expectNoUnacknowledgedFindings,
  formatFindings,
  type CollectFindingsOptions,
  type ExpectNoFindingsOptions,
  type FindingLevel,
  type NagFinding,
  type PackSelection,
} from './nag';
