import type { AuditEntry } from '@invoice/contracts';
import type { AuditTrail, JobRepository } from '@invoice/inventory';
import { DomainError, nextVersion } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsedJob, sampleJob } from './sample-records';

export interface JobRepositoryFixture {
  repository: JobRepository;
  /** The audit trail a create's entries are written to, in the create's transaction. */
  audit: AuditTrail;
  cleanup(): Promise<void>;
}

/** What every JobRepository must do, whatever stores it (SQLite now, DynamoDB later). */
export function describeJobRepositoryContract(name: string, factory: () => Promise<JobRepositoryFixture>): void {
  describe(`${name} (JobRepository contract)`, () => {
    let fixture: JobRepositoryFixture;
    let repository: JobRepository;

    beforeEach(async () => {
      fixture = await factory();
      repository = fixture.repository;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('create / get', () => {
      it('stores the audit entries given with a new job, and neither when an entry cannot be written (its id is taken)', async () => {
        // Arrange
        const job = parsedJob();
        const other = parsedJob();
        const entry: AuditEntry = {
          id: randomUUID(),
          at: new Date().toISOString(),
          actor: { user: 'anna', role: 'operator' },
          requestId: randomUUID(),
          jobId: job.jobId,
          action: 'job.create',
          change: { fileName: job.fileName },
        };

        // Act
        await repository.create(job, [entry]);
        // Settled at once: a rejection left waiting behind the reads below is reported as unhandled.
        const refused = repository.create(other, [{ ...entry, jobId: other.jobId }]).then(
          () => 'stored',
          (error: unknown) => error,
        );

        // Assert
        expect(await repository.get(job.jobId)).toEqual(job);
        expect((await fixture.audit.query({ jobId: job.jobId, limit: 10 })).items).toEqual([entry]);
        expect(await refused).toMatchObject({ code: 'INTERNAL_ERROR' });
        expect(await repository.get(other.jobId)).toBeNull();
        expect((await fixture.audit.query({ jobId: other.jobId, limit: 10 })).items).toEqual([]);
      });

      it('returns the record exactly as created, internal fields included', async () => {
        // Arrange
        const job = parsedJob({ error: null, appliedAt: null });

        // Act
        await repository.create(job);
        const stored = await repository.get(job.jobId);

        // Assert
        expect(stored).toEqual(job);
      });

      it('keeps a saved review exactly: absent fields absent, a removed SKU null, decimals as strings', async () => {
        // Arrange
        const job = parsedJob({
          reviewRevision: 3,
          review: {
            corrections: [
              { lineIndex: 2, sku: null },
              { lineIndex: 0, quantity: '2.50', notStock: false },
              { lineIndex: 1, sku: 'INV-9', notStock: true },
            ],
            updatedAt: '2026-02-01T10:00:00.000Z',
          },
        });

        // Act
        await repository.create(job);
        const stored = await repository.get(job.jobId);

        // Assert
        expect(stored).toEqual(job);
        expect(stored?.review?.corrections[0]).toStrictEqual({ lineIndex: 2, sku: null });
        expect(Object.keys(stored?.review?.corrections[1] ?? {}).sort()).toEqual(['lineIndex', 'notStock', 'quantity']);
      });

      it('returns null for an unknown id', async () => {
        expect(await repository.get('00000000-0000-4000-8000-00000000dead')).toBeNull();
      });

      it('throws when the id already exists, keeping the first record', async () => {
        // Arrange
        const job = sampleJob();
        await repository.create(job);

        // Act & Assert
        await expect(repository.create({ ...job, fileName: 'other.pdf' })).rejects.toThrow();
        expect((await repository.get(job.jobId))?.fileName).toBe('invoice.pdf');
      });
    });

    describe('update', () => {
      it('replaces the record when the expected version matches', async () => {
        // Arrange
        const job = sampleJob();
        await repository.create(job);
        const failed = nextVersion(job, { status: 'QUEUED', attempt: 1, error: { code: 'X', message: 'y', details: { a: 1 } } }, new Date());

        // Act
        await repository.update(failed, job.version);

        // Assert
        expect(await repository.get(job.jobId)).toEqual(failed);
      });

      it('saves a new review revision and clears it again (a re-parse resets the corrections)', async () => {
        // Arrange
        const job = parsedJob();
        await repository.create(job);
        const reviewed = nextVersion(
          job,
          { reviewRevision: 1, review: { corrections: [{ lineIndex: 0, sku: 'X-1' }], updatedAt: '2026-02-01T10:00:00.000Z' } },
          new Date(),
        );
        const reset = nextVersion(reviewed, { status: 'QUEUED', attempt: 2, reviewRevision: 2, review: null }, new Date());

        // Act
        await repository.update(reviewed, job.version);
        const afterReview = await repository.get(job.jobId);
        await repository.update(reset, reviewed.version);

        // Assert
        expect(afterReview).toEqual(reviewed);
        expect(await repository.get(job.jobId)).toEqual(reset);
      });

      it('throws JOB_CONCURRENT_UPDATE when the stored version moved on, changing nothing', async () => {
        // Arrange
        const job = sampleJob();
        await repository.create(job);
        const first = nextVersion(job, { status: 'QUEUED', attempt: 1 }, new Date());
        await repository.update(first, job.version);
        const stale = nextVersion(job, { fileName: 'stale.pdf' }, new Date());

        // Act
        const attempt = repository.update(stale, job.version);

        // Assert
        await expect(attempt).rejects.toMatchObject({ code: 'JOB_CONCURRENT_UPDATE' });
        await expect(attempt).rejects.toBeInstanceOf(DomainError);
        expect(await repository.get(job.jobId)).toEqual(first);
      });

      it('lets exactly one of many concurrent updates from the same version win', async () => {
        // Arrange
        const job = sampleJob();
        await repository.create(job);

        // Act
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, n) => repository.update(nextVersion(job, { fileName: `v${n}.pdf` }, new Date()), job.version)),
        );

        // Assert
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect((await repository.get(job.jobId))?.version).toBe(2);
      });

      it('throws JOB_CONCURRENT_UPDATE for a job that does not exist', async () => {
        const ghost = sampleJob();
        await expect(repository.update(nextVersion(ghost, {}, new Date()), ghost.version)).rejects.toMatchObject({
          code: 'JOB_CONCURRENT_UPDATE',
        });
      });
    });

    describe('list', () => {
      it('pages through all jobs newest first without repeats', async () => {
        // Arrange: same millisecond for some, so the tie-break matters too
        const base = Date.parse('2026-01-01T00:00:00.000Z');
        const jobs = [0, 1, 1, 2, 3, 3, 4].map((offset) => sampleJob({ createdAt: new Date(base + offset).toISOString() }));
        for (const job of jobs) await repository.create(job);

        // Act
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await repository.list({ limit: 3, cursor });
          seen.push(...page.items.map((job) => job.jobId));
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor);

        // Assert
        const expected = [...jobs]
          .sort((a, b) => (a.createdAt === b.createdAt ? (a.jobId < b.jobId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
          .map((job) => job.jobId);
        expect(seen).toEqual(expected);
        expect(pages).toBe(3);
      });

      it('returns an empty page with no cursor when there are no jobs', async () => {
        expect(await repository.list({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      });

      it('throws VALIDATION_FAILED for a cursor it did not issue', async () => {
        await expect(repository.list({ limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      });

      it('throws VALIDATION_FAILED for a decodable cursor that holds no job position (foreign cursor was accepted)', async () => {
        // Arrange: the shape of a real cursor, but values no job ever had
        const forged = Buffer.from(JSON.stringify(['x', 'y']), 'utf8').toString('base64url');

        // Act & Assert
        await expect(repository.list({ limit: 10, cursor: forged })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      });
    });

    describe('attempt history', () => {
      it('keeps the attempts, the parse request and a waiting retry exactly, and clears them again', async () => {
        // Arrange
        const job = sampleJob({
          status: 'QUEUED',
          attempt: 2,
          attempts: [
            { attempt: 1, queuedAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:01.000Z', endedAt: '2026-01-01T00:00:09.000Z', outcome: 'retried', code: 'PARSER_CRASHED', retryAt: null },
            { attempt: 2, queuedAt: '2026-01-01T00:00:09.000Z', startedAt: null, endedAt: null, outcome: 'queued', code: null, retryAt: '2026-01-01T00:00:11.000Z' },
          ],
          parseRequest: { requestedAt: '2026-01-01T00:00:00.000Z', firstAttempt: 1 },
          retryAt: '2026-01-01T00:00:11.000Z',
        });
        await repository.create(job);

        // Act
        const cleared = nextVersion(job, { retryAt: null, parseRequest: null }, new Date('2026-01-01T00:00:12.000Z'));
        const stored = await repository.get(job.jobId);
        await repository.update(cleared, job.version);

        // Assert
        expect(stored).toEqual(job);
        expect(await repository.get(job.jobId)).toEqual(cleared);
      });
    });

    describe('listInFlight', () => {
      it('pages through the QUEUED and PARSING jobs only, oldest first, without repeats', async () => {
        // Arrange
        const base = Date.parse('2026-01-01T00:00:00.000Z');
        const statuses = ['QUEUED', 'PARSED', 'PARSING', 'CREATED', 'QUEUED', 'FAILED', 'PARSING', 'APPLIED', 'QUEUED'] as const;
        const jobs = statuses.map((status, index) => sampleJob({ status, createdAt: new Date(base + Math.floor(index / 2)).toISOString() }));
        for (const job of jobs) await repository.create(job);

        // Act
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await repository.listInFlight({ limit: 2, cursor });
          seen.push(...page.items.map((job) => job.jobId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);

        // Assert
        const expected = jobs
          .filter((job) => job.status === 'QUEUED' || job.status === 'PARSING')
          .sort((a, b) => (a.createdAt === b.createdAt ? (a.jobId < b.jobId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
          .map((job) => job.jobId);
        expect(seen).toEqual(expected);
      });

      it('drops a job once it leaves flight and lists it again when it is re-parsed', async () => {
        // Arrange
        const job = sampleJob({ status: 'QUEUED' });
        await repository.create(job);
        const parsed = nextVersion(job, { status: 'PARSED' }, new Date());
        const again = nextVersion(parsed, { status: 'QUEUED', attempt: 2 }, new Date());

        // Act & Assert
        expect((await repository.listInFlight({ limit: 10 })).items.map((item) => item.jobId)).toEqual([job.jobId]);
        await repository.update(parsed, job.version);
        expect(await repository.listInFlight({ limit: 10 })).toEqual({ items: [], nextCursor: null });
        await repository.update(again, parsed.version);
        expect((await repository.listInFlight({ limit: 10 })).items).toEqual([again]);
      });

      it('throws VALIDATION_FAILED for a cursor it did not issue', async () => {
        await expect(repository.listInFlight({ limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      });
    });
  });
}
