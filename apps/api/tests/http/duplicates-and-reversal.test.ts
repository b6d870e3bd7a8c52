import type { ApplyResult, JobReview, ListMovementsResponse, ReverseResult } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, skusOf } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** Issue 12: the same invoice applied twice as two jobs, and undoing an apply. */
describe('duplicates and reversal', () => {
  const suite = serverPerSuite('stock-safety', {
    env: { PARSER_CONCURRENCY: '4' },
  });

  const post = (path: string, body: object = {}) => suite.api.http.post(path).send(body);
  const apply = (jobId: string, body: object = {}) => post(`/api/jobs/${jobId}/apply`, body);
  const reverse = (jobId: string, body: object = {}) => post(`/api/jobs/${jobId}/reverse`, body);

  async function parsedJob(lines: object[], extra: object = {}) {
    // Apply refuses SKUs outside the item catalogue; these tests are about other refusals.
    await suite.api.catalogue(...skusOf(lines));
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, extra));
    expect(job.status).toBe('PARSED');
    return job;
  }

  async function review(jobId: string): Promise<JobReview> {
    const response = await suite.api.http.get(`/api/jobs/${jobId}/review`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  describe('POST /api/jobs/{jobId}/apply of a duplicate', () => {
    it('refuses the same supplier and invoice number, folded, with 409 DUPLICATE_INVOICE naming the earlier job', async () => {
      // Arrange
      const first = await parsedJob([{ sku: 'DUP-1', quantity: '1' }], {
        supplier: 'ACME GmbH',
        number: 'INV-2024/001',
      });
      const second = await parsedJob([{ sku: 'DUP-1', quantity: '1' }], {
        supplier: 'Acme GmbH.',
        number: 'inv 2024 001',
      });
      expect((await apply(first.jobId)).status).toBe(200);

      // Act
      const before = await review(second.jobId);
      const refused = await apply(second.jobId);

      // Assert
      expect(before.duplicateOf).toEqual({
        jobId: first.jobId,
        reason: 'same-invoice-number',
      });
      expectError(refused, 409, 'DUPLICATE_INVOICE');
      expect(refused.body.error.details).toMatchObject({
        jobId: first.jobId,
        reason: 'same-invoice-number',
      });
      expect((await suite.api.job(second.jobId)).status).toBe('PARSED');
      expect((await suite.api.inventory())['DUP-1']).toBe('1');
      expect((await review(first.jobId)).duplicateOf).toBeNull();
    });

    it('refuses the same document (sha256) and applies it with allowDuplicate, recorded on the ledger record', async () => {
      // Arrange: the same bytes uploaded twice
      const script = {
        document: 'same-file',
        number: 'DOC-1',
        supplier: 'Same File Ltd',
      };
      const first = await parsedJob([{ sku: 'DUP-2', quantity: '2' }], script);
      const second = await parsedJob([{ sku: 'DUP-2', quantity: '2' }], script);
      expect((await apply(first.jobId)).status).toBe(200);

      // Act
      const refused = await apply(second.jobId);
      const allowed = await apply(second.jobId, { allowDuplicate: true });

      // Assert
      expectError(refused, 409, 'DUPLICATE_INVOICE');
      expect(refused.body.error.details).toMatchObject({
        jobId: first.jobId,
        reason: 'same-document',
      });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
      expect(expectContract<ApplyResult>('apply-result', allowed.body).ledger).toMatchObject({ allowDuplicate: true, applySequence: 1 });
      expect((await suite.api.inventory())['DUP-2']).toBe('4');
    });

    it('applies only one of two duplicate jobs applied at the same moment', async () => {
      // Arrange
      const jobs = await Promise.all(
        [1, 2].map(() =>
          parsedJob([{ sku: 'DUP-3', quantity: '1' }], {
            supplier: 'Race Ltd',
            number: 'R-1',
          }),
        ),
      );

      // Act
      const responses = await Promise.all(jobs.map((job) => apply(job.jobId)));

      // Assert
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(responses.find((response) => response.status === 409)?.body.error.code).toBe('DUPLICATE_INVOICE');
      expect((await suite.api.inventory())['DUP-3']).toBe('1');
    });
  });

  describe('POST /api/jobs/{jobId}/reverse', () => {
    it('moves stock back by the ledger deltas (mapping included), marks the job REVERSED and keeps both entries in the history', async () => {
      // Arrange: one line mapped through the supplier's memory, one corrected
      const job = await parsedJob(
        [
          { sku: 'SUP-9', quantity: '3' },
          { sku: 'REV-B', quantity: '1' },
        ],
        { supplier: 'Reverse Ltd', number: 'RV-1' },
      );
      const saved = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({
        baseRevision: 0,
        corrections: [{ lineIndex: 1, quantity: '1.5' }],
        skuMappings: [{ supplierSku: 'SUP-9', inventorySku: 'REV-A' }],
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      await suite.api.catalogue('REV-A');
      expect((await apply(job.jobId, { reviewRevision: 1 })).status).toBe(200);

      // Act
      const response = await reverse(job.jobId);

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const result = expectContract<ReverseResult>('reverse-result', response.body);
      expect(result).toMatchObject({
        outcome: 'REVERSED',
        reversal: {
          applySequence: 1,
          allowNegativeStock: false,
          deltas: [
            { sku: 'REV-A', quantity: '-3' },
            { sku: 'REV-B', quantity: '-1.5' },
          ],
        },
        job: { status: 'REVERSED' },
      });
      const stock = await suite.api.inventory();
      expect([stock['REV-A'], stock['REV-B']]).toEqual(['0', '0']);
      const history = expectContract<ListMovementsResponse>(
        'api/list-movements-response',
        (await suite.api.http.get('/api/inventory/REV-A/movements')).body,
      );
      expect(history.items.map((item) => [item.entry, item.delta])).toEqual([
        ['reversal', '-3'],
        ['apply', '3'],
      ]);
    });

    it('reverses once under 20 concurrent requests, and the job reads REVERSED', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'REV-C', quantity: '7' }]);
      expect((await apply(job.jobId)).status).toBe(200);

      // Act
      const responses = await Promise.all(Array.from({ length: 20 }, () => reverse(job.jobId)));

      // Assert
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const outcomes = responses.map((response) => (response.body as ReverseResult).outcome);
      expect(outcomes.filter((outcome) => outcome === 'REVERSED')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'ALREADY_REVERSED')).toHaveLength(19);
      expect((await suite.api.inventory())['REV-C']).toBe('0');
      expect((await suite.api.job(job.jobId)).status).toBe('REVERSED');
    });

    it('refuses 409 INSUFFICIENT_STOCK naming the SKUs unless allowNegativeStock, and 409 JOB_INVALID_STATE for a job not applied', async () => {
      // Arrange: 5 received, 4 sent out by a credit note
      const job = await parsedJob([{ sku: 'REV-D', quantity: '5' }]);
      expect((await apply(job.jobId)).status).toBe(200);
      const credit = await parsedJob([{ sku: 'REV-D', quantity: '4' }], {
        documentType: 'credit-note',
      });
      expect((await apply(credit.jobId)).status).toBe(200);

      // Act
      const refused = await reverse(job.jobId);
      const allowed = await reverse(job.jobId, { allowNegativeStock: true });
      const notApplied = await reverse((await parsedJob([{ sku: 'REV-D', quantity: '1' }])).jobId);

      // Assert
      expectError(refused, 409, 'INSUFFICIENT_STOCK');
      expect(refused.body.error.details.skus).toEqual([{ sku: 'REV-D', quantity: '1', delta: '-5' }]);
      expect(allowed.status).toBe(200);
      expect(allowed.body.reversal.allowNegativeStock).toBe(true);
      expect((await suite.api.inventory())['REV-D']).toBe('-4');
      expectError(notApplied, 409, 'JOB_INVALID_STATE');
    });

    it('lets a reversed job be corrected and applied again as apply 2, and frees its invoice for another job', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'REV-E', quantity: '10' }], {
        supplier: 'Again Ltd',
        number: 'AG-1',
      });
      expect((await apply(job.jobId)).status).toBe(200);
      expect((await reverse(job.jobId)).status).toBe(200);

      // Act
      const saved = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({
        baseRevision: 0,
        corrections: [{ lineIndex: 0, quantity: '8' }],
      });
      const reviewed = await review(job.jobId);
      const again = await apply(job.jobId, { reviewRevision: 1 });
      const other = await parsedJob([{ sku: 'REV-E', quantity: '1' }], {
        supplier: 'Again Ltd',
        number: 'AG-1',
      });

      // Assert
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(reviewed).toMatchObject({
        status: 'REVERSED',
        revision: 1,
        stockChanges: [{ sku: 'REV-E', quantity: '8' }],
        duplicateOf: null,
      });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(expectContract<ApplyResult>('apply-result', again.body)).toMatchObject({
        outcome: 'APPLIED',
        ledger: { applySequence: 2, reviewRevision: 1 },
        job: { status: 'APPLIED' },
      });
      expect((await suite.api.inventory())['REV-E']).toBe('8');
      expect((await review(other.jobId)).duplicateOf).toEqual({
        jobId: job.jobId,
        reason: 'same-invoice-number',
      });
      const history = (await suite.api.http.get('/api/inventory/REV-E/movements')).body as ListMovementsResponse;
      expect(history.items.map((item) => [item.entry, item.applySequence, item.delta])).toEqual([
        ['apply', 2, '8'],
        ['reversal', 1, '-10'],
        ['apply', 1, '10'],
      ]);
    });
  });
});
