import type { ErrorCode } from '@invoice/contracts';

export interface ParserRunRequest {
  jobId: string;
  attempt: number;
  inputUri: string;
  outputUri: string;
  errorOutputUri: string;
}

/** ECS task states folded to three: PENDING (queued or provisioning), RUNNING, STOPPED. */
export type ParserRunState = 'PENDING' | 'RUNNING' | 'STOPPED';

export interface ParserRunStatus {
  state: ParserRunState;
  /** Why the run stopped (ECS stoppedReason, exit code or signal), when it did. */
  stopReason?: string;
  /** A catalogued code for a known cause of stopping, e.g. TIMEOUT; PARSER_CRASHED is assumed otherwise. */
  stopCode?: ErrorCode;
  /**
   * The run stopped for a reason outside the document (a worker or task killed by a signal or an
   * infrastructure event, a lease that expired, ECS capacity, a container that could not be pulled), so a
   * new attempt may well succeed. Only the adapter can tell, from its vendor's reasons; whether and when to
   * retry is the domain's rule (reconcile-job). Absent means not retryable: a document error never is.
   */
  retryable?: boolean;
}

/**
 * Starts the parser out of band (ECS RunTask, or a local subprocess) and answers what a run is doing.
 * The runner never changes job state: reconciliation reads the outputs and the run state on poll.
 */
export interface ParserRunner {
  start(request: ParserRunRequest): Promise<{ runId: string }>;
  /** An unknown run id (e.g. after a restart of a local runner) reads as STOPPED with a reason. */
  describe(runId: string): Promise<ParserRunStatus>;
}
