import type { ParseResult } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/job-record';
import { groupLine, invoiceLine } from './support';

describe('summarize', () => {
  it('counts items alone as items: a charge or a group line moves no stock', () => {
    // Arrange
    const lines = [invoiceLine(0), invoiceLine(1), groupLine(2), invoiceLine(3, { kind: 'charge', sku: null, quantity: null })];
    const result = {
      invoice: {
        documentType: 'invoice',
        number: 'INV-1',
        date: '2026-05-30',
        currency: 'EUR',
        supplier: { name: 'ACME GmbH' },
        totals: { subtotal: '1050', tax: null, total: '1050' },
      },
      lines,
      warnings: [],
    } as unknown as ParseResult;

    // Act
    const summary = summarize(result);

    // Assert
    expect(summary).toMatchObject({ lineCount: 4, itemCount: 2, warningCount: 0 });
  });
});
