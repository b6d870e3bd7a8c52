import type { InventoryLedger, JobRecord, JobRepository } from '@invoice/inventory';
import { nextVersion } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsedJob } from './sample-records';

export interface InventoryLedgerFixture {
  ledger: InventoryLedger;
  /** The job store the ledger's transaction updates (same database / same DynamoDB transaction). */
  jobs: JobRepository;
  cleanup(): Promise<void>;
}

/** What every InventoryLedger must do: all-or-nothing apply, at most once per job, exact decimals. */
export function describeInventoryLedgerContract(name: string, factory: () => Promise<InventoryLedgerFixture>): void {
  describe(`${name} (InventoryLedger contract)`, () => {
    let fixture: InventoryLedgerFixture;

    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function storedParsedJob(): Promise<JobRecord> {
      const job = parsedJob();
      await fixture.jobs.create(job);
      return job;
    }

    function command(job: JobRecord, deltas: { sku: string; quantity: string }[]) {
      const appliedAt = new Date().toISOString();
      return {
        ledger: { jobId: job.jobId, attempt: job.attempt, appliedAt, deltas },
        job: nextVersion(job, { status: 'APPLIED', appliedAt }, new Date(appliedAt)),
        expectedJobVersion: job.version,
      };
    }

    const stock = async () =>
      Object.fromEntries((await fixture.ledger.listStock()).map((item) => [item.sku, item.quantity]));

    describe('applyOnce', () => {
      it('writes the ledger record, adds the deltas exactly and marks the job APPLIED', async () => {
        // Arrange
        const job = await storedParsedJob();
        const apply = command(job, [
          { sku: 'A', quantity: '2.5' },
          { sku: 'B', quantity: '0.1' },
        ]);

        // Act
        const outcome = await fixture.ledger.applyOnce(apply);
        const second = await storedParsedJob();
        await fixture.ledger.applyOnce(command(second, [{ sku: 'A', quantity: '0.25' }, { sku: 'B', quantity: '0.2' }]));

        // Assert
        expect(outcome).toEqual({ outcome: 'APPLIED', ledger: apply.ledger });
        expect(await fixture.ledger.getLedgerRecord(job.jobId)).toEqual(apply.ledger);
        expect(await fixture.jobs.get(job.jobId)).toEqual(apply.job);
        expect(await stock()).toEqual({ A: '2.75', B: '0.3' });
      });

      it('answers ALREADY_APPLIED with the first record and moves nothing on a repeat', async () => {
        // Arrange
        const job = await storedParsedJob();
        const first = command(job, [{ sku: 'A', quantity: '1' }]);
        await fixture.ledger.applyOnce(first);

        // Act
        const repeat = await fixture.ledger.applyOnce(command(job, [{ sku: 'A', quantity: '5' }]));

        // Assert
        expect(repeat).toEqual({ outcome: 'ALREADY_APPLIED', ledger: first.ledger });
        expect(await stock()).toEqual({ A: '1' });
      });

      it('applies once when called concurrently many times', async () => {
        // Arrange
        const job = await storedParsedJob();

        // Act
        const outcomes = await Promise.all(Array.from({ length: 20 }, () => fixture.ledger.applyOnce(command(job, [{ sku: 'C', quantity: '3' }]))));

        // Assert
        expect(outcomes.filter((outcome) => outcome.outcome === 'APPLIED')).toHaveLength(1);
        expect(await stock()).toEqual({ C: '3' });
      });

      it('throws JOB_CONCURRENT_UPDATE and rolls everything back when the job version moved on', async () => {
        // Arrange
        const job = await storedParsedJob();
        await fixture.jobs.update(nextVersion(job, { status: 'QUEUED', attempt: 2 }, new Date()), job.version);

        // Act
        const attempt = fixture.ledger.applyOnce(command(job, [{ sku: 'A', quantity: '1' }]));

        // Assert
        await expect(attempt).rejects.toMatchObject({ code: 'JOB_CONCURRENT_UPDATE' });
        expect(await fixture.ledger.getLedgerRecord(job.jobId)).toBeNull();
        expect(await stock()).toEqual({});
      });

      it('keeps negative deltas (credit notes) and very long decimals exact', async () => {
        // Arrange
        const job = await storedParsedJob();
        await fixture.ledger.applyOnce(command(job, [{ sku: 'A', quantity: '10000000000000000000000.000000000001' }]));
        const credit = await storedParsedJob();

        // Act
        await fixture.ledger.applyOnce(command(credit, [{ sku: 'A', quantity: '-0.000000000001' }]));

        // Assert
        expect(await stock()).toEqual({ A: '10000000000000000000000' });
      });
    });

    describe('listStock', () => {
      it('lists every SKU ordered by SKU with its update time', async () => {
        // Arrange
        const job = await storedParsedJob();
        await fixture.ledger.applyOnce(command(job, [{ sku: 'b', quantity: '1' }, { sku: 'A', quantity: '2' }]));

        // Act
        const items = await fixture.ledger.listStock();

        // Assert
        expect(items.map((item) => item.sku)).toEqual(['A', 'b']);
        expect(items.every((item) => /^\d{4}-\d\d-\d\dT/.test(item.updatedAt))).toBe(true);
      });
    });

    describe('getLedgerRecord', () => {
      it('returns null for a job that was never applied', async () => {
        expect(await fixture.ledger.getLedgerRecord('00000000-0000-4000-8000-00000000beef')).toBeNull();
      });
    });
  });
}
