export * from './availability';
export * from './config-rules';
export * from './region';
export * from './threat-detection';
