export * from './documents';
export * from './write';
