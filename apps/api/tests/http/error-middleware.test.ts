import { DomainError, type InventoryPorts } from '@invoice/inventory';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { AppContext } from '../../src/http/app-context';
import { expectError } from '../support/test-server';

/** Every request acts as an administrator: these tests are about errors, not access. */
const SIGNED_IN_AS_ADMIN: Pick<AppContext, 'authenticator' | 'accounts' | 'secureCookies' | 'signIn'> = {
  authenticator: { identify: async () => ({ username: 'admin', role: 'admin', via: 'token', expiresAt: null }) },
  accounts: null,
  secureCookies: false,
  signIn: null,
};

/** Ports that fail in a chosen way, to see how the one error middleware answers. */
function appFailingWith(failure: unknown, logged: unknown[]) {
  const fail = async () => {
    throw failure;
  };
  const ports = { ledger: { listStock: fail, applyOnce: fail, getLedgerRecord: fail } } as unknown as InventoryPorts;
  const context: AppContext = { ports, storage: 'local', version: 'test', limits: { uploadMaxBytes: 1, uploadUrlTtlSeconds: 1 }, requireSecondApprover: false, modeRouters: [], ...SIGNED_IN_AS_ADMIN };
  return createApp(context, { validateResponses: true, logError: (error) => logged.push(error) });
}

describe('errorMiddleware', () => {
  it('answers an unexpected failure with 500 INTERNAL_ERROR, logging it and keeping the stack out of the body', async () => {
    // Arrange
    const logged: unknown[] = [];
    const failure = new Error('disk on fire at /secret/path');

    // Act
    const response = await request(appFailingWith(failure, logged)).get('/api/inventory');

    // Assert
    expectError(response, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(response.body)).not.toMatch(/secret|at |Error:/);
    expect(logged).toEqual([failure]);
  });

  it('answers a coded 5xx with its catalogue status and logs it with its cause', async () => {
    // Arrange
    const logged: unknown[] = [];
    const cause = new Error('SQLITE_BUSY: database is locked');
    const failure = new DomainError('STORAGE_UNAVAILABLE', 'The database did not answer.', undefined, { cause });

    // Act
    const response = await request(appFailingWith(failure, logged)).get('/api/inventory');

    // Assert
    expectError(response, 503, 'STORAGE_UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toMatch(/SQLITE_BUSY/);
    expect(logged).toEqual([failure]);
    expect((logged[0] as Error).cause).toBe(cause);
  });

  it('answers a coded 4xx with its catalogue status and does not log it', async () => {
    const logged: unknown[] = [];
    const response = await request(appFailingWith(new DomainError('SKU_NOT_FOUND', 'No stock has ever been recorded for SKU X.'), logged)).get(
      '/api/inventory',
    );
    expectError(response, 404, 'SKU_NOT_FOUND');
    expect(logged).toEqual([]);
  });
});
