import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, VENV_PYTHON } from '../../support/paths';

export interface QueueWorkerProcess {
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
export function startQueueWorker(options: { queueUrl: string; motoEndpoint: string; region: string; env?: Record<string, string> }): QueueWorkerProcess {
  let output = '';
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
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(127));
  });
  return {
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
