import { describe, expect, it } from 'vitest';
import { loadConfig, resolveCognitoPool, resolveCognitoSettings } from '../src/config';

const POOL = {
  STORAGE: 'aws',
  COGNITO_USER_POOL_ID: 'eu-central-1_AbC123',
  COGNITO_CLIENT_ID: 'spa-client',
  COGNITO_HOSTED_UI_URL: 'https://invoices.auth.eu-central-1.amazoncognito.com/',
};

describe('resolveCognitoSettings', () => {
  it("builds the issuer and the JWKS URL from the pool id, whose prefix is the pool's region", () => {
    expect(resolveCognitoSettings(loadConfig(POOL).aws)).toEqual({
      userPoolId: 'eu-central-1_AbC123',
      clientId: 'spa-client',
      issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123',
      jwksUrl: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123/.well-known/jwks.json',
      hostedUiUrl: 'https://invoices.auth.eu-central-1.amazoncognito.com',
    });
  });

  it('takes the JWKS URL and the cognito-idp endpoint from an emulator when told', () => {
    const settings = resolveCognitoSettings(
      loadConfig({ ...POOL, COGNITO_JWKS_URL: 'http://127.0.0.1:5000/eu-central-1_AbC123/.well-known/jwks.json', AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }).aws,
    );

    expect(settings.jwksUrl).toBe('http://127.0.0.1:5000/eu-central-1_AbC123/.well-known/jwks.json');
    expect(settings.endpoint).toBe('http://127.0.0.1:5000');
  });

  it.each(['COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'COGNITO_HOSTED_UI_URL'])('throws naming %s when it is missing', (variable) => {
    const env: Record<string, string> = { ...POOL };
    delete env[variable];
    expect(() => resolveCognitoSettings(loadConfig(env).aws)).toThrow(variable);
  });

  it.each([
    ['COGNITO_USER_POOL_ID', 'AbC123'],
    ['COGNITO_HOSTED_UI_URL', 'invoices.auth.eu-central-1.amazoncognito.com'],
    ['COGNITO_JWKS_URL', 'not a url'],
  ])('throws naming %s when it is %j', (variable, value) => {
    expect(() => resolveCognitoSettings(loadConfig({ ...POOL, [variable]: value }).aws)).toThrow(variable);
  });
});

describe('resolveCognitoPool', () => {
  it('needs only the pool id (the command line neither signs in nor serves the SPA)', () => {
    expect(resolveCognitoPool(loadConfig({ STORAGE: 'aws', COGNITO_USER_POOL_ID: 'us-east-1_Xy9' }).aws)).toEqual({ userPoolId: 'us-east-1_Xy9', region: 'us-east-1' });
  });
});
