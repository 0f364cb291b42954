/**
 * Stable codes for every refusal and failure a data source reports. Hosts
 * and elements branch on `code`; `message` is for people.
 */
export type DataSourceErrorCode =
  // refusals of a request (nothing changed)
  | 'invalid-query'
  | 'invalid-amount'
  | 'insufficient-credits'
  | 'unknown-workspace'
  | 'unknown-member'
  | 'same-workspace'
  | 'shared-pool-mode'
  | 'primary-undeletable'
  | 'invalid-limit'
  | 'invalid-mode'
  | 'idempotency-conflict'
  | 'not-supported'
  | 'forbidden'
  // bad data: input given to an adapter, or an answer from a backend
  | 'invalid-input'
  | 'invalid-response'
  // transport
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'rate-limited'
  | 'server';

export interface DataSourceErrorOptions {
  /** The field path the error is about, e.g. `rows[3].credits`. */
  field?: string;
  /** The request it happened on, e.g. `GET /usage`. */
  endpoint?: string;
  /** HTTP status, for the REST adapter. */
  status?: number;
  /** Whether trying the same call again may succeed. */
  retryable?: boolean;
  cause?: unknown;
}

/** The one error type every adapter rejects with. */
export class DataSourceError extends Error {
  override readonly name = 'DataSourceError';
  readonly code: DataSourceErrorCode;
  readonly field?: string;
  readonly endpoint?: string;
  readonly status?: number;
  readonly retryable: boolean;

  constructor(code: DataSourceErrorCode, message: string, options: DataSourceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.retryable =
      options.retryable ?? ['network', 'timeout', 'server', 'rate-limited'].includes(code);
  }

  /** Plain JSON form, as the REST contract sends errors. */
  toJSON(): { code: DataSourceErrorCode; message: string; field?: string } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** True for a `DataSourceError`, including one from another copy of the library. */
export function isDataSourceError(error: unknown): error is DataSourceError {
  return (
    error instanceof DataSourceError ||
    (typeof error === 'object' && error !== null && (error as Error).name === 'DataSourceError' && 'code' in error)
  );
}

/** Rejects with an `aborted` error when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

/** The `aborted` error for a signal that has fired (internal: not re-exported by the entry point). */
export function abortedError(signal: AbortSignal): DataSourceError {
  return new DataSourceError('aborted', 'The request was aborted.', { cause: signal.reason });
}

/** The message to show for anything a call rejected with: an error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  return isDataSourceError(error) || error instanceof Error ? error.message : String(error);
}
