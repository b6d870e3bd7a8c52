import type { JobReview, ListSkuMappingsResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, skusOf } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError } from '../support/test-server';

/** PUT /api/jobs/{jobId}/review correcting every line and header field, deleting and adding lines. */
describe('review edits', () => {
  const suite = serverPerSuite('review-edits', { env: { PARSER_CONCURRENCY: '4' } });

  const putReview = async (jobId: string, body: object) => suite.api.http.put(`/api/jobs/${jobId}/review`).send(body);
  const apply = async (jobId: string) => suite.api.http.post(`/api/jobs/${jobId}/apply`).send({});

  async function saved(jobId: string, body: object): Promise<JobReview> {
    const response = await putReview(jobId, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<JobReview>('job-review', response.body);
  }

  async function parsedJob(lines: object[], extra: object = {}): Promise<string> {
    // Apply refuses SKUs outside the item catalogue; ED-C (an added line) and ED-D-STOCK (a mapping) too.
    await suite.api.catalogue(...skusOf(lines), 'ED-C', 'ED-D-STOCK');
    const job = await suite.api.parsed('invoice.pdf', 'application/pdf', fakeInvoice(lines, extra));
    expect(job.status).toBe('PARSED');
    return job.jobId;
  }

  it('saves corrections of every field, a deleted line, an added line and the header as one revision, and applies them', async () => {
    // Arrange
    const jobId = await parsedJob([
      { sku: 'ED-A', quantity: '2', description: 'Bolt' },
      { sku: 'ED-B', quantity: '9', description: 'Buyer address read as a line' },
      { sku: 'ED-FREIGHT', quantity: '1', description: 'Freight' },
    ]);

    // Act
    const body = await saved(jobId, {
      baseRevision: 0,
      corrections: [
        { lineIndex: 0, description: 'Bolt M6', unit: 'pc', unitPrice: '2.50', lineTotal: '5.00' },
        { lineIndex: 1, deleted: true },
        { lineIndex: 2, kind: 'charge', unitPrice: '4.00', lineTotal: '4.00' },
      ],
      addedLines: [{ kind: 'item', sku: 'ED-C', description: 'Missed nut', quantity: '3', unit: 'pc', unitPrice: '0.50', lineTotal: '1.50' }],
      header: { supplierName: 'Edit Supplier GmbH', invoiceNumber: 'ED-1', subtotal: '10.50', tax: '2.00', total: '12.50' },
    });
    const fetched = expectContract<JobReview>('job-review', (await suite.api.http.get(`/api/jobs/${jobId}/review`)).body);
    const applied = await apply(jobId);

    // Assert
    expect(body.revision).toBe(1);
    expect(body.lines.map((line) => [line.index, line.kind, line.sku, line.quantity, line.deleted, line.added, line.changed])).toEqual([
      [0, 'item', 'ED-A', '2', false, false, ['description', 'unit', 'unitPrice', 'lineTotal']],
      [1, 'item', 'ED-B', '9', true, false, ['deleted']],
      [2, 'charge', 'ED-FREIGHT', '1', false, false, ['kind', 'unitPrice', 'lineTotal']],
      [3, 'item', 'ED-C', '3', false, true, []],
    ]);
    expect(body.lines[3]).toMatchObject({ page: null, bbox: null, description: 'Missed nut', unitPrice: '0.50' });
    expect(body.header).toMatchObject({ supplierName: 'Edit Supplier GmbH', invoiceNumber: 'ED-1', total: '12.50' });
    expect(body.header?.changed).toEqual(['supplierName', 'invoiceNumber', 'subtotal', 'tax', 'total']);
    expect(body.supplierKey).toBe('edit supplier gmbh');
    expect(body.stockChanges).toEqual([
      { sku: 'ED-A', quantity: '2' },
      { sku: 'ED-C', quantity: '3' },
    ]);
    expect(body.checks).toEqual([
      { kind: 'line', lineIndex: 0, pass: true, expected: '5.00', actual: '5.00' },
      { kind: 'line', lineIndex: 2, pass: true, expected: '4.00', actual: '4.00' },
      { kind: 'line', lineIndex: 3, pass: true, expected: '1.50', actual: '1.50' },
      { kind: 'subtotal', lineIndex: null, pass: true, expected: '10.50', actual: '10.50' },
      { kind: 'total', lineIndex: null, pass: true, expected: '12.50', actual: '12.50' },
    ]);
    expect(fetched).toEqual(body);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const stock = await suite.api.inventory();
    expect([stock['ED-A'], stock['ED-B'], stock['ED-C'], stock['ED-FREIGHT']]).toEqual(['2', undefined, '3', undefined]);
  });

  it('shows a failing check for a line whose quantity times unit price is not its total', async () => {
    const jobId = await parsedJob([{ sku: 'ED-F', quantity: '3' }]);

    const body = await saved(jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, unitPrice: '2.00', lineTotal: '5.00' }] });

    expect(body.checks?.[0]).toEqual({ kind: 'line', lineIndex: 0, pass: false, expected: '6.00', actual: '5.00' });
  });

  it('remembers SKU mappings and claims the invoice under the corrected supplier and number', async () => {
    // Arrange: an applied invoice of ACME, and a second one where the parser took the buyer for the supplier.
    const first = await parsedJob([{ sku: 'ED-D', quantity: '1' }], { supplier: 'ACME Edits', number: 'R-77' });
    expect((await apply(first)).status).toBe(200);
    const second = await parsedJob([{ sku: 'ED-D', quantity: '1' }], { supplier: 'Our Own Shop', number: 'X' });

    // Act
    const body = await saved(second, {
      baseRevision: 0,
      corrections: [],
      header: { supplierName: 'Acme Edits.', invoiceNumber: 'r 77' },
      skuMappings: [{ supplierSku: 'ED-D', inventorySku: 'ED-D-STOCK' }],
    });
    const mappings = await suite.api.http.get('/api/sku-mappings').query({ supplier: 'acme edits' });

    // Assert
    expect(body.supplierKey).toBe('acme edits');
    expect(body.duplicateOf).toEqual({ jobId: first, reason: 'same-invoice-number' });
    expect(expectContract<ListSkuMappingsResponse>('api/list-sku-mappings-response', mappings.body).items.map((item) => item.supplierSku)).toEqual([
      'ED-D',
    ]);
    expectError(await apply(second), 409, 'DUPLICATE_INVOICE');
  });

  it.each([
    ['an unknown line index', { corrections: [{ lineIndex: 7, deleted: true }] }, '/corrections/0/lineIndex'],
    ['a kind outside the enum', { corrections: [{ lineIndex: 0, kind: 'group' }] }, '/corrections/0/kind'],
    ['a negative quantity on an added line', { corrections: [], addedLines: [{ quantity: '-1' }] }, '/addedLines/0/quantity'],
    ['a unit price that is not a decimal string', { corrections: [{ lineIndex: 0, unitPrice: '2,50' }] }, '/corrections/0/unitPrice'],
    ['a header date that is not ISO', { corrections: [], header: { date: '01.12.2026' } }, '/header/date'],
    ['more than 5,000 added lines', { corrections: [], addedLines: Array.from({ length: 5001 }, () => ({})) }, '/addedLines'],
  ])('answers 400 VALIDATION_FAILED for %s, saving nothing', async (_what, body, path) => {
    // Arrange
    const jobId = await parsedJob([{ sku: 'ED-V', quantity: '1' }]);

    // Act
    const response = await putReview(jobId, { baseRevision: 0, ...body });

    // Assert
    expectError(response, 400, 'VALIDATION_FAILED');
    const paths = (response.body.error.details.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths.some((issuePath) => issuePath.startsWith(path)), JSON.stringify(paths)).toBe(true);
    expect((await suite.api.job(jobId)).reviewRevision).toBe(0);
  });

  it('answers 409 REVIEW_CONFLICT to an edit on a stale revision', async () => {
    const jobId = await parsedJob([{ sku: 'ED-S', quantity: '1' }]);
    await saved(jobId, { baseRevision: 0, corrections: [{ lineIndex: 0, description: 'first' }] });

    expectError(await putReview(jobId, { baseRevision: 0, corrections: [], addedLines: [{ sku: 'ED-T' }] }), 409, 'REVIEW_CONFLICT');
  });
});
