import { randomJobId, systemClock, type AccountPorts, type InventoryPorts } from '@invoice/inventory';
import path from 'node:path';
import { version as apiVersion } from '../package.json';
import { AttemptOutputCache } from './adapters/attempt-output-cache';
import { FsBlobStore } from './adapters/local/fs-blob-store';
import { LocalAuthenticator } from './adapters/local/local-authenticator';
import { LOCAL_DATABASE_FILE } from './adapters/local/local-database-file';
import { NodeCryptoSecrets } from './adapters/local/node-crypto-secrets';
import { SqliteAccountStore } from './adapters/local/sqlite-account-store';
import { HmacUploadSigner } from './adapters/local/hmac-upload-signer';
import { localUploadRoute } from './adapters/local/local-upload-route';
import { PrometheusHttpMetrics } from './adapters/local/prometheus-http-metrics';
import { PrometheusTelemetry } from './adapters/local/prometheus-telemetry';
import { openSqliteDatabase, type SqliteDatabase } from './adapters/local/sqlite-database';
import { SqliteAuditTrail } from './adapters/local/sqlite-audit-trail';
import { SqliteInventoryLedger } from './adapters/local/sqlite-inventory-ledger';
import { SqliteItemCatalogue } from './adapters/local/sqlite-item-catalogue';
import { SqliteJobRepository } from './adapters/local/sqlite-job-repository';
import { SqliteSkuMappingRepository } from './adapters/local/sqlite-sku-mapping-repository';
import { SqliteSupplierDirectory } from './adapters/local/sqlite-supplier-directory';
import { QueuedParserRunner } from './adapters/local/queued-parser-runner';
import { SqliteParseQueue } from './adapters/local/sqlite-parse-queue';
import { SubprocessParserRunner } from './adapters/local/subprocess-parser-runner';
import { WarmWorkerPool } from './adapters/local/warm-worker-pool';
import { loadOrCreateSigningSecret } from './adapters/local/upload-signing-secret';
import { composeAws } from './compose-aws';
import { ConfigError, type Config } from './config';
import { parseRetrySettings } from './parse-retry-settings';
import type { AppContext } from './http/app-context';
import { metricsRoute } from './http/metrics-route';

export const STORAGE_MODES = ['local', 'aws'] as const;

export interface Composition {
  context: AppContext;
  /** Stops parser runs and closes stores; call once on shutdown. */
  close(): Promise<void>;
  /** Local mode's warm parser workers (PARSER_WORKERS > 0), for fault-injection tests and the benchmark. */
  parserPool?: WarmWorkerPool;
  /**
   * AWS mode: writes out the metrics buffered since the last call (EMF lines for CloudWatch), once per Lambda
   * invocation (lambda.ts). Absent locally, where GET /api/metrics serves the running totals.
   */
  publishMetrics?(): void;
}

/** Tests replace time and ids; nothing else is swappable here, the adapters follow from the config. */
export type CompositionOverrides = Partial<Pick<InventoryPorts, 'clock' | 'newId'>>;

/** The one place that chooses adapters: a single switch on STORAGE. */
export function compose(config: Config, overrides: CompositionOverrides = {}): Composition {
  switch (config.storage) {
    case 'local':
      return composeLocal(config, overrides);
    case 'aws':
      return composeAws(config, overrides);
    default:
      throw new ConfigError('STORAGE', `must be one of: ${STORAGE_MODES.join(', ')} (got "${config.storage}")`);
  }
}

/** Files under DATA_DIR */
const BLOBS_DIR = 'blobs';

function composeLocal(config: Config, overrides: CompositionOverrides): Composition {
  const clock = overrides.clock ?? systemClock;
  const db = openSqliteDatabase(path.join(config.dataDir, LOCAL_DATABASE_FILE));
  const signer = new HmacUploadSigner(loadOrCreateSigningSecret(config.dataDir, config.uploadSigningSecret), config.publicBaseUrl);
  const jobs = new SqliteJobRepository(db);
  const blobs = new FsBlobStore(path.join(config.dataDir, BLOBS_DIR), signer);
  const { runner, pool } = localParserRunner(config, db);
  const telemetry = new PrometheusTelemetry();
  const requestMetrics = new PrometheusHttpMetrics();
  const ports: InventoryPorts = {
    jobs,
    ledger: new SqliteInventoryLedger(db),
    items: new SqliteItemCatalogue(db),
    skuMappings: new SqliteSkuMappingRepository(db),
    suppliers: new SqliteSupplierDirectory(db),
    audit: new SqliteAuditTrail(db),
    blobs: new AttemptOutputCache(blobs),
    runner,
    parseRetry: parseRetrySettings(config),
    telemetry,
    clock,
    newId: overrides.newId ?? randomJobId,
  };
  const accounts: AccountPorts = {
    accounts: new SqliteAccountStore(db),
    secrets: new NodeCryptoSecrets(),
    audit: ports.audit,
    clock,
    newId: ports.newId,
  };

  return {
    context: {
      ports,
      storage: 'local',
      version: apiVersion,
      limits: { uploadMaxBytes: config.uploadMaxBytes, uploadUrlTtlSeconds: config.uploadUrlTtlSeconds },
      requireSecondApprover: config.requireSecondApprover,
      modeRouters: [localUploadRoute({ jobs, blobs, signer, clock, audit: ports.audit, newId: ports.newId }), metricsRoute([telemetry, requestMetrics])],
      requestMetrics,
      authenticator: new LocalAuthenticator(accounts),
      accounts,
      // The cookie may only travel encrypted when the server is reached over https (a TLS proxy in front).
      secureCookies: config.publicBaseUrl?.startsWith('https:') ?? false,
      signIn: null,
    },
    ...(pool ? { parserPool: pool } : {}),
    async close() {
      await runner.close();
      db.close();
    },
  };
}

/**
 * PARSER_WORKERS warm workers over the durable queue in the database file, or with PARSER_WORKERS=0 one parser
 * process per parse (kept so that the benchmark compares both in one run). Both take the same parser argv.
 */
function localParserRunner(config: Config, db: SqliteDatabase): { runner: QueuedParserRunner | SubprocessParserRunner; pool?: WarmWorkerPool } {
  if (config.parserWorkers === 0) {
    const runner = new SubprocessParserRunner({
      command: config.parserCommand,
      concurrency: config.parserConcurrency,
      timeoutSeconds: config.parseTimeoutSeconds,
      env: parserEnvironment(),
    });
    return { runner };
  }
  const queue = new SqliteParseQueue(db);
  const pool = new WarmWorkerPool({
    queue,
    command: config.parserCommand,
    workers: config.parserWorkers,
    maxJobsPerWorker: config.parserWorkerMaxJobs,
    timeoutSeconds: config.parseTimeoutSeconds,
    env: parserEnvironment(),
  }).start();
  return { runner: new QueuedParserRunner(queue, pool), pool };
}

/** The parser gets this process's environment minus the signing secret, which it has no use for. */
function parserEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.UPLOAD_SIGNING_SECRET;
  return env;
}
