import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FAKE_PARSER_COMMAND, REPO_ROOT } from './paths';
import { TEST_PASSWORD } from './test-server';

/** The production entry point, run from source as `npm start` would run its build. */
export const MAIN_ENTRY = path.join(REPO_ROOT, 'apps', 'api', 'src', 'main.ts');
/** How long a server process may take to say it listens (tsx compiles on the fly; the machine may be busy). */
const START_LIMIT_MS = 45_000;
const POLL_MS = 50;

export interface ServerProcess {
  /** http://127.0.0.1:PORT, as the server's own log line says. */
  url: string;
  /** The API process; it leads its own process group, which its parser workers join. */
  pid: number;
  /** Everything it wrote to stdout and stderr so far, for failure messages. */
  log(): string;
  /** Settles once the API process is gone, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Live processes the API started whose command line names `needle` (e.g. the fake parser's file). */
  childrenRunning(needle: string): number[];
  /**
   * SIGKILL to the API process and everything it started (its process group), as a power cut or an OOM kill of
   * the service's control group would; resolves once every one of them is gone.
   */
  killWhole(): Promise<void>;
  /** SIGTERM (main.ts's graceful shutdown), then SIGKILL to the group if it is still there after a grace period. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  dataDir: string;
  /** The script to run with tsx; main.ts unless a test-only entry is given. */
  entry?: string;
  env?: Record<string, string>;
}

/**
 * Starts the local server as its own OS process (node with tsx on the TypeScript entry), on 127.0.0.1 and a port
 * the OS picks, with the fake parser, and resolves once it listens. It is started detached, so that it leads a
 * process group of its own: its parser workers are in that group, and a test can kill all of them at once.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? MAIN_ENTRY], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      STORAGE: 'local',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      // Upload URLs follow each request's origin, the port the OS chose.
      PUBLIC_BASE_URL: '',
      PARSER_COMMAND: JSON.stringify(FAKE_PARSER_COMMAND),
      ...options.env,
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.entry ?? MAIN_ENTRY}`);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: nothing of the group is left.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  const server: ServerProcess = {
    url: '',
    pid,
    log: () => output,
    exited,
    childrenRunning: (needle) => descendantsOf(pid).filter((each) => commandLine(each).includes(needle)),
    async killWhole() {
      const members = descendantsOf(pid);
      killGroup('SIGKILL');
      await exited;
      await waitUntil(() => members.every((member) => !isRunning(member)), 10_000, 'the killed server’s processes to be gone');
    },
    async stop() {
      if (!gone) {
        killGroup('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      }
      killGroup('SIGKILL');
    },
  };

  const deadline = Date.now() + START_LIMIT_MS;
  for (;;) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (url) return { ...server, url };
    if (gone || Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not start listening${gone ? ' (it exited)' : ` within ${START_LIMIT_MS} ms`}:\n${output}`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * The administrator of a fresh server, made as on a new installation (POST /api/setup from loopback, then a log
 * in), and an admin API token from POST /api/tokens: the token is kept in DATA_DIR, so it also works for a later
 * server on the same directory.
 */
export async function setUpAdministratorToken(baseUrl: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const credentials = JSON.stringify({ username: 'admin', password: TEST_PASSWORD });
  await expectStatus(await fetch(`${baseUrl}/api/setup`, { method: 'POST', headers: json, body: credentials }), 201, 'setup');
  const login = await expectStatus(await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: json, body: credentials }), 200, 'log in');
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = JSON.stringify({ name: 'fault-tests', role: 'admin' });
  const created = await expectStatus(await fetch(`${baseUrl}/api/tokens`, { method: 'POST', headers: { ...json, cookie }, body }), 201, 'token');
  return ((await created.json()) as { token: string }).token;
}

/** Polls `done` until it holds, failing with `what` after `limitMs`. */
export async function waitUntil(done: () => boolean | Promise<boolean>, limitMs: number, what: string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting ${limitMs} ms for ${what}`);
    await sleep(POLL_MS);
  }
}

/** Whether a process is alive: a zombie (state Z, dead but not yet reaped) counts as gone. */
export function isRunning(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z';
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every live process below `root` in the process tree (children, their children, …), read from /proc. */
function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.state !== 'Z') parents.set(Number(entry), stat.ppid);
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [pid, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push(pid);
      walk(pid);
    }
  };
  walk(root);
  return found;
}

/** State and parent of a process from /proc/PID/stat (the command name may hold spaces and parentheses, so read after its last ')'). */
function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '?', ppid: Number(ppid) };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
