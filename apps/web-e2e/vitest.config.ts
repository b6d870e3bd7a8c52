import { defineConfig } from 'vitest/config';

// One browser journey against the real local stack: slow steps (a real parse), one file, no parallelism.
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
