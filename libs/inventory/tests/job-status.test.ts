import type { JobStatus } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import { JOB_STATUSES, allowedTransitions, assertTransition, canTransition, isInFlight } from '../src/job-status';

const ALLOWED: ReadonlyArray<[JobStatus, JobStatus]> = [
  ['CREATED', 'QUEUED'],
  ['QUEUED', 'PARSING'],
  ['QUEUED', 'PARSED'],
  ['QUEUED', 'FAILED'],
  ['PARSING', 'QUEUED'],
  ['PARSING', 'PARSED'],
  ['PARSING', 'FAILED'],
  ['PARSED', 'QUEUED'],
  ['PARSED', 'APPLIED'],
  ['FAILED', 'QUEUED'],
  ['APPLIED', 'REVERSED'],
  ['REVERSED', 'APPLIED'],
];

const isAllowed = (from: JobStatus, to: JobStatus) => ALLOWED.some(([a, b]) => a === from && b === to);
const REFUSED = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => !isAllowed(from, to)).map((to) => [from, to] as const));

describe('job status state machine', () => {
  describe('assertTransition', () => {
    it.each(ALLOWED)('allows %s -> %s', (from, to) => {
      // Act & Assert
      expect(() => assertTransition(from, to)).not.toThrow();
      expect(canTransition(from, to)).toBe(true);
    });

    it.each(REFUSED)('throws JOB_INVALID_STATE when moving %s -> %s', (from, to) => {
      // Arrange
      const jobId = '00000000-0000-4000-8000-000000000001';

      // Act
      let thrown: unknown;
      try {
        assertTransition(from, to, jobId);
      } catch (error) {
        thrown = error;
      }

      // Assert
      expect(canTransition(from, to)).toBe(false);
      expect(thrown).toBeInstanceOf(DomainError);
      const error = thrown as DomainError;
      expect(error.code).toBe('JOB_INVALID_STATE');
      expect(error.httpStatus).toBe(409);
      expect(error.details).toMatchObject({ jobId, status: from, requested: to });
    });

    it('covers all 49 pairs between the allowed and refused lists', () => {
      expect(ALLOWED.length + REFUSED.length).toBe(JOB_STATUSES.length ** 2);
    });
  });

  describe('allowedTransitions', () => {
    it('lets APPLIED only be reversed, and a REVERSED job only be applied again', () => {
      expect(allowedTransitions('APPLIED')).toEqual(['REVERSED']);
      expect(allowedTransitions('REVERSED')).toEqual(['APPLIED']);
    });
  });

  describe('isInFlight', () => {
    it('is true only while a parser run may still write an output', () => {
      // Act
      const inFlight = JOB_STATUSES.filter(isInFlight);

      // Assert
      expect(inFlight).toEqual(['QUEUED', 'PARSING']);
    });
  });
});
