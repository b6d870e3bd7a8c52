import { isServiceUnavailable } from './aws-unavailable';

/**
 * Which SendMessage failures are passing, so that a new attempt may succeed (issue 16): the adapter's
 * knowledge of its vendor's words, kept in one place as ecs-failure-kinds.ts does for ECS; whether and when
 * to retry is the domain's rule (libs/inventory/src/parse-retry-policy.ts).
 * Sources: the SQS API reference, SendMessage "Errors" (RequestThrottled, KmsThrottled; the common errors
 * ServiceUnavailable, InternalFailure, ThrottlingException). Everything else SendMessage answers names a wrong
 * request or a setup to fix (QueueDoesNotExist, AccessDenied, KmsAccessDenied, KmsDisabled, InvalidAddress,
 * InvalidMessageContents, ...) and would be refused again.
 */
const PASSING_ERROR_NAMES = new Set(['RequestThrottled', 'ThrottlingException', 'ServiceUnavailable', 'InternalFailure', 'InternalError', 'KmsThrottled']);

/** Whether a SendMessage that threw (after the SDK's own retries) was refused for load or a passing fault. */
export function isPassingSendFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Throttling flagged by the SDK, any 5xx, a timeout or a connection refused, reset or not resolved.
  return PASSING_ERROR_NAMES.has(error.name) || isServiceUnavailable(error);
}
