import { describe, expect, it } from 'vitest';
import { ApiClient, fakeInvoice, fakeScript } from '../support/api-client';
import { makeDataDir, startTestServer } from '../support/test-server';

const JOBS = 50;

describe('the local parse queue across a restart', () => {
  it(`parses all ${JOBS} jobs that were queued or in hand when the server stopped, each once`, async () => {
    // Arrange: one slow worker, so nearly all jobs are still queued when the server goes
    const dir = makeDataDir('queue-restart');
    const first = await startTestServer({ dataDir: dir.dataDir, env: { PARSER_WORKERS: '1' } });
    const api1 = new ApiClient(first.url, first.adminToken);
    const jobs = [];
    for (let n = 0; n < JOBS; n += 1) {
      const script = n % 2 === 0 ? { fake: 'sleep', seconds: 0.05 } : JSON.parse(fakeInvoice([{ sku: `S-${n}`, quantity: '1' }]).toString('utf8'));
      jobs.push(await api1.createAndUpload(`invoice-${n}.pdf`, 'application/pdf', fakeScript(script)));
    }
    for (const job of jobs) await api1.startParse(job.jobId);
    const beforeStop = first.composition.parserPool?.busyWorkers().length;

    // Act: the server stops without waiting for the queue; a new one starts on the same DATA_DIR
    await first.close();
    const second = await startTestServer({ dataDir: dir.dataDir, env: { PARSER_WORKERS: '2' } });
    const api2 = new ApiClient(second.url, second.adminToken);
    const settled = [];
    for (const job of jobs) settled.push(await api2.settled(job.jobId));

    // Assert
    expect(beforeStop).toBe(1);
    expect(settled.map((job) => job.status)).toEqual(jobs.map(() => 'PARSED'));
    expect(settled.map((job) => job.attempt)).toEqual(jobs.map(() => 1));
    expect(second.unexpectedErrors).toEqual([]);
    await second.close();
    dir.remove();
  });
});
