// Public entry point of govcloud-jp-cdk. Importing it has no side effects: no App is created
// and no file is read (only `loadConfig` reads, when called).

// Constructs (L3), one folder per concern.
export * from '../constructs/access';
export * from '../constructs/alerts';
export * from '../constructs/audit';
export * from '../constructs/backup';
export * from '../constructs/core/implements';
export * from '../constructs/cost';
export * from '../constructs/detection';
export * from '../constructs/exit';
export * from '../constructs/guardrails';
export * from '../constructs/keys/purpose-key';
export * from '../constructs/network';
export * from '../constructs/system';
export * from '../constructs/tenancy';

// Configuration, stacks and the app builder.
export * from './app';
export * from './checks';
export * from './config';
export * from './stacks/baseline-stack';
export * from './stacks/dr-stack';
export * from './stacks/municipal-system-stack';
export * from './stacks/region';
export * from './stacks/tags';

// Rule packs, compliance report, SCP documents, requirement catalog.
export * from './nag';
export * from './report/evidence';
export * from './report/files';
export * from './report/render';
export * from './report/responsibilities';
export * from './report/vendor-report';
export * from '../domain/requirements';
export * from './scp';
