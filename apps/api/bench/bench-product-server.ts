// The product as `npm start` serves it (main.ts: the app with the local server's host checks and request log, no
// response validation), in its own process so that the load generator of api-bench.ts does not share its event loop.
// Composed on a fresh DATA_DIR with the tests' stand-in parser (tests/support/fake-parser.mjs, warm workers),
// with an administrator and an API token. Prints one JSON line {url, token} on stdout once it listens.
// Environment: BENCH_DATA_DIR (required); BENCH_PROFILE_DIR: each SIGUSR2 starts or stops a CPU profile, written
// there as <n>.cpuprofile (n counts from 1), so that a profile holds one measured load and nothing of the seeding.
import { NO_ACTOR, createToken, createUser } from '@invoice/inventory';
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonLineLog } from '../src/adapters/local/json-line-log';
import { createApp } from '../src/app';
import { compose } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { AllowedHosts } from '../src/http/allowed-hosts';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const FAKE_PARSER = path.join(REPO_ROOT, 'apps', 'api', 'tests', 'support', 'fake-parser.mjs');

async function main(): Promise<void> {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR must be set');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig(
    {
      ...process.env,
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: url,
      PARSER_COMMAND: JSON.stringify([process.execPath, FAKE_PARSER]),
      PARSER_WORKERS: '2',
      PARSER_CONCURRENCY: '4',
    },
    REPO_ROOT,
  );
  const composition = compose(config);
  // Its request log as well, one JSON line per request on stdout (which api-bench.ts reads past its first line and drops).
  server.on('request', createApp(composition.context, { allowedHosts: AllowedHosts.of(config), requestLog: new JsonLineLog() }));
  const accounts = composition.context.accounts;
  if (!accounts) throw new Error('local mode has accounts');
  const setup = { actor: NO_ACTOR, requestId: 'bench-setup' };
  await createUser(accounts, setup, {
    username: 'bench',
    role: 'admin',
    password: 'bench password long enough',
  });
  const principal = {
    username: 'bench',
    role: 'admin' as const,
    via: 'token' as const,
    expiresAt: null,
  };
  const { token } = await createToken(accounts, setup, principal, {
    name: 'bench',
    role: 'admin',
  });
  process.stdout.write(`${JSON.stringify({ url, token })}\n`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => {
      composition.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  };
  const profileDir = process.env.BENCH_PROFILE_DIR;
  if (profileDir) profileOnSignal(profileDir);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * SIGUSR2 starts the V8 profiler and, once it runs, writes <n>.started into `dir`; the next one stops it and writes
 * the profile as <n>.cpuprofile (n counting from 1), so the bench starts its load only when profiling has begun.
 */
function profileOnSignal(dir: string): void {
  let session: Session | null = null;
  let written = 0;
  process.on('SIGUSR2', () => {
    const toggle = async () => {
      if (session === null) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        writeFileSync(path.join(dir, `${written + 1}.started`), '');
        return;
      }
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      written += 1;
      // Written aside and renamed, so that the bench, which waits for the name, never reads half a profile.
      const file = path.join(dir, `${written}.cpuprofile`);
      writeFileSync(`${file}.part`, JSON.stringify(profile));
      renameSync(`${file}.part`, file);
    };
    toggle().catch((error: unknown) => console.error('profiling failed', error));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
