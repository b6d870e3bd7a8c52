import type { Server } from 'node:http';
import { JsonLineLog } from './adapters/local/json-line-log';
import { createApp } from './app';
import { compose } from './composition-root';
import { loadConfig, type Config } from './config';
import { AllowedHosts } from './http/allowed-hosts';
import { isLoopbackAddress } from './http/loopback';
import { startParseSweeper } from './parse-sweeper';
import { staticSite } from './static-site';

const log = (line: string): void => {
  process.stderr.write(`[api] ${line}\n`);
};

/** Both loopback addresses, so http://localhost works whether the client resolves it to IPv4 or IPv6. */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;
/** Connections still open this long after a shutdown signal are cut. */
const SHUTDOWN_GRACE_MS = 5_000;
/** STORAGE=aws outside Lambda: the metrics Lambda writes per invocation are written this often instead. */
const METRICS_PUBLISH_MS = 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const composition = compose(config);
  // Host, Origin and framing checks are this listener's job; the Lambda (lambda.ts) leaves them to AWS's edge.
  const allowedHosts = AllowedHosts.of(config);
  // One JSON line per request on stdout (a 5xx's, with its stack and causes, on stderr).
  const app = createApp(composition.context, { site: staticSite(config.webDistDir, log) ?? undefined, allowedHosts, requestLog: new JsonLineLog() });

  const servers = await listenAll(app, config);
  const sweeper = config.parseSweepSeconds > 0 ? startParseSweeper(composition.context.ports, config.parseSweepSeconds, log) : null;
  const publishMetrics = composition.publishMetrics ? setInterval(() => composition.publishMetrics?.(), METRICS_PUBLISH_MS).unref() : null;
  log(`storage=${config.storage} data=${config.dataDir} listening on ${servers.map(describeAddress).join(', ')}`);
  log(`answering for hosts: ${allowedHosts.list.join(', ')} (ALLOWED_HOSTS adds more)`);
  if (config.host !== null && !isLoopbackAddress(config.host) && !(config.publicBaseUrl ?? '').startsWith('https:')) {
    log(`HOST=${config.host} serves the network over plain http: passwords and session cookies cross it unencrypted; put a TLS proxy in front and set PUBLIC_BASE_URL=https://... (README, "A small team on one office PC")`);
  }
  const accounts = composition.context.accounts;
  if (accounts !== null && (await accounts.accounts.countUsers()) === 0) {
    log(`no user yet: open http://localhost:${config.port} on this machine to create the administrator, or run npm run user -- add NAME --role admin --password-stdin`);
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    const force = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), SHUTDOWN_GRACE_MS);
    force.unref();
    Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
      .then(() => sweeper?.stop())
      .then(() => {
        if (publishMetrics) clearInterval(publishMetrics);
        composition.publishMetrics?.();
      })
      .then(() => composition.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log(`shutdown failed: ${String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function listenAll(app: ReturnType<typeof createApp>, config: Config): Promise<Server[]> {
  if (config.host) return [await listen(app, config.port, config.host)];
  const [ipv4, ipv6] = LOOPBACK_HOSTS;
  const servers = [await listen(app, config.port, ipv4)];
  try {
    servers.push(await listen(app, config.port, ipv6));
  } catch (error) {
    // Hosts without IPv6 have no ::1; IPv4 alone is then the whole loopback.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') throw error;
    log(`::1 not available (${code}); listening on IPv4 only`);
  }
  return servers;
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function describeAddress(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  return address.family === 'IPv6' ? `http://[${address.address}]:${address.port}` : `http://${address.address}:${address.port}`;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
