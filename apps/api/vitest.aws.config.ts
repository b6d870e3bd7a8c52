import { defineConfig } from 'vitest/config';

/**
 * `npm run test:aws`: the AWS adapters against real emulators, which the global setup starts on loopback
 * (DynamoDB Local from Maven Central with the machine's Java; moto server from the project's .venv) and
 * stops afterwards. The credentials are dummies the emulators accept; no request leaves the machine.
 */
export default defineConfig({
  test: {
    include: ['tests/aws/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts', 'tests/aws/support/emulators-setup.ts'],
    env: {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 90_000,
    // The first run fetches DynamoDB Local with Maven (about 50 MB) before anything starts.
    hookTimeout: 300_000,
  },
});
