import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import type { JobRecord } from '../src/job-record';
import { assertConfirmedStockChanges } from '../src/review/confirmed-stock-changes';

const job = { jobId: '00000000-0000-4000-8000-000000000001', reviewRevision: 3 } as JobRecord;
const planned = [
  { sku: 'A', quantity: '2.5' },
  { sku: 'B', quantity: '-1' },
];

function refusal(confirmed: { sku: string; quantity: string }[]): DomainError | null {
  try {
    assertConfirmedStockChanges(job, planned, confirmed);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

describe('assertConfirmedStockChanges', () => {
  it('accepts the same changes in any order, quantities compared as decimals', () => {
    expect(refusal([{ sku: 'B', quantity: '-1.0' }, { sku: 'A', quantity: '2.50' }])).toBeNull();
  });

  it.each([
    ['another SKU (a mapping saved meanwhile)', [{ sku: 'A-MAPPED', quantity: '2.5' }, { sku: 'B', quantity: '-1' }]],
    ['another quantity', [{ sku: 'A', quantity: '2.4' }, { sku: 'B', quantity: '-1' }]],
    ['a SKU fewer', [{ sku: 'A', quantity: '2.5' }]],
    ['a SKU more', [...planned, { sku: 'C', quantity: '1' }]],
    ['a SKU twice instead of another', [{ sku: 'A', quantity: '2.5' }, { sku: 'A', quantity: '2.5' }]],
  ])('refuses %s with REVIEW_CONFLICT carrying the changes an apply would make now', (_label, confirmed) => {
    expect(refusal(confirmed)).toMatchObject({
      code: 'REVIEW_CONFLICT',
      details: { jobId: job.jobId, currentRevision: 3, stockChanges: planned },
    });
  });
});
