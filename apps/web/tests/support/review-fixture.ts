import type { JobReview, ReviewedLine } from '@invoice/contracts';

/** An item line as the review API answers it, parsed values unchanged unless overridden. */
export function itemLine(index: number, overrides: Partial<ReviewedLine> = {}): ReviewedLine {
  const sku = `SKU-${index + 1}`;
  return {
    index,
    kind: 'item',
    description: `Item ${index + 1}`,
    unit: 'pcs',
    unitPrice: '2.50',
    lineTotal: '5.00',
    page: 1,
    bbox: [40, 200 + index * 20, 560, 214 + index * 20],
    parsed: { sku, quantity: '2' },
    sku,
    quantity: '2',
    notStock: false,
    changed: [],
    mappedFrom: null,
    packSize: '1',
    stockQuantity: overrides.quantity === undefined ? '2' : overrides.quantity,
    newSku: false,
    ...overrides,
  };
}

export function chargeLine(index: number): ReviewedLine {
  return {
    ...itemLine(index),
    kind: 'charge',
    description: 'Shipping',
    parsed: { sku: null, quantity: null },
    sku: null,
    quantity: null,
    unit: null,
  };
}

/** An EXTENDED e-invoice's GROUP row: the printed subtotal of its detail items, with a SKU and quantity 1. */
export function groupLine(index: number): ReviewedLine {
  return {
    ...itemLine(index),
    kind: 'group',
    description: 'Subtotal hardware',
    unitPrice: '1050',
    lineTotal: '1050',
    parsed: { sku: 'GROUP-1', quantity: '1' },
    sku: 'GROUP-1',
    quantity: '1',
  };
}

export function reviewOf(lines: ReviewedLine[], overrides: Partial<JobReview> = {}): JobReview {
  return {
    jobId: '01JOBREVIEWFIXTURE0000000',
    status: 'PARSED',
    attempt: 1,
    revision: 0,
    updatedAt: null,
    documentType: 'invoice',
    supplierKey: 'acme industrial supply',
    lines,
    stockChanges: [],
    applyBlockers: [],
    ...overrides,
  };
}
