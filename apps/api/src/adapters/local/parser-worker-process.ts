import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Enough of the parser's stderr to explain a crash in a stop reason, not a whole traceback flood. */
export const STDERR_TAIL_CHARS = 2_000;

/** One job as the parser's worker mode reads it (apps/parser-py/src/invoice_parser/worker.py). */
export interface WorkerRequest {
  jobId: string;
  attempt: number;
  input: string;
  output: string;
  errorOutput: string;
}

/** The worker's answer line for one job. */
export interface WorkerAnswer {
  jobId: string | null;
  attempt: number | null;
  /** unrecorded: nothing was written (the store failed); the job is to be tried again, not taken as a document error. */
  outcome: 'parsed' | 'failed' | 'unrecorded';
  code: string | null;
}

export interface ParserWorkerProcessOptions {
  /** The parser's argv without a subcommand; `worker` is appended. */
  command: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onAnswer(answer: WorkerAnswer): void;
  /** Once, when the process is gone: how it ended, with the end of its stderr. */
  onExit(how: string): void;
  /** Each whole line the worker writes on stderr: its JSON log (invoice_parser/json_log.py), with job id and attempt. */
  onLog?(line: string): void;
}

/**
 * One long-lived `invoice_parser worker` process: requests as JSON lines on its stdin, answers as JSON lines on
 * its stdout, stderr kept as a tail for the stop reason of a crash. It knows nothing of queues or leases.
 */
export class ParserWorkerProcess {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;

  constructor(private readonly options: ParserWorkerProcessOptions) {
    const [executable, ...prefix] = options.command as [string, ...string[]];
    // No shell: the argv goes to the executable verbatim; file names travel in JSON on stdin, never as arguments.
    this.child = spawn(executable, [...prefix, 'worker'], {
      shell: false,
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    if (options.onLog) createInterface({ input: this.child.stderr! }).on('line', (line) => options.onLog?.(line));
    // A write to a worker that just died fails with EPIPE; its exit is what reports the failure.
    this.child.stdin?.on('error', () => undefined);
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.answer(line));
    this.child.once('error', (error) => this.exit(`could not start the parser: ${error.message}`));
    this.child.once('close', (code, signal) => {
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const tail = this.stderrTail.trim();
      this.exit(tail && code !== 0 ? `${how}: ${lastLines(tail)}` : how);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  send(request: WorkerRequest): void {
    // Each job's stop reason quotes that job's stderr only.
    this.stderrTail = '';
    this.child.stdin?.write(`${JSON.stringify(request)}\n`);
  }

  /** EOF on stdin: the worker finishes the job in hand, if any, and exits 0. */
  retire(): void {
    this.child.stdin?.end();
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Resident memory in bytes from /proc/<pid>/status (VmRSS); null where /proc is not there. */
  residentBytes(): number | null {
    if (this.pid === undefined || this.exited) return null;
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  /** Resolves once the process is gone. */
  exitedPromise(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => this.child.once('close', () => resolve()));
  }

  private answer(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    if (!isAnswer(parsed)) {
      this.stderrTail = (this.stderrTail + `\nunreadable answer on stdout: ${line.slice(0, 200)}`).slice(-STDERR_TAIL_CHARS);
      this.kill();
      return;
    }
    this.options.onAnswer(parsed);
  }

  private exit(how: string): void {
    if (this.exited) return;
    this.exited = true;
    this.options.onExit(how);
  }
}

function isAnswer(value: unknown): value is WorkerAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  return answer.outcome === 'parsed' || answer.outcome === 'failed' || answer.outcome === 'unrecorded';
}

export function lastLines(text: string, count = 3): string {
  return text.split('\n').slice(-count).join(' | ');
}
