import type { ParserRunner, ParserRunRequest, ParserRunStatus } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { runStatusOf, type SqliteParseQueue } from './sqlite-parse-queue';
import type { WarmWorkerPool } from './warm-worker-pool';

const RESTARTED: ParserRunStatus = { state: 'STOPPED', stopReason: 'runner restarted' };

/**
 * The local ParserRunner over the durable queue: start() enqueues a message and wakes the warm pool, describe()
 * reads the message's row (queued PENDING, claimed RUNNING, done STOPPED with the worker's outcome). Runs
 * survive a restart of the server: a new pool on the same DATA_DIR takes queued messages and, once their
 * leases run out, those the old pool held. A run id the queue does not know (from before the queue existed,
 * or pruned) reads as STOPPED "runner restarted", as with the subprocess runner.
 */
export class QueuedParserRunner implements ParserRunner {
  constructor(private readonly queue: SqliteParseQueue, private readonly pool: WarmWorkerPool) {}

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    const runId = `local-${randomUUID()}`;
    this.queue.enqueue({ ...request, runId });
    this.pool.wake();
    return { runId };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    const entry = this.queue.find(runId);
    return entry ? runStatusOf(entry) : RESTARTED;
  }

  /** Stops the workers; runs in hand go back to the queue for the next start. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
