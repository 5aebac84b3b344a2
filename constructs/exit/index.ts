export * from './snapshot-export';
