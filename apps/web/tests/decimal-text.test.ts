import { describe, expect, it } from 'vitest';
import { readQuantity, signed } from '../src/shared/decimal-text';

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
