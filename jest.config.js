/** Two tiers: fast unit tests, and integration tests that boot the real Strapi per file. */
const path = require('node:path');

// Strapi loads `.env` from the working directory (dotenv, `ENV_PATH` if set) when it is first
// required: in jest's global setup, whose environment every worker and spawned server inherits.
// Tests never read the developer's .env; tests/helpers/env.ts sets what they need.
process.env.ENV_PATH = path.join(__dirname, 'tests', 'helpers', 'empty.env');

const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  testTimeout: 120000,
  maxWorkers: process.env.JEST_WORKERS ?? 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    // The plugin's unit tests, beside the plugin (also `npm test -w plugins/privacy-guard`).
    '<rootDir>/plugins/privacy-guard/jest.config.js',
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/security/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      setupFiles: ['<rootDir>/tests/helpers/env.ts'],
    },
    {
      displayName: 'cluster',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      setupFiles: ['<rootDir>/tests/helpers/env.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/e2e-setup.ts',
      setupFiles: ['<rootDir>/tests/helpers/env.ts'],
    },
  ],
};
