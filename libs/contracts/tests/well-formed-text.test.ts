import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate';
import { ILL_FORMED_TEXT_MESSAGE } from '../src/well-formed-text';

describe('validate, on text that is not well-formed Unicode', () => {
  it.each([
    ['a lone high surrogate', 'A-\uD800'],
    ['a lone low surrogate', '\uDC00-A'],
    ['a low half before its high half', 'A\uDC00\uD800'],
  ])('refuses %s in a SKU, naming its path', (_case, sku) => {
    // Act
    const outcome = validate('api/review-update-request', { baseRevision: 0, corrections: [{ lineIndex: 0, sku }] });

    // Assert
    expect(outcome).toEqual({ ok: false, issues: [{ path: '/corrections/0/sku', message: ILL_FORMED_TEXT_MESSAGE }] });
  });

  it('accepts a proper surrogate pair (an emoji) and other scripts', () => {
    const outcome = validate('api/review-update-request', { baseRevision: 0, corrections: [{ lineIndex: 0, sku: 'Größe-😀-数' }] });

    expect(outcome.ok).toBe(true);
  });

  it('checks every text field, even one whose schema has no rule for it, and property names', () => {
    const outcome = validate('api/create-job-request', { fileName: 'a\uD83D.pdf', contentType: 'application/pdf', sizeBytes: 5, ['x\uDE00']: 1 });

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.issues).toEqual(
        expect.arrayContaining([
          { path: '/fileName', message: ILL_FORMED_TEXT_MESSAGE },
          { path: '', message: `has a property name that ${ILL_FORMED_TEXT_MESSAGE}` },
        ]),
      );
    }
  });

  it('walks a deeply nested document without overflowing the stack', () => {
    let nested: unknown = '\uD800';
    for (let depth = 0; depth < 100_000; depth += 1) nested = [nested];

    expect(validate('api/create-job-request', nested).ok).toBe(false);
  });
});
