/** The plugin's own tests: unit tests with a small fake `strapi`, nothing booted (`npm test -w plugins/privacy-guard`). */
module.exports = {
  displayName: 'privacy-guard',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/server/tests/**/*.test.ts'],
};
