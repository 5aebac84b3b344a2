/**
 * Valid Fargate task sizes: CPU units → allowed memory (MiB), as the Amazon ECS Developer Guide
 * lists them for Fargate task definitions (BAK-4 sizes the tasks; both config and construct check).
 */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: Array.from({ length: 13 }, (_, i) => 4096 + i * 1024),
  4096: Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
};
