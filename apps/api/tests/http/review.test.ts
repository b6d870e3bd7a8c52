import type { ApplyResult, Job, JobReview, ListMovementsResponse, ListSkuMappingsResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { bytesBody, fakeInvoice, fakeScript, skusOf } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/**
 * Review, SKU mappings, apply of the reviewed lines and stock history through the HTTP API, with the
 * stand-in parser so that each test chooses its lines and supplier.
 */
describe('review', () => {
  const suite = serverPerSuite('review', { env: { PARSER_CONCURRENCY: '4' } });

  const getReview = async (jobId: string) => suite.api.http.get(`/api/jobs/${jobId}/review`);
  const putReview = async (jobId: string, body: object) => suite.api.http.put(`/api/jobs/${jobId}/review`).send(body);
  const apply = async (jobId: string, body?: object) =>
    body === undefined ? suite.api.http.post(`/api/jobs/${jobId}/apply`) : suite.api.http.post(`/api/jobs/${jobId}/apply`).send(body);

  async function review(jobId: string): Promise<JobReview> {
    const response = await getReview(jobId);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  async function saved(jobId: string, body: object): Promise<JobReview> {
    const response = await putReview(jobId, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  /** A parsed job whose lines carry SKUs unique to the test, so stock assertions do not collide. */
  async function parsedJob(lines: object[], extra: object = {}): Promise<Job> {
    // Their SKUs are catalogued, as apply requires (items.test.ts is about the ones that are not).
    await suite.api.catalogue(...skusOf(lines));
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, extra));
    expect(job.status).toBe('PARSED');
    return job;
  }

  describe('GET /api/jobs/{jobId}/review', () => {
    it('shows a never-reviewed job as parsed, with its stock changes and what blocks apply', async () => {
      // Arrange
      const job = await parsedJob([
        { sku: 'G-A', quantity: '2.5' },
        { sku: null, quantity: '1', description: 'Mystery part' },
        { kind: 'charge', description: 'Freight' },
        { sku: 'G-A', quantity: '0.5' },
      ]);

      // Act
      const body = await review(job.jobId);

      // Assert
      expect(body).toMatchObject({
        jobId: job.jobId,
        status: 'PARSED',
        attempt: 1,
        revision: 0,
        updatedAt: null,
        documentType: 'invoice',
        supplierKey: 'fake supplies ltd',
        stockChanges: [{ sku: 'G-A', quantity: '3' }],
        applyBlockers: [{ lineIndex: 1, code: 'APPLY_MISSING_SKU' }],
      });
      expect(body.lines.map((line) => [line.index, line.kind, line.sku, line.quantity, line.notStock, line.changed, line.mappedFrom])).toEqual([
        [0, 'item', 'G-A', '2.5', false, [], null],
        [1, 'item', null, '1', false, [], null],
        [2, 'charge', null, null, false, [], null],
        [3, 'item', 'G-A', '0.5', false, [], null],
      ]);
      expect(body.lines[0]).toMatchObject({ parsed: { sku: 'G-A', quantity: '2.5' }, page: 1, bbox: [10, 10, 500, 20] });
    });

    it("passes the parser's confidence and the fields OCR was unsure of through, until the operator corrects them", async () => {
      // Arrange
      const job = await parsedJob([
        { sku: 'U-A', quantity: '7', confidence: 'medium', unsureFields: ['sku', 'quantity'] },
        { sku: 'U-B', quantity: '1', confidence: 'high' },
      ]);

      // Act
      const before = await review(job.jobId);
      const after = await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '1' }] });

      // Assert
      expect(before.lines.map((line) => [line.confidence, line.unsureFields])).toEqual([
        ['medium', ['sku', 'quantity']],
        ['high', undefined],
      ]);
      expect(after.lines.map((line) => [line.confidence, line.unsureFields])).toEqual([
        ['medium', ['sku']],
        ['high', undefined],
      ]);
    });

    it('answers 409 RESULT_NOT_AVAILABLE for a failed job and 404 for an unknown one', async () => {
      const failed = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'ENCRYPTED' }));
      expectError(await getReview(failed.jobId), 409, 'RESULT_NOT_AVAILABLE');
      expectError(await getReview('00000000-0000-4000-8000-00000000dead'), 404, 'JOB_NOT_FOUND');
      expectError(await getReview('not-a-job'), 404, 'JOB_NOT_FOUND');
    });

    it('answers 409 RESULT_NOT_AVAILABLE for a job that is not uploaded or parsed yet', async () => {
      const created = await suite.api.create('a.pdf', 'application/pdf', 10);
      expectError(await getReview(created.job.jobId), 409, 'RESULT_NOT_AVAILABLE');
    });
  });

  describe('PUT /api/jobs/{jobId}/review', () => {
    it('saves corrections as revision 1 and shows them as changed, in the answer and afterwards', async () => {
      // Arrange
      const job = await parsedJob([
        { sku: 'P-A', quantity: '1' },
        { sku: 'P-B', quantity: '2' },
        { sku: null, quantity: '3' },
        { sku: 'P-D', quantity: '4' },
      ]);

      // Act
      const answer = await saved(job.jobId, {
        baseRevision: 0,
        corrections: [
          { lineIndex: 0, quantity: '1.25' },
          { lineIndex: 1, sku: '  P-B2 ' },
          { lineIndex: 2, notStock: true },
          { lineIndex: 3, sku: 'P-D', quantity: '4.0' },
        ],
      });
      const reread = await review(job.jobId);
      const jobAfter = await suite.api.job(job.jobId);

      // Assert
      expect(answer).toEqual(reread);
      expect(answer.revision).toBe(1);
      expect(answer.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(answer.lines.map((line) => [line.sku, line.quantity, line.notStock, line.changed])).toEqual([
        ['P-A', '1.25', false, ['quantity']],
        ['P-B2', '2', false, ['sku']],
        [null, '3', true, ['notStock']],
        ['P-D', '4.0', false, []],
      ]);
      expect(answer.stockChanges).toEqual([
        { sku: 'P-A', quantity: '1.25' },
        { sku: 'P-B2', quantity: '2' },
        { sku: 'P-D', quantity: '4' },
      ]);
      expect(answer.applyBlockers).toEqual([]);
      expect(jobAfter).toMatchObject({ reviewRevision: 1, status: 'PARSED' });
    });

    it('replaces the previous revision with the full set sent', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'R-A', quantity: '1' }, { sku: 'R-B', quantity: '1' }]);
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '9' }] });

      // Act
      const second = await saved(job.jobId, { baseRevision: 1, corrections: [{ lineIndex: 1, notStock: true }] });

      // Assert
      expect(second.revision).toBe(2);
      expect(second.lines.map((line) => [line.quantity, line.notStock])).toEqual([
        ['1', false],
        ['1', true],
      ]);
      expect(second.stockChanges).toEqual([{ sku: 'R-A', quantity: '1' }]);
    });

    it('refuses a stale baseRevision with 409 REVIEW_CONFLICT naming the current one, and keeps the saved revision', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'C-A', quantity: '1' }]);
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '2' }] });

      // Act
      const stale = await putReview(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '7' }] });

      // Assert
      expectError(stale, 409, 'REVIEW_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ currentRevision: 1, requestedRevision: 0 });
      expect((await review(job.jobId)).lines[0]?.quantity).toBe('2');
    });

    it('lets exactly one of concurrent saves from the same revision win', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'CC-A', quantity: '1' }]);

      // Act
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, n) => putReview(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: String(n + 10) }] })),
      );

      // Assert
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      for (const response of responses.filter((candidate) => candidate.status === 409)) expectError(response, 409, 'REVIEW_CONFLICT');
      const winner = responses.find((response) => response.status === 200)?.body as JobReview;
      expect(await review(job.jobId)).toMatchObject({ revision: 1, lines: [{ quantity: winner.lines[0]?.quantity }] });
    });

    it('leaves no mapping and no supplier identity behind from the saves that lost the race', async () => {
      // Arrange: each save names its own supplier and remembers its own mapping
      const job = await parsedJob([{ sku: 'RACE-SUP', quantity: '1' }]);
      const keys = Array.from({ length: 6 }, (_, n) => `race loser supplier ${n}`);

      // Act
      const responses = await Promise.all(
        keys.map((key, n) =>
          putReview(job.jobId, {
            baseRevision: 0,
            corrections: [],
            header: { supplierName: key },
            skuMappings: [{ supplierSku: 'RACE-SUP', inventorySku: `RACE-INV-${n}` }],
          }),
        ),
      );

      // Assert: only the winner's supplier knows an identity and a mapping
      const winner = responses.findIndex((response) => response.status === 200);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(keys.length - 1);
      const mappings = await suite.api.http.get('/api/sku-mappings').query({ q: 'RACE-INV' });
      expect((mappings.body as ListSkuMappingsResponse).items.map((item) => [item.supplierKey, item.inventorySku])).toEqual([[keys[winner], `RACE-INV-${winner}`]]);
      for (const [n, key] of keys.entries()) {
        const identities = await suite.api.http.get(`/api/suppliers/${encodeURIComponent(key)}/identities`);
        // A supplier the directory knows nothing of is 404.
        expect(identities.status, key).toBe(n === winner ? 200 : 404);
      }
    });

    it('links no identity of an invoice whose apply is refused', async () => {
      // Arrange: a second invoice of the same supplier and number, with a VAT ID the directory does not know yet
      const first = await parsedJob([{ sku: 'RF-1', quantity: '1' }], { supplier: 'Refused Apply Ltd', number: 'RF-1' });
      const second = await parsedJob([{ sku: 'RF-1', quantity: '1' }], { supplier: 'Refused Apply Ltd', number: 'RF-1', vatId: 'DE136695976' });
      expect((await apply(first.jobId)).status).toBe(200);

      // Act
      const refused = await apply(second.jobId);

      // Assert
      expectError(refused, 409, 'DUPLICATE_INVOICE');
      const identities = await suite.api.http.get(`/api/suppliers/${encodeURIComponent('refused apply ltd')}/identities`);
      expect(identities.status).toBe(200);
      expect(identities.body.identities).toEqual([{ kind: 'name', value: 'refused apply ltd' }]);
    });

    it.each([
      ['an unknown line index', '/corrections/0/lineIndex', { baseRevision: 0, corrections: [{ lineIndex: 5, sku: 'X' }] }],
      ['a line corrected twice', '/corrections/1/lineIndex', { baseRevision: 0, corrections: [{ lineIndex: 0, sku: 'X' }, { lineIndex: 0, notStock: true }] }],
      ['a negative quantity', '/corrections/0/quantity', { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '-1' }] }],
      ['a quantity that is not a decimal', '/corrections/0/quantity', { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '1,5' }] }],
      ['a quantity sent as a number', '/corrections/0/quantity', { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: 1.5 }] }],
      ['a blank SKU', '/corrections/0/sku', { baseRevision: 0, corrections: [{ lineIndex: 0, sku: '   ' }] }],
      ['a correction of nothing', '/corrections/0', { baseRevision: 0, corrections: [{ lineIndex: 0 }] }],
      ['no baseRevision', '', { corrections: [] }],
    ])('answers 400 VALIDATION_FAILED for %s at %j, and saves nothing', async (_label, path, body) => {
      // Arrange
      const job = await parsedJob([{ sku: 'V-A', quantity: '1' }, { sku: 'V-B', quantity: '1' }]);

      // Act
      const response = await putReview(job.jobId, body);

      // Assert
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      expect((await suite.api.job(job.jobId)).reviewRevision).toBe(0);
    });

    it('answers 400 for an empty body, 415 for a body that is not JSON and 400 for malformed JSON', async () => {
      const job = await parsedJob([{ sku: 'B-A', quantity: '1' }]);
      expectError(await suite.api.http.put(`/api/jobs/${job.jobId}/review`), 400, 'VALIDATION_FAILED');
      expectError(await suite.api.http.put(`/api/jobs/${job.jobId}/review`).set('content-type', 'text/plain').send('x'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await suite.api.http.put(`/api/jobs/${job.jobId}/review`).set('content-type', 'application/json').send('{"baseRevision":'),
        400,
        'MALFORMED_JSON',
      );
    });

    it('accepts the corrections of a long invoice (1 000 lines)', async () => {
      // Arrange
      const lines = Array.from({ length: 1000 }, (_, n) => ({ sku: `LONG-${n}`, quantity: '1' }));
      const job = await parsedJob(lines);
      const corrections = lines.map((_, n) => ({ lineIndex: n, sku: `LONG-INVENTORY-SKU-${n}`, quantity: '2.000' }));
      // Larger than the API's general 64 KiB body limit, so this proves the review route has its own.
      expect(JSON.stringify({ baseRevision: 0, corrections }).length).toBeGreaterThan(64 * 1024);

      // Act
      const answer = await saved(job.jobId, { baseRevision: 0, corrections });

      // Assert
      expect(answer.stockChanges).toHaveLength(1000);
      expect(answer.lines.every((line) => line.changed.join() === 'sku,quantity')).toBe(true);
    });

    it('refuses 20 000 corrections that are all wrong at once, quickly and with a short answer', async () => {
      // Arrange: listing every problem of this 1.4 MB body used to block the server for seconds and answer 13 MB
      const job = await parsedJob([{ sku: 'BIG-A', quantity: '1' }]);
      const corrections = Array.from({ length: 20_000 }, (_, n) => ({ lineIndex: -1, sku: '', quantity: 'x', notStock: 'y', extra: n }));
      const started = performance.now();

      // Act
      const response = await putReview(job.jobId, { baseRevision: 0, corrections });

      // Assert
      expect(performance.now() - started).toBeLessThan(3_000);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues[0]).toEqual({ path: '/corrections/0', message: 'must NOT have additional properties: extra' });
      expect(JSON.stringify(response.body).length).toBeLessThan(2_000);
    });

    it('lists at most 100 unknown line indexes of a review, then how many more', async () => {
      const job = await parsedJob([{ sku: 'UNK-A', quantity: '1' }]);
      const corrections = Array.from({ length: 3_000 }, (_, n) => ({ lineIndex: n + 1, notStock: true }));
      const response = await putReview(job.jobId, { baseRevision: 0, corrections });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues).toHaveLength(101);
      expect(response.body.error.details.issues[100]).toEqual({ path: '', message: 'has 2900 more problem(s) not listed here' });
    });

    it('refuses to change the review of an applied job with 409 JOB_INVALID_STATE', async () => {
      const job = await parsedJob([{ sku: 'AP-A', quantity: '1' }]);
      expect((await apply(job.jobId)).status).toBe(200);
      expectError(await putReview(job.jobId, { baseRevision: 0, corrections: [] }), 409, 'JOB_INVALID_STATE');
    });

    it('refuses to review a failed job with 409 JOB_INVALID_STATE', async () => {
      const failed = await suite.api.parsed('a.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'CORRUPT' }));
      expectError(await putReview(failed.jobId, { baseRevision: 0, corrections: [] }), 409, 'JOB_INVALID_STATE');
    });
  });

  describe('POST /api/jobs/{jobId}/apply after review', () => {
    it('moves the corrected quantities and SKUs, leaves out not-stock lines, and records the revision', async () => {
      // Arrange: without review this invoice cannot even be applied (line 2 has no SKU)
      const job = await parsedJob([
        { sku: 'AR-A', quantity: '1' },
        { sku: 'AR-WRONG', quantity: '2' },
        { sku: null, quantity: '5', description: 'Pallet' },
        { kind: 'charge', sku: 'AR-A', quantity: '9', description: 'Handling' },
      ]);
      await suite.api.catalogue('AR-RIGHT');
      expectError(await apply(job.jobId), 422, 'APPLY_MISSING_SKU');
      const reviewed = await saved(job.jobId, {
        baseRevision: 0,
        corrections: [
          { lineIndex: 0, quantity: '1.5' },
          { lineIndex: 1, sku: 'AR-RIGHT' },
          { lineIndex: 2, notStock: true },
        ],
      });

      // Act
      const response = await apply(job.jobId, { reviewRevision: reviewed.revision });

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const result = expectContract<ApplyResult>('apply-result', response.body);
      expect(result.ledger).toMatchObject({
        reviewRevision: 1,
        deltas: [
          { sku: 'AR-A', quantity: '1.5' },
          { sku: 'AR-RIGHT', quantity: '2' },
        ],
      });
      expect(result.ledger.deltas).toEqual(reviewed.stockChanges);
      const stock = await suite.api.inventory();
      expect([stock['AR-A'], stock['AR-RIGHT'], stock['AR-WRONG']]).toEqual(['1.5', '2', undefined]);
    });

    it('shows group subtotals for review but moves only their detail items, even when a group repeats an item SKU', async () => {
      // Arrange: an EXTENDED e-invoice's GROUP rows (the printed subtotals) beside their DETAIL items
      const job = await parsedJob([
        { sku: 'GR-PRINTER', quantity: '2', description: 'Laser printer' },
        { sku: 'GR-INK', quantity: '3', description: 'Ink printer' },
        { kind: 'group', sku: 'GR-PRINTER', quantity: '1', description: 'Subtotal hardware' },
        { kind: 'group', sku: null, quantity: null, description: 'Subtotal accessories' },
      ]);
      const before = await review(job.jobId);

      // Act
      const response = await apply(job.jobId, { reviewRevision: 0, expectedStockChanges: before.stockChanges });

      // Assert
      expect(before.lines.map((line) => [line.index, line.kind, line.sku, line.quantity])).toEqual([
        [0, 'item', 'GR-PRINTER', '2'],
        [1, 'item', 'GR-INK', '3'],
        [2, 'group', 'GR-PRINTER', '1'],
        [3, 'group', null, null],
      ]);
      expect(before.applyBlockers).toEqual([]);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const result = expectContract<ApplyResult>('apply-result', response.body);
      expect(result.ledger.deltas).toEqual([
        { sku: 'GR-INK', quantity: '3' },
        { sku: 'GR-PRINTER', quantity: '2' },
      ]);
      const stock = await suite.api.inventory();
      expect([stock['GR-PRINTER'], stock['GR-INK']]).toEqual(['2', '3']);
    });

    it('refuses a stale reviewRevision with 409 REVIEW_CONFLICT and moves nothing', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'AS-A', quantity: '1' }]);
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '3' }] });

      // Act
      const response = await apply(job.jobId, { reviewRevision: 0 });

      // Assert
      expectError(response, 409, 'REVIEW_CONFLICT');
      expect(response.body.error.details).toMatchObject({ currentRevision: 1 });
      expect((await suite.api.job(job.jobId)).status).toBe('PARSED');
      expect((await suite.api.inventory())['AS-A']).toBeUndefined();
    });

    it('answers a repeated apply with ALREADY_APPLIED even when it names an older revision', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'AA-A', quantity: '1' }]);
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '2' }] });
      const first = await apply(job.jobId, { reviewRevision: 1 });

      // Act
      const repeats = await Promise.all([apply(job.jobId, { reviewRevision: 1 }), apply(job.jobId, { reviewRevision: 0 }), apply(job.jobId)]);

      // Assert
      expect(first.body.outcome).toBe('APPLIED');
      expect(repeats.map((response) => [response.status, response.body.outcome])).toEqual([
        [200, 'ALREADY_APPLIED'],
        [200, 'ALREADY_APPLIED'],
        [200, 'ALREADY_APPLIED'],
      ]);
      expect((await suite.api.inventory())['AA-A']).toBe('2');
    });

    it('refuses a reviewRevision that is not a non-negative integer with 400', async () => {
      const job = await parsedJob([{ sku: 'AV-A', quantity: '1' }]);
      expectError(await apply(job.jobId, { reviewRevision: '1' }), 400, 'VALIDATION_FAILED');
      expectError(await apply(job.jobId, { reviewRevision: -1 }), 400, 'VALIDATION_FAILED');
      expectError(await apply(job.jobId, { expectedStockChanges: [{ sku: 'AV-A', quantity: 1 }] }), 400, 'VALIDATION_FAILED');
    });

    it('accepts the confirmed stock changes of a long invoice (beyond 64 KiB) and applies them', async () => {
      // Arrange
      const job = await parsedJob(Array.from({ length: 2000 }, (_, n) => ({ sku: `AL-LONG-SKU-${n}`, quantity: '1.5' })));
      const confirmed = await review(job.jobId);
      const body = { reviewRevision: confirmed.revision, expectedStockChanges: confirmed.stockChanges };
      expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);

      // Act
      const response = await apply(job.jobId, body);

      // Assert
      expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
      expect((response.body as ApplyResult).ledger.deltas).toEqual(confirmed.stockChanges);
    });

    it('shows an applied job with the stock changes its ledger record holds', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'SHOW-A', quantity: '4' }]);
      await apply(job.jobId);

      // Act
      const body = await review(job.jobId);

      // Assert
      expect(body).toMatchObject({ status: 'APPLIED', revision: 0, stockChanges: [{ sku: 'SHOW-A', quantity: '4' }], applyBlockers: [] });
    });

    it('takes a credit note out of stock by the corrected quantity', async () => {
      // Arrange
      const invoice = await parsedJob([{ sku: 'CN-A', quantity: '10' }]);
      await apply(invoice.jobId);
      const credit = await parsedJob([{ sku: 'CN-A', quantity: '4' }], { documentType: 'credit-note' });
      await saved(credit.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '3' }] });

      // Act
      const result = (await apply(credit.jobId)).body as ApplyResult;

      // Assert
      expect(result.ledger.deltas).toEqual([{ sku: 'CN-A', quantity: '-3' }]);
      expect((await suite.api.inventory())['CN-A']).toBe('7');
    });
  });

  describe('re-parse after review', () => {
    it('starts the new attempt unreviewed at the next revision, so an editor of the old lines gets 409', async () => {
      // Arrange
      const job = await parsedJob([{ sku: 'RP-A', quantity: '1' }]);
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '5' }] });

      // Act
      const queued = await suite.api.startParse(job.jobId);
      await suite.api.settled(job.jobId);
      const body = await review(job.jobId);

      // Assert
      expect(queued).toMatchObject({ attempt: 2, reviewRevision: 2 });
      expect(body).toMatchObject({ attempt: 2, revision: 2, updatedAt: null, lines: [{ quantity: '1', changed: [] }] });
      expectError(await putReview(job.jobId, { baseRevision: 1, corrections: [] }), 409, 'REVIEW_CONFLICT');
    });

    it('moves the revision on even when the old lines were never reviewed, so they cannot be applied or corrected blind', async () => {
      // Arrange: the operator has revision 0 of attempt 1 on screen; the re-parse reads different lines
      const job = await parsedJob([{ sku: 'RU-OLD', quantity: '1' }], { byAttempt: { 2: { lines: [{ sku: 'RU-NEW', quantity: '50' }] } } });
      const shown = await review(job.jobId);

      // Act
      await suite.api.startParse(job.jobId);
      await suite.api.settled(job.jobId);
      const staleApply = await apply(job.jobId, { reviewRevision: shown.revision });
      const stalePut = await putReview(job.jobId, { baseRevision: shown.revision, corrections: [{ lineIndex: 0, quantity: '2' }] });

      // Assert
      expect((await review(job.jobId)).lines.map((line) => line.sku)).toEqual(['RU-NEW']);
      expectError(staleApply, 409, 'REVIEW_CONFLICT');
      expectError(stalePut, 409, 'REVIEW_CONFLICT');
      expect((await suite.api.inventory())['RU-NEW']).toBeUndefined();
    });
  });

  describe('SKU mappings', () => {
    it('remembers mappings per supplier and pre-fills the next invoice of that supplier only', async () => {
      // Arrange: the first invoice of "Map Supplier GmbH" teaches SUP-1 -> INV-1
      const first = await parsedJob([{ sku: 'MAP-SUP-1', quantity: '1' }, { sku: 'MAP-SUP-2', quantity: '1' }], { supplier: 'Map Supplier GmbH' });
      const answer = await saved(first.jobId, {
        baseRevision: 0,
        corrections: [],
        skuMappings: [{ supplierSku: 'MAP-SUP-1', inventorySku: ' MAP-INV-1 ' }],
      });

      // Act
      const next = await parsedJob([{ sku: 'MAP-SUP-1', quantity: '3' }, { sku: 'MAP-SUP-2', quantity: '1' }], { supplier: 'MAP SUPPLIER GMBH.' });
      const other = await parsedJob([{ sku: 'MAP-SUP-1', quantity: '3' }], { supplier: 'Another Supplier' });
      const nextReview = await review(next.jobId);
      const otherReview = await review(other.jobId);
      const listed = await suite.api.http.get('/api/sku-mappings').query({ supplier: 'map supplier gmbh' });

      // Assert: the saving review already uses the mapping; the next one of the same supplier too
      expect(answer.lines[0]).toMatchObject({ sku: 'MAP-INV-1', mappedFrom: 'MAP-SUP-1', changed: [] });
      expect(nextReview.supplierKey).toBe('map supplier gmbh');
      expect(nextReview.lines.map((line) => [line.sku, line.mappedFrom])).toEqual([
        ['MAP-INV-1', 'MAP-SUP-1'],
        ['MAP-SUP-2', null],
      ]);
      expect(nextReview.stockChanges).toEqual([
        { sku: 'MAP-INV-1', quantity: '3' },
        { sku: 'MAP-SUP-2', quantity: '1' },
      ]);
      expect(otherReview.lines[0]).toMatchObject({ sku: 'MAP-SUP-1', mappedFrom: null });
      expect(listed.status).toBe(200);
      expect(expectContract<ListSkuMappingsResponse>('api/list-sku-mappings-response', listed.body).items).toEqual([
        { supplierKey: 'map supplier gmbh', supplierSku: 'MAP-SUP-1', inventorySku: 'MAP-INV-1', packSize: '1', updatedAt: answer.updatedAt, lastUsedAt: null },
      ]);
    });

    it('applies a mapped SKU, and a correction wins over the mapping', async () => {
      // Arrange
      const teach = await parsedJob([{ sku: 'MA-SUP', quantity: '1' }], { supplier: 'Mapping Apply Co' });
      await saved(teach.jobId, { baseRevision: 0, corrections: [], skuMappings: [{ supplierSku: 'MA-SUP', inventorySku: 'MA-INV' }] });
      await suite.api.catalogue('MA-INV', 'MA-OTHER');
      const job = await parsedJob([{ sku: 'MA-SUP', quantity: '2' }, { sku: 'MA-SUP', quantity: '5' }], { supplier: 'Mapping Apply Co' });
      await saved(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 1, sku: 'MA-OTHER' }] });

      // Act
      const result = (await apply(job.jobId)).body as ApplyResult;

      // Assert
      expect(result.ledger.deltas).toEqual([
        { sku: 'MA-INV', quantity: '2' },
        { sku: 'MA-OTHER', quantity: '5' },
      ]);
    });

    it('refuses an apply whose confirmed stock changes a mapping saved meanwhile has made untrue', async () => {
      // Arrange: the operator confirms job's review; then another invoice of the same supplier teaches a mapping
      const job = await parsedJob([{ sku: 'DR-SUP', quantity: '2' }], { supplier: 'Drift Supplies' });
      const confirmed = await review(job.jobId);
      const other = await parsedJob([{ sku: 'DR-SUP', quantity: '1' }], { supplier: 'Drift Supplies' });
      await saved(other.jobId, { baseRevision: 0, corrections: [], skuMappings: [{ supplierSku: 'DR-SUP', inventorySku: 'DR-INV' }] });
      await suite.api.catalogue('DR-INV');

      // Act
      const stale = await apply(job.jobId, { reviewRevision: confirmed.revision, expectedStockChanges: confirmed.stockChanges });
      const reloaded = await review(job.jobId);
      const fresh = await apply(job.jobId, { reviewRevision: reloaded.revision, expectedStockChanges: reloaded.stockChanges });

      // Assert: same revision, other stock: refused, nothing moved; the reloaded changes apply
      expect(reloaded.revision).toBe(confirmed.revision);
      expectError(stale, 409, 'REVIEW_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ currentRevision: 0, stockChanges: [{ sku: 'DR-INV', quantity: '2' }] });
      expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
      expect((fresh.body as ApplyResult).ledger.deltas).toEqual([{ sku: 'DR-INV', quantity: '2' }]);
      const stock = await suite.api.inventory();
      expect([stock['DR-SUP'], stock['DR-INV']]).toEqual([undefined, '2']);
    });

    it('shows an applied job with the mappings it was applied with, not ones saved later', async () => {
      // Arrange: job is applied through the mapping FR-SUP -> FR-OLD; later another invoice remaps FR-SUP
      const teach = await parsedJob([{ sku: 'FR-SUP', quantity: '1' }], { supplier: 'Frozen Mapping Ltd' });
      await saved(teach.jobId, { baseRevision: 0, corrections: [], skuMappings: [{ supplierSku: 'FR-SUP', inventorySku: 'FR-OLD' }] });
      await suite.api.catalogue('FR-OLD');
      const job = await parsedJob([{ sku: 'FR-SUP', quantity: '4' }, { sku: 'FR-PLAIN', quantity: '1' }], { supplier: 'Frozen Mapping Ltd' });
      expect((await apply(job.jobId)).status).toBe(200);
      const later = await parsedJob([{ sku: 'FR-SUP', quantity: '1' }, { sku: 'FR-PLAIN', quantity: '1' }], { supplier: 'Frozen Mapping Ltd' });
      await saved(later.jobId, {
        baseRevision: 0,
        corrections: [],
        skuMappings: [
          { supplierSku: 'FR-SUP', inventorySku: 'FR-NEW' },
          { supplierSku: 'FR-PLAIN', inventorySku: 'FR-MAPPED-LATER' },
        ],
      });

      // Act
      const applied = await review(job.jobId);

      // Assert: the lines agree with the ledger's deltas; the later job sees the new mappings
      expect(applied.lines.map((line) => [line.sku, line.mappedFrom])).toEqual([
        ['FR-OLD', 'FR-SUP'],
        ['FR-PLAIN', null],
      ]);
      expect(applied.stockChanges).toEqual([
        { sku: 'FR-OLD', quantity: '4' },
        { sku: 'FR-PLAIN', quantity: '1' },
      ]);
      expect((await review(later.jobId)).lines.map((line) => line.sku)).toEqual(['FR-NEW', 'FR-MAPPED-LATER']);
    });

    it('refuses mappings for an invoice without a supplier name with 400 and saves nothing', async () => {
      const job = await parsedJob([{ sku: 'NS-A', quantity: '1' }], { supplier: null });
      const response = await putReview(job.jobId, { baseRevision: 0, corrections: [], skuMappings: [{ supplierSku: 'NS-A', inventorySku: 'X' }] });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues[0].path).toBe('/skuMappings');
      expect((await review(job.jobId)).supplierKey).toBeNull();
    });

    it('answers an empty list for an unknown supplier, every supplier’s mappings without one, and 400 for an unknown parameter', async () => {
      const unknown = await suite.api.http.get('/api/sku-mappings').query({ supplier: 'nobody at all' });
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual({ items: [] });
      const every = await suite.api.http.get('/api/sku-mappings');
      expect(every.status).toBe(200);
      expectContract<ListSkuMappingsResponse>('api/list-sku-mappings-response', every.body);
      expectError(await suite.api.http.get('/api/sku-mappings').query({ supplier: 'a', extra: '1' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/inventory/{sku}/movements', () => {
    it('lists every applied job that moved the SKU, newest first, with the revision and the job it came from', async () => {
      // Arrange
      const first = await parsedJob([{ sku: 'HIST-A', quantity: '5' }], { number: 'H-1' });
      await apply(first.jobId);
      const untouched = await parsedJob([{ sku: 'HIST-B', quantity: '1' }]);
      await apply(untouched.jobId);
      const second = await parsedJob([{ sku: 'HIST-A', quantity: '1' }], { number: 'H-2', supplier: 'History Ltd' });
      await saved(second.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '2.5' }] });
      await apply(second.jobId);

      // Act
      const response = await suite.api.http.get('/api/inventory/HIST-A/movements');

      // Assert
      expect(response.status).toBe(200);
      const body = expectContract<ListMovementsResponse>('api/list-movements-response', response.body);
      expect(body.sku).toBe('HIST-A');
      expect(body.quantity).toBe('7.5');
      expect(body.items.map(({ appliedAt: _at, ...rest }) => rest)).toEqual([
        { jobId: second.jobId, delta: '2.5', reviewRevision: 1, fileName: 'invoice.pdf', invoiceNumber: 'H-2', supplierName: 'History Ltd', entry: 'apply', applySequence: 1 },
        { jobId: first.jobId, delta: '5', reviewRevision: 0, fileName: 'invoice.pdf', invoiceNumber: 'H-1', supplierName: 'Fake Supplies Ltd', entry: 'apply', applySequence: 1 },
      ]);
    });

    it('finds a SKU holding a slash and spaces when it is percent-encoded as one segment', async () => {
      const job = await parsedJob([{ sku: 'M6 x 20/DIN 912', quantity: '100' }]);
      await apply(job.jobId);
      const response = await suite.api.http.get(`/api/inventory/${encodeURIComponent('M6 x 20/DIN 912')}/movements`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ sku: 'M6 x 20/DIN 912', quantity: '100', items: [{ jobId: job.jobId }] });
    });

    it('answers 400, not 500, for a path segment that is not valid percent-encoding', async () => {
      expectError(await suite.api.http.get('/api/inventory/%E0%A4%A/movements'), 400, 'VALIDATION_FAILED');
    });

    it('answers 404 SKU_NOT_FOUND for a SKU never moved', async () => {
      expectError(await suite.api.http.get('/api/inventory/NEVER-MOVED/movements'), 404, 'SKU_NOT_FOUND');
      expectError(await suite.api.http.get(`/api/inventory/${'x'.repeat(200)}/movements`), 404, 'SKU_NOT_FOUND');
    });
  });

  describe('GET /api/jobs/{jobId}/file', () => {
    it('streams the uploaded PDF byte for byte, inline, as application/pdf', async () => {
      // Arrange
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, n) => n)), Buffer.alloc(300_000, 7)]);
      const job = await suite.api.createAndUpload('Rechnung März.pdf', 'application/pdf', bytes);

      // Act
      const response = await suite.api.http.get(`/api/jobs/${job.jobId}/file`).buffer(true).parse(bytesBody);

      // Assert
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-length']).toBe(String(bytes.length));
      expect(response.headers['content-disposition']).toBe('inline; filename="Rechnung_Marz.pdf"');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(response.body as Buffer, bytes)).toBe(0);

      // A HEAD (pdf.js and browsers may probe first) answers the same headers without the body.
      const head = await suite.api.http.head(`/api/jobs/${job.jobId}/file`);
      expect([head.status, head.headers['content-length'], head.headers['content-type']]).toEqual([200, String(bytes.length), 'application/pdf']);
    });

    it('serves any other declared type as a sandboxed attachment, never as a page', async () => {
      const job = await suite.api.createAndUpload('x.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
      const response = await suite.api.http.get(`/api/jobs/${job.jobId}/file`).buffer(true).parse(bytesBody);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      expect(response.headers['content-security-policy']).toMatch(/sandbox/);
    });

    it('answers 409 UPLOAD_NOT_FOUND before the upload and 404 for an unknown job', async () => {
      const created = await suite.api.create('a.pdf', 'application/pdf', 10);
      expectError(await suite.api.http.get(`/api/jobs/${created.job.jobId}/file`), 409, 'UPLOAD_NOT_FOUND');
      expectError(await suite.api.http.get('/api/jobs/00000000-0000-4000-8000-00000000dead/file'), 404, 'JOB_NOT_FOUND');
      // A path segment that tries to climb out of the store names no job and never reaches it.
      expectError(await suite.api.http.get('/api/jobs/..%2F..%2Fjobs.sqlite/file'), 404, 'JOB_NOT_FOUND');
    });
  });
});
