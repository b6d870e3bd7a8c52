import type { ApplyResult, ListAuditResponse, ListMovementsResponse } from '@invoice/contracts';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient, fakeInvoice } from '../support/api-client';
import { FAKE_PARSER, REPO_ROOT } from '../support/paths';
import { isRunning, setUpAdministratorToken, startServerProcess, waitUntil, type ServerProcess } from '../support/server-process';
import { expectContract, makeDataDir } from '../support/test-server';

/** The real app whose ledger SIGKILLs its own process right after an apply commits. */
const KILL_AFTER_APPLY_ENTRY = path.join(REPO_ROOT, 'apps', 'api', 'tests', 'support', 'kill-after-apply-entry.ts');
/** A 5xx logged by the API (error-middleware.ts): `[api] METHOD /path: stack`. */
const LOGGED_5XX = /^\[api\] (GET|POST|PUT|PATCH|DELETE) \//m;

// Linux only: the test finds the server's parser worker in /proc.
describe.skipIf(process.platform !== 'linux')('the API process killed between the ledger write and the response (separate OS processes)', () => {
  it("answers the retry ALREADY_APPLIED with the one ledger record, stock moved once, and the apply's audit entry kept", { timeout: 90_000 }, async () => {
    const dir = makeDataDir('apply-kill');
    const servers: ServerProcess[] = [];
    try {
      // Arrange: a parsed invoice on the server that dies once an apply has committed
      const dying = await startServerProcess({ dataDir: dir.dataDir, entry: KILL_AFTER_APPLY_ENTRY, env: { PARSER_WORKERS: '1' } });
      servers.push(dying);
      const token = await setUpAdministratorToken(dying.url);
      const api1 = new ApiClient(dying.url, token);
      await api1.catalogue('KILL-A', 'KILL-B');
      const lines = [
        { sku: 'KILL-A', quantity: '2.5' },
        { sku: 'KILL-B', quantity: '1' },
        { sku: 'KILL-A', quantity: '0.25' },
      ];
      const job = await api1.parsed('kill.pdf', 'application/pdf', fakeInvoice(lines));
      const workers = dying.childrenRunning(FAKE_PARSER);

      // Act: the apply, whose answer never comes; then the normal server on the same DATA_DIR, and the client's retry
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const firstTry = await fetch(`${dying.url}/api/jobs/${job.jobId}/apply`, { method: 'POST', headers, body: '{}' }).then(
        (response) => `answered ${response.status}`,
        (error: unknown) => error,
      );
      const death = await dying.exited;
      // Its idle parser worker reads EOF on stdin once the API is gone, and ends.
      await waitUntil(() => workers.every((pid) => !isRunning(pid)), 10_000, 'the dead server’s parser worker to exit');
      const restarted = await startServerProcess({ dataDir: dir.dataDir });
      servers.push(restarted);
      const api2 = new ApiClient(restarted.url, token);
      const jobAfterCrash = await api2.job(job.jobId);
      const stockAfterCrash = await api2.inventory();
      const retry = await api2.http.post(`/api/jobs/${job.jobId}/apply`).send({});
      const movements = await api2.http.get('/api/inventory/KILL-A/movements');
      const trail = await api2.http.get('/api/audit').query({ jobId: job.jobId, limit: '100' });

      // Assert: the client saw the connection drop, the process was killed, and its worker did not outlive it
      expect(firstTry).toBeInstanceOf(TypeError);
      expect(death).toEqual({ code: null, signal: 'SIGKILL' });
      expect(dying.log()).toContain(`[kill-after-apply] ${job.jobId} committed`);
      expect(workers).toHaveLength(1);

      // Assert: the committed apply survived whole (the job APPLIED in the same transaction as the stock)
      expect(jobAfterCrash).toMatchObject({ status: 'APPLIED' });
      expect(stockAfterCrash).toMatchObject({ 'KILL-A': '2.75', 'KILL-B': '1' });

      // Assert: the retry reports ALREADY_APPLIED with that record and changes nothing
      expect(retry.status, JSON.stringify(retry.body)).toBe(200);
      const result = expectContract<ApplyResult>('apply-result', retry.body);
      expect(result.outcome).toBe('ALREADY_APPLIED');
      expect(result.ledger).toMatchObject({
        jobId: job.jobId,
        attempt: 1,
        appliedAt: jobAfterCrash.appliedAt,
        deltas: [
          { sku: 'KILL-A', quantity: '2.75' },
          { sku: 'KILL-B', quantity: '1' },
        ],
      });
      expect(result.ledger.applySequence ?? 1).toBe(1);
      expect(await api2.job(job.jobId)).toEqual(jobAfterCrash);
      expect(await api2.inventory()).toEqual(stockAfterCrash);
      expect(movements.status).toBe(200);
      const moved = expectContract<ListMovementsResponse>('api/list-movements-response', movements.body);
      expect(moved.quantity).toBe('2.75');
      expect(moved.items.map(({ jobId, entry, delta }) => ({ jobId, entry: entry ?? 'apply', delta }))).toEqual([{ jobId: job.jobId, entry: 'apply', delta: '2.75' }]);

      // Assert: the apply's audit entry committed with it (one transaction), though no answer was ever sent;
      // the retry's ALREADY_APPLIED added none
      expect(trail.status).toBe(200);
      const entries = expectContract<ListAuditResponse>('api/list-audit-response', trail.body).items.filter((entry) => entry.action === 'apply');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ jobId: job.jobId, at: jobAfterCrash.appliedAt, change: { applySequence: 1, attempt: 1 } });
      expect(restarted.log()).not.toMatch(LOGGED_5XX);
    } finally {
      for (const server of servers) await server.stop();
      dir.remove();
    }
  });
});
