// `npm run bench:queue`: the local parse engine measured over HTTP with the real Python parser.
//   1. upload-to-PARSED latency of one-page invoices, one at a time: warm workers (PARSER_WORKERS=2) against one
//      process per parse (PARSER_WORKERS=0), in the same run;
//   2. a burst of BURST invoices at 1, 2 and 4 warm workers: throughput, and checks that nothing is lost, nothing
//      is parsed twice, and nothing is left in the queue.
// Each server is composed in this process on a fresh DATA_DIR, as the tests do, with an admin API token.
// Options (environment): BENCH_LATENCY_RUNS (default 40), BENCH_BURST (default 200), BENCH_WORKERS ("1,2,4").
import { NO_ACTOR, createToken, createUser } from '@invoice/inventory';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app';
import { LOCAL_DATABASE_FILE } from '../src/adapters/local/local-database-file';
import { openSqliteDatabase } from '../src/adapters/local/sqlite-database';
import { compose } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { AllowedHosts } from '../src/http/allowed-hosts';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const GENERATOR = path.join(REPO_ROOT, 'apps', 'parser-py', 'fixtures', 'generate_invoices.py');
/** A one-page invoice of the generated fixture set (apps/parser-py/fixtures/specs.py). */
const ONE_PAGE_FIXTURE = 'ruled_basic.pdf';
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 40);
const BURST = Number(process.env.BENCH_BURST ?? 200);
const BURST_WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
/** Unmeasured parses first, so the measured ones see warm page caches and a warm pool alike. */
const WARM_UP_RUNS = 3;
/** The latency probe polls this often; it bounds the error of each measurement. */
const LATENCY_POLL_MS = 5;
/** A burst is polled in rounds this far apart, so that polling does not take the CPU from the parsers. */
const BURST_POLL_MS = 100;
const SETTLE_LIMIT_MS = 15 * 60_000;

interface Bench {
  url: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

async function startServer(workers: number): Promise<Bench> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-queue-${workers}-`));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PUBLIC_BASE_URL: url, PARSER_WORKERS: String(workers), PARSER_CONCURRENCY: '2', PARSE_TIMEOUT_SECONDS: '120' }, REPO_ROOT);
  const composition = compose(config);
  server.on('request', createApp(composition.context, { allowedHosts: AllowedHosts.of(config) }));
  const accounts = composition.context.accounts;
  if (!accounts) throw new Error('local mode has accounts');
  const setup = { actor: NO_ACTOR, requestId: 'bench-setup' };
  await createUser(accounts, setup, { username: 'bench', role: 'admin', password: 'bench password long enough' });
  const principal = { username: 'bench', role: 'admin' as const, via: 'token' as const, expiresAt: null };
  const { token } = await createToken(accounts, setup, principal, { name: 'bench', role: 'admin' });
  return {
    url,
    token,
    dataDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await composition.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads a few fields of several bodies
async function call(bench: Bench, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${bench.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${bench.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Creates a job and uploads the PDF; returns the job id (not measured). */
async function createJob(bench: Bench, pdf: Buffer, name: string): Promise<{ jobId: string; upload: () => Promise<void> }> {
  const created = await call(bench, 'POST', '/api/jobs', { fileName: name, contentType: 'application/pdf', sizeBytes: pdf.length });
  const upload = async () => {
    const put = await fetch(created.upload.url, { method: 'PUT', headers: created.upload.headers, body: pdf });
    if (!put.ok) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
  };
  return { jobId: created.job.jobId, upload };
}

const IN_FLIGHT = new Set(['QUEUED', 'PARSING']);

/** Upload, parse request, then polling until the job leaves QUEUED/PARSING: milliseconds from upload start. */
async function uploadToParsed(bench: Bench, pdf: Buffer, name: string): Promise<number> {
  const { jobId, upload } = await createJob(bench, pdf, name);
  const started = performance.now();
  await upload();
  await call(bench, 'POST', `/api/jobs/${jobId}/parse`, {});
  for (;;) {
    const job = await call(bench, 'GET', `/api/jobs/${jobId}`);
    if (!IN_FLIGHT.has(job.status)) {
      if (job.status !== 'PARSED') throw new Error(`job ${jobId} ended ${job.status}: ${JSON.stringify(job.error)}`);
      return performance.now() - started;
    }
    await sleep(LATENCY_POLL_MS);
  }
}

async function latency(workers: number, pdf: Buffer): Promise<{ p50: number; p95: number; max: number; runs: number }> {
  const bench = await startServer(workers);
  try {
    for (let n = 0; n < WARM_UP_RUNS; n += 1) await uploadToParsed(bench, pdf, `warm-${n}.pdf`);
    const times: number[] = [];
    for (let n = 0; n < LATENCY_RUNS; n += 1) times.push(await uploadToParsed(bench, pdf, `latency-${n}.pdf`));
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] as number, runs: times.length };
  } finally {
    await bench.close();
  }
}

interface BurstOutcome {
  workers: number;
  seconds: number;
  perMinute: number;
  parsed: number;
  lost: number;
  parsedTwice: number;
  stuck: number;
  p95Ms: number;
}

async function burst(workers: number, pdf: Buffer): Promise<BurstOutcome> {
  const bench = await startServer(workers);
  try {
    for (let n = 0; n < WARM_UP_RUNS; n += 1) await uploadToParsed(bench, pdf, `warm-${n}.pdf`);
    const jobs: string[] = [];
    for (let n = 0; n < BURST; n += 1) {
      const { jobId, upload } = await createJob(bench, pdf, `burst-${n}.pdf`);
      await upload();
      jobs.push(jobId);
    }
    const started = performance.now();
    const requested = new Map<string, number>();
    for (const jobId of jobs) {
      requested.set(jobId, performance.now());
      await call(bench, 'POST', `/api/jobs/${jobId}/parse`, {});
    }
    const ended = new Map<string, { status: string; attempt: number; at: number }>();
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    while (ended.size < jobs.length && Date.now() < deadline) {
      for (const jobId of jobs) {
        if (ended.has(jobId)) continue;
        const job = await call(bench, 'GET', `/api/jobs/${jobId}`);
        if (!IN_FLIGHT.has(job.status)) ended.set(jobId, { status: job.status, attempt: job.attempt, at: performance.now() });
      }
      await sleep(BURST_POLL_MS);
    }
    const seconds = (Math.max(...[...ended.values()].map((end) => end.at)) - started) / 1000;
    const waits = [...ended].map(([jobId, end]) => end.at - (requested.get(jobId) as number)).sort((a, b) => a - b);
    const queue = queueRows(bench.dataDir);
    return {
      workers,
      seconds,
      perMinute: (jobs.length / seconds) * 60,
      parsed: [...ended.values()].filter((end) => end.status === 'PARSED').length,
      lost: jobs.length - ended.size + [...ended.values()].filter((end) => end.status !== 'PARSED').length,
      // A job parsed twice would show a second attempt, or a queue message delivered more than once.
      parsedTwice: [...ended.values()].filter((end) => end.attempt !== 1).length + queue.redelivered,
      stuck: queue.notDone,
      p95Ms: percentile(waits, 95),
    };
  } finally {
    await bench.close();
  }
}

/** Read from the database file itself: messages not finished, and messages delivered more than once. */
function queueRows(dataDir: string): { notDone: number; redelivered: number } {
  const db = openSqliteDatabase(path.join(dataDir, LOCAL_DATABASE_FILE));
  try {
    const row = db
      .prepare<[], { notDone: number; redelivered: number }>(
        `SELECT COALESCE(SUM(state != 'done'), 0) AS notDone, COALESCE(SUM(receive_count > 1), 0) AS redelivered FROM parse_queue`,
      )
      .get();
    return row ?? { notDone: 0, redelivered: 0 };
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function generateFixture(): { pdf: Buffer; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-queue-fixtures-'));
  const generated = spawnSync(VENV_PYTHON, [GENERATOR, '--out', dir], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`generate_invoices.py failed:\n${generated.stderr}`);
  return { pdf: readFileSync(path.join(dir, ONE_PAGE_FIXTURE)), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const fixture = generateFixture();
  const ms = (value: number) => `${Math.round(value)} ms`;
  try {
    console.log(`# bench:queue — ${new Date().toISOString()}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), fixture ${ONE_PAGE_FIXTURE}`);
    console.log(`\n## Upload-to-PARSED latency, one job at a time (${LATENCY_RUNS} runs after ${WARM_UP_RUNS} warm-up)\n`);
    console.log('| engine | p50 | p95 | max |\n|---|---|---|---|');
    for (const [label, workers] of [['warm workers (PARSER_WORKERS=2)', 2], ['one process per parse (PARSER_WORKERS=0)', 0]] as const) {
      const result = await latency(workers, fixture.pdf);
      console.log(`| ${label} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.max)} |`);
    }
    console.log(`\n## Burst of ${BURST} one-page invoices (parse requested back to back)\n`);
    console.log('| workers | wall time | invoices/min | PARSED | lost | parsed twice | stuck | p95 request-to-PARSED |\n|---|---|---|---|---|---|---|---|');
    let failed = false;
    for (const workers of BURST_WORKERS) {
      const result = await burst(workers, fixture.pdf);
      failed ||= result.lost + result.parsedTwice + result.stuck > 0;
      console.log(
        `| ${workers} | ${result.seconds.toFixed(1)} s | ${Math.round(result.perMinute)} | ${result.parsed} | ${result.lost} | ${result.parsedTwice} | ${result.stuck} | ${(result.p95Ms / 1000).toFixed(1)} s |`,
      );
    }
    if (failed) {
      console.error('\nA burst lost, repeated or left a job: see the table.');
      process.exitCode = 1;
    }
  } finally {
    fixture.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
