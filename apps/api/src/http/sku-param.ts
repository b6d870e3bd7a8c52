import { ITEM_LIMITS, type DomainError } from '@invoice/inventory';

/**
 * A SKU from a path segment (Express has decoded it, so it may hold "/" or spaces). One longer than the
 * contracts' Sku, or none at all, names nothing and never reaches a store: the route answers its own "not
 * found" for it, as it would for any SKU it does not know.
 */
export function skuParam(value: string | string[] | undefined, notFound: (sku: string) => DomainError): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > ITEM_LIMITS.sku) throw notFound(String(value));
  return value;
}
