import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '@invoice/contracts';
import { ROLES } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { TEST_REGION } from './aws-resources';

/** Passes the pool's 12-character rule; the same for every test user, who only ever exist in moto. */
export const TEST_PASSWORD = 'correct-horse-battery';

export interface CognitoTokens {
  idToken: string;
  accessToken: string;
}

export interface CognitoTestPool {
  userPoolId: string;
  clientId: string;
  /** The `iss` of this pool's tokens (Cognito's form, which moto keeps). */
  issuer: string;
  /** moto serves the pool's JWKS under its own address. */
  jwksUrl: string;
  /** The variables that make resolveCognitoSettings() (and so composeAws) accept this pool's tokens. */
  env: Record<string, string>;
  client: CognitoIdentityProviderClient;
  /** A user in the given groups (none: a user without a role), signed in with USER_PASSWORD_AUTH. */
  signIn(username: string, groups: readonly string[]): Promise<CognitoTokens>;
  /**
   * `Authorization` header value of a user `<role>-user` in that role's group, made on first use and then
   * reused; the ID token by default (what the SPA sends), or the access token.
   */
  authorizationFor(role: Role, kind?: 'id' | 'access'): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * A fresh Cognito user pool in moto (the emulator the AWS global setup started), with the role groups of
 * cognito.tf and an app client allowing USER_PASSWORD_AUTH, so tests obtain real, RS256-signed tokens from
 * InitiateAuth, as issue 15 asks, instead of minting their own.
 */
export async function createCognitoTestPool(endpoint: string = inject('motoEndpoint')): Promise<CognitoTestPool> {
  const client = new CognitoIdentityProviderClient({ region: TEST_REGION, endpoint });
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: `test-users-${randomUUID().slice(0, 8)}`,
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    }),
  );
  const userPoolId = UserPool?.Id as string;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'spa',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient?.ClientId as string;
  await Promise.all(ROLES.map((role, index) => client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role, Precedence: ROLES.length - index }))));

  const issuer = `https://cognito-idp.${TEST_REGION}.amazonaws.com/${userPoolId}`;
  const jwksUrl = `${endpoint}/${userPoolId}/.well-known/jwks.json`;
  const perRole = new Map<Role, Promise<CognitoTokens>>();

  async function signIn(username: string, groups: readonly string[]): Promise<CognitoTokens> {
    await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: TEST_PASSWORD, Permanent: true }));
    for (const group of groups) await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
    return tokensOf(username);
  }

  async function tokensOf(username: string): Promise<CognitoTokens> {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: TEST_PASSWORD } }),
    );
    return { idToken: AuthenticationResult?.IdToken as string, accessToken: AuthenticationResult?.AccessToken as string };
  }

  return {
    userPoolId,
    clientId,
    issuer,
    jwksUrl,
    env: {
      COGNITO_USER_POOL_ID: userPoolId,
      COGNITO_CLIENT_ID: clientId,
      COGNITO_HOSTED_UI_URL: `https://test-users.auth.${TEST_REGION}.amazoncognito.com`,
      COGNITO_JWKS_URL: jwksUrl,
      AWS_ENDPOINT_URL_COGNITO_IDP: endpoint,
    },
    client,
    signIn,
    async authorizationFor(role, kind = 'id') {
      if (!perRole.has(role)) perRole.set(role, signIn(`${role}-user`, [role]));
      const tokens = await (perRole.get(role) as Promise<CognitoTokens>);
      return `Bearer ${kind === 'id' ? tokens.idToken : tokens.accessToken}`;
    },
    async cleanup() {
      await client.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId })).catch(() => undefined);
      client.destroy();
    },
  };
}
