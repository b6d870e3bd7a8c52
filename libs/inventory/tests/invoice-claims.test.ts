import { describe, expect, it } from 'vitest';
import { invoiceClaimsOf, invoiceNumberKeyOf } from '../src/invoice-claims';

const source = { sha256: 'AB'.repeat(32), pages: 1, mediaType: 'application/pdf' as const, sizeBytes: 10 };
const invoice = (supplier: string | null, number: string | null) =>
  ({ supplier: { name: supplier }, number }) as unknown as Parameters<typeof invoiceClaimsOf>[0]['invoice'];

describe('invoiceClaimsOf', () => {
  it('claims the document and the supplier with its invoice number, case, spaces and punctuation folded', () => {
    // Act
    const a = invoiceClaimsOf({ source, invoice: invoice('ACME GmbH', 'INV-2024/001') });
    const b = invoiceClaimsOf({ source, invoice: invoice('Acme GmbH.', 'inv 2024 001') });

    // Assert
    expect(a).toEqual([
      { key: `DOC#${'ab'.repeat(32)}`, reason: 'same-document' },
      { key: 'INV#acme gmbh#inv2024001', reason: 'same-invoice-number' },
    ]);
    expect(b).toEqual(a);
  });

  it('claims only the document when the supplier or the number is missing', () => {
    expect(invoiceClaimsOf({ source, invoice: invoice(null, 'INV-1') })).toHaveLength(1);
    expect(invoiceClaimsOf({ source, invoice: invoice('ACME', ' - / ') })).toHaveLength(1);
  });
});

describe('invoiceNumberKeyOf', () => {
  it('folds accents and full-width digits, and keeps letters of any script', () => {
    expect(invoiceNumberKeyOf('Rechnung Nr. Ä-１２')).toBe('rechnungnra12');
    expect(invoiceNumberKeyOf('')).toBeNull();
  });
});
