import { describe, expect, it } from 'vitest';
import { limitIssues, MAX_REPORTED_ISSUES } from '../src/issue-limit';
import { MAX_VALUES_LISTING_EVERY_ISSUE, validate } from '../src/validate';

/** A review whose corrections are all wrong in five ways each. */
function reviewWithBadCorrections(count: number) {
  return {
    baseRevision: 0,
    corrections: Array.from({ length: count }, (_, n) => ({ lineIndex: -1, sku: '', quantity: 'x', notStock: 'y', extra: n })),
  };
}

describe('validate on hostile sizes', () => {
  it('answers a 1.4 MB document whose 20 000 entries are all wrong quickly, with its first problem only', () => {
    // Arrange: listing every problem of this document took about 9 s of blocked event loop and 13 MB of issues
    const body = reviewWithBadCorrections(20_000);
    const started = performance.now();

    // Act
    const outcome = validate('api/review-update-request', body);

    // Assert
    const elapsedMs = performance.now() - started;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual([
      { path: '/corrections/0', message: 'must NOT have additional properties: extra' },
      { path: '', message: 'is too large to list every problem; only those of the first wrong value found are listed' },
    ]);
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('lists at most MAX_REPORTED_ISSUES problems of an ordinary document, then how many more there are', () => {
    // Arrange: 200 corrections with 3 problems each, small enough to be listed in full
    const body = { baseRevision: 0, corrections: Array.from({ length: 200 }, (_, n) => ({ lineIndex: n, quantity: '-1', notStock: 'y' })) };
    expect(body.corrections.length * 4).toBeLessThan(MAX_VALUES_LISTING_EVERY_ISSUE);

    // Act
    const outcome = validate('api/review-update-request', body);

    // Assert
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(outcome.issues[0]?.path).toBe('/corrections/0/quantity');
    expect(outcome.issues.at(-1)).toEqual({ path: '', message: `has ${200 * 2 - MAX_REPORTED_ISSUES} more problem(s) not listed here` });
  });

  it('refuses an array of a million items without overflowing the stack', () => {
    const outcome = validate('api/review-update-request', { baseRevision: 0, corrections: new Array(1_000_000).fill(0) });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]).toEqual({ path: '/corrections', message: 'must NOT have more than 20000 items' });
  });

  it('still accepts a valid document of the largest allowed size', () => {
    const body = { baseRevision: 0, corrections: Array.from({ length: 20_000 }, (_, n) => ({ lineIndex: n, sku: `SKU-${n}`, quantity: '12.5' })) };
    expect(validate('api/review-update-request', body)).toEqual({ ok: true, value: body });
  });
});

describe('limitIssues', () => {
  it('keeps a short list as it is', () => {
    const issues = [{ path: '/a', message: 'x' }];
    expect(limitIssues(issues)).toEqual(issues);
  });

  it('cuts a long list after MAX_REPORTED_ISSUES and counts the rest', () => {
    const issues = Array.from({ length: MAX_REPORTED_ISSUES + 7 }, (_, n) => ({ path: `/${n}`, message: 'x' }));
    const limited = limitIssues(issues);
    expect(limited.slice(0, MAX_REPORTED_ISSUES)).toEqual(issues.slice(0, MAX_REPORTED_ISSUES));
    expect(limited.slice(MAX_REPORTED_ISSUES)).toEqual([{ path: '', message: 'has 7 more problem(s) not listed here' }]);
  });
});
