import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    // Workflow tests run the real Python parser in subprocesses.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
