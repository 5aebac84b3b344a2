export * from './municipality-tenant';
export * from './tenant-budget';
