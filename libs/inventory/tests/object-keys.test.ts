import { describe, expect, it } from 'vitest';
import { errorKey, isAttemptOutputKey, layoutKey, pagesKey, parsedKey, rawKey, safeName } from '../src/object-keys';

const JOB = '00000000-0000-4000-8000-000000000001';

describe('object keys', () => {
  it('names the outputs of each attempt separately', () => {
    expect(parsedKey(JOB, 2)).toBe(`parsed/${JOB}/attempt-2.json`);
    expect(errorKey(JOB, 2)).toBe(`errors/${JOB}/attempt-2.json`);
    expect(layoutKey(JOB, 2)).toBe(`parsed/${JOB}/attempt-2.layout.json`);
  });

  it.each([
    ['invoice.pdf', 'invoice.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'upload'],
    ['C:\\Users\\me\\Rechnung März 2026.pdf', 'Rechnung_Marz_2026.pdf'],
    ['.hidden', 'hidden'],
    ['', 'upload'],
  ])('turns the display name %j into a safe key segment', (fileName, expected) => {
    // Act
    const name = safeName(fileName);

    // Assert
    expect(name).toBe(expected);
    expect(rawKey(JOB, fileName)).toBe(`raw/${JOB}/${expected}`);
  });

  it("knows an attempt's outputs, which are written once, from the raw upload, which is not", () => {
    for (const key of [parsedKey(JOB, 1), layoutKey(JOB, 2), pagesKey(JOB, 3), errorKey(JOB, 4)]) expect(isAttemptOutputKey(key), key).toBe(true);
    for (const key of [rawKey(JOB, 'attempt-1.json'), `parsed/${JOB}/../raw/attempt-1.json`, `parsed/${JOB}/notes.json`, `other/${JOB}/attempt-1.json`]) {
      expect(isAttemptOutputKey(key), key).toBe(false);
    }
  });
});
