import { describe, expect, it } from 'vitest';
import { toPublicJob, type JobRecord } from '../src/job-record';
import { changeCurrentAttempt, endCurrentAttempt, queuedAttempt } from '../src/parse-attempts';

const AT = '2026-03-01T09:00:00.000Z';

function record(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: '00000000-0000-4000-8000-000000000001',
    status: 'QUEUED',
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    attempt: 1,
    version: 3,
    createdAt: AT,
    updatedAt: AT,
    error: null,
    summary: null,
    appliedAt: null,
    reviewRevision: 0,
    objectKey: 'raw/x/a.pdf',
    runId: 'run-1',
    review: null,
    ...overrides,
  };
}

describe('parse attempts', () => {
  it('changes the current attempt only, keeping the older ones', () => {
    // Arrange
    const older = { ...queuedAttempt(1, new Date(AT)), outcome: 'retried' as const, code: 'PARSER_CRASHED' };
    const job = record({ attempt: 2, attempts: [older, queuedAttempt(2, new Date(AT))] });

    // Act
    const history = endCurrentAttempt(job, 'parsed', null, new Date('2026-03-01T09:00:05.000Z'));

    // Assert
    expect(history).toEqual([older, { ...queuedAttempt(2, new Date(AT)), outcome: 'parsed', endedAt: '2026-03-01T09:00:05.000Z' }]);
  });

  it('derives the current attempt for a job stored before attempts were recorded', () => {
    const history = changeCurrentAttempt(record({ attempt: 3 }), { outcome: 'running' });

    expect(history).toEqual([{ attempt: 3, queuedAt: AT, startedAt: null, endedAt: null, outcome: 'running', code: null, retryAt: null }]);
  });

  it('shows the history publicly, an empty one when none was stored, and never the parse request or a waiting retry time', () => {
    // Arrange
    const waiting = record({ attempts: [queuedAttempt(1, new Date(AT))], parseRequest: { requestedAt: AT, firstAttempt: 1 }, retryAt: AT });

    // Act
    const shown = toPublicJob(waiting);

    // Assert
    expect(shown.attempts).toEqual(waiting.attempts);
    expect(Object.keys(shown)).not.toContain('parseRequest');
    expect(Object.keys(shown)).not.toContain('retryAt');
    expect(toPublicJob(record()).attempts).toEqual([]);
  });
});
