import { DomainError, isJobId, type JobRecord } from '@invoice/inventory';

export interface JobPosition {
  createdAt: string;
  jobId: string;
}

/** The shape createdAt always has; a cursor holding anything else was not issued here. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The cursor is opaque to clients: base64url of the last item's sort key (createdAt, jobId). */
export function encodeCursor(job: Pick<JobRecord, 'createdAt' | 'jobId'>): string {
  return Buffer.from(JSON.stringify([job.createdAt, job.jobId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): JobPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isPosition(parsed)) return { createdAt: parsed[0], jobId: parsed[1] };
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not one this service issued.', {
    issues: [{ path: '/cursor', message: 'is not a valid cursor' }],
  });
}

function isPosition(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    TIMESTAMP.test(value[0]) &&
    isJobId(value[1])
  );
}
