import { describe, expect, it } from 'vitest';
import { isInFlight, nextPollDelayMs, statusLabel } from '../src/job-status';

describe('isInFlight', () => {
  it('keeps polling for jobs the server is still working on', () => {
    expect(['CREATED', 'QUEUED', 'PARSING'].every((s) => isInFlight(s as never))).toBe(true);
  });

  it('stops polling for settled jobs', () => {
    expect(['PARSED', 'FAILED', 'APPLIED'].some((s) => isInFlight(s as never))).toBe(false);
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
    expect(statusLabel('PARSED')).toBe('Parsed: ready for review');
  });
});
