import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate';

const update = (corrections: unknown[], extra: Record<string, unknown> = {}) => ({ baseRevision: 0, corrections, ...extra });

describe('api/review-update-request', () => {
  it('accepts a full set of corrections and mappings', () => {
    const body = update(
      [
        { lineIndex: 0, sku: 'A-1' },
        { lineIndex: 1, quantity: '2.5', notStock: false },
        { lineIndex: 2, sku: null },
        { lineIndex: 3, notStock: true },
      ],
      { skuMappings: [{ supplierSku: 'S-1', inventorySku: 'A-1' }] },
    );

    expect(validate('api/review-update-request', body)).toEqual({ ok: true, value: body });
  });

  it.each(['-1', '2,5', '1e3', '', 'two', '.5'])('refuses the quantity %j, naming the field', (quantity) => {
    const outcome = validate('api/review-update-request', update([{ lineIndex: 0, quantity }]));

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues.map((issue) => issue.path)).toContain('/corrections/0/quantity');
  });

  it('says what a quantity must look like in words, not as a regular expression', () => {
    const outcome = validate('api/review-update-request', update([{ lineIndex: 0, quantity: '-1' }]));

    expect(outcome.ok ? [] : outcome.issues).toEqual([
      { path: '/corrections/0/quantity', message: 'must be a decimal number of zero or more written as a string, such as "2" or "2.5"' },
    ]);
  });

  it('says a blank SKU is blank', () => {
    const outcome = validate('api/review-update-request', update([{ lineIndex: 0, sku: '  ' }]));

    expect(outcome.ok ? [] : outcome.issues).toContainEqual({ path: '/corrections/0/sku', message: 'must contain something other than spaces' });
  });

  it('refuses a number where a decimal string is required', () => {
    expect(validate('api/review-update-request', update([{ lineIndex: 0, quantity: 2 }])).ok).toBe(false);
  });

  it.each(['', '   ', 'x'.repeat(129)])('refuses the SKU %j', (sku) => {
    const outcome = validate('api/review-update-request', update([{ lineIndex: 0, sku }]));

    expect(outcome.ok).toBe(false);
  });

  it('refuses a correction that corrects nothing', () => {
    expect(validate('api/review-update-request', update([{ lineIndex: 0 }])).ok).toBe(false);
  });

  it('refuses a missing baseRevision, a negative line index and unknown fields', () => {
    expect(validate('api/review-update-request', { corrections: [] }).ok).toBe(false);
    expect(validate('api/review-update-request', update([{ lineIndex: -1, notStock: true }])).ok).toBe(false);
    expect(validate('api/review-update-request', update([{ lineIndex: 0, notStock: true, colour: 'red' }])).ok).toBe(false);
  });

  it('refuses a mapping with a blank side', () => {
    expect(validate('api/review-update-request', update([], { skuMappings: [{ supplierSku: ' ', inventorySku: 'A' }] })).ok).toBe(false);
  });
});

describe('api/review-update-request: every field of a line and the header', () => {
  it('accepts corrections of every line field, a deletion, added lines and header corrections', () => {
    const body = update(
      [
        { lineIndex: 0, kind: 'charge', description: 'Freight', unit: null, unitPrice: '4.50', lineTotal: '4.50' },
        { lineIndex: 1, deleted: true },
      ],
      {
        addedLines: [{ kind: 'item', sku: 'A-9', description: 'Missed', quantity: '3', unit: 'pc', unitPrice: '1.25', lineTotal: '3.75', packSize: '12' }, {}, { packSize: null }],
        header: { supplierName: 'ACME GmbH', invoiceNumber: 'R-1', date: '2026-11-30', currency: 'EUR', subtotal: '8.25', tax: null, total: '8.25' },
      },
    );

    expect(validate('api/review-update-request', body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['a kind outside the enum', { corrections: [{ lineIndex: 0, kind: 'group' }] }, '/corrections/0/kind'],
    ['an unknown kind on an added line', { addedLines: [{ kind: 'service' }] }, '/addedLines/0/kind'],
    ['a negative added quantity', { addedLines: [{ quantity: '-2' }] }, '/addedLines/0/quantity'],
    ['a zero pack size on an added line', { addedLines: [{ quantity: '2', packSize: '0' }] }, '/addedLines/0/packSize'],
    ['a unit price with a comma', { corrections: [{ lineIndex: 0, unitPrice: '1,50' }] }, '/corrections/0/unitPrice'],
    ['a line total as a number', { corrections: [{ lineIndex: 0, lineTotal: 3 }] }, '/corrections/0/lineTotal'],
    ['a date that is not ISO', { header: { date: '30.11.2026' } }, '/header/date'],
    ['a lower-case currency', { header: { currency: 'eur' } }, '/header/currency'],
    ['an unknown header field', { header: { buyer: 'X' } }, '/header'],
  ])('refuses %s, naming the field', (_what, extra, path) => {
    const outcome = validate('api/review-update-request', { baseRevision: 0, corrections: [], ...extra });

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues.map((issue) => issue.path).some((issuePath) => issuePath.startsWith(path))).toBe(true);
  });

  it('refuses more than 5,000 added lines and more than 20,000 corrections', () => {
    const added = Array.from({ length: 5001 }, () => ({ quantity: '1' }));
    const corrections = Array.from({ length: 20001 }, (_, lineIndex) => ({ lineIndex, deleted: true }));

    expect(validate('api/review-update-request', update([], { addedLines: added })).ok).toBe(false);
    expect(validate('api/review-update-request', update(corrections)).ok).toBe(false);
    expect(validate('api/review-update-request', update([], { addedLines: added.slice(0, 5000) })).ok).toBe(true);
  });
});

describe('api/apply-job-request', () => {
  it('accepts an empty body or a review revision, and refuses a revision that is not a count', () => {
    expect(validate('api/apply-job-request', {}).ok).toBe(true);
    expect(validate('api/apply-job-request', { reviewRevision: 3 }).ok).toBe(true);
    expect(validate('api/apply-job-request', { reviewRevision: -1 }).ok).toBe(false);
    expect(validate('api/apply-job-request', { reviewRevision: '3' }).ok).toBe(false);
  });

  it('accepts the confirmed stock changes as StockDeltas with decimal strings only', () => {
    const confirmed = { reviewRevision: 1, expectedStockChanges: [{ sku: 'A', quantity: '-2.5' }] };
    expect(validate('api/apply-job-request', confirmed)).toEqual({ ok: true, value: confirmed });
    expect(validate('api/apply-job-request', { expectedStockChanges: [] }).ok).toBe(true);
    expect(validate('api/apply-job-request', { expectedStockChanges: [{ sku: 'A', quantity: 2 }] }).ok).toBe(false);
    expect(validate('api/apply-job-request', { expectedStockChanges: [{ sku: '', quantity: '2' }] }).ok).toBe(false);
  });
});

describe('job-review', () => {
  it('accepts an added line without page or bbox, a deleted line, the reviewed header and its checks', () => {
    const line = { kind: 'item', description: '', unit: null, unitPrice: '1.00', lineTotal: '2.00', parsed: { sku: null, quantity: null }, sku: 'A', quantity: '2', notStock: false, mappedFrom: null, packSize: '1', stockQuantity: '2', newSku: false };
    const values = { supplierName: 'ACME', invoiceNumber: null, date: null, currency: 'EUR', subtotal: '2.00', tax: '0', total: '2.00' };
    const review = {
      jobId: '0b7e6f43-9c1a-4d7e-8a65-2f1c0d9e8b71',
      status: 'PARSED',
      attempt: 1,
      revision: 1,
      updatedAt: '2026-11-25T10:00:00.000Z',
      documentType: 'invoice',
      supplierKey: 'acme',
      header: { ...values, parsed: { ...values, supplierName: 'Buyer' }, changed: ['supplierName'] },
      lines: [
        { ...line, index: 0, page: 1, bbox: [1, 2, 3, 4], changed: ['deleted'], added: false, deleted: true },
        { ...line, index: 1, page: null, bbox: null, changed: [], added: true, deleted: false },
      ],
      checks: [
        { kind: 'line', lineIndex: 1, pass: true, expected: '2.00', actual: '2.00' },
        { kind: 'total', lineIndex: null, pass: true, expected: '2.00', actual: '2.00' },
      ],
      stockChanges: [{ sku: 'A', quantity: '2' }],
      applyBlockers: [],
    };

    const outcome = validate('job-review', review);

    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
    expect(validate('job-review', { ...review, checks: [{ ...review.checks[0], pass: 'yes' }] }).ok).toBe(false);
  });

  it('accepts a review with a corrected, a mapped and a plain line', () => {
    const base = { kind: 'item', description: 'Bolt', unit: null, unitPrice: '1.00', lineTotal: '2.00', page: 1, bbox: [1, 2, 3, 4], packSize: '1', newSku: false };
    const review = {
      jobId: '0b7e6f43-9c1a-4d7e-8a65-2f1c0d9e8b71',
      status: 'PARSED',
      attempt: 1,
      revision: 2,
      updatedAt: '2026-11-25T10:00:00.000Z',
      documentType: 'invoice',
      supplierKey: 'acme gmbh',
      lines: [
        { ...base, index: 0, parsed: { sku: 'S1', quantity: '2' }, sku: 'A1', quantity: '3', notStock: false, changed: ['sku', 'quantity'], mappedFrom: null, stockQuantity: '3' },
        { ...base, index: 1, parsed: { sku: 'S2', quantity: '1' }, sku: 'A2', quantity: '1', notStock: false, changed: [], mappedFrom: 'S2', packSize: '12', stockQuantity: '12' },
        { ...base, index: 2, parsed: { sku: null, quantity: '1' }, sku: null, quantity: '1', notStock: true, changed: ['notStock'], mappedFrom: null, stockQuantity: '1' },
      ],
      stockChanges: [
        { sku: 'A1', quantity: '3' },
        { sku: 'A2', quantity: '12' },
      ],
      applyBlockers: [],
    };

    const outcome = validate('job-review', review);

    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
    expect(validate('job-review', { ...review, lines: [{ ...review.lines[0], changed: ['colour'] }] }).ok).toBe(false);
    expect(validate('job-review', { ...review, lines: [{ ...review.lines[0], changed: ['packSize'], packSize: '6' }] }).ok).toBe(true);
    const { newSku: _left, ...withoutNewSku } = review.lines[0]!;
    expect(validate('job-review', { ...review, lines: [withoutNewSku] }).ok).toBe(false);
  });

  it('accepts the kinds of a parsed line, group included, and no other', () => {
    const line = {
      index: 0,
      description: 'Subtotal hardware',
      unit: null,
      unitPrice: '1050',
      lineTotal: '1050',
      page: 1,
      bbox: [1, 2, 3, 4],
      parsed: { sku: 'G1', quantity: '1' },
      sku: 'G1',
      quantity: '1',
      notStock: false,
      changed: [],
      mappedFrom: null,
      packSize: '1',
      stockQuantity: '1',
      newSku: false,
    };
    const review = (kind: string) => ({
      jobId: '0b7e6f43-9c1a-4d7e-8a65-2f1c0d9e8b71',
      status: 'PARSED',
      attempt: 1,
      revision: 0,
      updatedAt: '2026-11-25T10:00:00.000Z',
      documentType: 'invoice',
      supplierKey: null,
      lines: [{ ...line, kind }],
      stockChanges: [],
      applyBlockers: [],
    });

    for (const kind of ['item', 'charge', 'group']) expect(validate('job-review', review(kind)).ok, kind).toBe(true);
    expect(validate('job-review', review('subtotal')).ok).toBe(false);
  });
});
