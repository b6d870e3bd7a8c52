import type {
  ApiToken,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateUserRequest,
  Credentials,
  ListTokensResponse,
  ListUsersResponse,
  UpdateUserRequest,
  UserAccount,
} from '@invoice/contracts';
import {
  DomainError,
  createToken,
  createUser,
  listTokens,
  listUsers,
  logIn,
  logOut,
  revokeToken,
  setupAdministrator,
  updateUser,
  type AccountPorts,
} from '@invoice/inventory';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { principalOf } from './principal-of-request';
import { isLoopbackAddress } from './loopback';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie';
import { bodyOf, jsonBody, requireJsonIfBody, type Send } from './validation';

/**
 * Accounts: who am I (both modes), and in local mode the first-start setup, logging in and out, users and API
 * tokens. Which role each route needs is in route-roles.ts; the rules themselves are the use cases'.
 */
export function accountRoutes(context: AppContext, send: Send): Router {
  const router = Router();

  router.get('/api/session', (req, res) => {
    send(res, 200, 'principal', signedIn(req));
  });

  router.post('/api/setup', requireJsonIfBody, jsonBody, async (req, res) => {
    const accounts = localAccounts(context);
    // Whoever first reaches a fresh server would become its administrator: only someone at this machine may.
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      throw new DomainError('SETUP_LOOPBACK_ONLY', 'Create the administrator from the machine the server runs on (http://localhost:…), or with npm run user -- add.', {
        remoteAddress: req.socket.remoteAddress ?? null,
      });
    }
    const user = await setupAdministrator(accounts, auditContextOf(req), bodyOf<Credentials>(req, 'api/credentials'));
    send(res, 201, 'user-account', user satisfies UserAccount);
  });

  if (context.accounts === null) return router;
  const accounts = context.accounts;

  router.post('/api/session', requireJsonIfBody, jsonBody, async (req, res) => {
    const credentials = bodyOf<Credentials>(req, 'api/credentials');
    const { sessionId, principal } = await withRetryAfter(res, () => logIn(accounts, auditContextOf(req), credentials));
    setSessionCookie(res, sessionId, principal.expiresAt ?? new Date().toISOString(), context.secureCookies);
    send(res, 200, 'principal', principal);
  });

  router.delete('/api/session', async (req, res) => {
    const sessionId = readSessionCookie(req);
    if (sessionId !== null && signedIn(req).via === 'session') await logOut(accounts, auditContextOf(req), sessionId);
    clearSessionCookie(res, context.secureCookies);
    res.status(204).end();
  });

  router.get('/api/users', async (_req, res) => {
    const body: ListUsersResponse = { items: await listUsers(accounts) };
    send(res, 200, 'api/list-users-response', body);
  });

  router.post('/api/users', requireJsonIfBody, jsonBody, async (req, res) => {
    const user = await createUser(accounts, auditContextOf(req), bodyOf<CreateUserRequest>(req, 'api/create-user-request'));
    send(res, 201, 'user-account', user);
  });

  router.patch('/api/users/:username', requireJsonIfBody, jsonBody, async (req, res) => {
    const changes = bodyOf<UpdateUserRequest>(req, 'api/update-user-request');
    const user = await updateUser(accounts, auditContextOf(req), String(req.params.username), changes);
    send(res, 200, 'user-account', user);
  });

  router.get('/api/tokens', async (_req, res) => {
    const body: ListTokensResponse = { items: (await listTokens(accounts)) satisfies ApiToken[] };
    send(res, 200, 'api/list-tokens-response', body);
  });

  router.post('/api/tokens', requireJsonIfBody, jsonBody, async (req, res) => {
    const request = bodyOf<CreateTokenRequest>(req, 'api/create-token-request');
    const created: CreateTokenResponse = await createToken(accounts, auditContextOf(req), signedIn(req), request);
    // The token is in this body only: no cache or proxy may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    send(res, 201, 'api/create-token-response', created);
  });

  router.delete('/api/tokens/:name', async (req, res) => {
    await revokeToken(accounts, auditContextOf(req), String(req.params.name));
    res.status(204).end();
  });

  return router;
}

/** The principal authorize.ts proved; these routes are never public, so a missing one is a wiring fault. */
function signedIn(req: Request) {
  const principal = principalOf(req);
  if (principal === null) throw new Error(`${req.method} ${req.path} ran without a principal: is it public in route-roles.ts?`);
  return principal;
}

function localAccounts(context: AppContext): AccountPorts {
  if (context.accounts === null) {
    throw new DomainError('SETUP_NOT_AVAILABLE', 'In AWS mode users live in the Cognito user pool: create them with npm run user -- add NAME --role ROLE.');
  }
  return context.accounts;
}

/** A throttled or locked login also says when to come back, in the header clients and proxies understand. */
async function withRetryAfter<T>(res: Response, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const seconds = error instanceof DomainError ? error.details?.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') res.setHeader('Retry-After', String(seconds));
    throw error;
  }
}
