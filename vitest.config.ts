import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One DynamoDB Local (the official emulator) for the run; integration tests make their own tables.
    globalSetup: ['test/support/dynamodb-global-setup.ts', 'test/evidence/global-setup.ts'],
    // The reliability evidence as one table, and a plain closing line with the counts.
    reporters: ['default', './test/evidence/reporter.ts'],
    // Tests never fail on timing (DEVELOPERS.md); generous limits only guard against hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Powertools: no X-Ray daemon and no CloudWatch here (test/e2e/observability.test.ts turns
    // both on for itself, to read what they would send).
    env: { POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
