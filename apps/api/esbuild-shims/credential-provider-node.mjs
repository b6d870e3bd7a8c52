// Lambda bundle stand-in for the SDK's default credential chain. In Lambda the execution role's credentials
// are always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SSO,
// profile, process, web-identity and instance-metadata providers (and the STS/SSO clients behind them) are
// dead weight here. The local server and scripts keep the full chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);

export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;

export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
