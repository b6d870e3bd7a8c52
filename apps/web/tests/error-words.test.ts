import { errorCatalog } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { errorInWords, knownCodes } from '../src/shared/error-words';

describe('errorInWords', () => {
  it('has an operator sentence for every code in the contracts catalogue', () => {
    const missing = Object.keys(errorCatalog).filter((code) => !knownCodes().includes(code));
    expect(missing).toEqual([]);
  });

  it('gives the sentence, keeps the server words as detail and the code', () => {
    const words = errorInWords(new ApiError('NO_TEXT_LAYER', 'page 1 has no characters', 422));
    expect(words).toEqual({
      summary: 'No page has any text: neither a text layer nor words that OCR could recognise (a blank page or a drawing).',
      detail: 'page 1 has no characters',
      code: 'NO_TEXT_LAYER',
    });
  });

  it("reads a failed job's error detail the same way", () => {
    expect(errorInWords({ code: 'ENCRYPTED', message: 'x' }).summary).toMatch(/password-protected/);
  });

  it('falls back to the server words for a code this app does not know yet', () => {
    expect(errorInWords(new ApiError('SOMETHING_NEW', 'A new failure.', 409))).toEqual({
      summary: 'A new failure.',
      detail: null,
      code: 'SOMETHING_NEW',
    });
  });
});
