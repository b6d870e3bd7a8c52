import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setUpAccounts } from './accounts';
import { API_BUNDLE, FIXTURE_GENERATOR, REPO_ROOT, VENV_PYTHON, WEB_DIST } from './paths';

export interface LocalStack {
  baseUrl: string;
  /** An admin API token, for the journeys' own calls to the API (Authorization: Bearer). */
  token: string;
  /** Generated invoice PDFs (NAME.pdf with NAME.truth.json). */
  fixturesDir: string;
  /** What the server wrote to stderr, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function requireFile(file: string, hint: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode} before answering:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not answer /api/health within 30 s:\n${log()}`);
}

/**
 * The local stack exactly as `npm start` runs it: the built API bundle serving the built SPA, SQLite and
 * files in a fresh DATA_DIR, the real Python parser as a subprocess, on 127.0.0.1 and a free port; with the
 * administrator, a clerk and an approver (USERS) made as a new installation would make them.
 */
export interface StackOptions {
  /** A journey's own settings, e.g. REQUIRE_SECOND_APPROVER=true. */
  env?: Readonly<Record<string, string>>;
  /** false: no user at all, as on first start (token is then ''). */
  accounts?: boolean;
}

export async function startLocalStack({ env: extraEnv = {}, accounts = true }: StackOptions = {}): Promise<LocalStack> {
  requireFile(API_BUNDLE, 'run `npx nx run api:build`');
  requireFile(path.join(WEB_DIST, 'index.html'), 'run `npx nx run web:build`');
  requireFile(VENV_PYTHON, 'run `npm install` (it creates the Python environment)');

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'web-e2e-'));
  const fixturesDir = path.join(workDir, 'fixtures');
  const generated = spawnSync(VENV_PYTHON, [FIXTURE_GENERATOR, '--out', fixturesDir], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`generate_invoices.py failed:\n${generated.stderr}`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(process.execPath, [API_BUNDLE], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      STORAGE: 'local',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(workDir, 'data'),
      // Unset, as `npm start` leaves it: upload URLs follow the page's origin, here 127.0.0.1, not localhost.
      PUBLIC_BASE_URL: '',
      WEB_DIST_DIR: WEB_DIST,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => output;

  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(workDir, { recursive: true, force: true });
  };

  let token: string;
  try {
    await waitForHealth(baseUrl, server, log);
    token = accounts ? await setUpAccounts(baseUrl) : '';
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, token, fixturesDir, log, stop };
}
