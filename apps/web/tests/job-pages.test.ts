import type { Job } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { mergeJobPages } from '../src/jobs/job-pages';

const job = (jobId: string, status: Job['status']) => ({ jobId, status }) as Job;

describe('mergeJobPages', () => {
  it('keeps the newest first and the fresher copy of a job seen on both pages', () => {
    const merged = mergeJobPages([job('c', 'QUEUED'), job('b', 'PARSED')], [job('b', 'QUEUED'), job('a', 'APPLIED')]);
    expect(merged.map((j) => `${j.jobId}:${j.status}`)).toEqual(['c:QUEUED', 'b:PARSED', 'a:APPLIED']);
  });
});
