import type { ParseResult } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { reviewedSummary, summarize, type StoredReview } from '../src/job-record';
import { reviewHeader } from '../src/review/reviewed-header';
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

describe('reviewedSummary', () => {
  const summary = {
    supplierName: 'Northgate Trade Supplies Ltd',
    invoiceNumber: 'NTS-7781',
    invoiceDate: '2026-12-02',
    currency: 'GBP',
    total: '592.76',
    lineCount: 3,
    itemCount: 3,
    warningCount: 1,
  };

  it('names the invoice as the review corrected it, keeping what the review left alone', () => {
    // Arrange
    const review: StoredReview = { corrections: [], header: { supplierName: 'Northgate Trade Supplies Limited', total: '500.00' }, updatedAt: null };

    // Act
    const reviewed = reviewedSummary({ summary, review });

    // Assert
    expect(reviewed).toEqual({ ...summary, supplierName: 'Northgate Trade Supplies Limited', total: '500.00' });
  });

  it('keeps a field the operator cleared as cleared', () => {
    // Arrange
    const review: StoredReview = { corrections: [], header: { invoiceNumber: null }, updatedAt: null };

    // Act
    const reviewed = reviewedSummary({ summary, review });

    // Assert
    expect(reviewed?.invoiceNumber).toBeNull();
    expect(reviewed?.supplierName).toBe('Northgate Trade Supplies Ltd');
  });

  it('names the invoice exactly as the review screen shows its header', () => {
    // Arrange: one field corrected, one cleared, the rest left alone
    const header = { supplierName: 'Northgate Ltd', invoiceNumber: null };
    const parsed = { ...summary, date: summary.invoiceDate, subtotal: null, tax: null };

    // Act
    const reviewed = reviewedSummary({ summary, review: { corrections: [], header, updatedAt: null } });
    const shown = reviewHeader(parsed, header);

    // Assert
    expect(reviewed).toMatchObject({
      supplierName: shown.supplierName,
      invoiceNumber: shown.invoiceNumber,
      invoiceDate: shown.date,
      currency: shown.currency,
      total: shown.total,
    });
  });

  it('is the parsed summary when there is no review or no parse', () => {
    // Act and assert
    expect(reviewedSummary({ summary, review: null })).toBe(summary);
    expect(reviewedSummary({ summary: null, review: { corrections: [], header: { supplierName: 'X' }, updatedAt: null } })).toBeNull();
  });
});
