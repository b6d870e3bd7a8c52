import type { ApplyResult, Job, ParseResult } from '@invoice/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, fakeInvoice, fakeScript } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError, makeDataDir, startTestServer } from '../support/test-server';

/**
 * Parse, reconcile and apply through the HTTP API with a stand-in parser process, so that every outcome
 * (result, coded error, crash, garbage, timeout) can be produced on demand. The real parser runs in
 * workflow.test.ts.
 */
describe('parse and apply', () => {
  const suite = serverPerSuite('apply', { env: { PARSE_TIMEOUT_SECONDS: '1', PARSER_CONCURRENCY: '4' } });

  const apply = async (jobId: string) => suite.api.http.post(`/api/jobs/${jobId}/apply`);

  describe('POST /api/jobs/{jobId}/parse and polling', () => {
    it('queues attempt 1 and reconciles to PARSED with a summary', async () => {
      // Arrange
      const job = await suite.api.createAndUpload('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'S1', quantity: '1' }, { kind: 'charge', description: 'Freight' }]));

      // Act
      const queued = await suite.api.startParse(job.jobId);
      const settled = await suite.api.settled(job.jobId);

      // Assert
      expect(queued).toMatchObject({ status: 'QUEUED', attempt: 1, error: null, summary: null });
      expect(settled).toMatchObject({
        status: 'PARSED',
        attempt: 1,
        error: null,
        summary: { invoiceNumber: expect.stringMatching(/^INV-[0-9a-f]{8}$/), currency: 'EUR', total: '10.00', lineCount: 2, itemCount: 1, warningCount: 0 },
      });
      expect(settled.version).toBeGreaterThan(queued.version);
    });

    it('ends FAILED with the code the parser wrote', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'ENCRYPTED', message: 'The PDF is encrypted.' }));
      expect(job).toMatchObject({ status: 'FAILED', error: { code: 'ENCRYPTED', message: 'The PDF is encrypted.' } });
      expectError(await suite.api.http.get(`/api/jobs/${job.jobId}/result`), 409, 'RESULT_NOT_AVAILABLE');
    });

    it('ends FAILED PARSE_ABANDONED with the stop reason when the parser dies without output on every delivery', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'crash' }));
      expect(job.status).toBe('FAILED');
      expect(job.error?.code).toBe('PARSE_ABANDONED');
      expect(job.error?.message).toMatch(/abandoned after 3 deliveries .*exited with code 3/);
    });

    it('ends FAILED PARSER_OUTPUT_INVALID when the result breaks the schema', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'garbage' }));
      expect(job).toMatchObject({ status: 'FAILED', error: { code: 'PARSER_OUTPUT_INVALID' } });
    });

    it('ends FAILED TIMEOUT when the parser runs past PARSE_TIMEOUT_SECONDS', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'sleep', seconds: 20 }));
      expect(job).toMatchObject({ status: 'FAILED', error: { code: 'TIMEOUT' } });
    });

    it('re-parses into attempt 2 and never takes the output of attempt 1', async () => {
      // Arrange: attempt 1 failed; then plant a "late" result of attempt 1 before parsing again
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'CORRUPT' }));
      const blobs = suite.server.composition.context.ports.blobs;
      await blobs.write(`parsed/${job.jobId}/attempt-1.json`, JSON.stringify({ stale: true }));

      // Act
      const queued = await suite.api.startParse(job.jobId);
      const settled = await suite.api.settled(job.jobId);

      // Assert: the stand-in writes an error record for attempt 2 too, since the upload is the same
      expect(queued).toMatchObject({ status: 'QUEUED', attempt: 2, error: null });
      expect(settled).toMatchObject({ status: 'FAILED', attempt: 2, error: { code: 'CORRUPT' } });
      expect(await blobs.head(`errors/${job.jobId}/attempt-2.json`)).not.toBeNull();
    });

    it('serves the result of the latest successful attempt', async () => {
      // Arrange
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'R', quantity: '1' }]));
      await suite.api.startParse(job.jobId);
      await suite.api.settled(job.jobId);

      // Act
      const response = await suite.api.http.get(`/api/jobs/${job.jobId}/result`);

      // Assert
      expect(response.status).toBe(200);
      expect(expectContract<ParseResult>('parse-result', response.body).parser.version).toBe('attempt-2');
    });
  });

  describe('POST /api/jobs/{jobId}/apply', () => {
    // Apply refuses SKUs outside the item catalogue; the ones these tests apply are in it.
    beforeAll(() => suite.api.catalogue('DEC-A', 'DEC-B', 'REP', 'RACE', 'UNPOLLED', 'NOSKU-OK', 'RETURNED', 'FINAL'));

    it('adds the item quantities per SKU exactly, ignoring charges', async () => {
      // Arrange
      const before = await suite.api.inventory();
      const job = await suite.api.parsed(
        'a.pdf',
        'application/pdf',
        fakeInvoice([
          { sku: 'DEC-A', quantity: '2.5' },
          { sku: 'DEC-B', quantity: '1' },
          { sku: 'DEC-A', quantity: '0.25' },
          { kind: 'charge', sku: 'DEC-B', quantity: '7', description: 'Handling' },
        ]),
      );

      // Act
      const response = await apply(job.jobId);

      // Assert
      expect(response.status).toBe(200);
      const result = expectContract<ApplyResult>('apply-result', response.body);
      expect(result.outcome).toBe('APPLIED');
      expect(result.ledger).toMatchObject({ jobId: job.jobId, attempt: 1, deltas: [{ sku: 'DEC-A', quantity: '2.75' }, { sku: 'DEC-B', quantity: '1' }] });
      expect(result.job).toMatchObject({ status: 'APPLIED', appliedAt: result.ledger.appliedAt });
      expect(before['DEC-A']).toBeUndefined();
      expect(await suite.api.inventory()).toMatchObject({ 'DEC-A': '2.75', 'DEC-B': '1' });
    });

    it('answers ALREADY_APPLIED with the first ledger record and moves nothing on a repeat', async () => {
      // Arrange
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'REP', quantity: '3' }]));
      const first = (await apply(job.jobId)).body as ApplyResult;

      // Act
      const second = await apply(job.jobId);

      // Assert
      expect(second.status).toBe(200);
      expect(expectContract<ApplyResult>('apply-result', second.body)).toMatchObject({ outcome: 'ALREADY_APPLIED', ledger: first.ledger });
      expect((await suite.api.inventory()).REP).toBe('3');
    });

    it('applies exactly once under 20 concurrent requests', async () => {
      // Arrange
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'RACE', quantity: '1.5' }]));

      // Act
      const responses = await Promise.all(Array.from({ length: 20 }, () => apply(job.jobId)));

      // Assert
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const outcomes = responses.map((response) => expectContract<ApplyResult>('apply-result', response.body).outcome);
      expect(outcomes.filter((outcome) => outcome === 'APPLIED')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'ALREADY_APPLIED')).toHaveLength(19);
      expect((await suite.api.inventory()).RACE).toBe('1.5');
    });

    it('applies a job whose parse finished since the last poll (it answered 409 JOB_INVALID_STATE while QUEUED)', async () => {
      // Arrange: parse, then wait for the output file itself, so no GET reconciles the job before apply
      const job = await suite.api.createAndUpload('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'UNPOLLED', quantity: '2' }]));
      await suite.api.startParse(job.jobId);
      await until(async () => (await suite.server.composition.context.ports.blobs.head(`parsed/${job.jobId}/attempt-1.json`)) !== null);

      // Act
      const response = await apply(job.jobId);

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(expectContract<ApplyResult>('apply-result', response.body)).toMatchObject({ outcome: 'APPLIED', job: { status: 'APPLIED' } });
      expect((await suite.api.inventory()).UNPOLLED).toBe('2');
    });

    it('refuses item lines without SKU with 422 APPLY_MISSING_SKU listing them, and moves nothing', async () => {
      // Arrange
      const job = await suite.api.parsed(
        'a.pdf',
        'application/pdf',
        fakeInvoice([{ sku: 'NOSKU-OK', quantity: '1' }, { sku: null, quantity: '2', description: 'Mystery part' }]),
      );

      // Act
      const response = await apply(job.jobId);

      // Assert
      expectError(response, 422, 'APPLY_MISSING_SKU');
      expect(response.body.error.details).toEqual({ lines: [{ index: 1, description: 'Mystery part' }] });
      expect((await suite.api.job(job.jobId)).status).toBe('PARSED');
      expect((await suite.api.inventory())['NOSKU-OK']).toBeUndefined();
    });

    it('takes the items of a credit note out of stock', async () => {
      // Arrange: stock first comes in on an invoice, then part of it goes back on a credit note.
      const invoice = await suite.api.parsed('in.pdf', 'application/pdf', fakeInvoice([{ sku: 'RETURNED', quantity: '5' }]));
      await apply(invoice.jobId);
      const creditNote = await suite.api.parsed(
        'credit.pdf',
        'application/pdf',
        fakeInvoice([{ sku: 'RETURNED', quantity: '2' }], { documentType: 'credit-note' }),
      );

      // Act
      const response = await apply(creditNote.jobId);

      // Assert
      expect(expectContract<ApplyResult>('apply-result', response.body).ledger.deltas).toEqual([{ sku: 'RETURNED', quantity: '-2' }]);
      expect((await suite.api.inventory()).RETURNED).toBe('3');
    });

    it('refuses a re-parse after apply with 409 JOB_INVALID_STATE', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'FINAL', quantity: '1' }]));
      await apply(job.jobId);
      expectError(await suite.api.http.post(`/api/jobs/${job.jobId}/parse`), 409, 'JOB_INVALID_STATE');
    });

    it('refuses a FAILED job with 409 JOB_INVALID_STATE', async () => {
      const job = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'EMPTY' }));
      expectError(await apply(job.jobId), 409, 'JOB_INVALID_STATE');
    });
  });
});

/** Polls a condition that no API call may help along. */
async function until(condition: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('restart', () => {
  it('keeps jobs and stock, and fails a run that the restart cut short (PARSER_WORKERS=0: one process per parse)', async () => {
    // Arrange: the warm pool's queue survives a restart instead (tests/http/parse-queue-restart.test.ts)
    const dir = makeDataDir('restart');
    const oneProcessPerParse = { PARSER_WORKERS: '0' };
    const first = await startTestServer({ dataDir: dir.dataDir, env: oneProcessPerParse });
    const api1 = new ApiClient(first.url, first.adminToken);
    await api1.catalogue('KEEP');
    const applied = await api1.parsed('a.pdf', 'application/pdf', fakeInvoice([{ sku: 'KEEP', quantity: '4.5' }]));
    expect((await api1.http.post(`/api/jobs/${applied.jobId}/apply`)).status).toBe(200);
    const cut = await api1.createAndUpload('slow.pdf', 'application/pdf', fakeScript({ fake: 'sleep', seconds: 30 }));
    await api1.startParse(cut.jobId);
    await first.close();

    // Act
    const second = await startTestServer({ dataDir: dir.dataDir, env: oneProcessPerParse });
    const api2 = new ApiClient(second.url, second.adminToken);
    const appliedAfter = await api2.job(applied.jobId);
    const cutAfter: Job = await api2.job(cut.jobId);
    const stock = await api2.inventory();

    // Assert
    expect(appliedAfter.status).toBe('APPLIED');
    expect(stock.KEEP).toBe('4.5');
    expect(cutAfter).toMatchObject({ status: 'FAILED', error: { code: 'PARSER_CRASHED' } });
    expect(cutAfter.error?.message).toMatch(/runner restarted/);
    await second.close();
    dir.remove();
  });
});
