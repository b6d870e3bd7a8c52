// `npm run bench:api` (issue 17, "Proof under stress"): the API under load, against the framework's own limit.
//   1. The product (bench-product-server.ts: the local stack as `npm start` composes it, the tests' stand-in
//      parser) and a bare Express app (bare-express-server.ts: the same express, the same Node, serving the
//      bytes and headers the product answered, captured once) run in processes of their own; autocannon, here,
//      loads each route of both for BENCH_SECONDS after a BENCH_WARMUP_SECONDS warm-up, one after the other,
//      and the table gives req/s, p50, p99 and the ratio product/bare.
//   2. Applies per second: BENCH_APPLIES distinct PARSED jobs applied BENCH_APPLY_IN_FLIGHT at a time; then the
//      inventory must equal the sum of what was applied ("inventory check: ok"), else exit 1.
//   3. The Lambda bundle: its size (`nx run api:bundle` first, unless BENCH_BUNDLE=existing) and a cold start in
//      a fresh Node process (lambda-first-request.mjs): the import and the first GET /api/health, timed apart,
//      against DynamoDB Local and moto started as the AWS tests start them (skipped, saying why, if they cannot).
// Options (environment): BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_APPLIES
// (1000), BENCH_APPLY_IN_FLIGHT (20), BENCH_COLD_STARTS (5), BENCH_BUNDLE (build | existing), BENCH_ROUTES (e.g.
// "read,review" or "applies": only these parts, for profiling), BENCH_PROFILE=1 (a CPU profile of the product
// server for each measured load and for the applies, as <route>.cpuprofile in BENCH_PROFILE_DIR, default a new
// folder under the system's temporary directory, named at the start).
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAwsEmulators } from './aws-emulators';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '../../..');
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'api-lambda');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const APPLIES = Number(process.env.BENCH_APPLIES ?? 1000);
const APPLY_IN_FLIGHT = Number(process.env.BENCH_APPLY_IN_FLIGHT ?? 20);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);
/** Jobs in the list beyond the one read, so that GET /api/jobs?limit=50 returns a full page. */
const LISTED_JOBS = 60;
/** The read and reviewed job's item lines: a typical invoice of the fixture set has 5 to 20. */
const READ_JOB_LINES = 12;
/** The SKUs applies move; few, so that concurrent applies meet on the same inventory rows. */
const SKUS = Array.from({ length: 8 }, (_, index) => `BENCH-${index}`);
const SEED_IN_FLIGHT = 16;
/** The names BENCH_ROUTES knows the measured routes by, in the order of the table. */
const ROUTE_KEYS = ['read', 'review', 'list', 'create'];

const TARGETS = {
  jobReadRatio: 0.9,
  reviewRatio: 0.6,
  jobReadTail: 3,
  appliesPerSecond: 500,
  bundleBytes: 500 * 1024,
  firstRequestMs: 150,
};

// ---- processes ----------------------------------------------------------------------------------------

interface Child<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a TypeScript file of this folder with tsx in its own Node process; resolves with its first stdout line (JSON). */
function startChild<T>(file: string, args: string[], env: Record<string, string>): Promise<Child<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, file), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf('\n');
      if (newline < 0) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({
        info: JSON.parse(output.slice(0, newline)) as T,
        process: child,
        stop,
      });
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
}

/**
 * Profiles the product server over one measured load at a time: SIGUSR2 starts its profiler (which says so with
 * <n>.started) and the next one stops it and writes <n>.cpuprofile (bench-product-server.ts), renamed here to
 * <name>.cpuprofile.
 */
class ServerProfiler {
  private written = 0;

  constructor(
    private readonly server: ChildProcess,
    private readonly dir: string,
  ) {}

  async start(): Promise<void> {
    this.server.kill('SIGUSR2');
    const started = path.join(this.dir, `${this.written + 1}.started`);
    await untilExists(started);
    rmSync(started);
  }

  async stop(name: string): Promise<void> {
    this.server.kill('SIGUSR2');
    this.written += 1;
    const file = path.join(this.dir, `${this.written}.cpuprofile`);
    await untilExists(file);
    renameSync(file, path.join(this.dir, `${name}.cpuprofile`));
  }
}

async function untilExists(file: string): Promise<void> {
  for (let waited = 0; !existsSync(file); waited += 50) {
    if (waited > 30_000) throw new Error(`the product server wrote no ${file}`);
    await sleep(50);
  }
}

// ---- HTTP helpers -------------------------------------------------------------------------------------

interface Api {
  url: string;
  token: string;
}

const authHeaders = (api: Api) => ({
  authorization: `Bearer ${api.token}`,
  'content-type': 'application/json',
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads a few fields of several bodies
async function call(api: Api, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: authHeaders(api),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs `work` over `items`, `inFlight` at a time. */
async function pool<T, R>(items: readonly T[], inFlight: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(inFlight, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

// ---- seeding ------------------------------------------------------------------------------------------

interface FakeLine {
  sku: string;
  quantity: string;
}

/** Creates a job for a fake-parser script, uploads it and asks for the parse; returns the job id. */
async function createParsing(api: Api, lines: FakeLine[], name: string): Promise<string> {
  const document = Buffer.from(JSON.stringify({ fake: 'result', lines }));
  const created = await call(api, 'POST', '/api/jobs', {
    fileName: name,
    contentType: 'application/pdf',
    sizeBytes: document.length,
  });
  const put = await fetch(created.upload.url, {
    method: 'PUT',
    headers: created.upload.headers,
    body: document,
  });
  if (!put.ok) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
  await call(api, 'POST', `/api/jobs/${created.job.jobId}/parse`, {});
  return created.job.jobId as string;
}

async function untilParsed(api: Api, jobIds: string[]): Promise<void> {
  const pending = new Set(jobIds);
  const deadline = Date.now() + 10 * 60_000;
  while (pending.size > 0) {
    if (Date.now() > deadline) throw new Error(`${pending.size} jobs still not PARSED`);
    await pool([...pending], SEED_IN_FLIGHT, async (jobId) => {
      const job = await call(api, 'GET', `/api/jobs/${jobId}`);
      if (job.status === 'PARSED') pending.delete(jobId);
      else if (job.status !== 'QUEUED' && job.status !== 'PARSING') throw new Error(`job ${jobId} ended ${job.status}: ${JSON.stringify(job.error)}`);
    });
    if (pending.size > 0) await sleep(200);
  }
}

interface Seeded {
  readJobId: string;
  applyJobs: { jobId: string; lines: FakeLine[] }[];
}

async function seed(api: Api): Promise<Seeded> {
  const csv = ['sku,name,unit', ...SKUS.map((sku) => `${sku},${sku},pcs`)].join('\r\n');
  await call(api, 'POST', '/api/items/import', { csv });
  const readLines = Array.from({ length: READ_JOB_LINES }, (_, index) => ({
    sku: SKUS[index % SKUS.length] as string,
    quantity: String(index + 1),
  }));
  const readJobId = await createParsing(api, readLines, 'read.pdf');
  const listed = await pool(
    Array.from({ length: LISTED_JOBS }, (_, index) => index),
    SEED_IN_FLIGHT,
    (index) => createParsing(api, readLines.slice(0, 3), `listed-${index}.pdf`),
  );
  // Each apply job moves three SKUs by whole quantities that differ from job to job.
  const applyLines = Array.from({ length: APPLIES }, (_, index) =>
    [0, 1, 2].map((offset) => ({
      sku: SKUS[(index + offset * 3) % SKUS.length] as string,
      quantity: String(1 + ((index * 7 + offset) % 13)),
    })),
  );
  const applyIds = await pool(applyLines, SEED_IN_FLIGHT, (lines) => createParsing(api, lines, 'apply.pdf'));
  await untilParsed(api, [readJobId, ...listed, ...applyIds]);
  return {
    readJobId,
    applyJobs: applyIds.map((jobId, index) => ({
      jobId,
      lines: applyLines[index] as FakeLine[],
    })),
  };
}

// ---- load ---------------------------------------------------------------------------------------------

interface Route {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** The server process's CPU time (user + system) per answered request, in µs; null where /proc is not there. */
  cpuMicrosPerRequest: number | null;
}

/** Clock ticks per second of /proc/<pid>/stat's times (getconf CLK_TCK; 100 on Linux). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * A process's CPU time so far, in seconds, from /proc/<pid>/stat (utime + stime): what the server itself spent,
 * apart from autocannon, which shares the machine's cores with it and so bounds req/s for the faster server.
 */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

async function load(url: string, route: Route, headers: Record<string, string>, seconds: number, serverPid?: number): Promise<Load> {
  const cpuBefore = cpuSecondsOf(serverPid);
  const result = await autocannon({
    url: `${url}${route.path}`,
    method: route.method,
    headers,
    ...(route.body === undefined ? {} : { body: route.body }),
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`${route.method} ${url}${route.path}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  const cpuAfter = cpuSecondsOf(serverPid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicrosPerRequest: cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
  };
}

interface Captured {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

/** Headers Node's HTTP server writes itself, on the bare app as on the product. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function capture(api: Api, route: Route): Promise<Captured> {
  const response = await fetch(`${api.url}${route.path}`, {
    method: route.method,
    headers: authHeaders(api),
    ...(route.body === undefined ? {} : { body: route.body }),
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${route.method} ${route.path} answered ${response.status}: ${body.toString()}`);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !TRANSPORT_HEADERS.has(name)));
  return {
    method: route.method,
    path: route.path,
    status: response.status,
    headers,
    bodyBase64: body.toString('base64'),
  };
}

// ---- applies ------------------------------------------------------------------------------------------

interface Applies {
  perSecond: number;
  seconds: number;
  applied: number;
  inventoryOk: boolean;
  mismatches: string[];
}

async function applies(api: Api, jobs: Seeded['applyJobs']): Promise<Applies> {
  const before = await inventory(api);
  const started = performance.now();
  const outcomes = await pool(jobs, APPLY_IN_FLIGHT, async ({ jobId }) => (await call(api, 'POST', `/api/jobs/${jobId}/apply`, {})).outcome as string);
  const seconds = (performance.now() - started) / 1000;
  const expected = new Map<string, number>(SKUS.map((sku) => [sku, before.get(sku) ?? 0]));
  for (const { lines } of jobs) for (const line of lines) expected.set(line.sku, (expected.get(line.sku) ?? 0) + Number(line.quantity));
  const after = await inventory(api);
  const mismatches = [...expected].filter(([sku, quantity]) => after.get(sku) !== quantity).map(([sku, quantity]) => `${sku}: expected ${quantity}, found ${after.get(sku)}`);
  const applied = outcomes.filter((outcome) => outcome === 'APPLIED').length;
  if (applied !== jobs.length) mismatches.push(`${jobs.length - applied} applies did not answer APPLIED`);
  return {
    perSecond: jobs.length / seconds,
    seconds,
    applied,
    inventoryOk: mismatches.length === 0,
    mismatches,
  };
}

async function inventory(api: Api): Promise<Map<string, number>> {
  const body = (await call(api, 'GET', '/api/inventory')) as {
    items: { sku: string; quantity: string }[];
  };
  // Whole quantities only are applied here, so Number is exact.
  return new Map(body.items.map((item) => [item.sku, Number(item.quantity)]));
}

// ---- Lambda -------------------------------------------------------------------------------------------

interface LambdaFigures {
  bundleBytes: number;
  bundleSource: string;
  coldStart:
    | {
        importMs: number;
        firstRequestMs: number;
        runs: number;
        importRange: string;
        firstRange: string;
      }
    | { skipped: string };
}

function bundleSize(): number {
  return readdirSync(BUNDLE_DIR, { recursive: true })
    .map((name) => path.join(BUNDLE_DIR, String(name)))
    .filter((file) => statSync(file).isFile())
    .reduce((sum, file) => sum + statSync(file).size, 0);
}

async function lambdaFigures(): Promise<LambdaFigures> {
  let bundleSource = `dist/apps/api-lambda as found (BENCH_BUNDLE=existing, built ${safeMtime()})`;
  if (process.env.BENCH_BUNDLE !== 'existing') {
    const built = spawnSync('npx', ['nx', 'run', 'api:bundle', '--skip-nx-cache', '--output-style=stream'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`nx run api:bundle failed:\n${built.stdout}\n${built.stderr}`);
    bundleSource = 'built by this run (npx nx run api:bundle)';
  }
  const bundleBytes = bundleSize();
  let emulators;
  try {
    emulators = await startAwsEmulators();
  } catch (error) {
    return {
      bundleBytes,
      bundleSource,
      coldStart: {
        skipped: `the emulators did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      },
    };
  }
  try {
    const runs: { importMs: number; firstRequestMs: number }[] = [];
    for (let run = 0; run < COLD_STARTS; run += 1) {
      const child = spawnSync(process.execPath, [path.join(BENCH_DIR, 'lambda-first-request.mjs'), BUNDLE_DIR], {
        cwd: os.tmpdir(),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          ...emulators.env,
        },
        encoding: 'utf8',
      });
      // The last lines only: the first ones quote the minified bundle.
      if (child.status !== 0) throw new Error(`lambda-first-request.mjs failed:\n${child.stderr.split('\n').slice(-15).join('\n')}`);
      const figures = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { importMs: number; firstRequestMs: number; statusCode: number };
      if (figures.statusCode !== 200) throw new Error(`the cold GET /api/health answered ${figures.statusCode}`);
      runs.push(figures);
    }
    const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
    return {
      bundleBytes,
      bundleSource,
      coldStart: {
        importMs: median(runs.map((run) => run.importMs)),
        firstRequestMs: median(runs.map((run) => run.firstRequestMs)),
        runs: runs.length,
        importRange: range(runs.map((run) => run.importMs)),
        firstRange: range(runs.map((run) => run.firstRequestMs)),
      },
    };
  } finally {
    await emulators.stop();
  }
}

function safeMtime(): string {
  try {
    return statSync(path.join(BUNDLE_DIR, 'index.js')).mtime.toISOString();
  } catch {
    return 'never';
  }
}

/**
 * What one committed write costs on the disk under DATA_DIR, with the pragmas of the local database
 * (sqlite-database.ts: WAL, synchronous = FULL, so every commit waits for an fsync): the floor under every
 * request that writes, POST /api/jobs and apply among them.
 */
function commitMs(dir: string): number {
  const db = new Database(path.join(dir, 'commit-probe.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO probe (body) VALUES (?)');
    const runs = 200;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1) insert.run('x'.repeat(200));
    return (performance.now() - started) / runs;
  } finally {
    db.close();
  }
}

// ---- the run ------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function commitOf(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'apps/api/src', 'libs'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim();
  return dirty ? `${head} (+ uncommitted changes under apps/api/src or libs)` : head;
}

/** "121 / 48 (2.5×)": the servers' own CPU per request and its ratio, which the client's share of the cores does not bend. */
function cpuCell(product: Load, bare: Load): string {
  if (product.cpuMicrosPerRequest === null || bare.cpuMicrosPerRequest === null) return 'not measured';
  return `${product.cpuMicrosPerRequest.toFixed(0)} / ${bare.cpuMicrosPerRequest.toFixed(0)} (${(product.cpuMicrosPerRequest / bare.cpuMicrosPerRequest).toFixed(1)}×)`;
}

const metOrMissed = (met: boolean) => (met ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const expressVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'express', 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`# bench:api — ${new Date().toISOString()}, commit ${commitOf()}`);
  console.log(
    `${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; Node ${process.version}, express ${expressVersion}`,
  );
  console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s per route and server\n`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const capturedFile = path.join(dataDir, 'captured.json');
  const profileDir = process.env.BENCH_PROFILE === '1' ? (process.env.BENCH_PROFILE_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'bench-api-profiles-'))) : null;
  if (profileDir) console.log(`CPU profiles of the product server: ${profileDir}\n`);
  const product = await startChild<Api>('bench-product-server.ts', [], { BENCH_DATA_DIR: path.join(dataDir, 'data'), ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}) });
  const profiler = profileDir ? new ServerProfiler(product.process, profileDir) : null;
  let bare: Child<{ url: string }> | undefined;
  let failed = false;
  try {
    const api = product.info;
    const seeded = await seed(api);
    const routes: Route[] = [
      {
        label: 'GET /api/jobs/{id}',
        method: 'GET',
        path: `/api/jobs/${seeded.readJobId}`,
      },
      {
        label: 'GET /api/jobs/{id}/review',
        method: 'GET',
        path: `/api/jobs/${seeded.readJobId}/review`,
      },
      {
        label: 'GET /api/jobs?limit=50',
        method: 'GET',
        path: '/api/jobs?limit=50',
      },
      // Last: it adds a job per request, which would lengthen nothing above but the list's candidates.
      {
        label: 'POST /api/jobs',
        method: 'POST',
        path: '/api/jobs',
        body: JSON.stringify({
          fileName: 'bench.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1234,
        }),
      },
    ];
    const captured = await Promise.all(routes.map((route) => capture(api, route)));
    // BENCH_ROUTES=read,review (a profiling aid): load only these routes and stop after the route table.
    const only = process.env.BENCH_ROUTES?.split(',');
    const loaded = only ? routes.filter((_route, index) => only.includes(ROUTE_KEYS[index] as string)) : routes;
    writeFileSync(capturedFile, JSON.stringify(captured));
    bare = await startChild<{ url: string }>('bare-express-server.ts', [capturedFile], {});

    console.log('| route | product req/s | bare req/s | product/bare | product p50 | product p99 | bare p50 | bare p99 | CPU µs/request, product / bare |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const results = new Map<string, { product: Load; bare: Load }>();
    for (const route of loaded) {
      const headers = authHeaders(api);
      const measured: { product?: Load; bare?: Load } = {};
      for (const [side, url, pid] of [
        ['product', api.url, product.process.pid],
        ['bare', bare.info.url, bare.process.pid],
      ] as const) {
        await load(url, route, headers, WARMUP_SECONDS);
        if (side === 'product') await profiler?.start();
        measured[side] = await load(url, route, headers, SECONDS, pid);
        if (side === 'product') await profiler?.stop(ROUTE_KEYS[routes.indexOf(route)] as string);
      }
      const { product: p, bare: b } = measured as { product: Load; bare: Load };
      results.set(route.label, { product: p, bare: b });
      console.log(
        `| ${route.label} | ${Math.round(p.requestsPerSecond)} | ${Math.round(b.requestsPerSecond)} | ${(p.requestsPerSecond / b.requestsPerSecond).toFixed(2)}× | ${p.p50} ms | ${p.p99} ms | ${b.p50} ms | ${b.p99} ms | ${cpuCell(p, b)} |`,
      );
    }
    if (only) {
      if (only.includes('applies')) {
        await profiler?.start();
        const applied = await applies(api, seeded.applyJobs);
        await profiler?.stop('applies');
        console.log(`\napplies: ${Math.round(applied.perSecond)}/s, inventory ${applied.inventoryOk ? 'ok' : 'WRONG'}`);
      }
      return;
    }
    const read = results.get(routes[0]?.label as string) as {
      product: Load;
      bare: Load;
    };
    const review = results.get(routes[1]?.label as string) as {
      product: Load;
      bare: Load;
    };
    const readTail = read.product.p99 / read.product.p50;
    // The bare app's own tail on this machine: what the scheduler and the collector add whatever the route does.
    console.log(
      `\njob read p99/p50: ${readTail.toFixed(2)} (${read.product.p99} ms / ${read.product.p50} ms); the bare app's: ${(read.bare.p99 / read.bare.p50).toFixed(2)} (${read.bare.p99} ms / ${read.bare.p50} ms)`,
    );

    console.log(`one SQLite commit (WAL, synchronous = FULL) on the data directory's disk: ${commitMs(dataDir).toFixed(2)} ms`);
    await profiler?.start();
    const applied = await applies(api, seeded.applyJobs);
    await profiler?.stop('applies');
    console.log(
      `\napplies: ${APPLIES} distinct PARSED jobs, ${APPLY_IN_FLIGHT} in flight: ${Math.round(applied.perSecond)} applies/s (${applied.seconds.toFixed(2)} s), ${applied.applied} APPLIED`,
    );
    console.log(applied.inventoryOk ? 'inventory check: ok' : `inventory check: FAILED\n  ${applied.mismatches.join('\n  ')}`);
    failed ||= !applied.inventoryOk;

    await bare.stop();
    bare = undefined;
    await product.stop();

    const lambda = await lambdaFigures();
    console.log(`\nLambda bundle: ${(lambda.bundleBytes / 1024).toFixed(1)} KiB (${lambda.bundleSource})`);
    if ('skipped' in lambda.coldStart) console.log(`Lambda first request: skipped, ${lambda.coldStart.skipped}`);
    else {
      const cold = lambda.coldStart;
      console.log(
        `Lambda cold start (median of ${cold.runs} fresh Node processes): import ${cold.importMs.toFixed(0)} ms (${cold.importRange}), first GET /api/health ${cold.firstRequestMs.toFixed(0)} ms (${cold.firstRange})`,
      );
    }

    const cold = 'skipped' in lambda.coldStart ? null : lambda.coldStart;
    console.log('\n| target | measured | |\n|---|---|---|');
    console.log(
      `| job read ≥ ${TARGETS.jobReadRatio}× bare | ${(read.product.requestsPerSecond / read.bare.requestsPerSecond).toFixed(2)}× | ${metOrMissed(read.product.requestsPerSecond / read.bare.requestsPerSecond >= TARGETS.jobReadRatio)} |`,
    );
    console.log(
      `| review ≥ ${TARGETS.reviewRatio}× bare | ${(review.product.requestsPerSecond / review.bare.requestsPerSecond).toFixed(2)}× | ${metOrMissed(review.product.requestsPerSecond / review.bare.requestsPerSecond >= TARGETS.reviewRatio)} |`,
    );
    console.log(`| job-read p99 ≤ ${TARGETS.jobReadTail}× p50 | ${readTail.toFixed(2)}× | ${metOrMissed(readTail <= TARGETS.jobReadTail)} |`);
    console.log(
      `| ≥ ${TARGETS.appliesPerSecond} applies/s, nothing lost or doubled | ${Math.round(applied.perSecond)}/s, inventory ${applied.inventoryOk ? 'ok' : 'WRONG'} | ${metOrMissed(applied.perSecond >= TARGETS.appliesPerSecond && applied.inventoryOk)} |`,
    );
    console.log(`| bundle ≤ 500 KB | ${(lambda.bundleBytes / 1024).toFixed(1)} KiB | ${metOrMissed(lambda.bundleBytes <= TARGETS.bundleBytes)} |`);
    console.log(
      `| first request ≤ ${TARGETS.firstRequestMs} ms after import | ${cold ? `${cold.firstRequestMs.toFixed(0)} ms (import + first request ${(cold.importMs + cold.firstRequestMs).toFixed(0)} ms)` : 'not measured'} | ${cold ? metOrMissed(cold.firstRequestMs <= TARGETS.firstRequestMs) : '—'} |`,
    );
  } finally {
    await bare?.stop();
    await product.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
