export * from './baseline-protection';
export * from './baseline-tag';
export * from './policy-json';
export * from './region-guard';
