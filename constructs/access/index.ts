export * from './access-roles';
export * from './trusted-principals';
