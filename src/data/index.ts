/**
 * `credit-usage-elements/data`: the contract and the built-in adapters.
 * No DOM, no elements, no msw — this entry point runs in Node too.
 */
export * from './types.js';
export { DataSourceError, isDataSourceError, throwIfAborted, type DataSourceErrorCode, type DataSourceErrorOptions } from './errors.js';
export { MemoryDataSource, type MemoryDataSourceOptions } from './memory.js';
export { RestDataSource, ERROR_STATUS, type RestDataSourceOptions, type RestErrorBody, type TokenProvider } from './rest.js';
export { generateDemoData, demoAccount, seededRandom, type DemoDataOptions } from './demo-data.js';
export {
  validateAccount,
  validateAllocation,
  validateMemberPage,
  validateMemberQuery,
  validateUsageQuery,
  validateUsageResult,
  type ValidationContext,
} from './validate.js';
