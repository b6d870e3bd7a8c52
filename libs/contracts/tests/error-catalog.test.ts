import { describe, expect, it } from 'vitest';
import { errorCatalog, httpStatusOf, isErrorCode, warningCatalog } from '../src/error-catalog';

describe('errorCatalog', () => {
  it('uses UPPER_SNAKE codes with an HTTP error status and a description', () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.httpStatus).toBeGreaterThanOrEqual(400);
      expect(entry.httpStatus).toBeLessThan(600);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });

  it('keeps warning codes apart from error codes', () => {
    for (const code of Object.keys(warningCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(isErrorCode(code)).toBe(false);
    }
  });
});

describe('httpStatusOf', () => {
  it('answers the catalogued status of a known code', () => {
    expect(httpStatusOf('JOB_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(400);
  });

  it('treats an unknown code as a server fault', () => {
    expect(httpStatusOf('NO_SUCH_CODE')).toBe(500);
  });
});
