import { createToken, createUser, logIn, SESSION_COOKIE } from '@invoice/inventory';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAuthenticator } from '../../src/adapters/local/local-authenticator';
import { readSessionCookie } from '../../src/http/session-cookie';
import { accountsFixture, ADMIN_CONTEXT, ANONYMOUS, type AccountsFixture } from '../accounts/account-fixture';

const PASSWORD = 'correct horse battery';

/** A tiny app answering who the request is, or the error code identify threw. */
function whoAmIApp(authenticator: LocalAuthenticator): express.Express {
  const app = express();
  app.get('/whoami', (req, res) => {
    authenticator.identify(req).then(
      (principal) => res.json({ principal }),
      (error: { code?: string }) => res.status(401).json({ code: error.code ?? 'unexpected' }),
    );
  });
  return app;
}

describe('LocalAuthenticator', () => {
  let fixture: AccountsFixture;
  let baseUrl: string;
  let close: () => void;
  let sessionId: string;
  let token: string;

  beforeAll(async () => {
    fixture = accountsFixture();
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'ana', role: 'approver', password: PASSWORD });
    sessionId = (await logIn(fixture.deps, ANONYMOUS, { username: 'ana', password: PASSWORD })).sessionId;
    const principal = { username: 'ana', role: 'approver' as const, via: 'session' as const, expiresAt: null };
    token = (await createToken(fixture.deps, ADMIN_CONTEXT, principal, { name: 'script', role: 'viewer' })).token;
    const server = whoAmIApp(new LocalAuthenticator(fixture.deps)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    fixture.close();
  });

  const whoAmI = async (headers: Record<string, string>): Promise<unknown> => (await fetch(`${baseUrl}/whoami`, { headers })).json();

  it('is nobody (null) for a request with neither token nor session cookie', async () => {
    expect(await whoAmI({})).toEqual({ principal: null });
    expect(await whoAmI({ cookie: 'theme=dark' })).toEqual({ principal: null });
    expect(await whoAmI({ cookie: `${SESSION_COOKIE}=` })).toEqual({ principal: null });
  });

  it('is the session’s user for the session cookie, among other cookies', async () => {
    expect(await whoAmI({ cookie: `theme=dark; ${SESSION_COOKIE}=${sessionId}; lang=de` })).toMatchObject({ principal: { username: 'ana', role: 'approver', via: 'session' } });
  });

  it('is the token’s user in the token’s role for a Bearer token, which wins over a cookie', async () => {
    expect(await whoAmI({ authorization: `Bearer ${token}`, cookie: `${SESSION_COOKIE}=${sessionId}` })).toEqual({
      principal: { username: 'ana', role: 'viewer', via: 'token', tokenName: 'script', expiresAt: null },
    });
  });

  it('refuses an unknown token or session, and a malformed Authorization header, with UNAUTHENTICATED', async () => {
    expect(await whoAmI({ authorization: 'Bearer inv_unknown' })).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await whoAmI({ authorization: `Basic ${Buffer.from('ana:pw').toString('base64')}` })).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await whoAmI({ authorization: 'Bearer' })).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await whoAmI({ cookie: `${SESSION_COOKIE}=made-up` })).toEqual({ code: 'UNAUTHENTICATED' });
  });
});

describe('readSessionCookie', () => {
  it('finds the named cookie, unquoted, and nothing for an absent or empty one', () => {
    expect(readSessionCookie({ headers: { cookie: 'a=1; invoice_session=abc; b=2' } })).toBe('abc');
    expect(readSessionCookie({ headers: { cookie: 'invoice_session="abc"' } })).toBe('abc');
    expect(readSessionCookie({ headers: { cookie: 'xinvoice_session=abc' } })).toBeNull();
    expect(readSessionCookie({ headers: { cookie: undefined } })).toBeNull();
    expect(readSessionCookie({ headers: { cookie: 'invoice_session=' } })).toBeNull();
  });
});
