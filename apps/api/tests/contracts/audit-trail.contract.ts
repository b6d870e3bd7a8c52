import type { AuditAction, AuditEntry } from '@invoice/contracts';
import { MAX_AUDIT_CHANGE_BYTES, type AuditQuery, type AuditTrail } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface AuditTrailFixture {
  trail: AuditTrail;
  cleanup(): Promise<void>;
}

const JOB_A = '00000000-0000-4000-8000-00000000000a';
const JOB_B = '00000000-0000-4000-8000-00000000000b';

const idOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** An entry numbered n, at 10:00 plus n minutes on 2026-12-01 unless `at` says otherwise. */
function entry(n: number, fields: Partial<Omit<AuditEntry, 'id'>> = {}): AuditEntry {
  return {
    id: idOf(n),
    at: new Date(Date.UTC(2026, 11, 1, 10, n)).toISOString(),
    actor: { user: null, role: null },
    requestId: `req-${n}`,
    jobId: null,
    action: 'job.create',
    change: { n },
    ...fields,
  };
}

const idsOf = (entries: readonly AuditEntry[]): string[] => entries.map((item) => item.id);

/** What every AuditTrail must do (SQLite now, DynamoDB in AWS mode). */
export function describeAuditTrailContract(name: string, factory: () => Promise<AuditTrailFixture>): void {
  describe(`${name} (AuditTrail contract)`, () => {
    let fixture: AuditTrailFixture;
    let trail: AuditTrail;

    beforeEach(async () => {
      fixture = await factory();
      trail = fixture.trail;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function appendAll(entries: readonly AuditEntry[]): Promise<void> {
      for (const item of entries) await trail.append(item);
    }

    /** Every page of a query, following the cursors. */
    async function allPages(query: Omit<AuditQuery, 'cursor'>): Promise<AuditEntry[][]> {
      const pages: AuditEntry[][] = [];
      let cursor: string | undefined;
      do {
        const page = await trail.query({ ...query, cursor });
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && pages.length < 50);
      return pages;
    }

    describe('append and query', () => {
      it('gives back each field as written, the change with its nested values and decimal strings', async () => {
        // Arrange
        const written = entry(1, {
          actor: { user: 'ana', role: 'approver' },
          jobId: JOB_A,
          action: 'apply',
          change: { applySequence: 1, deltas: [{ sku: 'BOLT-M6', quantity: '2.50' }], allowDuplicate: false, note: null },
        });

        // Act
        await trail.append(written);
        const page = await trail.query({ limit: 10 });

        // Assert
        expect(page).toEqual({ items: [written], nextCursor: null });
      });

      it('keeps an entry with no actor and no job as nulls', async () => {
        await trail.append(entry(1));

        const { items } = await trail.query({ limit: 10 });

        expect(items[0]).toMatchObject({ actor: { user: null, role: null }, jobId: null });
      });

      it('answers an empty page for an empty trail', async () => {
        expect(await trail.query({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      });

      it('lists newest first whatever the order of writing, entries of the same millisecond by id descending', async () => {
        // Arrange
        const sameTime = '2026-12-01T12:00:00.000Z';
        await appendAll([entry(3), entry(1), entry(7, { at: sameTime }), entry(5), entry(6, { at: sameTime }), entry(2)]);

        // Act
        const { items } = await trail.query({ limit: 10 });

        // Assert
        expect(idsOf(items)).toEqual([idOf(7), idOf(6), idOf(5), idOf(3), idOf(2), idOf(1)]);
      });
    });

    describe('append only', () => {
      it('refuses a second entry with the same id and keeps the first', async () => {
        // Arrange
        const first = entry(1, { action: 'apply' });
        await trail.append(first);

        // Act
        const second = trail.append({ ...first, action: 'reverse', change: { forged: true } });

        // Assert
        await expect(second).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
        expect((await trail.query({ limit: 10 })).items).toEqual([first]);
      });

      it('refuses a change larger than MAX_AUDIT_CHANGE_BYTES with PAYLOAD_TOO_LARGE and stores nothing', async () => {
        const huge = entry(1, { change: { text: 'x'.repeat(MAX_AUDIT_CHANGE_BYTES) } });

        await expect(trail.append(huge)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
        expect((await trail.query({ limit: 10 })).items).toEqual([]);
      });

      it('refuses an entry that does not match its schema (an unknown action) and stores nothing', async () => {
        const unknown = entry(1, { action: 'job.delete' as AuditAction });

        await expect(trail.append(unknown)).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
        expect((await trail.query({ limit: 10 })).items).toEqual([]);
      });
    });

    describe('filters', () => {
      const entries = [
        entry(1, { jobId: JOB_A, actor: { user: 'ana', role: 'clerk' }, action: 'job.create' }),
        entry(2, { jobId: JOB_B, actor: { user: 'ben', role: 'clerk' }, action: 'job.create' }),
        entry(3, { jobId: JOB_A, actor: { user: 'ana', role: 'clerk' }, action: 'review.save' }),
        entry(4, { jobId: JOB_A, actor: { user: 'ben', role: 'approver' }, action: 'apply' }),
        entry(5, { actor: { user: 'ana', role: 'admin' }, action: 'item.create' }),
        entry(6, { jobId: JOB_B, action: 'apply' }),
        entry(7, { actor: { user: 'cara', role: null }, action: 'session.login-failed' }),
      ];
      beforeEach(async () => {
        await appendAll(entries);
      });

      it.each<[string, Omit<AuditQuery, 'limit'>, number[]]>([
        ['a job', { jobId: JOB_A }, [4, 3, 1]],
        ['a user', { user: 'ana' }, [5, 3, 1]],
        ['an action', { action: 'apply' }, [6, 4]],
        ['a job and an action', { jobId: JOB_A, action: 'apply' }, [4]],
        ['a user and an action', { user: 'ben', action: 'job.create' }, [2]],
        ['a job and a user', { jobId: JOB_B, user: 'ben' }, [2]],
        ['a job, a user and an action', { jobId: JOB_A, user: 'ana', action: 'review.save' }, [3]],
        ['a user nobody is', { user: 'dora' }, []],
        ['a job with no entries', { jobId: '00000000-0000-4000-8000-0000000000ff' }, []],
      ])('keeps only the entries of %s, newest first', async (_, filters, expected) => {
        const { items } = await trail.query({ ...filters, limit: 10 });

        expect(idsOf(items)).toEqual(expected.map(idOf));
      });

      it('keeps entries at or after `from` (inclusive)', async () => {
        const { items } = await trail.query({ from: entries[4]?.at, limit: 10 });

        expect(idsOf(items)).toEqual([7, 6, 5].map(idOf));
      });

      it('keeps entries before `to` (exclusive)', async () => {
        const { items } = await trail.query({ to: entries[2]?.at, limit: 10 });

        expect(idsOf(items)).toEqual([2, 1].map(idOf));
      });

      it('keeps entries in [from, to) together with the other filters', async () => {
        const { items } = await trail.query({ from: entries[1]?.at, to: entries[5]?.at, user: 'ana', limit: 10 });

        expect(idsOf(items)).toEqual([5, 3].map(idOf));
      });

      it('reads a bound written without milliseconds or with an offset as the same instant', async () => {
        const { items } = await trail.query({ from: '2026-12-01T11:04:00+01:00', to: '2026-12-01T10:06:00Z', limit: 10 });

        expect(idsOf(items)).toEqual([5, 4].map(idOf));
      });

      it('answers nothing when `from` is not before `to`', async () => {
        const at = entries[3]?.at as string;

        expect(await trail.query({ from: at, to: at, limit: 10 })).toEqual({ items: [], nextCursor: null });
      });

      it('refuses a bound that is not a timestamp with VALIDATION_FAILED', async () => {
        await expect(trail.query({ from: 'yesterday', limit: 10 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      });
    });

    describe('pages', () => {
      it('pages the whole trail newest first, each entry once, the last page without a cursor', async () => {
        // Arrange
        await appendAll([5, 1, 4, 2, 3].map((n) => entry(n)));

        // Act
        const pages = await allPages({ limit: 2 });

        // Assert
        expect(pages.map(idsOf)).toEqual([[5, 4], [3, 2], [1]].map((page) => page.map(idOf)));
      });

      it('gives no cursor when the page holds exactly the last entries', async () => {
        await appendAll([entry(1), entry(2)]);

        expect((await trail.query({ limit: 2 })).nextCursor).toBeNull();
      });

      it('pages a filtered query past the entries that do not match, within its time range', async () => {
        // Arrange: every third entry (1, 4, 7, …) is job A's, the rest job B's; the even ones are applies.
        await appendAll(Array.from({ length: 15 }, (_, n) => entry(n + 1, { jobId: n % 3 === 0 ? JOB_A : JOB_B, action: n % 2 ? 'apply' : 'review.save' })));

        // Act
        const byJob = await allPages({ jobId: JOB_A, limit: 2 });
        const byActionInRange = await allPages({ action: 'apply', from: entry(3).at, to: entry(12).at, limit: 3 });

        // Assert
        expect(byJob.map(idsOf)).toEqual([[13, 10], [7, 4], [1]].map((page) => page.map(idOf)));
        expect(byActionInRange.map(idsOf)).toEqual([[10, 8, 6], [4]].map((page) => page.map(idOf)));
      });

      it('shows an entry written after the first page was read at the top of a new query, not inside the pages', async () => {
        // Arrange
        await appendAll([entry(1), entry(2), entry(3)]);
        const first = await trail.query({ limit: 2 });
        await trail.append(entry(9));

        // Act
        const second = await trail.query({ limit: 2, cursor: first.nextCursor ?? undefined });
        const fresh = await trail.query({ limit: 1 });

        // Assert
        expect(idsOf(second.items)).toEqual([idOf(1)]);
        expect(idsOf(fresh.items)).toEqual([idOf(9)]);
      });

      it('refuses a cursor of another query, or one it never issued, with VALIDATION_FAILED', async () => {
        // Arrange
        await appendAll([entry(1, { jobId: JOB_A }), entry(2, { jobId: JOB_A }), entry(3, { jobId: JOB_A })]);
        const { nextCursor } = await trail.query({ jobId: JOB_A, limit: 1 });

        // Act, Assert
        await expect(trail.query({ jobId: JOB_B, limit: 1, cursor: nextCursor ?? undefined })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        await expect(trail.query({ limit: 1, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        const forged = Buffer.from(JSON.stringify({ after: "x' OR 1=1 --", q: JSON.stringify([null, null, null, null, null]) })).toString('base64url');
        await expect(trail.query({ limit: 1, cursor: forged })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      });
    });
  });
}
