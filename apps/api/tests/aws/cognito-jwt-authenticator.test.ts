import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, CognitoJwtAuthenticator } from '../../src/adapters/aws/cognito-jwt-authenticator';
import { loadConfig, resolveCognitoSettings } from '../../src/config';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { codeOf } from '../support/domain-error-code';

/**
 * The Lambda's own check of Cognito tokens, on real tokens from moto's cognito-idp (USER_PASSWORD_AUTH,
 * RS256 with the pool's JWKS), so nothing depends on moto emulating API Gateway's JWT authorizer.
 */
const request = (authorization?: string): Request => ({ headers: authorization === undefined ? {} : { authorization } }) as Request;

const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));

describe('CognitoJwtAuthenticator against moto', () => {
  let pool: CognitoTestPool;
  let otherPool: CognitoTestPool;
  let authenticator: CognitoJwtAuthenticator;

  beforeAll(async () => {
    [pool, otherPool] = await Promise.all([createCognitoTestPool(), createCognitoTestPool()]);
    // Configured exactly as composeAws configures it, from the environment Terraform (and the pool) gives.
    authenticator = new CognitoJwtAuthenticator(resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws));
  });

  afterAll(async () => {
    await Promise.all([pool?.cleanup(), otherPool?.cleanup()]);
  });

  it("gives a pool user's ID token the principal of its role group", async () => {
    const principal = await authenticator.identify(request(await pool.authorizationFor('clerk')));

    expect(principal).toMatchObject({ username: 'clerk-user', role: 'clerk', via: 'jwt' });
    expect(principal?.expiresAt).toBe(new Date((claimsOf((await pool.authorizationFor('clerk')).slice(7)).exp as number) * 1000).toISOString());
  });

  it('accepts the access token of the same sign-in', async () => {
    expect(await authenticator.identify(request(await pool.authorizationFor('approver', 'access')))).toMatchObject({
      username: 'approver-user',
      role: 'approver',
    });
  });

  it('takes the highest role of a user in several groups', async () => {
    const { idToken } = await pool.signIn('Mixed.User', ['viewer', 'admin', 'clerk']);

    expect(await authenticator.identify(request(`Bearer ${idToken}`))).toMatchObject({ username: 'mixed.user', role: 'admin' });
  });

  it('throws FORBIDDEN for a signed-in user in no role group', async () => {
    const { idToken } = await pool.signIn('no-role', []);

    expect(await codeOf(authenticator.identify(request(`Bearer ${idToken}`)))).toBe('FORBIDDEN');
  });

  it("throws UNAUTHENTICATED for a token once its exp and the clock skew have passed (the authenticator's clock moved)", async () => {
    const token = await pool.authorizationFor('viewer');
    const exp = claimsOf(token.slice(7)).exp as number;
    const settings = resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws);
    const later = new CognitoJwtAuthenticator(settings, { now: () => new Date((exp + CLOCK_SKEW_SECONDS + 1) * 1000) });

    expect(await codeOf(later.identify(request(token)))).toBe('UNAUTHENTICATED');
  });

  it('throws UNAUTHENTICATED for a token of another app client of the same pool (wrong audience)', async () => {
    const { UserPoolClient } = await pool.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    const elsewhere = new CognitoJwtAuthenticator(
      resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env, COGNITO_CLIENT_ID: UserPoolClient?.ClientId as string }).aws),
    );

    expect(await codeOf(elsewhere.identify(request(await pool.authorizationFor('admin'))))).toBe('UNAUTHENTICATED');
  });

  it("throws UNAUTHENTICATED for another pool's token, though moto signs it with the same key (wrong issuer)", async () => {
    const token = await otherPool.authorizationFor('admin');
    // Same key, same client id shape: only the issuer tells the pools apart.
    const sameClient = new CognitoJwtAuthenticator({
      ...resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws),
      clientId: otherPool.clientId,
    });

    expect(await codeOf(sameClient.identify(request(token)))).toBe('UNAUTHENTICATED');
  });

  it('throws UNAUTHENTICATED for a token whose claims were changed after Cognito signed it', async () => {
    const [header, , signature] = (await pool.authorizationFor('viewer')).slice(7).split('.');
    const claims = { ...claimsOf((await pool.authorizationFor('viewer')).slice(7)), 'cognito:groups': ['admin'] };
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

    expect(await codeOf(authenticator.identify(request(`Bearer ${forged}`)))).toBe('UNAUTHENTICATED');
  });

  it("throws UNAUTHENTICATED for a token naming a key the pool's JWKS does not have", async () => {
    const [, payload, signature] = (await pool.authorizationFor('viewer')).slice(7).split('.');
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', kid: 'rotated-away', alg: 'RS256' })).toString('base64url');

    expect(await codeOf(authenticator.identify(request(`Bearer ${header}.${payload}.${signature}`)))).toBe('UNAUTHENTICATED');
  });

  it.each(['Basic Y2xlcms6c2VjcmV0', 'Bearer', 'Bearer not-a-jwt', 'Bearer inv_0123456789abcdef'])(
    'throws UNAUTHENTICATED for the header %j',
    async (header) => {
      expect(await codeOf(authenticator.identify(request(header)))).toBe('UNAUTHENTICATED');
    },
  );

  it('returns null without an Authorization header', async () => {
    expect(await authenticator.identify(request())).toBeNull();
  });
});
