import { randomUUID } from 'node:crypto';
import { ParserWorkerProcess, type WorkerAnswer } from './parser-worker-process';
import { DEFAULT_LEASE_MS, type ClaimedMessage, type SqliteParseQueue } from './sqlite-parse-queue';

/**
 * A worker whose resident memory is above this after a job is replaced. One document is bounded by the parser's
 * own RLIMIT_AS (1 GiB address space by default); this bounds what stays behind between documents.
 */
export const MAX_WORKER_RSS_BYTES = 512 * 1024 * 1024;
/** An idle worker looks at the queue this often, for messages whose lease ran out; new messages wake it at once. */
export const IDLE_POLL_MS = 250;
/** The lease is extended this many times per lease length while a job runs, so one late tick never loses it. */
const EXTENSIONS_PER_LEASE = 3;
/** A slot waits this long before starting a worker again after one died without taking a job. */
const RESPAWN_DELAY_MS = 1_000;

export interface WarmWorkerPoolOptions {
  queue: SqliteParseQueue;
  /** The parser's argv, the same one the subprocess runner uses; `worker` is appended. */
  command: readonly string[];
  workers: number;
  /** A job running longer is stopped with TIMEOUT and its worker killed and replaced. */
  timeoutSeconds: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  leaseMs?: number;
  /** A worker is replaced after this many jobs (PARSER_WORKER_MAX_JOBS), so slow growth never accumulates for long. */
  maxJobsPerWorker: number;
  maxResidentBytes?: number;
  /** Where the pool reports crashes and recycling; stderr of this process by default. */
  log?: (line: string) => void;
}

interface Job {
  message: ClaimedMessage;
  extender: NodeJS.Timeout;
  deadline: NodeJS.Timeout;
  timedOut: boolean;
}

/**
 * One place in the pool: at most one worker process and one job at a time. The slot claims from the queue,
 * starts a process when it has none, extends the job's lease while the job runs, and replaces the process
 * when it has done enough jobs, grown too big, run past the time limit or died.
 */
class WorkerSlot {
  private process: ParserWorkerProcess | null = null;
  private generation = 0;
  private jobsDone = 0;
  private job: Job | null = null;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;
  private lastDeathIdle = 0;

  constructor(private readonly pool: WarmWorkerPool, private readonly name: string) {}

  get workerId(): string {
    return `${this.name}.${this.generation}`;
  }

  get busy(): { pid: number | undefined; runId: string } | null {
    return this.job ? { pid: this.process?.pid, runId: this.job.message.runId } : null;
  }

  start(): void {
    this.ensureProcess();
    this.schedulePoll();
  }

  /** Takes the next message if idle; called on enqueue and on every idle tick. */
  wake(): void {
    if (this.closed || this.job) return;
    const options = this.pool.options;
    const message = this.pool.onQueue('claim a message', null, () => options.queue.claim(this.nextWorkerId(), this.pool.leaseMs));
    if (!message) return;
    const process = this.ensureProcess();
    const leaseMs = this.pool.leaseMs;
    const job: Job = {
      message,
      timedOut: false,
      extender: setInterval(() => {
        const held = this.pool.onQueue(`extend the lease of ${message.runId}`, true, () => options.queue.extendLease(message.runId, message.workerId, leaseMs));
        if (!held) this.pool.log(`parser run ${message.runId}: lease lost to another worker; its answer will be ignored`);
      }, Math.max(1, Math.floor(leaseMs / EXTENSIONS_PER_LEASE))),
      deadline: setTimeout(() => this.timeOut(), options.timeoutSeconds * 1000),
    };
    job.extender.unref();
    job.deadline.unref();
    this.job = job;
    process.send({ jobId: message.jobId, attempt: message.attempt, input: message.inputUri, output: message.outputUri, errorOutput: message.errorOutputUri });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    const process = this.process;
    const job = this.finishJob();
    // A job cut short by shutdown goes back to the queue as it was; the next start of the server parses it.
    if (job && !job.timedOut) this.pool.onQueue(`release ${job.message.runId}`, undefined, () => this.pool.options.queue.release(job.message.runId, job.message.workerId));
    if (!process) return;
    if (job) process.kill();
    else process.retire();
    const exited = process.exitedPromise();
    const killer = setTimeout(() => process.kill(), RESPAWN_DELAY_MS);
    await exited;
    clearTimeout(killer);
  }

  /** Every process claims under its own id, so a successor never answers for a message its predecessor held. */
  private nextWorkerId(): string {
    return this.process?.alive ? this.workerId : `${this.name}.${this.generation + 1}`;
  }

  private ensureProcess(): ParserWorkerProcess {
    if (this.process?.alive) return this.process;
    this.jobsDone = 0;
    this.generation += 1;
    const process = new ParserWorkerProcess({
      command: this.pool.options.command,
      cwd: this.pool.options.cwd,
      env: this.pool.options.env,
      onAnswer: (answer) => this.answered(process, answer),
      onExit: (how) => this.died(process, how),
      // The parser's own JSON lines (one per job at least) join the server's log.
      onLog: (line) => this.pool.log(line),
    });
    this.process = process;
    return process;
  }

  private answered(process: ParserWorkerProcess, answer: WorkerAnswer): void {
    const job = this.job;
    if (process !== this.process || !job) return;
    const { message } = job;
    if (answer.jobId !== message.jobId || answer.attempt !== message.attempt) {
      this.pool.log(`parser worker ${process.pid} answered for ${answer.jobId}/${answer.attempt} while parsing ${message.jobId}/${message.attempt}; replacing it`);
      process.kill();
      return;
    }
    this.finishJob();
    if (answer.outcome === 'unrecorded') {
      // Nothing was written: delivered again, as for a worker that died, so the delivery count still bounds it.
      const how = 'the parser could not record an outcome';
      this.pool.onQueue(`drop the lease of ${message.runId}`, undefined, () => this.pool.options.queue.dropLease(message.runId, message.workerId, how));
    } else {
      const reason = answer.outcome === 'parsed' ? 'parsed' : `answered failed ${answer.code ?? 'without a code'}`;
      this.pool.onQueue(`complete ${message.runId}`, undefined, () => this.pool.options.queue.complete(message.runId, message.workerId, { reason }));
    }
    this.jobsDone += 1;
    this.recycleIfWorn(process);
    this.wake();
  }

  private recycleIfWorn(process: ParserWorkerProcess): void {
    const { maxJobsPerWorker, maxResidentBytes } = this.pool;
    const resident = process.residentBytes();
    const worn = this.jobsDone >= maxJobsPerWorker ? `after ${this.jobsDone} jobs` : resident !== null && resident > maxResidentBytes ? `at ${Math.round(resident / 2 ** 20)} MiB resident` : null;
    if (!worn) return;
    process.retire();
    this.process = null;
    this.pool.recycled += 1;
    // Warm the successor now rather than at the next job's expense.
    if (!this.closed) this.ensureProcess();
  }

  private timeOut(): void {
    const job = this.job;
    if (!job) return;
    job.timedOut = true;
    const seconds = this.pool.options.timeoutSeconds;
    this.pool.onQueue(`complete ${job.message.runId}`, undefined, () =>
      this.pool.options.queue.complete(job.message.runId, job.message.workerId, { reason: `killed after the ${seconds}s time limit`, code: 'TIMEOUT' }),
    );
    this.process?.kill();
  }

  private died(process: ParserWorkerProcess, how: string): void {
    if (process !== this.process) return;
    this.process = null;
    const job = this.finishJob();
    if (job && !job.timedOut) {
      // Only the lease is lost: the message goes to the next claimer, and the receive count bounds a poison document.
      const { message } = job;
      this.pool.onQueue(`drop the lease of ${message.runId}`, undefined, () => this.pool.options.queue.dropLease(message.runId, message.workerId, how));
      this.pool.log(`parser worker ${process.pid} died parsing run ${message.runId} (job ${message.jobId}, attempt ${message.attempt}, delivery ${message.receiveCount}): ${how}`);
    }
    if (this.closed) return;
    if (job) {
      this.ensureProcess();
      this.wake();
      return;
    }
    // Died idle (e.g. a broken installation): start again later, and only once a job needs it.
    this.lastDeathIdle = Date.now();
    this.pool.log(`parser worker ${process.pid} exited while idle: ${how}`);
  }

  private finishJob(): Job | null {
    const job = this.job;
    if (!job) return null;
    clearInterval(job.extender);
    clearTimeout(job.deadline);
    this.job = null;
    return job;
  }

  private schedulePoll(): void {
    this.poll = setInterval(() => {
      if (Date.now() - this.lastDeathIdle < RESPAWN_DELAY_MS) return;
      this.wake();
    }, IDLE_POLL_MS);
    this.poll.unref();
  }
}

/**
 * PARSER_WORKERS long-lived parser processes fed from the durable SQLite queue, the local stand-in for an ECS
 * service reading SQS. Worker ids are unique per pool and process, so after a restart a new pool never answers
 * for a message an old process held: it gets it again once the old lease runs out.
 */
export class WarmWorkerPool {
  readonly leaseMs: number;
  readonly maxJobsPerWorker: number;
  readonly maxResidentBytes: number;
  /** Workers replaced for age or size so far (for tests and the benchmark). */
  recycled = 0;
  private readonly slots: WorkerSlot[];

  constructor(readonly options: WarmWorkerPoolOptions) {
    if (options.command.length === 0) throw new Error('The parser command is empty');
    if (options.workers < 1) throw new Error('A warm worker pool needs at least one worker');
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxJobsPerWorker = options.maxJobsPerWorker;
    this.maxResidentBytes = options.maxResidentBytes ?? MAX_WORKER_RSS_BYTES;
    const poolId = randomUUID().slice(0, 8);
    this.slots = Array.from({ length: options.workers }, (_, index) => new WorkerSlot(this, `pool-${poolId}-${index}`));
  }

  start(): this {
    for (const slot of this.slots) slot.start();
    return this;
  }

  /** A message was enqueued: an idle worker takes it now rather than at its next tick. */
  wake(): void {
    for (const slot of this.slots) slot.wake();
  }

  /** Workers with a job in hand: their process ids and runs (fault-injection tests kill them). */
  busyWorkers(): { pid: number | undefined; runId: string }[] {
    return this.slots.flatMap((slot) => (slot.busy ? [slot.busy] : []));
  }

  /** Stops every worker; jobs in hand go back to the queue for the next start. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.close()));
  }

  log(line: string): void {
    (this.options.log ?? ((text: string) => process.stderr.write(`${text}\n`)))(line);
  }

  /**
   * A queue call made from a timer or a worker's event, where a throw would end the server: a database
   * locked past its busy timeout (SQLITE_BUSY) is logged and answered with `fallback`. Nothing is lost by
   * it: a claim not made is made at the next tick, and a lease not extended, dropped or completed runs out,
   * so the message is delivered again, and the parser keeps the output an earlier run of the attempt wrote.
   */
  onQueue<T>(what: string, fallback: T, call: () => T): T {
    try {
      return call();
    } catch (error) {
      this.log(`parse queue: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  }
}
