import { errorCatalog, type ErrorCode } from '@invoice/contracts';

/**
 * A failure with a stable code from libs/contracts/error-codes.json. The code, not the class, is what
 * crosses process and language boundaries, so every expected failure in the domain and its adapters is one.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** The store's or library's own error, kept for the log (never sent to the client). */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The HTTP status the catalogue assigns to this code. */
  get httpStatus(): number {
    return errorCatalog[this.code].httpStatus;
  }
}

export function isDomainError(value: unknown, code?: ErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}

export function jobNotFound(jobId: string): DomainError {
  return new DomainError('JOB_NOT_FOUND', `No job has the id ${jobId}.`, { jobId });
}

/** `cause`: the store's refusal behind it (e.g. DynamoDB's cancelled transaction), kept for the log. */
export function concurrentUpdate(jobId: string, expectedVersion: number, cause?: unknown): DomainError {
  return new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} changed since version ${expectedVersion}.`, { jobId, expectedVersion }, { cause });
}
