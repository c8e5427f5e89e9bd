// The few Mocha globals the tests use (@web/test-runner provides Mocha in the browser).
declare function describe(name: string, run: () => void): void;
declare function it(name: string, run: () => Promise<void> | void): void;
declare function beforeEach(run: () => Promise<void> | void): void;
declare function afterEach(run: () => Promise<void> | void): void;
