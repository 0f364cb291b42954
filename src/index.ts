/**
 * `credit-usage-elements`: the data contract, the built-in adapters and the
 * pure logic the panels use. Importing it has no side effects yet beyond
 * what its modules declare.
 */
export * from './data/index.js';
export * from './core/index.js';
