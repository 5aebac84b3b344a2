export * from './audit-log-archive';
export * from './protected-audit-trail';
export * from './config-recorder';
