import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_DATABASE_FILE } from '../../src/adapters/local/local-database-file';
import { ApiClient, fakeInvoice, fakeScript } from '../support/api-client';
import { FAKE_PARSER } from '../support/paths';
import { isRunning, setUpAdministratorToken, startServerProcess, waitUntil, type ServerProcess } from '../support/server-process';
import { makeDataDir } from '../support/test-server';

const JOBS = 50;
/**
 * The first job holds the one worker this long, so that all the others are still queued when the server is
 * killed (starting 49 parses takes a second or two, more on a busy machine), and its worker is killed
 * mid-document. Its message comes back once its lease (30 s) runs out.
 */
const GATE_SECONDS = 8;
/** A 5xx logged by the API (error-middleware.ts): `[api] METHOD /path: stack`. */
const LOGGED_5XX = /^\[api\] (GET|POST|PUT|PATCH|DELETE) \//m;

interface QueueRow {
  job_id: string;
  state: 'queued' | 'claimed' | 'done';
  worker_id: string | null;
  receive_count: number;
  output_uri: string;
  stop_reason: string | null;
}

/** The parse queue as the database file holds it, read on a connection of this test's own. */
function queueRows(dataDir: string): QueueRow[] {
  const db = new Database(path.join(dataDir, LOCAL_DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], QueueRow>('SELECT job_id, state, worker_id, receive_count, output_uri, stop_reason FROM parse_queue ORDER BY seq').all();
  } finally {
    db.close();
  }
}

/** Identity of a written output file: the parser writes a temporary file and renames it, so every write is a new inode. */
function outputWrite(row: QueueRow): string {
  const stat = statSync(fileURLToPath(row.output_uri));
  return `${stat.ino}@${stat.mtimeMs}`;
}

function outputExists(row: QueueRow): boolean {
  try {
    statSync(fileURLToPath(row.output_uri));
    return true;
  } catch {
    return false;
  }
}

/** The pool a worker id belongs to: `pool-<id>-<slot>.<generation>` (warm-worker-pool.ts), one pool per server process. */
const poolOf = (workerId: string | null): string | undefined => /^(pool-[^-]+)-/.exec(workerId ?? '')?.[1];

// Linux only: the test finds the server's parser workers in /proc.
describe.skipIf(process.platform !== 'linux')('the whole local server SIGKILLed with a full parse queue (separate OS processes)', () => {
  it(`parses all ${JOBS} queued jobs after a restart, each once, at attempt 1, leaving nothing stuck`, { timeout: 120_000 }, async () => {
    const dir = makeDataDir('server-kill');
    const servers: ServerProcess[] = [];
    try {
      // Arrange: one worker, held by the gate job while the other 49 are queued behind it
      const first = await startServerProcess({ dataDir: dir.dataDir, env: { PARSER_WORKERS: '1' } });
      servers.push(first);
      const token = await setUpAdministratorToken(first.url);
      const api1 = new ApiClient(first.url, token);
      const gateScript = fakeScript({ fake: 'sleep', seconds: GATE_SECONDS, lines: [{ sku: 'GATE', quantity: '1' }] });
      const gate = await api1.createAndUpload('gate.pdf', 'application/pdf', gateScript);
      const rest = [];
      for (let n = 1; n < JOBS; n += 1) rest.push(await api1.createAndUpload(`invoice-${n}.pdf`, 'application/pdf', fakeInvoice([{ sku: `K-${n}`, quantity: '1' }])));
      await api1.startParse(gate.jobId);
      await waitUntil(() => queueRows(dir.dataDir).some((row) => row.job_id === gate.jobId && row.state === 'claimed'), 20_000, 'the worker to take the gate job');
      await Promise.all(rest.map((job) => api1.startParse(job.jobId)));
      const workers = first.childrenRunning(FAKE_PARSER);

      // Act: SIGKILL to the API and its workers at once; then a new server on the same DATA_DIR
      await first.killWhole();
      const atKill = queueRows(dir.dataDir);
      const writtenAtKill = atKill.filter(outputExists).map((row) => row.job_id);
      const second = await startServerProcess({ dataDir: dir.dataDir, env: { PARSER_WORKERS: '2' } });
      servers.push(second);
      const api2 = new ApiClient(second.url, token);
      const taken = new Map<string, string>();
      const settled = [];
      // The gate last: its message waits for the dead worker's lease to run out.
      for (const job of [...rest, gate]) {
        const ended = await api2.settled(job.jobId);
        const row = queueRows(dir.dataDir).find((each) => each.job_id === job.jobId);
        if (ended.status === 'PARSED' && row) taken.set(job.jobId, outputWrite(row));
        settled.push(ended);
      }
      await waitUntil(() => queueRows(dir.dataDir).every((row) => row.state === 'done'), 30_000, 'the parse queue to drain');
      const drained = queueRows(dir.dataDir);

      // Assert: the kill hit one worker mid-document with every job still queued, and left no process behind
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(workers).toHaveLength(1);
      expect(workers.filter(isRunning)).toEqual([]);
      const gateAtKill = atKill.find((row) => row.job_id === gate.jobId);
      expect(atKill.map((row) => row.state).sort()).toEqual(['claimed', ...Array<string>(JOBS - 1).fill('queued')]);
      expect(gateAtKill).toMatchObject({ state: 'claimed', receive_count: 1 });
      expect(writtenAtKill, 'results written before the kill').toEqual([]);

      // Assert: every job PARSED at attempt 1 with one truthful attempt, all by the new server
      expect(settled.map((job) => job.status)).toEqual(settled.map(() => 'PARSED'));
      expect(settled.map((job) => job.attempt)).toEqual(settled.map(() => 1));
      expect(settled.map((job) => job.attempts.map(({ attempt, outcome, code }) => ({ attempt, outcome, code })))).toEqual(
        settled.map(() => [{ attempt: 1, outcome: 'parsed', code: null }]),
      );
      expect(drained).toHaveLength(JOBS);
      expect(drained.map((row) => row.stop_reason)).toEqual(drained.map(() => 'parsed'));
      const firstPool = poolOf(gateAtKill?.worker_id ?? null);
      expect(firstPool).toBeDefined();
      expect(drained.filter((row) => poolOf(row.worker_id) === firstPool)).toEqual([]);
      // Delivered once each, but the gate twice: its first delivery died with the server and wrote nothing.
      expect(Object.fromEntries(drained.map((row) => [row.job_id, row.receive_count]))).toEqual(
        Object.fromEntries([...rest.map((job) => [job.jobId, 1]), [gate.jobId, 2]]),
      );
      // Nothing parsed again into a result once taken: each output file is still the write the job took.
      expect(Object.fromEntries(drained.map((row) => [row.job_id, outputWrite(row)]))).toEqual(Object.fromEntries(taken));
      expect(second.log()).not.toMatch(LOGGED_5XX);
    } finally {
      for (const server of servers) await server.stop();
      dir.remove();
    }
  });
});
