import type { AuditEntry } from '@invoice/contracts';
import type { AuditTrail, InventoryLedger, InvoiceClaim, JobRecord, JobRepository, SupplierDirectory } from '@invoice/inventory';
import { nextVersion } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsedJob } from './sample-records';

export interface InventoryLedgerFixture {
  ledger: InventoryLedger;
  /** The job store the ledger's transaction updates (same database / same DynamoDB transaction). */
  jobs: JobRepository;
  /** The audit trail an apply's entries (ApplyCommand.audit) are written to, in the apply's transaction. */
  audit: AuditTrail;
  /** The supplier directory an apply's supplier name (ApplyCommand.supplierName) is remembered in. */
  suppliers: SupplierDirectory;
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

    function command(
      job: JobRecord,
      deltas: { sku: string; quantity: string }[],
      appliedAt = new Date().toISOString(),
      options: { applySequence?: number; claims?: InvoiceClaim[]; allowDuplicate?: true } = {},
    ) {
      return {
        ledger: {
          jobId: job.jobId,
          attempt: job.attempt,
          reviewRevision: job.reviewRevision,
          appliedAt,
          deltas,
          applySequence: options.applySequence ?? 1,
          ...(options.allowDuplicate ? { allowDuplicate: options.allowDuplicate } : {}),
        },
        job: nextVersion(job, { status: 'APPLIED', appliedAt }, new Date(appliedAt)),
        expectedJobVersion: job.version,
        claims: options.claims ?? [],
      };
    }

    function reverseCommand(job: JobRecord, deltas: { sku: string; quantity: string }[], allowNegativeStock = false, applySequence = 1) {
      const reversedAt = new Date().toISOString();
      return {
        reversal: {
          jobId: job.jobId,
          applySequence,
          reversedAt,
          deltas: deltas.map((delta) => ({ sku: delta.sku, quantity: delta.quantity.startsWith('-') ? delta.quantity.slice(1) : `-${delta.quantity}` })),
          allowNegativeStock,
        },
        job: nextVersion(job, { status: 'REVERSED' }, new Date(reversedAt)),
        expectedJobVersion: job.version,
      };
    }

    /** A stored job applied with these deltas and claims; answers the job as stored after the apply. */
    async function appliedJob(deltas: { sku: string; quantity: string }[], claims: InvoiceClaim[] = []): Promise<JobRecord> {
      const job = await storedParsedJob();
      const apply = command(job, deltas, undefined, { claims });
      await fixture.ledger.applyOnce(apply);
      return apply.job;
    }

    function auditEntry(jobId: string, action: AuditEntry['action']): AuditEntry {
      return { id: randomUUID(), at: new Date().toISOString(), actor: { user: 'anna', role: 'admin' }, requestId: randomUUID(), jobId, action, change: { applySequence: 1 } };
    }

    const claimsOf = (sha: string, invoice: string): InvoiceClaim[] => [
      { key: `DOC#${sha}`, reason: 'same-document' },
      { key: `INV#acme#${invoice}`, reason: 'same-invoice-number' },
    ];

    const stock = async () =>
      Object.fromEntries((await fixture.ledger.listStock()).map((item) => [item.sku, item.quantity]));

    describe('applyOnce', () => {
      it('writes the ledger record, adds the deltas exactly and marks the job APPLIED', async () => {
        // Arrange
        const job = parsedJob({ reviewRevision: 4 });
        await fixture.jobs.create(job);
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
        expect(apply.ledger.reviewRevision).toBe(4);
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

      it('writes the audit entries given with the apply, and none on a repeat', async () => {
        // Arrange
        const job = await storedParsedJob();
        const entries = [auditEntry(job.jobId, 'apply'), auditEntry(job.jobId, 'override.duplicate')];

        // Act
        const outcome = await fixture.ledger.applyOnce({ ...command(job, [{ sku: 'A', quantity: '1' }]), audit: entries });
        const repeat = await fixture.ledger.applyOnce({ ...command(job, [{ sku: 'A', quantity: '1' }]), audit: [auditEntry(job.jobId, 'apply')] });

        // Assert
        expect(outcome.outcome).toBe('APPLIED');
        expect(repeat.outcome).toBe('ALREADY_APPLIED');
        const stored = await fixture.audit.query({ jobId: job.jobId, limit: 10 });
        expect(stored.items.map((entry) => entry.id).sort()).toEqual(entries.map((entry) => entry.id).sort());
        expect(stored.items.find((entry) => entry.action === 'apply')).toEqual(entries[0]);
      });

      it('applies nothing when an audit entry cannot be written (its id is taken): INTERNAL_ERROR, stock and job unchanged', async () => {
        // Arrange: an entry already in the trail, given again with the apply
        const job = await storedParsedJob();
        const taken = auditEntry(job.jobId, 'apply');
        await fixture.audit.append(taken);

        // Act
        const attempt = fixture.ledger.applyOnce({ ...command(job, [{ sku: 'A', quantity: '1' }]), audit: [taken] });

        // Assert
        await expect(attempt).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
        expect(await fixture.ledger.getLedgerRecord(job.jobId)).toBeNull();
        expect(await fixture.jobs.get(job.jobId)).toEqual(job);
        expect(await stock()).toEqual({});
        expect((await fixture.audit.query({ jobId: job.jobId, limit: 10 })).items).toEqual([taken]);
      });

      it("remembers the supplier's name with the apply; a name seen later and stored already is kept, and the apply goes ahead", async () => {
        // Arrange: one supplier named at 10:00 already, another never named
        const later = { supplierKey: 'acme', displayName: 'ACME GmbH', seenAt: '2026-03-01T10:00:00.000Z' };
        await fixture.suppliers.nameSupplier(later);
        const [older, fresh] = [await storedParsedJob(), await storedParsedJob()];

        // Act
        const olderApply = await fixture.ledger.applyOnce({
          ...command(older, [{ sku: 'A', quantity: '1' }]),
          supplierName: { supplierKey: 'acme', displayName: 'Acme (old print)', seenAt: '2026-03-01T09:00:00.000Z' },
        });
        const freshApply = await fixture.ledger.applyOnce({
          ...command(fresh, [{ sku: 'A', quantity: '2' }]),
          supplierName: { supplierKey: 'bolt', displayName: 'Bolt & Co', seenAt: '2026-03-01T11:00:00.000Z' },
        });

        // Assert
        expect([olderApply.outcome, freshApply.outcome]).toEqual(['APPLIED', 'APPLIED']);
        expect(await stock()).toEqual({ A: '3' });
        expect(await fixture.suppliers.displayNames(['acme', 'bolt'])).toEqual(
          new Map([
            ['acme', 'ACME GmbH'],
            ['bolt', 'Bolt & Co'],
          ]),
        );
      });

      it('remembers no supplier name when the apply is refused or repeated', async () => {
        // Arrange
        const job = await storedParsedJob();
        await fixture.ledger.applyOnce(command(job, [{ sku: 'A', quantity: '1' }]));
        const moved = await storedParsedJob();
        await fixture.jobs.update(nextVersion(moved, { status: 'QUEUED', attempt: 2 }, new Date()), moved.version);
        const name = (supplierKey: string) => ({ supplierKey, displayName: supplierKey.toUpperCase(), seenAt: new Date().toISOString() });

        // Act
        const repeat = await fixture.ledger.applyOnce({ ...command(job, [{ sku: 'A', quantity: '1' }]), supplierName: name('repeat') });
        const refused = fixture.ledger.applyOnce({ ...command(moved, [{ sku: 'A', quantity: '1' }]), supplierName: name('refused') });

        // Assert
        expect(repeat.outcome).toBe('ALREADY_APPLIED');
        await expect(refused).rejects.toMatchObject({ code: 'JOB_CONCURRENT_UPDATE' });
        expect(await fixture.suppliers.displayNames(['repeat', 'refused'])).toEqual(new Map());
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

    describe('getStock', () => {
      it('answers one SKU with its exact quantity, and null for a SKU never moved', async () => {
        // Arrange
        const job = await storedParsedJob();
        await fixture.ledger.applyOnce(command(job, [{ sku: 'G-1', quantity: '0.1' }, { sku: 'g-1', quantity: '2' }]));
        const more = await storedParsedJob();
        await fixture.ledger.applyOnce(command(more, [{ sku: 'G-1', quantity: '0.2' }]));

        // Act
        const item = await fixture.ledger.getStock('G-1');

        // Assert
        expect(item).toMatchObject({ sku: 'G-1', quantity: '0.3' });
        expect(item?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect((await fixture.ledger.getStock('g-1'))?.quantity).toBe('2');
        expect(await fixture.ledger.getStock('G-')).toBeNull();
        expect(await fixture.ledger.getStock('never-moved')).toBeNull();
      });
    });

    describe('listMovements', () => {
      it('lists what each applied job did to the SKU, newest first, with its review revision', async () => {
        // Arrange: three jobs; the second does not touch M-1; the third credits part back
        const first = await storedParsedJob();
        await fixture.ledger.applyOnce(command(first, [{ sku: 'M-1', quantity: '5' }, { sku: 'M-2', quantity: '1' }], '2026-03-01T10:00:00.000Z'));
        const second = await storedParsedJob();
        await fixture.ledger.applyOnce(command(second, [{ sku: 'M-2', quantity: '4' }], '2026-03-02T10:00:00.000Z'));
        const third = parsedJob({ reviewRevision: 2 });
        await fixture.jobs.create(third);
        await fixture.ledger.applyOnce(command(third, [{ sku: 'M-1', quantity: '-1.5' }], '2026-03-03T10:00:00.000Z'));

        // Act
        const movements = await fixture.ledger.listMovements('M-1');

        // Assert
        expect(movements).toEqual([
          { jobId: third.jobId, sku: 'M-1', quantity: '-1.5', appliedAt: '2026-03-03T10:00:00.000Z', reviewRevision: 2, entry: 'apply', applySequence: 1 },
          { jobId: first.jobId, sku: 'M-1', quantity: '5', appliedAt: '2026-03-01T10:00:00.000Z', reviewRevision: 0, entry: 'apply', applySequence: 1 },
        ]);
        expect((await fixture.ledger.listMovements('M-2')).map((movement) => movement.jobId)).toEqual([second.jobId, first.jobId]);
      });

      it('orders movements of the same instant by jobId, descending', async () => {
        // Arrange
        const at = '2026-04-01T00:00:00.000Z';
        const jobs = [parsedJob(), parsedJob(), parsedJob()];
        for (const job of jobs) {
          await fixture.jobs.create(job);
          await fixture.ledger.applyOnce(command(job, [{ sku: 'SAME', quantity: '1' }], at));
        }

        // Act
        const ids = (await fixture.ledger.listMovements('SAME')).map((movement) => movement.jobId);

        // Assert
        expect(ids).toEqual(jobs.map((job) => job.jobId).sort().reverse());
      });

      it('records nothing for an apply that was refused or repeated', async () => {
        // Arrange: a repeat of an applied job, and an apply whose job version moved on
        const job = await storedParsedJob();
        await fixture.ledger.applyOnce(command(job, [{ sku: 'ONCE', quantity: '1' }]));
        await fixture.ledger.applyOnce(command(job, [{ sku: 'ONCE', quantity: '9' }]));
        const moved = await storedParsedJob();
        await fixture.jobs.update(nextVersion(moved, { status: 'QUEUED', attempt: 2 }, new Date()), moved.version);
        await expect(fixture.ledger.applyOnce(command(moved, [{ sku: 'ONCE', quantity: '7' }]))).rejects.toMatchObject({
          code: 'JOB_CONCURRENT_UPDATE',
        });

        // Act
        const movements = await fixture.ledger.listMovements('ONCE');

        // Assert
        expect(movements.map((movement) => [movement.jobId, movement.quantity])).toEqual([[job.jobId, '1']]);
      });

      it('answers an empty list for a SKU never moved', async () => {
        expect(await fixture.ledger.listMovements('nothing-here')).toEqual([]);
      });
    });

    describe('applyOnce with invoice claims', () => {
      it('refuses DUPLICATE_INVOICE naming the holder when another applied job holds a claim, and writes nothing', async () => {
        // Arrange
        const first = await appliedJob([{ sku: 'D', quantity: '1' }], claimsOf('a1', 'inv1'));
        const second = await storedParsedJob();

        // Act
        const attempt = fixture.ledger.applyOnce(command(second, [{ sku: 'D', quantity: '1' }], undefined, { claims: claimsOf('b2', 'inv1') }));

        // Assert
        await expect(attempt).rejects.toMatchObject({ code: 'DUPLICATE_INVOICE', details: { jobId: first.jobId, reason: 'same-invoice-number' } });
        expect(await fixture.ledger.getLedgerRecord(second.jobId)).toBeNull();
        expect(await fixture.jobs.get(second.jobId)).toEqual(second);
        expect(await stock()).toEqual({ D: '1' });
        expect(await fixture.ledger.findClaimHolders(['DOC#a1', 'INV#acme#inv1', 'DOC#b2'])).toEqual(
          expect.arrayContaining([
            { key: 'DOC#a1', reason: 'same-document', jobId: first.jobId },
            { key: 'INV#acme#inv1', reason: 'same-invoice-number', jobId: first.jobId },
          ]),
        );
        expect(await fixture.ledger.findClaimHolders(['DOC#b2'])).toEqual([]);
      });

      it('applies a duplicate without claims (the operator allowed it) and records the override', async () => {
        // Arrange
        await appliedJob([{ sku: 'D', quantity: '1' }], claimsOf('a1', 'inv1'));
        const second = await storedParsedJob();
        const apply = command(second, [{ sku: 'D', quantity: '2' }], undefined, { allowDuplicate: true });

        // Act
        const outcome = await fixture.ledger.applyOnce(apply);

        // Assert
        expect(outcome).toEqual({ outcome: 'APPLIED', ledger: apply.ledger });
        expect(await fixture.ledger.getLedgerRecord(second.jobId)).toMatchObject({ allowDuplicate: true });
        expect(await stock()).toEqual({ D: '3' });
      });

      it('applies only one of many duplicate jobs applied at the same moment', async () => {
        // Arrange
        const jobs = await Promise.all(Array.from({ length: 6 }, () => storedParsedJob()));

        // Act
        const outcomes = await Promise.allSettled(
          jobs.map((job) => fixture.ledger.applyOnce(command(job, [{ sku: 'RACE', quantity: '1' }], undefined, { claims: claimsOf('same', 'n-1') }))),
        );

        // Assert
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as { code: string }] : []));
        expect(refused.map((reason) => reason.code)).toEqual(Array(5).fill('DUPLICATE_INVOICE'));
        expect(await stock()).toEqual({ RACE: '1' });
      });
    });

    describe('reverseOnce', () => {
      it('writes the compensating entry, moves the stock back, releases the claims and marks the job REVERSED', async () => {
        // Arrange
        const deltas = [
          { sku: 'R-1', quantity: '2.5' },
          { sku: 'R-2', quantity: '-1' },
        ];
        const job = await appliedJob(deltas, claimsOf('r', 'r1'));
        const reverse = reverseCommand(job, deltas);

        // Act
        const outcome = await fixture.ledger.reverseOnce(reverse);

        // Assert
        expect(outcome).toEqual({ outcome: 'REVERSED', reversal: reverse.reversal });
        expect(await fixture.ledger.getReversal(job.jobId, 1)).toEqual(reverse.reversal);
        expect(await fixture.jobs.get(job.jobId)).toEqual(reverse.job);
        expect(await stock()).toEqual({ 'R-1': '0', 'R-2': '0' });
        expect(await fixture.ledger.findClaimHolders(['DOC#r', 'INV#acme#r1'])).toEqual([]);
        expect((await fixture.ledger.listMovements('R-1')).map((movement) => [movement.entry, movement.quantity])).toEqual([
          ['reversal', '-2.5'],
          ['apply', '2.5'],
        ]);
        expect(await fixture.ledger.getLedgerRecord(job.jobId)).toMatchObject({ applySequence: 1, deltas });
      });

      it('reverses once when called concurrently many times', async () => {
        // Arrange
        const job = await appliedJob([{ sku: 'R-3', quantity: '4' }]);

        // Act
        const outcomes = await Promise.all(Array.from({ length: 20 }, () => fixture.ledger.reverseOnce(reverseCommand(job, [{ sku: 'R-3', quantity: '4' }]))));

        // Assert
        expect(outcomes.filter((outcome) => outcome.outcome === 'REVERSED')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.outcome === 'ALREADY_REVERSED')).toHaveLength(19);
        expect(await stock()).toEqual({ 'R-3': '0' });
        expect((await fixture.jobs.get(job.jobId))?.status).toBe('REVERSED');
      });

      it('refuses INSUFFICIENT_STOCK naming the SKUs that would go negative, unless allowed', async () => {
        // Arrange: 3 received, then 2 of them sent out by a credit note
        const deltas = [
          { sku: 'N-1', quantity: '3' },
          { sku: 'N-2', quantity: '1' },
        ];
        const job = await appliedJob(deltas);
        await appliedJob([{ sku: 'N-1', quantity: '-2' }]);

        // Act
        const refused = fixture.ledger.reverseOnce(reverseCommand(job, deltas));

        // Assert
        await expect(refused).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { skus: [{ sku: 'N-1', quantity: '1', delta: '-3' }] } });
        expect(await fixture.ledger.getReversal(job.jobId, 1)).toBeNull();
        expect(await stock()).toEqual({ 'N-1': '1', 'N-2': '1' });
        expect((await fixture.jobs.get(job.jobId))?.status).toBe('APPLIED');

        // Act: allowed
        const allowed = await fixture.ledger.reverseOnce(reverseCommand(job, deltas, true));

        // Assert
        expect(allowed.outcome).toBe('REVERSED');
        expect(await stock()).toEqual({ 'N-1': '-2', 'N-2': '0' });
      });

      it('lets a reversed job be applied again as the next apply sequence, with both entries in the history', async () => {
        // Arrange
        const job = await appliedJob([{ sku: 'AG', quantity: '5' }], claimsOf('again', 'a1'));
        const reverse = reverseCommand(job, [{ sku: 'AG', quantity: '5' }]);
        await fixture.ledger.reverseOnce(reverse);

        // Act
        const again = command(reverse.job, [{ sku: 'AG', quantity: '4' }], undefined, { applySequence: 2, claims: claimsOf('again', 'a1') });
        const outcome = await fixture.ledger.applyOnce(again);
        const repeat = await fixture.ledger.applyOnce(again);

        // Assert
        expect(outcome).toEqual({ outcome: 'APPLIED', ledger: again.ledger });
        expect(repeat).toEqual({ outcome: 'ALREADY_APPLIED', ledger: again.ledger });
        expect(await fixture.ledger.getLedgerRecord(job.jobId)).toEqual(again.ledger);
        expect(await stock()).toEqual({ AG: '4' });
        expect((await fixture.ledger.listMovements('AG')).map((movement) => [movement.entry, movement.applySequence, movement.quantity])).toEqual([
          ['apply', 2, '4'],
          ['reversal', 1, '-5'],
          ['apply', 1, '5'],
        ]);
        expect((await fixture.ledger.findClaimHolders(['DOC#again'])).map((holder) => holder.jobId)).toEqual([job.jobId]);
        // A stale repeat of the first reversal changes nothing, apply 2 included.
        expect(await fixture.ledger.reverseOnce(reverse)).toEqual({ outcome: 'ALREADY_REVERSED', reversal: reverse.reversal });
        expect(await stock()).toEqual({ AG: '4' });
      });

      it('throws JOB_CONCURRENT_UPDATE and writes nothing when the job version moved on', async () => {
        // Arrange
        const job = await appliedJob([{ sku: 'V', quantity: '1' }]);
        const stale = { ...job, version: job.version - 1 };

        // Act
        const attempt = fixture.ledger.reverseOnce(reverseCommand(stale, [{ sku: 'V', quantity: '1' }]));

        // Assert
        await expect(attempt).rejects.toMatchObject({ code: 'JOB_CONCURRENT_UPDATE' });
        expect(await fixture.ledger.getReversal(job.jobId, 1)).toBeNull();
        expect(await stock()).toEqual({ V: '1' });
      });
    });

    describe('getLedgerRecord', () => {
      it('returns null for a job that was never applied', async () => {
        expect(await fixture.ledger.getLedgerRecord('00000000-0000-4000-8000-00000000beef')).toBeNull();
      });
    });
  });
}
