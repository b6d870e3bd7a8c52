import type { JobReview, ListSuppliersResponse, MergeSuppliersResponse, SupplierIdentitiesResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

const VAT_ID = 'DE811907980';
const IBAN = 'DE89370400440532013000';

/** Suppliers known by VAT ID, IBAN or name: shared mappings, merges, and a corrected name overriding the parse. */
describe('suppliers', () => {
  const suite = serverPerSuite('suppliers', {
    env: { PARSER_CONCURRENCY: '4' },
  });

  async function parsedJob(supplier: object, lines: object[] = [{ sku: 'SUP-1', quantity: '1' }]): Promise<string> {
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, supplier));
    expect(job.status).toBe('PARSED');
    return job.jobId;
  }

  async function review(jobId: string): Promise<JobReview> {
    const response = await suite.api.http.get(`/api/jobs/${jobId}/review`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  async function save(jobId: string, body: object): Promise<JobReview> {
    const response = await suite.api.http.put(`/api/jobs/${jobId}/review`).send({ baseRevision: 0, corrections: [], ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  async function identities(supplierKey: string): Promise<SupplierIdentitiesResponse> {
    const response = await suite.api.http.get(`/api/suppliers/${encodeURIComponent(supplierKey)}/identities`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<SupplierIdentitiesResponse>('api/supplier-identities-response', response.body);
  }

  const merge = async (body: object) => suite.api.http.post('/api/suppliers/merge').send(body);

  async function listedSuppliers(): Promise<ListSuppliersResponse['suppliers']> {
    const response = await suite.api.http.get('/api/suppliers');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<ListSuppliersResponse>('api/list-suppliers-response', response.body).suppliers;
  }

  it('lists a supplier under the latest name it was seen under, printed or corrected, and null for one only entered on the Mappings screen', async () => {
    // Arrange: one invoice as printed, the next with the name read wrongly and corrected; a mapping typed by hand
    const first = await parsedJob({ supplier: 'Namely  Trading\nLtd', vatId: 'DE136695976', number: 'N-1' }, [{ sku: 'NM-1', quantity: '1' }]);
    await save(first, { skuMappings: [{ supplierSku: 'NM-1', inventorySku: 'NM-BOLT' }] });
    const printed = (await listedSuppliers()).find((supplier) => supplier.supplierKey === 'namely trading ltd');
    const second = await parsedJob({ supplier: 'NAMELY TRADNG LTD', number: 'N-2' }, [{ sku: 'NM-2', quantity: '1' }]);
    await save(second, { header: { supplierName: 'Namely Trading Ltd.' }, skuMappings: [{ supplierSku: 'NM-2', inventorySku: 'NM-NUT' }] });
    const typed = await suite.api.http.put('/api/sku-mappings/typed%20only%20supplier/T-1').send({ inventorySku: 'T-BOLT' });
    expect(typed.status).toBe(200);

    // Act
    const suppliers = await listedSuppliers();

    // Assert
    expect(printed).toMatchObject({ displayName: 'Namely Trading Ltd', mappingCount: 1 });
    expect(suppliers.find((supplier) => supplier.supplierKey === 'namely trading ltd')).toMatchObject({ displayName: 'Namely Trading Ltd.', mappingCount: 2 });
    expect(suppliers.find((supplier) => supplier.supplierKey === 'typed only supplier')).toMatchObject({ displayName: null, mappingCount: 1 });
  });

  it('shares mappings between two invoices with the same VAT ID and different printed names', async () => {
    // Arrange: the first invoice teaches a mapping; the second prints another name but the same VAT ID.
    const first = await parsedJob({ supplier: 'Vatco Handels GmbH', vatId: VAT_ID, number: 'V-1' }, [{ sku: 'VC-100', quantity: '2' }]);
    const taught = await save(first, {
      skuMappings: [{ supplierSku: 'VC-100', inventorySku: 'BOLT-M6' }],
    });
    const second = await parsedJob({ supplier: 'VATCO Trading', vatId: VAT_ID, number: 'V-2' }, [{ sku: 'VC-100', quantity: '5' }]);

    // Act
    const body = await review(second);

    // Assert
    expect(taught.supplierKey).toBe('vatco handels gmbh');
    expect(taught.header?.supplierVatId).toBe('DE811907980');
    expect(body.supplierKey).toBe('vatco handels gmbh');
    expect(body.lines.map((line) => [line.sku, line.mappedFrom])).toEqual([['BOLT-M6', 'VC-100']]);
    expect((await identities('vatco handels gmbh')).identities).toEqual([
      { kind: 'vat', value: 'DE811907980' },
      { kind: 'name', value: 'vatco handels gmbh' },
    ]);
  });

  it('links the new name once the second invoice is saved, so it finds the supplier even without a VAT ID', async () => {
    const second = await parsedJob({ supplier: 'Ibanco Nord', iban: IBAN });
    await save(await parsedJob({ supplier: 'Ibanco GmbH', iban: IBAN }), {});
    await save(second, {});

    const third = await review(await parsedJob({ supplier: 'IBANCO nord.' }));

    expect(third.supplierKey).toBe('ibanco gmbh');
    expect((await identities('ibanco gmbh')).identities).toEqual([
      { kind: 'iban', value: 'DE89370400440532013000' },
      { kind: 'name', value: 'ibanco gmbh' },
      { kind: 'name', value: 'ibanco nord' },
    ]);
  });

  it('finds a duplicate invoice number under the supplier of the VAT ID, whatever name the duplicate prints', async () => {
    // Arrange: an applied invoice (a charge only, so no stock and no catalogue is involved).
    const first = await parsedJob({ supplier: 'Dupco GmbH', vatId: 'ATU12345678', number: 'D-1' }, [
      { kind: 'charge', description: 'Service' },
    ]);
    const applied = await suite.api.http.post(`/api/jobs/${first}/apply`).send({});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    // Act
    const body = await review(await parsedJob({ supplier: 'DUPCO Handel', vatId: 'ATU12345678', number: 'd 1' }, [{ kind: 'charge' }]));

    // Assert
    expect(body.supplierKey).toBe('dupco gmbh');
    expect(body.duplicateOf).toEqual({
      jobId: first,
      reason: 'same-invoice-number',
    });
  });

  it('makes two names one supplier by a merge: identities and mappings move, the target keeps its own', async () => {
    // Arrange: two spellings the directory cannot tie together, each with mappings.
    const alpha = await parsedJob({ supplier: 'Alpha Tools' }, [
      { sku: 'A-1', quantity: '1' },
      { sku: 'A-2', quantity: '1' },
    ]);
    await save(alpha, {
      skuMappings: [
        { supplierSku: 'A-1', inventorySku: 'HAMMER' },
        { supplierSku: 'A-2', inventorySku: 'SAW' },
      ],
    });
    const werkzeuge = await parsedJob({ supplier: 'Alpha Werkzeuge' }, [
      { sku: 'A-2', quantity: '1' },
      { sku: 'A-3', quantity: '1' },
    ]);
    await save(werkzeuge, {
      skuMappings: [
        { supplierSku: 'A-2', inventorySku: 'OLD-SAW' },
        { supplierSku: 'A-3', inventorySku: 'DRILL' },
      ],
    });

    // Act
    const merged = await merge({
      from: 'alpha werkzeuge',
      into: 'alpha tools',
    });
    const repeated = await merge({
      from: 'alpha werkzeuge',
      into: 'alpha tools',
    });

    // Assert
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(expectContract<MergeSuppliersResponse>('api/merge-suppliers-response', merged.body)).toEqual({
      supplierKey: 'alpha tools',
      moved: { identities: 1, mappings: 1 },
    });
    expect(repeated.body).toEqual({
      supplierKey: 'alpha tools',
      moved: { identities: 0, mappings: 0 },
    });
    const next = await review(
      await parsedJob({ supplier: 'ALPHA WERKZEUGE' }, [
        { sku: 'A-2', quantity: '1' },
        { sku: 'A-3', quantity: '1' },
      ]),
    );
    expect(next.supplierKey).toBe('alpha tools');
    expect(next.lines.map((line) => line.sku)).toEqual(['SAW', 'DRILL']);
    expect((await identities('alpha tools')).identities).toEqual([
      { kind: 'name', value: 'alpha tools' },
      { kind: 'name', value: 'alpha werkzeuge' },
    ]);
    const mappings = await suite.api.http.get('/api/sku-mappings').query({ supplier: 'alpha werkzeuge' });
    expect(mappings.body.items).toEqual([]);
    expectError(await suite.api.http.get('/api/suppliers/alpha%20werkzeuge/identities'), 404, 'SUPPLIER_NOT_FOUND');
  });

  it('identifies by the corrected name, not by the parsed VAT ID, when the operator corrects the supplier', async () => {
    // Arrange: the VAT ID is known as the buyer's own company; the parser took the buyer for the supplier.
    await save(await parsedJob({ supplier: 'Our Own Shop GmbH', vatId: 'DE999999999' }), {});
    const jobId = await parsedJob({ supplier: 'Our Own Shop GmbH', vatId: 'DE999999999' }, [{ sku: 'RS-1', quantity: '1' }]);
    expect((await review(jobId)).supplierKey).toBe('our own shop gmbh');

    // Act
    const body = await save(jobId, {
      header: { supplierName: 'Real Supplier AG' },
      skuMappings: [{ supplierSku: 'RS-1', inventorySku: 'REAL-1' }],
    });

    // Assert
    expect(body.supplierKey).toBe('real supplier ag');
    expect((await identities('real supplier ag')).identities).toEqual([{ kind: 'name', value: 'real supplier ag' }]);
    expect((await identities('our own shop gmbh')).identities).toEqual([
      { kind: 'vat', value: 'DE999999999' },
      { kind: 'name', value: 'our own shop gmbh' },
    ]);
    const mappings = await suite.api.http.get('/api/sku-mappings').query({ supplier: 'real supplier ag' });
    expect(mappings.body.items.map((item: { supplierSku: string }) => item.supplierSku)).toEqual(['RS-1']);
  });

  it('answers 404 SUPPLIER_NOT_FOUND for a supplier nothing is filed under', async () => {
    await save(await parsedJob({ supplier: 'Known Co' }), {});

    expectError(await suite.api.http.get('/api/suppliers/nobody%20here/identities'), 404, 'SUPPLIER_NOT_FOUND');
    expectError(await suite.api.http.get('/api/suppliers/%23SUPPLIER%23known%20co/identities'), 404, 'SUPPLIER_NOT_FOUND');
    expectError(await merge({ from: 'nobody here', into: 'known co' }), 404, 'SUPPLIER_NOT_FOUND');
    expectError(await merge({ from: 'known co', into: 'nobody here' }), 404, 'SUPPLIER_NOT_FOUND');
  });

  it('answers 400 for a merge of a supplier into itself and for a body that is not a merge', async () => {
    expectError(await merge({ from: 'known co', into: 'known co' }), 400, 'SUPPLIER_MERGE_SELF');
    expectError(await merge({ from: 'known co' }), 400, 'VALIDATION_FAILED');
    expectError(await merge({ from: '', into: 'known co', extra: 1 }), 400, 'VALIDATION_FAILED');
  });
});
