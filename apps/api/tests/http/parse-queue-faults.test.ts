import { describe, expect, it } from 'vitest';
import { fakeScript } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';

describe('warm parser workers under faults (over HTTP)', () => {
  const suite = serverPerSuite('queue-faults', { env: { PARSER_WORKERS: '2' } });

  async function busyWorker(): Promise<number> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const busy = suite.server.composition.parserPool?.busyWorkers() ?? [];
      if (busy[0]?.pid !== undefined) return busy[0].pid;
      if (Date.now() > deadline) throw new Error('no worker took the job');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('parses a job whose worker is killed mid-job: PARSED at attempt 1, the worker replaced', async () => {
    // Arrange
    const job = await suite.api.createAndUpload('slow.pdf', 'application/pdf', fakeScript({ fake: 'sleep', seconds: 1, lines: [] }));
    await suite.api.startParse(job.jobId);
    const pid = await busyWorker();

    // Act
    process.kill(pid, 'SIGKILL');
    const settled = await suite.api.settled(job.jobId);

    // Assert
    expect(settled).toMatchObject({ status: 'PARSED', attempt: 1 });
    expect(suite.server.composition.parserPool?.busyWorkers().map((worker) => worker.pid)).not.toContain(pid);
  });

  it('keeps parsing other jobs while a poison document kills its workers, and ends the poison FAILED', async () => {
    // Arrange
    const poison = await suite.api.createAndUpload('poison.pdf', 'application/pdf', fakeScript({ fake: 'crash' }));
    const healthy = await Promise.all([1, 2, 3].map((n) => suite.api.createAndUpload(`ok-${n}.pdf`, 'application/pdf', fakeScript({ fake: 'result', lines: [] }))));

    // Act
    await suite.api.startParse(poison.jobId);
    for (const job of healthy) await suite.api.startParse(job.jobId);
    const poisonEnd = await suite.api.settled(poison.jobId);
    const healthyEnds = await Promise.all(healthy.map((job) => suite.api.settled(job.jobId)));

    // Assert
    expect(poisonEnd).toMatchObject({ status: 'FAILED', error: { code: 'PARSE_ABANDONED' } });
    expect(healthyEnds.map((job) => job.status)).toEqual(['PARSED', 'PARSED', 'PARSED']);
  });
});
