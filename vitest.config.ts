import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One DynamoDB Local (the official emulator) for the run; integration tests make their own tables.
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    // Tests never fail on timing (DEVELOPERS.md); generous limits only guard against hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
