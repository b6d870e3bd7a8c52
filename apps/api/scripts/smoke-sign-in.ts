// The AWS smoke test's user (aws-smoke.ts --sign-in): a throw-away admin of the stack's Cognito pool, so the
// smoke test passes the Lambda's own token check as an operator's browser would, and leaves no user behind.
import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { randomUUID } from "node:crypto";
import { CognitoUserAdmin } from "../src/adapters/aws/cognito-user-admin";
import { resolveCognitoSettings, type AwsEnvironment } from "../src/config";

export interface SmokeUser {
  username: string;
  /** `Bearer <ID token>`, what the SPA sends. */
  authorization: string;
  remove(): Promise<void>;
}

export async function signInThrowAwayAdmin(
  env: AwsEnvironment,
): Promise<SmokeUser> {
  const settings = resolveCognitoSettings(env);
  const username = `smoke-${randomUUID().slice(0, 8)}`;
  // Every character class, although the pool asks for length only: moto reads a class rule that the provider
  // leaves out (false) as required, as the Cognito console's defaults would be.
  const password = `Smoke-1a-${randomUUID()}`;
  const admin = CognitoUserAdmin.fromSettings(settings);
  const client = new CognitoIdentityProviderClient({
    region: settings.userPoolId.split("_")[0],
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
  const remove = async (): Promise<void> => {
    await client
      .send(
        new AdminDeleteUserCommand({
          UserPoolId: settings.userPoolId,
          Username: username,
        }),
      )
      .catch(() => undefined);
    client.destroy();
  };
  try {
    await admin.add(username, "admin", password);
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: settings.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    if (!AuthenticationResult?.IdToken)
      throw new Error(`Cognito gave ${username} no ID token`);
    return {
      username,
      authorization: `Bearer ${AuthenticationResult.IdToken}`,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await admin.close();
  }
}
