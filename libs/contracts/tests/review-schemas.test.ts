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
    expect(validate('api/review-update-request', update([{ lineIndex: 0, notStock: true, kind: 'charge' }])).ok).toBe(false);
  });

  it('refuses a mapping with a blank side', () => {
    expect(validate('api/review-update-request', update([], { skuMappings: [{ supplierSku: ' ', inventorySku: 'A' }] })).ok).toBe(false);
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
  it('accepts a review with a corrected, a mapped and a plain line', () => {
    const base = { kind: 'item', description: 'Bolt', unit: null, unitPrice: '1.00', lineTotal: '2.00', page: 1, bbox: [1, 2, 3, 4] };
    const review = {
      jobId: '0b7e6f43-9c1a-4d7e-8a65-2f1c0d9e8b71',
      status: 'PARSED',
      attempt: 1,
      revision: 2,
      updatedAt: '2026-11-25T10:00:00.000Z',
      documentType: 'invoice',
      supplierKey: 'acme gmbh',
      lines: [
        { ...base, index: 0, parsed: { sku: 'S1', quantity: '2' }, sku: 'A1', quantity: '3', notStock: false, changed: ['sku', 'quantity'], mappedFrom: null },
        { ...base, index: 1, parsed: { sku: 'S2', quantity: '1' }, sku: 'A2', quantity: '1', notStock: false, changed: [], mappedFrom: 'S2' },
        { ...base, index: 2, parsed: { sku: null, quantity: '1' }, sku: null, quantity: '1', notStock: true, changed: ['notStock'], mappedFrom: null },
      ],
      stockChanges: [
        { sku: 'A1', quantity: '3' },
        { sku: 'A2', quantity: '1' },
      ],
      applyBlockers: [],
    };

    const outcome = validate('job-review', review);

    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
    expect(validate('job-review', { ...review, lines: [{ ...review.lines[0], changed: ['kind'] }] }).ok).toBe(false);
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
