import { isErrorCode, type ErrorCode } from '@invoice/contracts';
import type { ParserRunRequest, ParserRunStatus } from '@invoice/inventory';
import type { SqliteDatabase } from './sqlite-database';

/** A worker holds a claimed message this long unless it extends the lease; the pool extends it while a job runs. */
export const DEFAULT_LEASE_MS = 30_000;
/**
 * A message delivered this many times without an answer (each time its worker died or its lease ran out) is
 * not delivered again: it stops with ABANDONED_STOP_CODE, so a document that kills its worker cannot loop.
 */
export const MAX_RECEIVES = 3;
/** Finished rows are kept this long for reconciliation; an older run id reads like a restart, and outputs decide. */
export const DONE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** PARSE_ABANDONED once the error catalogue has it (issue 16's DLQ code), PARSER_CRASHED until then. */
export const ABANDONED_STOP_CODE: ErrorCode = isErrorCode('PARSE_ABANDONED') ? 'PARSE_ABANDONED' : 'PARSER_CRASHED';

export type QueueState = 'queued' | 'claimed' | 'done';

export interface QueueMessage extends ParserRunRequest {
  runId: string;
}

export interface ClaimedMessage extends QueueMessage {
  workerId: string;
  /** Epoch milliseconds. */
  leaseUntil: number;
  /** Deliveries so far, this one included. */
  receiveCount: number;
}

export interface QueueEntry {
  state: QueueState;
  /** Set once done: why the run stopped, and its catalogued code when there is one. */
  stop?: { reason: string; code?: ErrorCode };
  receiveCount: number;
}

export interface SqliteParseQueueOptions {
  /** Epoch milliseconds; tests move time by hand instead of waiting for leases. */
  now?: () => number;
  maxReceives?: number;
}

interface Row {
  run_id: string;
  job_id: string;
  attempt: number;
  input_uri: string;
  output_uri: string;
  error_output_uri: string;
  state: QueueState;
  worker_id: string | null;
  lease_until: number | null;
  receive_count: number;
  stop_reason: string | null;
  stop_code: string | null;
}

/**
 * A durable queue of parser runs in the local database, the embedded stand-in for SQS. A claim is one UPDATE …
 * RETURNING on the oldest claimable row (queued, or claimed under a lease that has run out), and SQLite runs
 * one write at a time, so two claimers, even in two processes, never get the same message. better-sqlite3 is
 * synchronous, so each method is one statement or one IMMEDIATE transaction.
 */
export class SqliteParseQueue {
  private readonly now: () => number;
  private readonly maxReceives: number;

  constructor(private readonly db: SqliteDatabase, options: SqliteParseQueueOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxReceives = options.maxReceives ?? MAX_RECEIVES;
  }

  enqueue(message: QueueMessage): void {
    this.db
      .prepare(
        `INSERT INTO parse_queue (run_id, job_id, attempt, input_uri, output_uri, error_output_uri, state, enqueued_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      )
      .run(message.runId, message.jobId, message.attempt, message.inputUri, message.outputUri, message.errorOutputUri, this.now());
  }

  /** The oldest claimable message, now leased to workerId for leaseMs; null when there is none. */
  claim(workerId: string, leaseMs: number = DEFAULT_LEASE_MS): ClaimedMessage | null {
    const now = this.now();
    return this.db.transaction((): ClaimedMessage | null => {
      this.abandonExhausted(now);
      const row = this.db
        .prepare<[string, number, number], Row>(
          `UPDATE parse_queue
              SET state = 'claimed', worker_id = ?, lease_until = ?, receive_count = receive_count + 1
            WHERE seq = (SELECT seq FROM parse_queue
                          WHERE state = 'queued' OR (state = 'claimed' AND lease_until <= ?)
                          ORDER BY seq LIMIT 1)
          RETURNING *`,
        )
        .get(workerId, now + leaseMs, now);
      return row ? claimed(row) : null;
    }).immediate();
  }

  /** Pushes the lease out to now + leaseMs; false when workerId no longer holds the message (its lease was taken). */
  extendLease(runId: string, workerId: string, leaseMs: number = DEFAULT_LEASE_MS): boolean {
    return this.db
      .prepare(`UPDATE parse_queue SET lease_until = ? WHERE run_id = ? AND worker_id = ? AND state = 'claimed'`)
      .run(this.now() + leaseMs, runId, workerId).changes === 1;
  }

  /** Records the run's end; false when workerId no longer holds the message (another delivery answers for it). */
  complete(runId: string, workerId: string, stop: { reason: string; code?: ErrorCode }): boolean {
    const now = this.now();
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE parse_queue SET state = 'done', stop_reason = ?, stop_code = ?, finished_at = ?, lease_until = NULL
            WHERE run_id = ? AND worker_id = ? AND state = 'claimed'`,
        )
        .run(stop.reason, stop.code ?? null, now, runId, workerId).changes === 1;
      this.db.prepare(`DELETE FROM parse_queue WHERE state = 'done' AND finished_at < ?`).run(now - DONE_RETENTION_MS);
      return changed;
    }).immediate();
  }

  /**
   * Gives the message back untouched (a worker shutting down cleanly before it parsed): queued again at once,
   * and the delivery does not count towards MAX_RECEIVES.
   */
  release(runId: string, workerId: string): boolean {
    return this.db
      .prepare(
        `UPDATE parse_queue SET state = 'queued', worker_id = NULL, lease_until = NULL, receive_count = MAX(receive_count - 1, 0)
          WHERE run_id = ? AND worker_id = ? AND state = 'claimed'`,
      )
      .run(runId, workerId).changes === 1;
  }

  /**
   * The worker died holding the message: its lease ends now (no holder is left to extend it) and the reason is
   * kept for the stop reason should the message be abandoned. The delivery counts; the message is not failed.
   */
  dropLease(runId: string, workerId: string, failure: string): boolean {
    return this.db
      .prepare(`UPDATE parse_queue SET lease_until = ?, last_failure = ? WHERE run_id = ? AND worker_id = ? AND state = 'claimed'`)
      .run(this.now(), failure, runId, workerId).changes === 1;
  }

  find(runId: string): QueueEntry | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM parse_queue WHERE run_id = ?').get(runId);
    if (!row) return null;
    const stop = row.state === 'done' ? { reason: row.stop_reason ?? 'stopped', ...(isErrorCode(row.stop_code) ? { code: row.stop_code } : {}) } : undefined;
    return { state: row.state, receiveCount: row.receive_count, ...(stop ? { stop } : {}) };
  }

  /** Messages per state, for the pool's idle check and the benchmark's "nothing stuck". */
  counts(): Record<QueueState, number> {
    const rows = this.db.prepare<[], { state: QueueState; n: number }>('SELECT state, COUNT(*) AS n FROM parse_queue GROUP BY state').all();
    const counts: Record<QueueState, number> = { queued: 0, claimed: 0, done: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** Claimable messages delivered MAX_RECEIVES times already end here rather than going round again. */
  private abandonExhausted(now: number): void {
    this.db
      .prepare(
        `UPDATE parse_queue
            SET state = 'done', finished_at = ?, lease_until = NULL, stop_code = ?,
                stop_reason = 'abandoned after ' || receive_count || ' deliveries without an answer; last: '
                              || COALESCE(last_failure, 'the lease ran out')
          WHERE (state = 'queued' OR (state = 'claimed' AND lease_until <= ?)) AND receive_count >= ?`,
      )
      .run(now, ABANDONED_STOP_CODE, now, this.maxReceives);
  }
}

function claimed(row: Row): ClaimedMessage {
  return {
    runId: row.run_id,
    jobId: row.job_id,
    attempt: row.attempt,
    inputUri: row.input_uri,
    outputUri: row.output_uri,
    errorOutputUri: row.error_output_uri,
    workerId: row.worker_id as string,
    leaseUntil: row.lease_until as number,
    receiveCount: row.receive_count,
  };
}

/** How a queue entry reads through the ParserRunner port. */
export function runStatusOf(entry: QueueEntry): ParserRunStatus {
  if (entry.state === 'queued') return { state: 'PENDING' };
  if (entry.state === 'claimed') return { state: 'RUNNING' };
  return { state: 'STOPPED', stopReason: entry.stop?.reason ?? 'stopped', ...(entry.stop?.code ? { stopCode: entry.stop.code } : {}) };
}
