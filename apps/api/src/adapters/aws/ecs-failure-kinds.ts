import type { Task } from '@aws-sdk/client-ecs';

/**
 * Which of ECS's reasons for a start refused or a task stopped lie outside the document, so that a new
 * attempt may succeed (issue 16): the adapter's knowledge of its vendor's words, kept in one place; whether
 * and when to retry is the domain's rule (libs/inventory/src/parse-retry-policy.ts).
 * Sources: the ECS API reference (RunTask `failures[].reason`: RESOURCE:*, AGENT; Task `stopCode`), and
 * "Amazon ECS stopped tasks error messages" in the ECS developer guide (CannotPullContainerError,
 * ResourceInitializationError).
 */

/** RunTask's `failures[].reason` (and Fargate's "Capacity is unavailable") for a cluster that cannot run the task now. */
const CAPACITY_REASONS = [/^RESOURCE:/, /^AGENT$/, /capacity is unavailable/i];
/** SDK error names of a start refused for load or a passing fault, not for a wrong request. */
const TRANSIENT_ERROR_NAMES = new Set(['ThrottlingException', 'ServerException', 'ServiceUnavailableException', 'LimitExceededException']);
/** Task stop codes AWS sets when the capacity under a task went away. */
const INFRASTRUCTURE_STOP_CODES = new Set(['SpotInterruption', 'TerminationNotice', 'TaskFailedToStart']);
/** Stopped-task messages of a container that never ran the parser, or lost its host. */
const INFRASTRUCTURE_STOP_REASONS = [
  /CannotPullContainerError/,
  /ResourceInitializationError/,
  /Host EC2 .* (terminated|stopped)/i,
  /Timeout waiting for network interface/i,
];

/** Whether RunTask refused for capacity or load: an answer's failure reason, or the error it threw. */
export function isTransientStartFailure(failure: { reason?: string; errorName?: string }): boolean {
  if (failure.errorName !== undefined && TRANSIENT_ERROR_NAMES.has(failure.errorName)) return true;
  return failure.reason !== undefined && CAPACITY_REASONS.some((pattern) => pattern.test(failure.reason as string));
}

/**
 * Whether a stopped task stopped for its infrastructure: Spot or host loss, or a container that could not be
 * pulled or wired. A parser that exited, or was killed for memory (OutOfMemoryError), stopped for its document.
 */
export function stoppedForInfrastructure(task: Pick<Task, 'stopCode' | 'stoppedReason' | 'containers'>): boolean {
  if (task.containers?.some((container) => /OutOfMemory/i.test(container.reason ?? ''))) return false;
  if (task.stopCode !== undefined && INFRASTRUCTURE_STOP_CODES.has(task.stopCode)) return true;
  const reasons = [task.stoppedReason ?? '', ...(task.containers ?? []).map((container) => container.reason ?? '')];
  return reasons.some((reason) => INFRASTRUCTURE_STOP_REASONS.some((pattern) => pattern.test(reason)));
}
