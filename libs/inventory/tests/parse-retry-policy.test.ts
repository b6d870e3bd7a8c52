import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import { backoffMs, DEFAULT_PARSE_RETRY_POLICY, isRetryableStartError, MAX_PARSE_ATTEMPTS, parseRetryPolicy, PARSE_DEADLINE_SECONDS } from '../src/parse-retry-policy';

describe('ParseRetryPolicy', () => {
  describe('backoffMs', () => {
    it('draws from [0, base * 2^(retry-1)), full jitter', () => {
      // Arrange
      const top = parseRetryPolicy({ backoffBaseMs: 1_000, backoffCapMs: 60_000, random: () => 0.999999 });
      const bottom = parseRetryPolicy({ backoffBaseMs: 1_000, backoffCapMs: 60_000, random: () => 0 });

      // Act & Assert
      expect([1, 2, 3, 4].map((retry) => backoffMs(top, retry))).toEqual([999, 1_999, 3_999, 7_999]);
      expect([1, 2, 3].map((retry) => backoffMs(bottom, retry))).toEqual([0, 0, 0]);
    });

    it('never waits longer than the cap, however many retries', () => {
      const policy = parseRetryPolicy({ backoffBaseMs: 1_000, backoffCapMs: 5_000, random: () => 0.5 });

      expect(backoffMs(policy, 30)).toBe(2_500);
    });
  });

  it('defaults to the named constants', () => {
    expect(DEFAULT_PARSE_RETRY_POLICY).toMatchObject({ maxAttempts: MAX_PARSE_ATTEMPTS, deadlineMs: PARSE_DEADLINE_SECONDS * 1000 });
  });

  describe('isRetryableStartError', () => {
    it('retries PARSER_START_REFUSED only', () => {
      expect(isRetryableStartError(new DomainError('PARSER_START_REFUSED', 'capacity'))).toBe(true);
      expect(isRetryableStartError(new DomainError('PARSER_INTERNAL', 'bad'))).toBe(false);
      expect(isRetryableStartError(new Error('AccessDenied'))).toBe(false);
    });
  });
});
