import { DomainError } from '@invoice/inventory';

/** Error names AWS services use for "too many requests" (DynamoDB, S3, ECS). */
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
]);
/** Node's codes for a connection that failed or timed out, and the SDK's own timeout. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/**
 * Whether an SDK call failed because the service did not answer usefully (throttled, 5xx, unreachable), after
 * the SDK's own retries: the request may succeed later, so the API says 503 STORAGE_UNAVAILABLE rather than 500.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const shape = error as SdkErrorShape;
  if (THROTTLING_NAMES.has(shape.name ?? '') || shape.$retryable?.throttling === true) return true;
  if ((shape.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return shape.name === 'TimeoutError' || NETWORK_CODES.has(shape.code ?? '');
}

/** Middleware for the outermost step (after the SDK's retries) of every client: see isServiceUnavailable. */
export function unavailableAsDomainError(service: string) {
  return <Input extends object, Output extends object>(next: (args: Input) => Promise<Output>) =>
    async (args: Input): Promise<Output> => {
      try {
        return await next(args);
      } catch (error) {
        if (!isServiceUnavailable(error)) throw error;
        throw new DomainError('STORAGE_UNAVAILABLE', `${service} did not answer (${(error as Error).name}); retry later.`, undefined, {
          cause: error,
        });
      }
    };
}
