export * from './access-roles';
export * from './role-options';
export * from './trusted-principals';
