import { describe, expect, it } from 'vitest';
import { applyOutcomeWords } from '../src/review/apply-outcome';

const ledger = (skus: string[]) => ({
  jobId: 'J1',
  attempt: 1,
  reviewRevision: 2,
  appliedAt: '2026-11-25T10:00:00.000Z',
  deltas: skus.map((sku) => ({ sku, quantity: '1' })),
});

describe('applyOutcomeWords', () => {
  it('counts the SKUs this apply moved', () => {
    expect([
      applyOutcomeWords({ outcome: 'APPLIED', ledger: ledger(['A', 'B']) }),
      applyOutcomeWords({ outcome: 'APPLIED', ledger: ledger(['A']) }),
    ]).toEqual(['Stock changed for 2 SKUs.', 'Stock changed for 1 SKU.']);
  });

  it('says a retry or a second tab changed nothing', () => {
    expect(applyOutcomeWords({ outcome: 'ALREADY_APPLIED', ledger: ledger(['A']) })).toBe(
      'Already applied: this invoice changed stock before, so nothing was changed this time.',
    );
  });
});
