import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths';
import { stopProcess } from './child-process';
import type { RunningEmulator } from './dynamodb-local';

/** moto's server, installed into the project's Python environment by `npm install` (moto[server]). */
export const MOTO_SERVER = path.join(REPO_ROOT, '.venv', 'bin', 'moto_server');
const START_LIMIT_MS = 30_000;
/** What werkzeug prints on stderr once it has bound its socket; with `-p 0` it names the port the OS gave. */
const LISTENING_LINE = /Running on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Starts moto (S3 and ECS here) on 127.0.0.1 and waits until it answers. The port is the one moto itself
 * bound (`-p 0`) and reports, not one probed free beforehand: with other servers starting on this machine a
 * probed port can be taken in between, and a readiness poll could then be answered by someone else's moto.
 */
export async function startMotoServer(): Promise<RunningEmulator> {
  if (!existsSync(MOTO_SERVER)) throw new Error(`${MOTO_SERVER} is missing; run npm install (it builds .venv with moto[server])`);
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const port = await listeningPort(child);
    const endpoint = `http://127.0.0.1:${port}`;
    await answering(endpoint);
    await holdTasksUntilStopped(endpoint);
    return { endpoint, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`moto_server did not listen within ${START_LIMIT_MS} ms:\n${output}`)), START_LIMIT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const match = LISTENING_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`moto_server could not start: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited with ${code} before it listened:\n${output}`));
    });
  });
}

async function answering(endpoint: string): Promise<void> {
  const deadline = Date.now() + START_LIMIT_MS;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return;
    } catch {
      // bound but not serving yet
    }
    if (Date.now() > deadline) throw new Error(`moto_server at ${endpoint} did not answer within ${START_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * moto moves an ECS task one status further (RUNNING, DEACTIVATING, ... STOPPED) on every DescribeTasks,
 * as if tasks ended on their own. Here a task ends only when the task launcher stops it after the parser
 * process exits, as Fargate does, so automatic progression is switched off.
 */
async function holdTasksUntilStopped(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
    method: 'POST',
    body: JSON.stringify({ model_name: 'ecs::task', transition: { progression: 'manual', times: 1_000_000_000 } }),
  });
  if (!response.ok) throw new Error(`moto refused the ECS task transition setting: ${response.status}`);
}
