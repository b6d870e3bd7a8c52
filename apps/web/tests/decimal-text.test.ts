import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDecimal } from '../src/review/decimal-math';
import { DECIMAL_PATTERN, isDecimalText, normaliseTypedDecimal, readQuantity, signed } from '../src/shared/decimal-text';

describe('readQuantity', () => {
  it.each([
    ['3', '3'],
    [' 2.5 ', '2.5'],
    ['2,5', '2.5'],
    ['007', '7'],
    ['0.25', '0.25'],
  ])('reads %j as %j', (typed, value) => {
    expect(readQuantity(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Enter a quantity'],
    ['-1', 'cannot be negative'],
    ['1e3', 'not a number'],
    ['1,000.5', 'not a number'],
    ['two', 'not a number'],
  ])('refuses %j', (typed, problem) => {
    const read = readQuantity(typed);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.problem).toContain(problem);
  });
});

describe('signed', () => {
  it('spells out the direction of a stock change', () => {
    expect([signed('3'), signed('-1.5')]).toEqual(['+3', '−1.5']);
  });
});

describe('the decimal pattern', () => {
  it('is the contract’s Decimal pattern (behind Quantity and Money), so the SPA accepts what the API accepts', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../libs/contracts/schemas/common.schema.json', import.meta.url), 'utf8'));
    expect(DECIMAL_PATTERN.source).toBe(schema.$defs.Decimal.pattern);
  });

  it('reads typed decimals the same in the review arithmetic and in the fields', () => {
    for (const typed of ['007', '2,5', '-01.50', ' 0.25 ', '.5']) {
      expect(parseDecimal(typed), typed).not.toBeNull();
      expect(isDecimalText(normaliseTypedDecimal(typed)), typed).toBe(true);
    }
    for (const typed of ['1e3', '.', '1.000,5', '']) expect(parseDecimal(typed), typed).toBeNull();
  });
});
