import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The emulator-backed AWS suites run under vitest.aws.config.ts (npm run test:aws).
    exclude: [...configDefaults.exclude, 'tests/aws/**'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    // Workflow tests run the real Python parser in subprocesses.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
