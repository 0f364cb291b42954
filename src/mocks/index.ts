/**
 * `credit-usage-elements/mocks`: msw handlers that serve the REST/JSON
 * contract from any data source. Needs `msw` (an optional peer dependency).
 */
export { createMockHandlers, type MockHandlerOptions } from './handlers.js';
