import type { InvoiceLine } from '@invoice/contracts';
import { DomainError } from '../src/errors';

/** A parsed item line: quantity 1, SKU-{index}, no prices; overrides set what a test is about. */
export function invoiceLine(index: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    index,
    kind: 'item',
    sku: `SKU-${index}`,
    description: `Line ${index}`,
    quantity: '1',
    unit: null,
    unitPrice: null,
    lineTotal: null,
    page: 1,
    bbox: [0, 0, 1, 1],
    ...overrides,
  };
}

/**
 * A group line as an EXTENDED e-invoice gives it: the printed subtotal of its detail lines, with a
 * SKU, quantity 1 and its sum as price and total, all of which apply must leave alone.
 */
export function groupLine(index: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return invoiceLine(index, {
    kind: 'group',
    sku: `GROUP-${index}`,
    description: `Subtotal ${index}`,
    quantity: '1',
    unitPrice: '1050',
    lineTotal: '1050',
    ...overrides,
  });
}

/** The DomainError `action` throws; fails the test when it throws nothing or something else. */
export function thrownBy(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
