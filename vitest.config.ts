import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Tests never fail on timing (DEVELOPERS.md); generous limits only guard against hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
