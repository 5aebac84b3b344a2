export * from './event-alerts';
export * from './metric-alarms';
export * from './security-alerts';
