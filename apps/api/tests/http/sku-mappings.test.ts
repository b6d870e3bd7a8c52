import type { ApplyResult, JobReview, ListSkuMappingsResponse, ListSuppliersResponse, SkuMapping } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** The Mappings screen's routes, and pack sizes from a review through apply to the next invoice. */
describe('SKU mappings', () => {
  const suite = serverPerSuite('sku-mappings');

  const path = (supplierKey: string, supplierSku: string) => `/api/sku-mappings/${encodeURIComponent(supplierKey)}/${encodeURIComponent(supplierSku)}`;
  const putMapping = async (supplierKey: string, supplierSku: string, body: unknown) => suite.api.http.put(path(supplierKey, supplierSku)).send(body as object);

  async function saved(supplierKey: string, supplierSku: string, body: object): Promise<SkuMapping> {
    const response = await putMapping(supplierKey, supplierSku, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<SkuMapping>('sku-mapping', response.body);
  }

  async function listed(query: Record<string, string>): Promise<SkuMapping[]> {
    const response = await suite.api.http.get('/api/sku-mappings').query(query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<ListSkuMappingsResponse>('api/list-sku-mappings-response', response.body).items;
  }

  async function review(jobId: string, body?: object): Promise<JobReview> {
    const response = body ? await suite.api.http.put(`/api/jobs/${jobId}/review`).send(body) : await suite.api.http.get(`/api/jobs/${jobId}/review`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  describe('PUT /api/sku-mappings/{supplierKey}/{supplierSku}', () => {
    it('creates a mapping with its pack size, never used, and lists it for its supplier', async () => {
      // Act
      const created = await saved('put supplier', 'CASE/12 ', { inventorySku: ' PUT-BOLT ', packSize: '12' });

      // Assert
      expect(created).toMatchObject({ supplierKey: 'put supplier', supplierSku: 'CASE/12', inventorySku: 'PUT-BOLT', packSize: '12', lastUsedAt: null });
      expect(await listed({ supplier: 'put supplier' })).toEqual([created]);
    });

    it('replaces the mapping of the same supplier SKU, a left-out pack size being 1', async () => {
      await saved('replace supplier', 'R-1', { inventorySku: 'OLD', packSize: '6' });

      const replaced = await saved('replace supplier', 'R-1', { inventorySku: 'NEW' });

      expect(replaced).toMatchObject({ inventorySku: 'NEW', packSize: '1' });
      expect(await listed({ supplier: 'replace supplier' })).toEqual([replaced]);
    });

    it.each([
      ['a zero pack size', { inventorySku: 'X', packSize: '0' }, '/packSize'],
      ['a zero pack size with decimals', { inventorySku: 'X', packSize: '0.000' }, '/packSize'],
      ['a negative pack size', { inventorySku: 'X', packSize: '-12' }, '/packSize'],
      ['a pack size that is not a number', { inventorySku: 'X', packSize: 'twelve' }, '/packSize'],
      ['a pack size sent as a JSON number', { inventorySku: 'X', packSize: 12 }, '/packSize'],
      ['a blank inventory SKU', { inventorySku: '   ', packSize: '1' }, '/inventorySku'],
      ['no inventory SKU', { packSize: '2' }, ''],
      ['an unknown field', { inventorySku: 'X', note: 'hi' }, ''],
    ])('answers 400 VALIDATION_FAILED for %s at "%s", and saves nothing', async (_what, body, pointer) => {
      const response = await putMapping('invalid supplier', 'BAD-1', body);

      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(pointer);
      expect(await listed({ supplier: 'invalid supplier' })).toEqual([]);
    });

    it('files a mapping under the supplier key of any spelling of the supplier’s name', async () => {
      const created = await saved('Spelling Supplier GmbH.', 'S-1', { inventorySku: 'X' });

      expect(created.supplierKey).toBe('spelling supplier gmbh');
      expect(await listed({ supplier: 'spelling supplier gmbh' })).toEqual([created]);
    });

    it('answers 400 VALIDATION_FAILED for a supplier with no letters or digits, which can name no supplier', async () => {
      const response = await putMapping('#-#', 'S-1', { inventorySku: 'X' });

      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['/supplierKey']);
      expectError(await suite.api.http.delete(path('##', 'S-1')), 400, 'VALIDATION_FAILED');
    });

    it('answers 400 VALIDATION_FAILED for a blank supplier SKU in the path', async () => {
      const response = await putMapping('invalid supplier', ' ', { inventorySku: 'X' });

      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['/supplierSku']);
    });
  });

  describe('GET /api/sku-mappings and GET /api/suppliers', () => {
    it('searches one supplier’s or every supplier’s mappings by either SKU, in any case', async () => {
      // Arrange
      await saved('search one', 'BOLT-M8', { inventorySku: 'INV-1' });
      await saved('search one', 'NUT-M8', { inventorySku: 'spare-bolt' });
      await saved('search one', 'WASHER', { inventorySku: 'INV-3' });
      await saved('search two', 'bolt-m10', { inventorySku: 'INV-4' });

      // Act
      const one = await listed({ supplier: 'Search One', q: 'BoLt' });
      const every = (await listed({ q: 'bolt' })).filter((mapping) => mapping.supplierKey.startsWith('search '));

      // Assert
      expect(one.map((mapping) => mapping.supplierSku)).toEqual(['BOLT-M8', 'NUT-M8']);
      expect(every.map((mapping) => [mapping.supplierKey, mapping.supplierSku])).toEqual([
        ['search one', 'BOLT-M8'],
        ['search one', 'NUT-M8'],
        ['search two', 'bolt-m10'],
      ]);
      expect(await listed({ supplier: 'search one', q: 'nothing like it' })).toEqual([]);
    });

    it('answers 400 VALIDATION_FAILED for an unknown query parameter or an empty supplier', async () => {
      expectError(await suite.api.http.get('/api/sku-mappings').query({ sku: 'X' }), 400, 'VALIDATION_FAILED');
      expectError(await suite.api.http.get('/api/sku-mappings').query({ supplier: '' }), 400, 'VALIDATION_FAILED');
    });

    it('lists each supplier with its number of mappings', async () => {
      await saved('count supplier', 'C-1', { inventorySku: 'X' });
      await saved('count supplier', 'C-2', { inventorySku: 'Y' });

      const response = await suite.api.http.get('/api/suppliers');

      expect(response.status).toBe(200);
      const { suppliers } = expectContract<ListSuppliersResponse>('api/list-suppliers-response', response.body);
      expect(suppliers.find((supplier) => supplier.supplierKey === 'count supplier')).toEqual({ supplierKey: 'count supplier', displayName: null, mappingCount: 2, lastUsedAt: null });
      const keys = suppliers.map((supplier) => supplier.supplierKey);
      expect(keys).toEqual([...keys].sort());
    });
  });

  describe('DELETE /api/sku-mappings/{supplierKey}/{supplierSku}', () => {
    it('forgets one mapping with 204, then answers 404 MAPPING_NOT_FOUND', async () => {
      // Arrange
      await saved('delete supplier', 'D-1', { inventorySku: 'X' });
      await saved('delete supplier', 'D-2', { inventorySku: 'Y' });

      // Act
      const deleted = await suite.api.http.delete(path('delete supplier', 'D-1'));
      const again = await suite.api.http.delete(path('delete supplier', 'D-1'));

      // Assert
      expect(deleted.status).toBe(204);
      expectError(again, 404, 'MAPPING_NOT_FOUND');
      expect((await listed({ supplier: 'delete supplier' })).map((mapping) => mapping.supplierSku)).toEqual(['D-2']);
    });
  });

  describe('pack sizes through review and apply', () => {
    it('saves a corrected line’s pack size with its mapping, applies quantity x pack size, and marks the mapping used', async () => {
      // Arrange
      const first = await suite.api.parsed('pack.pdf', 'application/pdf', fakeInvoice([{ sku: 'CASE-12', quantity: '2.5' }], { supplier: 'Pack Supplier GmbH' }));
      await suite.api.catalogue('PK-BOLT');

      // Act: correct the SKU and pack size, remember the mapping, apply
      const reviewed = await review(first.jobId, {
        baseRevision: 0,
        corrections: [{ lineIndex: 0, sku: 'PK-BOLT', packSize: '12' }],
        skuMappings: [{ supplierSku: 'CASE-12', inventorySku: 'PK-BOLT' }],
      });
      const applyResponse = await suite.api.http.post(`/api/jobs/${first.jobId}/apply`).send({ reviewRevision: 1, expectedStockChanges: reviewed.stockChanges });

      // Assert: the dialog's figures, the stock, and the remembered mapping
      expect(reviewed.lines[0]).toMatchObject({ sku: 'PK-BOLT', quantity: '2.5', packSize: '12', stockQuantity: '30' });
      expect(reviewed.stockChanges).toEqual([{ sku: 'PK-BOLT', quantity: '30' }]);
      expect(applyResponse.status, JSON.stringify(applyResponse.body)).toBe(200);
      const applied = expectContract<ApplyResult>('apply-result', applyResponse.body);
      expect(applied.ledger.deltas).toEqual([{ sku: 'PK-BOLT', quantity: '30' }]);
      expect((await suite.api.inventory())['PK-BOLT']).toBe('30');
      const supplierKey = reviewed.supplierKey ?? '';
      expect(await listed({ supplier: supplierKey })).toEqual([
        expect.objectContaining({ supplierSku: 'CASE-12', inventorySku: 'PK-BOLT', packSize: '12', lastUsedAt: applied.ledger.appliedAt }),
      ]);
    });

    it('applies the remembered pack size to the supplier’s next invoice and shows both quantities', async () => {
      // Arrange
      await saved('next supplier gmbh', 'BOX-6', { inventorySku: 'NX-CUP', packSize: '6' });
      await suite.api.catalogue('NX-CUP');
      const job = await suite.api.parsed('next.pdf', 'application/pdf', fakeInvoice([{ sku: 'BOX-6', quantity: '1.5' }, { sku: 'NX-CUP', quantity: '2' }], { supplier: 'Next Supplier GmbH' }));

      // Act
      const shown = await review(job.jobId);
      const applyResponse = await suite.api.http.post(`/api/jobs/${job.jobId}/apply`).send({});

      // Assert
      expect(shown.supplierKey).toBe('next supplier gmbh');
      expect(shown.lines.map((line) => [line.sku, line.mappedFrom, line.quantity, line.packSize, line.stockQuantity])).toEqual([
        ['NX-CUP', 'BOX-6', '1.5', '6', '9'],
        ['NX-CUP', null, '2', '1', '2'],
      ]);
      expect(shown.stockChanges).toEqual([{ sku: 'NX-CUP', quantity: '11' }]);
      expect(applyResponse.status, JSON.stringify(applyResponse.body)).toBe(200);
      expect((await suite.api.inventory())['NX-CUP']).toBe('11');
      const { suppliers } = expectContract<ListSuppliersResponse>('api/list-suppliers-response', (await suite.api.http.get('/api/suppliers')).body);
      expect(suppliers.find((supplier) => supplier.supplierKey === 'next supplier gmbh')?.lastUsedAt).toEqual(expect.any(String));
    });

    it('lists a corrected pack size of a mapped line as changed, so resending the changed fields keeps it', async () => {
      // Arrange
      await saved('kept pack supplier', 'KP-12', { inventorySku: 'KP-CUP', packSize: '12' });
      const job = await suite.api.parsed('kept-pack.pdf', 'application/pdf', fakeInvoice([{ sku: 'KP-12', quantity: '2' }], { supplier: 'Kept Pack Supplier' }));

      // Act: save the pack size, then save again resending only what the review lists as changed
      const first = await review(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, packSize: '10' }] });
      const resent = first.lines[0]?.changed.includes('packSize') ? [{ lineIndex: 0, packSize: first.lines[0].packSize }] : [];
      const second = await review(job.jobId, { baseRevision: 1, corrections: resent });

      // Assert
      expect(first.lines[0]).toMatchObject({ sku: 'KP-CUP', mappedFrom: 'KP-12', packSize: '10', stockQuantity: '20', changed: ['packSize'] });
      expect(second.lines[0]).toMatchObject({ packSize: '10', stockQuantity: '20', changed: ['packSize'] });
      expect(second.stockChanges).toEqual([{ sku: 'KP-CUP', quantity: '20' }]);
    });

    it('moves quantity x pack size for an added line that names a pack size, and refuses a zero one', async () => {
      // Arrange
      const job = await suite.api.parsed('added-pack.pdf', 'application/pdf', fakeInvoice([{ sku: 'AP-1', quantity: '1' }], { supplier: 'Added Pack Supplier' }));
      await suite.api.catalogue('AP-1');
      await suite.api.catalogue('AP-CUP');

      // Act
      const shown = await review(job.jobId, { baseRevision: 0, corrections: [], addedLines: [{ sku: 'AP-CUP', quantity: '1.5', packSize: '24' }] });
      const zero = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({ baseRevision: 1, corrections: [], addedLines: [{ sku: 'AP-CUP', quantity: '1', packSize: '0' }] });

      // Assert
      expect(shown.lines[1]).toMatchObject({ added: true, sku: 'AP-CUP', quantity: '1.5', packSize: '24', stockQuantity: '36' });
      expect(shown.stockChanges).toEqual([
        { sku: 'AP-1', quantity: '1' },
        { sku: 'AP-CUP', quantity: '36' },
      ]);
      expectError(zero, 400, 'VALIDATION_FAILED');
      expect(zero.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain('/addedLines/0/packSize');
      expect((await review(job.jobId)).lines[1]).toMatchObject({ packSize: '24', stockQuantity: '36' });
    });

    it('does not list a pack size restating the mapping’s as changed', async () => {
      await saved('same pack supplier', 'SP-12', { inventorySku: 'SP-CUP', packSize: '12' });
      const job = await suite.api.parsed('same-pack.pdf', 'application/pdf', fakeInvoice([{ sku: 'SP-12', quantity: '1' }], { supplier: 'Same Pack Supplier' }));

      const shown = await review(job.jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, packSize: '12.00' }] });

      expect(shown.lines[0]).toMatchObject({ packSize: '12.00', stockQuantity: '12', changed: [] });
    });

    it('keeps an applied job’s stock quantities although the mapping’s pack size changed since', async () => {
      // Arrange
      await saved('frozen supplier', 'F-10', { inventorySku: 'FZ-1', packSize: '10' });
      await suite.api.catalogue('FZ-1');
      const job = await suite.api.parsed('frozen.pdf', 'application/pdf', fakeInvoice([{ sku: 'F-10', quantity: '3' }], { supplier: 'Frozen Supplier' }));
      expect((await suite.api.http.post(`/api/jobs/${job.jobId}/apply`).send({})).status).toBe(200);

      // Act
      await saved('frozen supplier', 'F-10', { inventorySku: 'FZ-1', packSize: '20' });
      const shown = await review(job.jobId);

      // Assert
      expect(shown.lines[0]).toMatchObject({ packSize: '10', stockQuantity: '30' });
      expect(shown.stockChanges).toEqual([{ sku: 'FZ-1', quantity: '30' }]);
    });

    it.each([
      ['zero', '0'],
      ['negative', '-2'],
      ['not a number', '1,5'],
    ])('refuses a %s pack size in a review correction with 400 at "/corrections/0/packSize", saving nothing', async (_what, packSize) => {
      const job = await suite.api.parsed('bad-pack.pdf', 'application/pdf', fakeInvoice([{ sku: 'BP-1', quantity: '1' }], { supplier: 'Bad Pack Supplier' }));

      const response = await suite.api.http.put(`/api/jobs/${job.jobId}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, packSize }], skuMappings: [{ supplierSku: 'BP-1', inventorySku: 'BP-INV' }] });

      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain('/corrections/0/packSize');
      expect((await review(job.jobId)).revision).toBe(0);
      expect(await listed({ supplier: 'bad pack supplier' })).toEqual([]);
    });
  });
});
