// The product as `npm start` serves it (main.ts: the app with the local server's host checks, no response
// validation), in its own process so that the load generator of api-bench.ts does not share its event loop.
// Composed on a fresh DATA_DIR with the tests' stand-in parser (tests/support/fake-parser.mjs, warm workers),
// with an administrator and an API token. Prints one JSON line {url, token} on stdout once it listens.
// Environment: BENCH_DATA_DIR (required).
import { NO_ACTOR, createToken, createUser } from '@invoice/inventory';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  server.on('request', createApp(composition.context, { allowedHosts: AllowedHosts.of(config) }));
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
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
