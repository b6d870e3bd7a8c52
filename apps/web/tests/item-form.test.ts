import { describe, expect, it } from 'vitest';
import { checkItemDraft, gtinProblem } from '../src/items/item-form';
import { countText } from '../src/items/items-count';

describe('gtinProblem', () => {
  it('accepts GTINs whose check digit matches, of every GS1 length', () => {
    expect(['4006381333931', '96385074', '036000291452', '10614141000415'].map(gtinProblem)).toEqual([null, null, null, null]);
  });

  it('says what is wrong: letters, a length GS1 has not, a typo the check digit catches', () => {
    expect(gtinProblem('40063813339A1')).toBe('A GTIN has digits only.');
    expect(gtinProblem('123456789')).toBe('A GTIN has 8, 12, 13 or 14 digits.');
    expect(gtinProblem('4006381333932')).toMatch(/check digit does not match/);
  });
});

describe('checkItemDraft', () => {
  it('trims the fields, drops spaces inside a GTIN and reads an empty GTIN as none', () => {
    expect(checkItemDraft({ sku: ' BIN-40 ', name: ' Bin 40 l ', unit: 'pcs ', gtin: '' }, 'create')).toEqual({
      ok: true,
      value: { sku: 'BIN-40', name: 'Bin 40 l', unit: 'pcs', gtin: null },
    });
    expect(checkItemDraft({ sku: 'A', name: 'B', unit: 'kg', gtin: '4006381 333931' }, 'create')).toMatchObject({ value: { gtin: '4006381333931' } });
  });

  it('names every missing or wrong field at once', () => {
    const checked = checkItemDraft({ sku: '  ', name: '', unit: 'x'.repeat(33), gtin: '12' }, 'create');
    expect(checked).toEqual({
      ok: false,
      problems: {
        sku: 'Enter the SKU.',
        name: 'Enter a name.',
        unit: 'A unit has at most 32 characters.',
        gtin: 'A GTIN has 8, 12, 13 or 14 digits.',
      },
    });
  });

  it('leaves the SKU of an edited item alone (it is the key, not a field)', () => {
    expect(checkItemDraft({ sku: '', name: 'Bin', unit: 'pcs', gtin: '' }, 'edit').ok).toBe(true);
  });
});

describe('countText', () => {
  it('counts items in words, with + when a further page exists', () => {
    expect([countText(1, false, ''), countText(2, false, ''), countText(50, true, ''), countText(1, false, 'nut'), countText(3, false, 'm8')]).toEqual([
      '1 item',
      '2 items',
      '50+ items',
      '1 item matches “nut”',
      '3 items match “m8”',
    ]);
  });
});
