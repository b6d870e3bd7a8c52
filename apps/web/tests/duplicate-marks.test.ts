import type { Job } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { duplicateMarks } from '../src/jobs/duplicate-marks';

function job(jobId: string, status: Job['status'], supplierName: string | null, invoiceNumber: string | null): Job {
  return {
    jobId,
    status,
    summary: { supplierName, invoiceNumber, invoiceDate: null, currency: null, total: null, lineCount: 1, itemCount: 1, warningCount: 0 },
  } as Job;
}

describe('duplicateMarks', () => {
  it('marks a job not applied whose folded supplier and number an applied job of the list shares', () => {
    const marks = duplicateMarks([
      job('new', 'PARSED', 'Acme GmbH.', 'inv 2024 001'),
      job('other', 'PARSED', 'Acme GmbH', 'INV-2024/002'),
      job('old', 'APPLIED', 'ACME GmbH', 'INV-2024/001'),
      job('no-number', 'PARSED', 'ACME GmbH', null),
    ]);
    expect([...marks]).toEqual([['new', 'old']]);
  });
});
