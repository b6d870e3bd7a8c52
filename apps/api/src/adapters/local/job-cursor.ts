import { DomainError, type JobRecord } from '@invoice/inventory';

export interface JobPosition {
  createdAt: string;
  jobId: string;
}

/** The cursor is opaque to clients: base64url of the last item's sort key (createdAt, jobId). */
export function encodeCursor(job: Pick<JobRecord, 'createdAt' | 'jobId'>): string {
  return Buffer.from(JSON.stringify([job.createdAt, job.jobId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): JobPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) {
      return { createdAt: parsed[0] as string, jobId: parsed[1] as string };
    }
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not one this service issued.', {
    issues: [{ path: '/cursor', message: 'is not a valid cursor' }],
  });
}
