// Starts the moto server from the workspace's Python environment on a free loopback port, and stops it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MissingToolError } from './terraform.mjs';
import { workspaceRoot } from './workspace.mjs';

const STARTUP_TIMEOUT_MS = 30_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * logFile receives moto's request log. It is written by moto straight into the file, never through a pipe to
 * this process: the callers block in spawnSync(terraform), and a pipe nobody drains fills up and freezes moto.
 */
export async function startMoto({ logFile = path.join(os.tmpdir(), `moto-${process.pid}.log`) } = {}) {
  const bin = path.join(workspaceRoot, '.venv', 'bin', 'moto_server');
  if (!existsSync(bin)) {
    throw new MissingToolError(`moto_server is missing (${bin}). Run \`npm install\`: its postinstall builds .venv with moto[server].`);
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const logFd = openSync(logFile, 'a');
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const running = () => child.exitCode === null && child.signalCode === null;
  const logTail = () => readFileSync(logFile, 'utf8').slice(-2000);

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (!running()) throw new Error(`moto_server exited with ${child.exitCode}: ${logTail()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() >= deadline) {
      child.kill('SIGTERM');
      throw new Error(`moto_server did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS / 1000}s: ${logTail()}`);
    }
    await sleep(200);
  }

  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 25 && running(); i += 1) await sleep(200);
    if (running()) child.kill('SIGKILL');
  };
  return { endpoint, port, stop, logFile };
}
