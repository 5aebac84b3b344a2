export * from './baseline-protection';
export * from './global-services';
export * from './policy-json';
export * from './protection-statements';
export * from './region-guard';
export * from './residency';
