import type { ParserRunner, ParserRunRequest, ParserRunStatus } from '@invoice/inventory';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export interface SubprocessParserRunnerOptions {
  /** argv of the parser without the `run …` arguments, e.g. [".venv/bin/python", "-m", "invoice_parser"]. */
  command: readonly string[];
  concurrency: number;
  timeoutSeconds: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the parser's stderr goes (tail kept per run); stderr of this process by default. */
  log?: (line: string) => void;
}

interface Run {
  request: ParserRunRequest;
  status: ParserRunStatus;
  child?: ChildProcess;
  timer?: NodeJS.Timeout;
  stderrTail: string;
}

/** Enough of the parser's stderr to explain a crash in a stop reason, not a whole traceback flood. */
const STDERR_TAIL_CHARS = 2_000;
/** After SIGTERM on timeout the parser gets this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** Finished runs remembered for reconciliation; older ones read like a restart, and outputs still decide. */
const MAX_REMEMBERED_RUNS = 10_000;
const RESTARTED: ParserRunStatus = { state: 'STOPPED', stopReason: 'runner restarted' };

/**
 * Runs the Python parser as a child process, the local stand-in for ECS RunTask/DescribeTasks. At most
 * `concurrency` parsers run at once; the rest wait in a FIFO queue and read as PENDING. Each run has a
 * wall-clock limit. The run table lives in memory, so after a restart every old run id reads as STOPPED
 * ("runner restarted") and reconciliation falls back to whatever outputs the run left behind.
 */
export class SubprocessParserRunner implements ParserRunner {
  private readonly runs = new Map<string, Run>();
  private readonly queue: string[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly options: SubprocessParserRunnerOptions) {
    if (options.command.length === 0) throw new Error('The parser command is empty');
  }

  async start(request: ParserRunRequest): Promise<{ runId: string }> {
    if (this.closed) throw new Error('The parser runner is shut down');
    const runId = `local-${randomUUID()}`;
    this.runs.set(runId, { request, status: { state: 'PENDING' }, stderrTail: '' });
    this.queue.push(runId);
    this.drain();
    return { runId };
  }

  async describe(runId: string): Promise<ParserRunStatus> {
    const run = this.runs.get(runId);
    return run ? { ...run.status } : RESTARTED;
  }

  /** Stops queued and running parsers, e.g. on SIGTERM; their jobs fail on the next poll after restart. */
  async close(): Promise<void> {
    this.closed = true;
    for (const runId of this.queue.splice(0)) this.stop(runId, 'runner shut down');
    const exits = [...this.runs.values()]
      .filter((run) => run.child && run.status.state === 'RUNNING')
      .map((run) => new Promise<void>((resolve) => {
        run.child?.once('close', () => resolve());
        run.child?.kill('SIGKILL');
      }));
    await Promise.all(exits);
  }

  private drain(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const runId = this.queue.shift() as string;
      this.launch(runId);
    }
  }

  private launch(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    const [executable, ...prefix] = this.options.command as [string, ...string[]];
    const args = [
      ...prefix,
      'run',
      '--input', run.request.inputUri,
      '--output', run.request.outputUri,
      '--error-output', run.request.errorOutputUri,
      '--job-id', run.request.jobId,
      '--attempt', String(run.request.attempt),
    ];
    this.running += 1;
    run.status = { state: 'RUNNING' };

    // No shell: arguments go to the executable verbatim, so no file name or URI is ever interpreted.
    const child = spawn(executable, args, {
      shell: false,
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    run.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      run.stderrTail = (run.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });

    let timedOut = false;
    run.timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, this.options.timeoutSeconds * 1000);
    run.timer.unref();

    let settled = false;
    const finish = (status: ParserRunStatus): void => {
      if (settled) return;
      settled = true;
      clearTimeout(run.timer);
      run.child = undefined;
      run.status = status;
      this.running -= 1;
      this.forgetOldRuns();
      // Exit 1 is the parser's documented answer for a refused document (its error record says why).
      if (status.stopReason && !/^exited with code [01]\b/.test(status.stopReason)) {
        this.log(`parser run ${runId} (job ${run.request.jobId}, attempt ${run.request.attempt}) ${status.stopReason}`);
      }
      this.drain();
    };

    child.once('error', (error) => finish({ state: 'STOPPED', stopReason: `could not start the parser: ${error.message}` }));
    child.once('close', (code, signal) => {
      if (timedOut) {
        finish({ state: 'STOPPED', stopReason: `killed after the ${this.options.timeoutSeconds}s time limit`, stopCode: 'TIMEOUT' });
        return;
      }
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const tail = run.stderrTail.trim();
      finish({ state: 'STOPPED', stopReason: tail && code !== 0 ? `${how}: ${lastLines(tail)}` : how });
    });
  }

  private forgetOldRuns(): void {
    // Map iteration is insertion order, so the first stopped entries are the oldest.
    for (const [runId, run] of this.runs) {
      if (this.runs.size <= MAX_REMEMBERED_RUNS) return;
      if (run.status.state === 'STOPPED') this.runs.delete(runId);
    }
  }

  private stop(runId: string, reason: string): void {
    const run = this.runs.get(runId);
    if (run) run.status = { state: 'STOPPED', stopReason: reason };
  }

  private log(line: string): void {
    (this.options.log ?? ((text: string) => process.stderr.write(`${text}\n`)))(line);
  }
}

function lastLines(text: string, count = 3): string {
  return text.split('\n').slice(-count).join(' | ');
}
