import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT, VENV_PYTHON } from '../../support/paths';

export interface QueueWorkerProcess {
  /** The worker's own process id (its warm parser children are its child processes). */
  pid: number;
  /** The worker's log so far (JSON lines on stderr), for a failure message. */
  log(): string;
  /** SIGTERM, as ECS stops a task; resolves with the exit code once the worker is gone. */
  stop(): Promise<number | null>;
}

const LOG_TAIL_CHARS = 8_000;
/** The worker's own drain (PARSE_DRAIN_SECONDS) plus a long poll in progress, then SIGKILL. */
const STOP_LIMIT_MS = 30_000;

/**
 * The parser ECS service's process as its image runs it (`python -m invoice_parser queue-worker`), here on
 * the project's .venv against moto: PARSE_QUEUE_URL to long-poll, S3 and SQS on moto (path-style S3, as an
 * endpoint on an IP address needs), the dummy credentials of the AWS tests.
 */
export function startQueueWorker(options: {
  queueUrl: string;
  motoEndpoint: string;
  region: string;
  env?: Record<string, string>;
  /** Each record of the worker's JSON-lines log as it is written (e.g. "job started", with the child's pid). */
  onLog?: (record: Record<string, unknown>) => void;
}): QueueWorkerProcess {
  let output = '';
  let partial = '';
  const child: ChildProcess = spawn(VENV_PYTHON, ['-m', 'invoice_parser', 'queue-worker'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PARSE_QUEUE_URL: options.queueUrl,
      AWS_ENDPOINT_URL: options.motoEndpoint,
      AWS_S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
      PARSE_DRAIN_SECONDS: '5',
      ...options.env,
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-LOG_TAIL_CHARS);
    if (process.env.QUEUE_WORKER_DEBUG) process.stderr.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        options.onLog?.(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log record (a library's own output on stderr)
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(127));
  });
  return {
    pid: child.pid ?? -1,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
        child.kill('SIGTERM');
        const code = await exited;
        clearTimeout(force);
        return code;
      }
      return exited;
    },
  };
}

/** The ids of the processes whose parent is `pid` (Linux /proc), e.g. a queue worker's parser children. */
export function childProcessesOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while the table was read
    }
  }
  return children;
}
