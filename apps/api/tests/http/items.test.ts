import type { ApplyResult, CatalogueItem, ImportItemsResponse, Job, JobReview, ListItemsResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** The item catalogue through the HTTP API, and the unknown-SKU rule it gives review and apply. */
describe('items', () => {
  const suite = serverPerSuite('items', { env: { PARSER_CONCURRENCY: '4' } });

  const post = (body: object) => suite.api.http.post('/api/items').send(body);
  const put = (sku: string, body: object) => suite.api.http.put(`/api/items/${encodeURIComponent(sku)}`).send(body);
  const importCsv = (csv: string) => suite.api.http.post('/api/items/import').send({ csv });

  async function created(body: object): Promise<CatalogueItem> {
    const response = await post(body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return expectContract<CatalogueItem>('catalogue-item', response.body);
  }

  async function listed(query: string): Promise<ListItemsResponse> {
    const response = await suite.api.http.get(`/api/items${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<ListItemsResponse>('api/list-items-response', response.body);
  }

  describe('POST /api/items', () => {
    it('creates an item at version 1, dropping surrounding spaces, and answers 201 with it', async () => {
      // Act
      const item = await created({ sku: '  POST-1 ', name: ' Hex bolt M10 ', unit: 'pcs', gtin: '4006381333931' });

      // Assert
      expect(item).toMatchObject({ sku: 'POST-1', name: 'Hex bolt M10', unit: 'pcs', gtin: '4006381333931', version: 1 });
      expect(item.createdAt).toBe(item.updatedAt);
      const fetched = await suite.api.http.get('/api/items/POST-1');
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(item);
    });

    it('answers 409 ITEM_EXISTS for a SKU already in the catalogue', async () => {
      // Arrange
      await created({ sku: 'POST-2', name: 'First', unit: 'pcs' });

      // Act
      const response = await post({ sku: 'POST-2', name: 'Second', unit: 'kg' });

      // Assert
      expectError(response, 409, 'ITEM_EXISTS');
      expect((await suite.api.http.get('/api/items/POST-2')).body).toMatchObject({ name: 'First' });
    });

    it('answers 400 VALIDATION_FAILED listing each problem: a missing unit, a wrong GTIN check digit, a blank name', async () => {
      // Act
      const missing = await post({ sku: 'POST-3', name: 'x' });
      const badGtin = await post({ sku: 'POST-3', name: 'x', unit: 'pcs', gtin: '4006381333932' });
      const blank = await post({ sku: 'POST-3', name: '   ', unit: 'pcs' });
      const extra = await post({ sku: 'POST-3', name: 'x', unit: 'pcs', quantity: '3' });

      // Assert
      for (const response of [missing, badGtin, blank, extra]) expectError(response, 400, 'VALIDATION_FAILED');
      expect(badGtin.body.error.details.issues).toEqual([{ path: '/gtin', message: expect.stringContaining('check digit') }]);
      expect(blank.body.error.details.issues).toEqual([{ path: '/name', message: 'must not be empty' }]);
      expect((await suite.api.http.get('/api/items/POST-3')).status).toBe(404);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await suite.api.http.post('/api/items').set('Content-Type', 'text/plain').send('sku=X');
      expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('GET /api/items/{sku}', () => {
    it('finds a SKU holding a slash or a space, percent-encoded, and answers 404 ITEM_NOT_FOUND for an unknown one', async () => {
      // Arrange
      await created({ sku: 'GET/1 A', name: 'Odd SKU', unit: 'm' });

      // Act
      const found = await suite.api.http.get(`/api/items/${encodeURIComponent('GET/1 A')}`);
      const unknown = await suite.api.http.get('/api/items/NO-SUCH-ITEM');
      const tooLong = await suite.api.http.get(`/api/items/${'x'.repeat(129)}`);

      // Assert
      expect(expectContract<CatalogueItem>('catalogue-item', found.body)).toMatchObject({ sku: 'GET/1 A', unit: 'm' });
      expectError(unknown, 404, 'ITEM_NOT_FOUND');
      expectError(tooLong, 404, 'ITEM_NOT_FOUND');
    });
  });

  describe('PUT /api/items/{sku}', () => {
    it('edits name, unit and GTIN at the expected version and answers the next version', async () => {
      // Arrange
      await created({ sku: 'PUT-1', name: 'Flour', unit: 'pcs', gtin: '96385074' });

      // Act
      const response = await put('PUT-1', { name: 'Flour type 550', unit: 'kg', gtin: null, expectedVersion: 1 });

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(expectContract<CatalogueItem>('catalogue-item', response.body)).toMatchObject({ sku: 'PUT-1', name: 'Flour type 550', unit: 'kg', gtin: null, version: 2 });
    });

    it('answers 409 ITEM_CONFLICT for a stale version and 404 ITEM_NOT_FOUND for an unknown SKU', async () => {
      // Arrange
      await created({ sku: 'PUT-2', name: 'Flour', unit: 'pcs' });
      await put('PUT-2', { name: 'Edit one', unit: 'pcs', gtin: null, expectedVersion: 1 });

      // Act
      const stale = await put('PUT-2', { name: 'Edit two', unit: 'pcs', gtin: null, expectedVersion: 1 });
      const unknown = await put('PUT-NOPE', { name: 'x', unit: 'pcs', gtin: null, expectedVersion: 1 });

      // Assert
      expectError(stale, 409, 'ITEM_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ currentVersion: 2 });
      expectError(unknown, 404, 'ITEM_NOT_FOUND');
      expect((await suite.api.http.get('/api/items/PUT-2')).body).toMatchObject({ name: 'Edit one', version: 2 });
    });

    it('answers 400 when expectedVersion or gtin is left out (the SKU is the path, never the body)', async () => {
      await created({ sku: 'PUT-3', name: 'Flour', unit: 'pcs' });
      expectError(await put('PUT-3', { name: 'x', unit: 'pcs', gtin: null }), 400, 'VALIDATION_FAILED');
      expectError(await put('PUT-3', { name: 'x', unit: 'pcs', expectedVersion: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await put('PUT-3', { sku: 'OTHER', name: 'x', unit: 'pcs', gtin: null, expectedVersion: 1 }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/items', () => {
    it('pages through the items matching q, ordered by SKU', async () => {
      // Arrange
      for (const sku of ['LIST-C', 'LIST-A', 'LIST-B']) await created({ sku, name: `Listed ${sku}`, unit: 'pcs' });
      await created({ sku: 'OTHER-LIST', name: 'Unrelated', unit: 'pcs' });

      // Act
      const first = await listed('?q=list-&limit=2');
      const second = await listed(`?q=list-&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);

      // Assert
      expect(first.items.map((item) => item.sku)).toEqual(['LIST-A', 'LIST-B']);
      expect(second).toEqual({ items: [expect.objectContaining({ sku: 'LIST-C' })], nextCursor: null });
    });

    it('answers 400 for a limit out of range, an unknown parameter or a foreign cursor', async () => {
      expectError(await suite.api.http.get('/api/items?limit=0'), 400, 'VALIDATION_FAILED');
      expectError(await suite.api.http.get('/api/items?limit=101'), 400, 'VALIDATION_FAILED');
      expectError(await suite.api.http.get('/api/items?sort=name'), 400, 'VALIDATION_FAILED');
      expectError(await suite.api.http.get('/api/items?cursor=bogus'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('CSV export and import', () => {
    it('exports the catalogue as RFC 4180 CSV with formula cells guarded, and imports it back unchanged', async () => {
      // Arrange
      await created({ sku: 'CSV-1', name: 'Bolt, "hex"', unit: 'pcs', gtin: '4006381333931' });
      await created({ sku: 'CSV-2', name: '=HYPERLINK("http://evil")', unit: 'kg' });

      // Act
      const exported = await suite.api.http.get('/api/items/export.csv');
      const reimported = await importCsv(exported.text);

      // Assert
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.headers['content-disposition']).toBe('attachment; filename="items.csv"');
      const lines = exported.text.split('\r\n');
      expect(lines[0]).toBe('sku,name,unit,gtin');
      expect(lines).toContain('CSV-1,"Bolt, ""hex""",pcs,4006381333931');
      expect(lines).toContain('CSV-2,"\'=HYPERLINK(""http://evil"")",kg,');
      expect(reimported.status, JSON.stringify(reimported.body)).toBe(200);
      expect(expectContract<ImportItemsResponse>('api/import-items-response', reimported.body)).toEqual({ created: 0, updated: 0 });
      expect((await suite.api.http.get('/api/items/CSV-2')).body).toMatchObject({ name: '=HYPERLINK("http://evil")', version: 1 });
    });

    it('creates and updates items from a CSV and counts them', async () => {
      // Arrange
      await created({ sku: 'IMP-1', name: 'Old name', unit: 'pcs' });

      // Act
      const response = await importCsv('sku,name,unit,gtin\r\nIMP-1,New name,kg,\r\nIMP-2,Second,pcs,96385074\r\n');

      // Assert
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toEqual({ created: 1, updated: 1 });
      expect((await suite.api.http.get('/api/items/IMP-1')).body).toMatchObject({ name: 'New name', unit: 'kg', version: 2 });
      expect((await suite.api.http.get('/api/items/IMP-2')).body).toMatchObject({ gtin: '96385074', version: 1 });
    });

    it('refuses a CSV with any bad row with 400 listing the rows, and writes nothing', async () => {
      // Act
      const response = await importCsv('sku,name,unit,gtin\nBAD-1,Fine,pcs,\nBAD-2,,pcs,\nBAD-3,Bad barcode,pcs,4006381333932\n');

      // Assert
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['/csv/row/3/name', '/csv/row/4/gtin']);
      expectError(await suite.api.http.get('/api/items/BAD-1'), 404, 'ITEM_NOT_FOUND');
    });

    it('refuses an import that is not JSON, and a body without csv', async () => {
      expectError(await suite.api.http.post('/api/items/import').set('Content-Type', 'text/csv').send('sku,name,unit\nA,B,pcs\n'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await suite.api.http.post('/api/items/import').send({}), 400, 'VALIDATION_FAILED');
    });
  });

  describe('review and apply of SKUs outside the catalogue', () => {
    async function parsedJob(lines: object[]): Promise<Job> {
      const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines));
      expect(job.status).toBe('PARSED');
      return job;
    }

    async function review(jobId: string): Promise<JobReview> {
      const response = await suite.api.http.get(`/api/jobs/${jobId}/review`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return expectContract<JobReview>('job-review', response.body);
    }

    it('flags new SKUs in the review, refuses apply with 422 UNKNOWN_SKU listing them, and applies once the item exists', async () => {
      // Arrange
      await suite.api.catalogue('NEW-KNOWN');
      const job = await parsedJob([
        { sku: 'NEW-KNOWN', quantity: '1' },
        { sku: 'NEW-TYPO', quantity: '2' },
        { kind: 'charge', sku: 'NEW-FREIGHT', description: 'Freight' },
      ]);

      // Act
      const before = await review(job.jobId);
      const refused = await suite.api.http.post(`/api/jobs/${job.jobId}/apply`);
      await suite.api.http.post('/api/items').send({ sku: 'NEW-TYPO', name: 'Created from the review', unit: 'pcs' });
      const after = await review(job.jobId);
      const applied = await suite.api.http.post(`/api/jobs/${job.jobId}/apply`);

      // Assert
      expect(before.lines.map((line) => [line.sku, line.newSku])).toEqual([
        ['NEW-KNOWN', false],
        ['NEW-TYPO', true],
        ['NEW-FREIGHT', false],
      ]);
      expectError(refused, 422, 'UNKNOWN_SKU');
      expect(refused.body.error.details).toEqual({ lines: [{ lineIndex: 1, sku: 'NEW-TYPO' }] });
      expect(refused.body.error.message).toContain('NEW-TYPO');
      expect(after.lines.map((line) => line.newSku)).toEqual([false, false, false]);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(expectContract<ApplyResult>('apply-result', applied.body).ledger.deltas).toEqual([
        { sku: 'NEW-KNOWN', quantity: '1' },
        { sku: 'NEW-TYPO', quantity: '2' },
      ]);
    });

    it('applies once the operator corrects the line to an existing item, and a refused apply moved no stock', async () => {
      // Arrange
      await suite.api.catalogue('FIX-REAL');
      const job = await parsedJob([{ sku: 'FIX-TYPO', quantity: '3' }]);
      const refused = await suite.api.http.post(`/api/jobs/${job.jobId}/apply`);
      const stockAfterRefusal = await suite.api.inventory();

      // Act
      const saved = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, sku: 'FIX-REAL' }] });
      const applied = await suite.api.http.post(`/api/jobs/${job.jobId}/apply`);

      // Assert
      expectError(refused, 422, 'UNKNOWN_SKU');
      expect(stockAfterRefusal['FIX-TYPO']).toBeUndefined();
      expect(stockAfterRefusal['FIX-REAL']).toBeUndefined();
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(expectContract<JobReview>('job-review', saved.body).lines[0]).toMatchObject({ sku: 'FIX-REAL', newSku: false });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      const stock = await suite.api.inventory();
      expect(stock['FIX-REAL']).toBe('3');
      expect(stock['FIX-TYPO']).toBeUndefined();
    });
  });
});
