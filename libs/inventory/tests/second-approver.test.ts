import { describe, expect, it } from 'vitest';
import type { JobRecord, StoredReview } from '../src/job-record';
import { assertSecondApprover } from '../src/review/second-approver';
import { thrownBy } from './support';

const JOB_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function jobReviewedBy(savedBy: StoredReview['savedBy'] | 'absent'): JobRecord {
  const review: StoredReview | null =
    savedBy === 'absent' ? { corrections: [], updatedAt: '2026-11-25T10:00:00.000Z' } : { corrections: [], updatedAt: '2026-11-25T10:00:00.000Z', savedBy };
  return { jobId: JOB_ID, reviewRevision: 2, review } as unknown as JobRecord;
}

describe('assertSecondApprover', () => {
  it('refuses the user who saved the revision with SECOND_APPROVER_REQUIRED naming them', () => {
    const error = thrownBy(() => assertSecondApprover(jobReviewedBy('anna'), 'anna'));

    expect({ code: error.code, status: error.httpStatus, details: error.details }).toEqual({
      code: 'SECOND_APPROVER_REQUIRED',
      status: 403,
      details: { jobId: JOB_ID, reviewRevision: 2, savedBy: 'anna' },
    });
  });

  it('lets another user apply', () => {
    expect(() => assertSecondApprover(jobReviewedBy('anna'), 'bert')).not.toThrow();
  });

  it.each([
    ['a revision saved by nobody known (null)', null],
    ['a revision saved before accounts (no savedBy)', 'absent' as const],
  ])('lets anyone apply %s, even without a user', (_, savedBy) => {
    expect(() => assertSecondApprover(jobReviewedBy(savedBy), 'anna')).not.toThrow();
    expect(() => assertSecondApprover(jobReviewedBy(savedBy), null)).not.toThrow();
  });

  it('lets anyone apply a job never reviewed', () => {
    const job = { jobId: JOB_ID, reviewRevision: 0, review: null } as unknown as JobRecord;

    expect(() => assertSecondApprover(job, 'anna')).not.toThrow();
  });
});
