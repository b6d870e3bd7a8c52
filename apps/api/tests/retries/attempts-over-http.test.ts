import type { Job } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, fakeScript } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract } from '../support/test-server';

/** The attempt history as the API answers it, with the stand-in parser and the local runner. */
describe('a job\'s attempts over HTTP', () => {
  const suite = serverPerSuite('attempts');

  it('shows each attempt with its times and outcome, in the job, the list and after a re-parse', async () => {
    // Arrange
    const job = await suite.api.createAndUpload('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'S1', quantity: '1' }]));
    expect(job.attempts).toEqual([]);

    // Act
    const queued = await suite.api.startParse(job.jobId);
    const parsed = await suite.api.settled(job.jobId);
    await suite.api.startParse(job.jobId);
    const reparsed = await suite.api.settled(job.jobId);
    const list = (await suite.api.http.get('/api/jobs?limit=50')).body as { items: Job[] };

    // Assert
    expect(queued.attempts).toMatchObject([{ attempt: 1, outcome: 'running', endedAt: null, code: null, retryAt: null }]);
    expectContract('job', parsed);
    expect(parsed.attempts).toEqual([
      { attempt: 1, queuedAt: expect.any(String), startedAt: expect.any(String), endedAt: expect.any(String), outcome: 'parsed', code: null, retryAt: null },
    ]);
    const [first] = parsed.attempts;
    expect(Date.parse(first?.queuedAt ?? '')).toBeLessThanOrEqual(Date.parse(first?.startedAt ?? ''));
    expect(Date.parse(first?.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(first?.endedAt ?? ''));
    expect(reparsed.attempts.map(({ attempt, outcome }) => ({ attempt, outcome }))).toEqual([
      { attempt: 1, outcome: 'parsed' },
      { attempt: 2, outcome: 'parsed' },
    ]);
    expect(list.items.find((item) => item.jobId === job.jobId)?.attempts).toEqual(reparsed.attempts);
  });

  it('records a document error as the attempt\'s code, never retried', async () => {
    // Act
    const failed = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'ENCRYPTED', message: 'The PDF is encrypted.' }));

    // Assert
    expect(failed).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'ENCRYPTED' } });
    expect(failed.attempts).toMatchObject([{ attempt: 1, outcome: 'failed', code: 'ENCRYPTED' }]);
  });
});
