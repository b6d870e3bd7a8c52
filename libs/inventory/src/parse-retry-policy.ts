import { isDomainError } from './errors';

/**
 * How often and when a parse is tried again, and how long a parse may take in all. One settings object,
 * built from config (PARSE_MAX_ATTEMPTS, PARSE_DEADLINE_SECONDS) over these defaults; reconcile-job and
 * start-parse read nothing else.
 */
export interface ParseRetryPolicy {
  /** Attempts one parse request may use, the first included, before it is abandoned (PARSE_ABANDONED). */
  maxAttempts: number;
  /** Backoff before retry k is drawn from [0, min(cap, base * 2^(k-1))): "full jitter". */
  backoffBaseMs: number;
  backoffCapMs: number;
  /**
   * A parse still queued or running this long after it was requested (the first attempt of the request, not
   * the latest retry) fails with PARSE_TIMEOUT, even while a run is still going.
   */
  deadlineMs: number;
  /** A number in [0, 1); injectable so that tests draw a known backoff. */
  random: () => number;
}

export const MAX_PARSE_ATTEMPTS = 3;
export const PARSE_BACKOFF_BASE_MS = 2_000;
export const PARSE_BACKOFF_CAP_MS = 60_000;
/** Well above the parser's own per-document limit (PARSE_TIMEOUT_SECONDS, 120 s) times the attempts. */
export const PARSE_DEADLINE_SECONDS = 15 * 60;

export const DEFAULT_PARSE_RETRY_POLICY: ParseRetryPolicy = {
  maxAttempts: MAX_PARSE_ATTEMPTS,
  backoffBaseMs: PARSE_BACKOFF_BASE_MS,
  backoffCapMs: PARSE_BACKOFF_CAP_MS,
  deadlineMs: PARSE_DEADLINE_SECONDS * 1000,
  random: Math.random,
};

export function parseRetryPolicy(overrides: Partial<ParseRetryPolicy> = {}): ParseRetryPolicy {
  return { ...DEFAULT_PARSE_RETRY_POLICY, ...overrides };
}

/**
 * The wait before retry number `retry` (1 for the second attempt). Full jitter spreads a burst of retries
 * after one outage over the whole window instead of sending them back together.
 */
export function backoffMs(policy: ParseRetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * A start the runner refused for a passing reason (the ECS adapter's capacity, throttling and RESOURCE:*
 * answers): tried again like a run stopped by the infrastructure. Anything else thrown by a start fails the job.
 */
export function isRetryableStartError(error: unknown): boolean {
  return isDomainError(error, 'PARSER_START_REFUSED');
}
