import type { AuditEntry, ListAuditResponse, ListTokensResponse, Principal } from '@invoice/contracts';
import { FREE_LOGIN_FAILURES, LOCK_AFTER_FAILURES, LOCK_SECONDS } from '@invoice/inventory';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, fakeInvoice } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError, makeDataDir, ManualClock, startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The session cookie's `name=value` from a login answer, and its attributes. */
function sessionCookieOf(response: request.Response): { pair: string; attributes: string[] } {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('invoice_session='));
  expect(header, 'Set-Cookie invoice_session').toBeDefined();
  const [pair = '', ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  return { pair, attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

describe('first start', () => {
  const dir = makeDataDir('accounts-setup');
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: dir.dataDir, noUsers: true });
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('asks for the administrator, refuses everything else, and creates it once', async () => {
    const http = () => request(server.url);
    expect((await http().get('/api/health')).body).toMatchObject({ setupRequired: true });
    expectError(await http().get('/api/jobs'), 401, 'UNAUTHENTICATED');
    expectError(await http().post('/api/setup').set(JSON_TYPE).send({ username: 'boss', password: 'too short' }), 400, 'WEAK_PASSWORD');

    const created = await http().post('/api/setup').set(JSON_TYPE).send({ username: 'Boss', password: TEST_PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(expectContract('user-account', created.body)).toMatchObject({ username: 'boss', role: 'admin', disabled: false });

    expectError(await http().post('/api/setup').set(JSON_TYPE).send({ username: 'mallory', password: TEST_PASSWORD }), 409, 'SETUP_ALREADY_DONE');
    expect((await http().get('/api/health')).body).toMatchObject({ setupRequired: false });
    const login = await http().post('/api/session').set(JSON_TYPE).send({ username: 'boss', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(server.unexpectedErrors).toEqual([]);
  });
});

describe('sessions', () => {
  const clock = new ManualClock(new Date('2026-12-04T08:00:00.000Z'));
  const suite = serverPerSuite('accounts-sessions', { clock });
  const login = (username: string, password: string) => request(suite.server.url).post('/api/session').set(JSON_TYPE).send({ username, password });

  it('logs in with an HttpOnly, SameSite=Strict cookie for /api, says who is signed in, and logs out', async () => {
    await suite.server.tokenFor('clerk', 'carla');

    const answer = await login('Carla', TEST_PASSWORD);

    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(expectContract<Principal>('principal', answer.body)).toMatchObject({ username: 'carla', role: 'clerk', via: 'session' });
    const cookie = sessionCookieOf(answer);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api']));
    expect(cookie.attributes).not.toContain('secure');

    const me = await request(suite.server.url).get('/api/session').set('Cookie', cookie.pair);
    expect(me.body).toMatchObject({ username: 'carla', role: 'clerk', via: 'session' });
    const out = await request(suite.server.url).delete('/api/session').set({ ...JSON_TYPE, Cookie: cookie.pair });
    expect(out.status).toBe(204);
    expectError(await request(suite.server.url).get('/api/session').set('Cookie', cookie.pair), 401, 'UNAUTHENTICATED');
  });

  it('ends a session after its 12 hours', async () => {
    await suite.server.tokenFor('viewer', 'vera');
    const cookie = sessionCookieOf(await login('vera', TEST_PASSWORD));
    clock.advance(12 * 60 * 60 + 1);
    expectError(await request(suite.server.url).get('/api/jobs').set('Cookie', cookie.pair), 401, 'UNAUTHENTICATED');
  });

  it('answers a wrong password and an unknown name alike, slows repeated failures down, then locks the account', async () => {
    await suite.server.tokenFor('approver', 'otto');
    const unknown = await login('nobody', TEST_PASSWORD);
    const wrong = await login('otto', 'not the password at all');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);

    for (let failures = 2; failures <= FREE_LOGIN_FAILURES; failures += 1) expectError(await login('otto', 'still not the password'), 401, 'INVALID_CREDENTIALS');
    const throttled = await login('otto', TEST_PASSWORD);
    expectError(throttled, 429, 'LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    for (let failures = FREE_LOGIN_FAILURES + 1; failures <= LOCK_AFTER_FAILURES; failures += 1) {
      clock.advance(60);
      expectError(await login('otto', 'still not the password'), 401, 'INVALID_CREDENTIALS');
    }
    clock.advance(60);
    const locked = await login('otto', TEST_PASSWORD);
    expectError(locked, 429, 'ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(LOCK_SECONDS - 120);

    clock.advance(LOCK_SECONDS);
    expect((await login('otto', TEST_PASSWORD)).status).toBe(200);
    const failed = await suite.api.http.get('/api/audit').query({ action: 'session.login-failed', user: 'otto', limit: '100' });
    // Every refused attempt is in the trail, the throttled and the locked one too, each with its reason.
    const reasons = expectContract<ListAuditResponse>('api/list-audit-response', failed.body).items.map((entry) => entry.change.reason);
    expect(reasons).toHaveLength(LOCK_AFTER_FAILURES + 2);
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(3);
  });
});

describe('API tokens and users', () => {
  const suite = serverPerSuite('accounts-tokens');

  it('shows a token once, lists it without the secret, and refuses it once revoked', async () => {
    const created = await suite.api.http.post('/api/tokens').send({ name: 'scanner-script', role: 'clerk' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = expectContract<{ token: string }>('api/create-token-response', created.body).token;
    expect(token).toMatch(/^inv_/);

    const listed = expectContract<ListTokensResponse>('api/list-tokens-response', (await suite.api.http.get('/api/tokens')).body);
    expect(listed.items.find((item) => item.name === 'scanner-script')).toMatchObject({ role: 'clerk', username: 'admin', lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token);

    const script = new ApiClient(suite.server.url, token);
    expect((await script.http.get('/api/jobs')).status).toBe(200);
    expectError(await script.http.get('/api/tokens'), 403, 'FORBIDDEN');
    expect((await suite.api.http.delete('/api/tokens/scanner-script')).status).toBe(204);
    expectError(await script.http.get('/api/jobs'), 401, 'UNAUTHENTICATED');
    expectError(await suite.api.http.delete('/api/tokens/scanner-script'), 404, 'TOKEN_NOT_FOUND');
  });

  it('stops a disabled user\'s sessions and tokens at once', async () => {
    const created = await suite.api.http.post('/api/users').send({ username: 'dora', role: 'clerk', password: TEST_PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const login = await request(suite.server.url).post('/api/session').set(JSON_TYPE).send({ username: 'dora', password: TEST_PASSWORD });
    const cookie = sessionCookieOf(login).pair;
    const token = await suite.server.tokenFor('clerk', 'dora');

    const disabled = await suite.api.http.patch('/api/users/dora').send({ disabled: true });
    expect(disabled.body).toMatchObject({ username: 'dora', disabled: true });

    expectError(await request(suite.server.url).get('/api/jobs').set('Cookie', cookie), 401, 'UNAUTHENTICATED');
    expectError(await request(suite.server.url).get('/api/jobs').set('Authorization', `Bearer ${token}`), 401, 'UNAUTHENTICATED');
    expectError(await request(suite.server.url).post('/api/session').set(JSON_TYPE).send({ username: 'dora', password: TEST_PASSWORD }), 401, 'INVALID_CREDENTIALS');
  });

  it('keeps the last administrator', async () => {
    expectError(await suite.api.http.patch('/api/users/admin').send({ role: 'approver' }), 409, 'LAST_ADMIN');
  });
});

/** Issue 15's check: a clerk's apply gets 403, an approver's moves stock, and the trail names each user. */
describe('who may apply', () => {
  const suite = serverPerSuite('accounts-apply');

  it('refuses the clerk, lets the approver apply, and records who did what', async () => {
    const clerk = new ApiClient(suite.server.url, await suite.server.tokenFor('clerk', 'carla'));
    const approver = new ApiClient(suite.server.url, await suite.server.tokenFor('approver', 'otto'));
    await suite.api.catalogue('ROLE-1');

    const job = await clerk.parsed('invoice.pdf', 'application/pdf', fakeInvoice([{ sku: 'ROLE-1', quantity: '4' }]));
    const saved = await clerk.http.put(`/api/jobs/${job.jobId}/review`).send({ baseRevision: 0, corrections: [{ lineIndex: 0, quantity: '5' }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    expectError(await clerk.http.post(`/api/jobs/${job.jobId}/apply`).send({}), 403, 'FORBIDDEN');
    expect((await clerk.inventory())['ROLE-1']).toBeUndefined();
    const applied = await approver.http.post(`/api/jobs/${job.jobId}/apply`).send({});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect((await approver.inventory())['ROLE-1']).toBe('5');

    const trail = expectContract<ListAuditResponse>('api/list-audit-response', (await approver.http.get('/api/audit').query({ jobId: job.jobId, limit: '100' })).body);
    const who = (action: AuditEntry['action']) => trail.items.filter((entry) => entry.action === action).map((entry) => entry.actor);
    expect(who('job.create')).toEqual([{ user: 'carla', role: 'clerk' }]);
    expect(who('review.save')).toEqual([{ user: 'carla', role: 'clerk' }]);
    expect(who('apply')).toEqual([{ user: 'otto', role: 'approver' }]);
  });
});
