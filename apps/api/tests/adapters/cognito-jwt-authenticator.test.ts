import { DomainError } from '@invoice/inventory';
import type { Request } from 'express';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, CognitoJwtAuthenticator } from '../../src/adapters/aws/cognito-jwt-authenticator';
import { JWKS_REFETCH_INTERVAL_MS, JwksKeySet } from '../../src/adapters/aws/jwks-key-set';

/**
 * The checks moto cannot vary (its pool always signs with one key, named "dummy", and stamps the real time):
 * RSA keys made here, a JWKS served on 127.0.0.1, and a clock the test moves.
 */
const ISSUER = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_TestPool';
const CLIENT_ID = 'spa-client-id';
const ISSUED_AT = Date.UTC(2026, 11, 4, 9, 0, 0) / 1000;
const LIFETIME_SECONDS = 3600;

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const signingInput = `${encode({ alg: 'RS256', kid: key.kid, ...header })}.${encode(claims)}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}

function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    token_use: 'id',
    'cognito:username': 'Alice',
    'cognito:groups': ['viewer', 'approver'],
    iat: ISSUED_AT,
    exp: ISSUED_AT + LIFETIME_SECONDS,
    ...overrides,
  };
}

function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    client_id: CLIENT_ID,
    token_use: 'access',
    username: 'bob',
    'cognito:groups': ['clerk'],
    iat: ISSUED_AT,
    exp: ISSUED_AT + LIFETIME_SECONDS,
    ...overrides,
  };
}

const request = (authorization?: string): Request => ({ headers: authorization === undefined ? {} : { authorization } }) as Request;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('CognitoJwtAuthenticator', () => {
  let server: Server;
  let jwksUrl: string;
  let published: SigningKey[];
  let fetches: number;
  let nowMs: number;
  const current = newSigningKey('key-1');

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eu-central-1_TestPool/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    published = [current];
    fetches = 0;
    nowMs = (ISSUED_AT + 60) * 1000;
  });

  const authenticator = (): CognitoJwtAuthenticator =>
    new CognitoJwtAuthenticator({ issuer: ISSUER, clientId: CLIENT_ID, jwksUrl }, { now: () => new Date(nowMs) });

  describe('identify', () => {
    it('returns null for a request without Authorization, so the route table decides (public or 401)', async () => {
      expect(await authenticator().identify(request())).toBeNull();
    });

    it('gives an ID token the principal of its lower-cased cognito:username and highest role group', async () => {
      const principal = await authenticator().identify(request(`Bearer ${jwt(current, idClaims())}`));

      expect(principal).toEqual({ username: 'alice', role: 'approver', via: 'jwt', expiresAt: '2026-12-04T10:00:00.000Z' });
    });

    it('accepts an access token by its client_id and username claims', async () => {
      const principal = await authenticator().identify(request(`Bearer ${jwt(current, accessClaims())}`));

      expect(principal).toMatchObject({ username: 'bob', role: 'clerk', via: 'jwt' });
    });

    it.each([
      ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
      ['no token after Bearer', 'Bearer '],
      ['not three parts', 'Bearer abc.def'],
      ['parts that are not JSON', 'Bearer abc.def.ghi'],
    ])('throws UNAUTHENTICATED for a malformed header (%s)', async (_case, header) => {
      expect((await refusal(authenticator().identify(request(header)))).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('principalOf', () => {
    it.each([
      ['another issuer', idClaims({ iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other' })],
      ['another audience', idClaims({ aud: 'another-client' })],
      ['an access token of another client', accessClaims({ client_id: 'another-client' })],
      ['an access token carrying only aud', accessClaims({ client_id: undefined, aud: CLIENT_ID })],
      ['no token_use', idClaims({ token_use: undefined })],
      ['a refresh-like token_use', idClaims({ token_use: 'refresh' })],
      ['no exp', idClaims({ exp: undefined })],
      ['an issue time beyond the clock skew', idClaims({ iat: ISSUED_AT + 60 + CLOCK_SKEW_SECONDS + 5 })],
      ['no username', idClaims({ 'cognito:username': undefined })],
      ['a username the API cannot take', idClaims({ 'cognito:username': 'alice smith' })],
    ])('throws UNAUTHENTICATED for %s', async (_case, claims) => {
      expect((await refusal(authenticator().principalOf(`Bearer ${jwt(current, claims)}`))).code).toBe('UNAUTHENTICATED');
    });

    it(`accepts a token up to ${CLOCK_SKEW_SECONDS} s after exp, and refuses it once that allowance is spent`, async () => {
      const token = `Bearer ${jwt(current, idClaims())}`;
      const subject = authenticator();

      nowMs = (ISSUED_AT + LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) * 1000;
      await expect(subject.principalOf(token)).resolves.toMatchObject({ username: 'alice' });
      nowMs += 1000;
      const error = await refusal(subject.principalOf(token));

      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(/expired/);
    });

    it('throws UNAUTHENTICATED for a payload changed after signing', async () => {
      const [header, , signature] = jwt(current, idClaims({ 'cognito:groups': ['viewer'] })).split('.');
      const forged = `${header}.${encode(idClaims({ 'cognito:groups': ['admin'] }))}.${signature}`;

      const error = await refusal(authenticator().principalOf(`Bearer ${forged}`));

      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(/signature/);
    });

    it("throws UNAUTHENTICATED for a token signed by a key outside the pool's JWKS under a known kid", async () => {
      const impostor = { ...newSigningKey('key-1') };

      expect((await refusal(authenticator().principalOf(`Bearer ${jwt(impostor, idClaims())}`))).code).toBe('UNAUTHENTICATED');
    });

    it.each([
      ['alg none', { alg: 'none' }],
      ['HS256', { alg: 'HS256' }],
      ['no kid', { kid: undefined }],
    ])('throws UNAUTHENTICATED for a header with %s, whatever the signature', async (_case, header) => {
      expect((await refusal(authenticator().principalOf(`Bearer ${jwt(current, idClaims(), header)}`))).code).toBe('UNAUTHENTICATED');
    });

    it('throws FORBIDDEN with role null for a valid token of a user in no role group', async () => {
      const error = await refusal(authenticator().principalOf(`Bearer ${jwt(current, idClaims({ 'cognito:groups': ['staff'] }))}`));

      expect(error.code).toBe('FORBIDDEN');
      expect(error.details).toEqual({ role: null });
      expect((await refusal(authenticator().principalOf(`Bearer ${jwt(current, idClaims({ 'cognito:groups': undefined }))}`))).code).toBe('FORBIDDEN');
    });
  });

  describe('signing keys', () => {
    it('fetches the JWKS once and reuses it for every later token', async () => {
      const subject = authenticator();

      for (let i = 0; i < 3; i += 1) await subject.principalOf(`Bearer ${jwt(current, idClaims())}`);

      expect(fetches).toBe(1);
    });

    it('refetches on an unknown kid at most once a minute, and then accepts a rotated key', async () => {
      const subject = authenticator();
      await subject.principalOf(`Bearer ${jwt(current, idClaims())}`);
      const rotated = newSigningKey('key-2');
      const token = `Bearer ${jwt(rotated, idClaims())}`;

      // Within the minute: the unknown kid is refused from the cache, without a fetch per request.
      expect((await refusal(subject.principalOf(token))).code).toBe('UNAUTHENTICATED');
      expect(fetches).toBe(1);

      // The pool publishes the new key; a minute later the unknown kid fetches the set again.
      published = [current, rotated];
      nowMs += JWKS_REFETCH_INTERVAL_MS;
      await expect(subject.principalOf(token)).resolves.toMatchObject({ username: 'alice' });
      expect(fetches).toBe(2);
    });

    it('lets concurrent requests with a new kid share one fetch', async () => {
      const subject = authenticator();
      const tokens = Array.from({ length: 5 }, () => subject.principalOf(`Bearer ${jwt(current, idClaims())}`));

      await Promise.all(tokens);

      expect(fetches).toBe(1);
    });

    it('throws STORAGE_UNAVAILABLE when the JWKS cannot be fetched: the caller is not at fault', async () => {
      const keys = new JwksKeySet('http://127.0.0.1:9/no-such-pool/.well-known/jwks.json');
      const subject = new CognitoJwtAuthenticator({ issuer: ISSUER, clientId: CLIENT_ID, jwksUrl: 'unused' }, { now: () => new Date(nowMs) }, keys);

      expect((await refusal(subject.principalOf(`Bearer ${jwt(current, idClaims())}`))).code).toBe('STORAGE_UNAVAILABLE');
    });
  });
});
