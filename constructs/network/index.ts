export * from './closed-network';
export * from './connectivity';
export * from './encrypted-log-group';
export * from './hybrid-dns';
export * from './vpc-flow-logs';
