import { DomainError } from '../errors';

export function itemNotFound(sku: string): DomainError {
  return new DomainError('ITEM_NOT_FOUND', `The item catalogue has no item with SKU ${sku}.`, { sku });
}

/** The store's own error (a violated key, a failed condition) stays the cause. */
export function itemExists(sku: string, cause?: unknown): DomainError {
  return new DomainError('ITEM_EXISTS', `The item catalogue already has an item with SKU ${sku}.`, { sku }, { cause });
}

/** currentVersion is null when the store cannot say it in the same step (a cancelled DynamoDB transaction). */
export function itemConflict(sku: string, expectedVersion: number | null, currentVersion: number | null, cause?: unknown): DomainError {
  const since = expectedVersion === null ? 'while the import was written' : `since version ${expectedVersion}`;
  return new DomainError('ITEM_CONFLICT', `Item ${sku} changed ${since}; reload it and try again.`, { sku, expectedVersion, currentVersion }, { cause });
}
