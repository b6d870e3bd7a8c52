// Starts the moto server from the workspace's Python environment on a free loopback port, and stops it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
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

function probe(endpoint, ca) {
  return new Promise((resolve) => {
    const request = https.get(`${endpoint}/moto-api/`, { ca, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * Serves moto over HTTPS with a throw-away certificate for 127.0.0.1 (caBundle: its path, for AWS_CA_BUNDLE and
 * NODE_EXTRA_CA_CERTS). launcher optionally names a Python script run instead of moto_server with its arguments
 * (the rehearsal's tools/terraform/rehearsal/moto_server.py adds calls moto lacks). logFile receives moto's
 * request log. It is written by moto straight into the file, never through a pipe to this process: the callers
 * block in spawnSync(terraform), and a pipe nobody drains fills up and freezes moto.
 */
export async function startMoto({ logFile = path.join(os.tmpdir(), `moto-${process.pid}.log`), launcher = null } = {}) {
  const bin = path.join(workspaceRoot, '.venv', 'bin', 'moto_server');
  if (!existsSync(bin)) {
    throw new MissingToolError(`moto_server is missing (${bin}). Run \`npm install\`: its postinstall builds .venv with moto[server].`);
  }
  const certDir = mkdtempSync(path.join(os.tmpdir(), 'moto-cert-'));
  const python = path.join(workspaceRoot, '.venv', 'bin', 'python');
  const made = spawnSync(python, [path.join(workspaceRoot, 'tools', 'scripts', 'lib', 'loopback_cert.py'), certDir], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make the loopback certificate: ${made.stderr}`);
  const caBundle = path.join(certDir, 'cert.pem');
  const ca = readFileSync(caBundle);

  const port = await freePort();
  const endpoint = `https://127.0.0.1:${port}`;
  const logFd = openSync(logFile, 'a');
  const serverArgs = ['-H', '127.0.0.1', '-p', String(port), '-c', caBundle, '-k', path.join(certDir, 'key.pem')];
  // launcher: a Python script that adjusts moto and then runs its server with the same arguments.
  const [command, args] = launcher ? [python, [launcher, ...serverArgs]] : [bin, serverArgs];
  const child = spawn(command, args, {
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const running = () => child.exitCode === null && child.signalCode === null;
  const logTail = () => readFileSync(logFile, 'utf8').slice(-2000);

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (!running()) throw new Error(`moto_server exited with ${child.exitCode}: ${logTail()}`);
    if (await probe(endpoint, ca)) break;
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
    rmSync(certDir, { recursive: true, force: true });
  };
  return { endpoint, port, stop, logFile, caBundle };
}
