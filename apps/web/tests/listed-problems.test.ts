import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { listedProblems } from '../src/items/listed-problems';

describe('listedProblems', () => {
  it("lists a VALIDATION_FAILED's issues with where each is", () => {
    const error = new ApiError('VALIDATION_FAILED', 'The request body does not match its schema.', 400, {
      issues: [
        { path: '/gtin', message: 'must match pattern' },
        { path: '', message: 'must have required property unit' },
      ],
    });
    expect(listedProblems(error)).toEqual(['gtin: must match pattern', 'must have required property unit']);
  });

  it("names the CSV row and column of an import's problems", () => {
    const error = new ApiError('VALIDATION_FAILED', 'The CSV has 2 problem(s); nothing was imported.', 400, {
      issues: [
        { path: '/csv/row/3/gtin', message: 'must be a GTIN' },
        { path: '/csv/row/4', message: 'has 5 cells; the header has 4' },
      ],
    });
    expect(listedProblems(error)).toEqual(['Row 3, gtin: must be a GTIN', 'Row 4: has 5 cells; the header has 4']);
  });

  it('lists row problems, nested or flat', () => {
    const error = new ApiError('VALIDATION_FAILED', 'Some rows are wrong.', 400, {
      rows: [{ row: 3, column: 'gtin', message: 'check digit' }, { line: 5, problems: ['name is empty', { message: 'unit too long' }] }],
    });
    expect(listedProblems(error)).toEqual(['Row 3, gtin: check digit', 'Row 5: name is empty', 'Row 5: unit too long']);
  });

  it('lists nothing for an error without a list, and cuts a long one short', () => {
    expect(listedProblems(new Error('x'))).toEqual([]);
    expect(listedProblems(new ApiError('ITEM_EXISTS', 'exists', 409, { sku: 'A' }))).toEqual([]);
    const many = new ApiError('VALIDATION_FAILED', 'm', 400, { issues: Array.from({ length: 30 }, (_, i) => `problem ${i}`) });
    expect(listedProblems(many, 3)).toEqual(['problem 0', 'problem 1', 'problem 2', '… and 27 more.']);
  });
});
