import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoJwtAuthenticator } from '../../src/adapters/aws/cognito-jwt-authenticator';
import { runUserCli } from '../../src/cli/user-cli';
import { loadConfig, resolveCognitoSettings } from '../../src/config';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';

/** `npm run user -- …` with STORAGE=aws: AdminCreateUser and the role group in the pool (moto's cognito-idp). */
describe('npm run user in AWS mode', () => {
  let pool: CognitoTestPool;

  beforeAll(async () => {
    pool = await createCognitoTestPool();
  });

  afterAll(async () => {
    await pool?.cleanup();
  });

  async function run(args: string[], secret = ''): Promise<{ status: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const status = await runUserCli(args, {
      // The pool alone: the command line needs neither the app client nor the hosted UI.
      env: { STORAGE: 'aws', COGNITO_USER_POOL_ID: pool.userPoolId, AWS_ENDPOINT_URL_COGNITO_IDP: pool.env.AWS_ENDPOINT_URL_COGNITO_IDP as string },
      readSecret: async () => secret,
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    });
    return { status, out, err };
  }

  it('adds a user to the pool in its role group, who then signs in with that role', async () => {
    const added = await run(['add', 'Nora', '--role', 'clerk', '--password-stdin'], 'a long enough passphrase');

    expect(added).toEqual({ status: 0, out: 'added nora (clerk)\n', err: '' });
    const { AuthenticationResult } = await pool.client.send(
      new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nora', PASSWORD: 'a long enough passphrase' } }),
    );
    const authenticator = new CognitoJwtAuthenticator(resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws));
    expect(await authenticator.principalOf(`Bearer ${AuthenticationResult?.IdToken}`)).toMatchObject({ username: 'nora', role: 'clerk' });
  });

  it('lists, changes the role of and disables pool users', async () => {
    await run(['add', 'otto', '--role', 'viewer', '--password-stdin'], 'a long enough passphrase');

    expect(await run(['set-role', 'otto', 'approver'])).toMatchObject({ status: 0, out: 'changed otto (approver)\n' });
    expect(await run(['disable', 'otto'])).toMatchObject({ status: 0, out: 'disabled otto (approver, disabled)\n' });
    expect((await run(['list'])).out).toMatch(/^otto\s+approver\s+yes\s+-\s+\S+Z$/m);
  });

  it('answers one line with the code when Cognito refuses', async () => {
    expect(await run(['set-role', 'nobody', 'viewer'])).toMatchObject({ status: 2, err: expect.stringMatching(/^USER_NOT_FOUND: /) });
  });
});
