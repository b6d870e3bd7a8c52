import type { ErrorResponse } from '@invoice/contracts';

/** An API failure with the stable code the server sent (or a client-side one such as NETWORK_UNREACHABLE). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the browser itself produces, for failures that never reached the server's error middleware. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_UNREACHABLE',
  badConfig: 'CONFIG_INVALID',
} as const;

export function isErrorResponse(body: unknown): body is ErrorResponse {
  const error = (body as ErrorResponse | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** An ApiError from a parsed body: the server's own code and words when it sent the contract envelope. */
export function errorFromBody(body: unknown, status: number, statusText = ''): ApiError {
  if (isErrorResponse(body)) {
    return new ApiError(body.error.code, body.error.message, status, body.error.details as Record<string, unknown> | undefined);
  }
  return new ApiError(`HTTP_${status}`, `The server answered ${status} ${statusText}`.trim() + '.', status);
}

/** Turns any non-2xx answer into an ApiError, keeping the server's code and words when it sent them. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  return errorFromBody(body, response.status, response.statusText);
}
