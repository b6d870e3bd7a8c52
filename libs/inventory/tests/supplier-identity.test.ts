import { describe, expect, it } from 'vitest';
import { displayNameOf } from '../src/suppliers/identify-supplier';
import { mergePlanOf } from '../src/suppliers/merge-plan';
import { ibanKeyOf, identitiesOf, invoiceSupplierOf, parseIdentity, vatIdKeyOf } from '../src/suppliers/supplier-identity';
import { reviewHeader } from '../src/review/reviewed-header';

const mapping = (supplierKey: string, supplierSku: string) => ({
  supplierKey,
  supplierSku,
  inventorySku: `INV-${supplierSku}`,
  packSize: '1',
  updatedAt: '2026-05-04T08:00:00.000Z',
  lastUsedAt: null,
});

describe('vatIdKeyOf', () => {
  it('folds case, spaces and punctuation away', () => {
    expect(vatIdKeyOf('de 123 456 789')).toBe('DE123456789');
    expect(vatIdKeyOf('ATU-12345678')).toBe('ATU12345678');
  });

  it('refuses what has no country prefix or is too long', () => {
    expect(vatIdKeyOf('123456789')).toBeNull();
    expect(vatIdKeyOf('DE1234567890123456')).toBeNull();
    expect(vatIdKeyOf('')).toBeNull();
    expect(vatIdKeyOf(null)).toBeNull();
  });
});

describe('ibanKeyOf', () => {
  it('keeps an IBAN whose mod-97 check holds, without spaces and in upper case', () => {
    expect(ibanKeyOf('DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(ibanKeyOf('gb82west12345698765432')).toBe('GB82WEST12345698765432');
  });

  it('refuses an IBAN whose check fails (one digit changed)', () => {
    expect(ibanKeyOf('DE89370400440532013001')).toBeNull();
  });

  it('refuses what is not shaped like an IBAN', () => {
    expect(ibanKeyOf('DE89')).toBeNull();
    expect(ibanKeyOf('1234567890123456')).toBeNull();
    expect(ibanKeyOf(undefined)).toBeNull();
  });
});

describe('displayNameOf', () => {
  it('keeps the printed spelling on one line, without surrounding spaces', () => {
    expect(displayNameOf('  Northgate Trade\n Supplies   Limited ')).toBe('Northgate Trade Supplies Limited');
    expect(displayNameOf('Müller & Söhne GmbH.')).toBe('Müller & Söhne GmbH.');
  });

  it('answers null for no name or only spaces, and at most 512 characters', () => {
    expect(displayNameOf(null)).toBeNull();
    expect(displayNameOf(' \t ')).toBeNull();
    expect(displayNameOf('x'.repeat(600))).toHaveLength(512);
  });
});

describe('identitiesOf', () => {
  it('lists the VAT ID, the IBAN and the normalised name, strongest first', () => {
    expect(identitiesOf({ name: 'ACME GmbH.', nameCorrected: false, vatId: 'DE123456789', iban: 'DE89370400440532013000' })).toEqual([
      'vat:DE123456789',
      'iban:DE89370400440532013000',
      'name:acme gmbh',
    ]);
  });

  it('identifies by the corrected name only: the parsed VAT ID and IBAN may be the buyer’s', () => {
    expect(identitiesOf({ name: 'Acme Tools', nameCorrected: true, vatId: 'DE123456789', iban: 'DE89370400440532013000' })).toEqual([
      'name:acme tools',
    ]);
  });

  it('leaves out what was not read or does not pass its check', () => {
    expect(identitiesOf({ name: null, nameCorrected: false, vatId: 'nonsense', iban: 'DE89370400440532013001' })).toEqual([]);
  });
});

describe('invoiceSupplierOf', () => {
  const parsed = { supplierName: 'Buyer AG', invoiceNumber: 'R-1', date: null, currency: null, subtotal: null, tax: null, total: null };

  it('calls the name corrected only when the correction changes it', () => {
    const restated = { ...reviewHeader(parsed, { supplierName: 'Buyer AG' }), supplierVatId: 'DE123456789' };
    const corrected = { ...reviewHeader(parsed, { supplierName: 'Acme GmbH' }), supplierVatId: 'DE123456789' };

    expect(invoiceSupplierOf(restated)).toEqual({ name: 'Buyer AG', nameCorrected: false, vatId: 'DE123456789', iban: null });
    expect(invoiceSupplierOf(corrected)).toEqual({ name: 'Acme GmbH', nameCorrected: true, vatId: 'DE123456789', iban: null });
  });
});

describe('parseIdentity', () => {
  it('splits at the first colon only', () => {
    expect(parseIdentity('name:acme: the shop')).toEqual({ kind: 'name', value: 'acme: the shop' });
  });
});

describe('mergePlanOf', () => {
  it("moves from's identities and the mappings into lacks, and drops those into has", () => {
    const plan = mergePlanOf(
      'acme',
      'acme corp',
      { identities: ['name:acme', 'vat:DE123456789'], mappings: [mapping('acme', 'A-1'), mapping('acme', 'B-2')] },
      { identities: ['name:acme corp'], mappings: [mapping('acme corp', 'B-2')] },
      'acme',
    );

    expect(plan).toEqual({
      from: 'acme',
      into: 'acme corp',
      repoint: ['name:acme', 'vat:DE123456789'],
      link: [],
      moveMappings: ['A-1'],
      dropMappings: ['B-2'],
    });
  });

  it('links the name of a supplier known only by its mappings, so its next invoice finds the merged one', () => {
    const plan = mergePlanOf('acme', 'beta', { identities: [], mappings: [mapping('acme', 'A-1')] }, { identities: ['name:beta'], mappings: [] }, undefined);

    expect(plan.link).toEqual(['name:acme']);
  });
});
