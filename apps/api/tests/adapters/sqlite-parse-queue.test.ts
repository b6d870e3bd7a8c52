import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { ABANDONED_STOP_CODE, MAX_RECEIVES, SqliteParseQueue, runStatusOf, type QueueMessage } from '../../src/adapters/local/sqlite-parse-queue';
import { makeDataDir } from '../support/test-server';

const LEASE_MS = 1_000;

function message(n: number): QueueMessage {
  const jobId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    runId: `local-run-${n}`,
    jobId,
    attempt: 1,
    inputUri: `file:///data/raw/${jobId}/a.pdf`,
    outputUri: `file:///data/parsed/${jobId}/attempt-1.json`,
    errorOutputUri: `file:///data/errors/${jobId}/attempt-1.json`,
  };
}

describe('SqliteParseQueue', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** A queue on a temp database file, with a clock the test moves; `open` adds another connection to the same file. */
  function setup() {
    const dir = makeDataDir('queue');
    const file = path.join(dir.dataDir, 'inventory.sqlite');
    const clock = { now: 1_700_000_000_000 };
    const databases: SqliteDatabase[] = [];
    const open = () => {
      const db = openSqliteDatabase(file);
      databases.push(db);
      return new SqliteParseQueue(db, { now: () => clock.now });
    };
    cleanups.push(() => {
      for (const db of databases) db.close();
      dir.remove();
    });
    return { queue: open(), open, clock };
  }

  describe('enqueue and claim', () => {
    it('hands out messages oldest first, each with a lease and its first receive', () => {
      // Arrange
      const { queue, clock } = setup();
      queue.enqueue(message(1));
      queue.enqueue(message(2));

      // Act
      const first = queue.claim('w1', LEASE_MS);
      const second = queue.claim('w2', LEASE_MS);
      const none = queue.claim('w3', LEASE_MS);

      // Assert
      expect(first).toEqual({ ...message(1), workerId: 'w1', leaseUntil: clock.now + LEASE_MS, receiveCount: 1 });
      expect(second?.runId).toBe('local-run-2');
      expect(none).toBeNull();
      expect(runStatusOf(queue.find('local-run-1')!)).toEqual({ state: 'RUNNING' });
    });

    it('reads a queued message as PENDING and an unknown run id as null', () => {
      const { queue } = setup();
      queue.enqueue(message(1));
      expect(runStatusOf(queue.find('local-run-1')!)).toEqual({ state: 'PENDING' });
      expect(queue.find('local-run-404')).toBeNull();
    });

    it('never gives the same message to two claimers on two connections to the file', () => {
      // Arrange
      const { queue, open } = setup();
      const other = open();
      for (let n = 1; n <= 50; n += 1) queue.enqueue(message(n));

      // Act: the two connections take turns until the queue is empty
      const taken: string[] = [];
      for (let round = 0; round < 60; round += 1) {
        const claimer = round % 2 === 0 ? queue : other;
        const got = claimer.claim(`w${round % 2}`, LEASE_MS);
        if (got) taken.push(got.runId);
      }

      // Assert
      expect(taken).toHaveLength(50);
      expect(new Set(taken).size).toBe(50);
      expect(queue.counts()).toEqual({ queued: 0, claimed: 50, done: 0 });
    });

    it('keeps messages across a reopen of the file', () => {
      const { queue, open } = setup();
      queue.enqueue(message(1));
      expect(open().claim('w', LEASE_MS)?.runId).toBe('local-run-1');
    });
  });

  describe('leases', () => {
    it('makes a message claimable again once its lease runs out, with the receive count incremented', () => {
      // Arrange
      const { queue, clock } = setup();
      queue.enqueue(message(1));
      queue.claim('w1', LEASE_MS);

      // Act
      const early = queue.claim('w2', LEASE_MS);
      clock.now += LEASE_MS;
      const reclaimed = queue.claim('w2', LEASE_MS);

      // Assert
      expect(early).toBeNull();
      expect(reclaimed).toMatchObject({ runId: 'local-run-1', workerId: 'w2', receiveCount: 2 });
      // The first holder has lost it: it can neither extend nor answer for it.
      expect(queue.extendLease('local-run-1', 'w1', LEASE_MS)).toBe(false);
      expect(queue.complete('local-run-1', 'w1', { reason: 'late' })).toBe(false);
    });

    it('keeps a message with its holder while the lease is extended', () => {
      const { queue, clock } = setup();
      queue.enqueue(message(1));
      queue.claim('w1', LEASE_MS);
      for (let tick = 0; tick < 5; tick += 1) {
        clock.now += LEASE_MS / 2;
        expect(queue.extendLease('local-run-1', 'w1', LEASE_MS)).toBe(true);
        expect(queue.claim('w2', LEASE_MS)).toBeNull();
      }
    });

    it('ends a dropped lease at once, so the message goes to the next claimer without waiting', () => {
      const { queue } = setup();
      queue.enqueue(message(1));
      queue.claim('w1', LEASE_MS);
      expect(queue.dropLease('local-run-1', 'w1', 'killed by SIGKILL')).toBe(true);
      expect(queue.claim('w2', LEASE_MS)).toMatchObject({ runId: 'local-run-1', receiveCount: 2 });
    });
  });

  describe('complete and release', () => {
    it('records the outcome, which reads as STOPPED with its reason and code', () => {
      // Arrange
      const { queue } = setup();
      queue.enqueue(message(1));
      queue.claim('w1', LEASE_MS);

      // Act
      const completed = queue.complete('local-run-1', 'w1', { reason: 'killed after the 1s time limit', code: 'TIMEOUT' });

      // Assert
      expect(completed).toBe(true);
      expect(runStatusOf(queue.find('local-run-1')!)).toEqual({ state: 'STOPPED', stopReason: 'killed after the 1s time limit', stopCode: 'TIMEOUT' });
      expect(queue.claim('w2', LEASE_MS)).toBeNull();
    });

    it('puts a released message back at once, without counting the delivery', () => {
      const { queue } = setup();
      queue.enqueue(message(1));
      queue.claim('w1', LEASE_MS);
      expect(queue.release('local-run-1', 'w1')).toBe(true);
      expect(runStatusOf(queue.find('local-run-1')!)).toEqual({ state: 'PENDING' });
      expect(queue.claim('w2', LEASE_MS)).toMatchObject({ runId: 'local-run-1', receiveCount: 1 });
    });
  });

  describe('a message that never gets an answer', () => {
    it(`stops after ${MAX_RECEIVES} deliveries with the last failure as its reason, and is never handed out again`, () => {
      // Arrange
      const { queue, clock } = setup();
      queue.enqueue(message(1));
      queue.enqueue(message(2));

      // Act: every delivery of message 1 dies; message 2 waits behind it
      const deliveries: number[] = [];
      for (let n = 0; n < MAX_RECEIVES; n += 1) {
        const got = queue.claim('w', LEASE_MS);
        expect(got?.runId).toBe('local-run-1');
        deliveries.push(got!.receiveCount);
        queue.dropLease('local-run-1', 'w', `killed by SIGSEGV (delivery ${n + 1})`);
      }
      clock.now += 1;
      const next = queue.claim('w', LEASE_MS);

      // Assert
      expect(deliveries).toEqual([1, 2, 3]);
      expect(next?.runId).toBe('local-run-2');
      const status = runStatusOf(queue.find('local-run-1')!);
      expect(status).toMatchObject({ state: 'STOPPED', stopCode: ABANDONED_STOP_CODE });
      expect(status.stopReason).toBe(`abandoned after ${MAX_RECEIVES} deliveries without an answer; last: killed by SIGSEGV (delivery 3)`);
    });

    it('stops a message whose leases ran out without a word from any worker', () => {
      const { queue, clock } = setup();
      queue.enqueue(message(1));
      for (let n = 0; n < MAX_RECEIVES; n += 1) {
        expect(queue.claim('w', LEASE_MS)).not.toBeNull();
        clock.now += LEASE_MS;
      }
      expect(queue.claim('w', LEASE_MS)).toBeNull();
      expect(queue.find('local-run-1')?.stop?.reason).toMatch(/last: the lease ran out$/);
    });
  });
});
