import { describe, expect, it } from 'vitest';
import { canReparse, canReview, isInFlight, nextPollDelayMs, statusLabel } from '../src/jobs/job-status';

describe('isInFlight', () => {
  it('keeps polling for jobs the server is still working on', () => {
    expect(['QUEUED', 'PARSING'].every((s) => isInFlight(s as never))).toBe(true);
  });

  it('stops polling for settled jobs, and for a job whose upload never came', () => {
    expect(['CREATED', 'PARSED', 'FAILED', 'APPLIED'].some((s) => isInFlight(s as never))).toBe(false);
  });
});

describe('nextPollDelayMs', () => {
  it('starts fast and doubles up to a ceiling', () => {
    const delays: number[] = [];
    let delay: number | null = null;
    for (let i = 0; i < 6; i += 1) {
      delay = nextPollDelayMs(delay);
      delays.push(delay);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});

describe('statusLabel', () => {
  it('says in words what a status means', () => {
    expect(['PARSED', 'APPLIED', 'FAILED'].map((s) => statusLabel(s as never))).toEqual(['Parsed', 'Applied', 'Failed']);
  });
});

describe('canReview / canReparse', () => {
  it('offers review once the parser has read the document, re-parse only before apply', () => {
    const statuses = ['CREATED', 'QUEUED', 'PARSING', 'PARSED', 'FAILED', 'APPLIED'] as const;
    expect(statuses.filter((status) => canReview({ status }))).toEqual(['PARSED', 'APPLIED']);
    expect(statuses.filter((status) => canReparse({ status }))).toEqual(['PARSED', 'FAILED']);
  });
});
