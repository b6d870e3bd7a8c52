import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/paths';
import { freePort, stopProcess } from './child-process';
import type { RunningEmulator } from './dynamodb-local';

/** moto's server, installed into the project's Python environment by `npm install` (moto[server]). */
export const MOTO_SERVER = path.join(REPO_ROOT, '.venv', 'bin', 'moto_server');
const START_LIMIT_MS = 30_000;

/** Starts moto (S3 and ECS here) on 127.0.0.1 and waits until it answers. */
export async function startMotoServer(): Promise<RunningEmulator> {
  if (!existsSync(MOTO_SERVER)) throw new Error(`${MOTO_SERVER} is missing; run npm install (it builds .venv with moto[server])`);
  const port = await freePort();
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`moto_server did not answer within ${START_LIMIT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await holdTasksUntilStopped(endpoint);
  return { endpoint, stop: () => stopProcess(child) };
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
