export * from './alert-types';
export * from './security-alerts';
