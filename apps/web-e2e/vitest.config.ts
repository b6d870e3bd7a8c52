import { defineConfig } from 'vitest/config';

// Browser journeys against the real local stack: slow steps (a real parse), one file at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['src/global-setup.ts'],
  },
});
