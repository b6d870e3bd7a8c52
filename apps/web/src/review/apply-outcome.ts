import type { ApplyResult } from '@invoice/contracts';

/** What an apply did, in words: stock moved now, or an earlier apply had already moved it. */
export function applyOutcomeWords(result: Pick<ApplyResult, 'outcome' | 'ledger'>): string {
  if (result.outcome === 'ALREADY_APPLIED') return 'Already applied: this invoice changed stock before, so nothing was changed this time.';
  const count = result.ledger.deltas.length;
  return `Stock changed for ${count} SKU${count === 1 ? '' : 's'}.`;
}
