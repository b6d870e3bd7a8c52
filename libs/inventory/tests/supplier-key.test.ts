import { describe, expect, it } from 'vitest';
import { supplierKeyOf } from '../src/supplier-key';

describe('supplierKeyOf', () => {
  it('folds case, punctuation and spacing, so two spellings of one supplier share a key', () => {
    expect(supplierKeyOf('ACME GmbH')).toBe('acme gmbh');
    expect(supplierKeyOf('  Acme   GmbH. ')).toBe('acme gmbh');
    expect(supplierKeyOf('ACME-GmbH')).toBe('acme gmbh');
  });

  it('drops accents but keeps letters of every script', () => {
    expect(supplierKeyOf('Müller & Söhne')).toBe('muller sohne');
    expect(supplierKeyOf('Société Générale')).toBe('societe generale');
    expect(supplierKeyOf('東京商事')).toBe('東京商事');
  });

  it('keeps suppliers with different names apart', () => {
    expect(supplierKeyOf('ACME Ltd')).not.toBe(supplierKeyOf('ACME GmbH'));
  });

  it.each([null, undefined, '', '   ', '—&.'])('gives no key for %j', (name) => {
    expect(supplierKeyOf(name)).toBeNull();
  });

  it('is idempotent, so a key can be passed where a name is expected', () => {
    const key = supplierKeyOf('Ÿellow Brick-Road, Inc.') as string;
    expect(supplierKeyOf(key)).toBe(key);
  });

  it('never gives a key longer than the contract allows', () => {
    expect(supplierKeyOf(`${'a'.repeat(511)} b`)?.length).toBeLessThanOrEqual(512);
    expect(supplierKeyOf(`${'a'.repeat(511)} b`)).toBe('a'.repeat(511));
  });
});
