import { isUsername, type Principal } from '@invoice/contracts';
import { DomainError, roleOfGroups, systemClock, type Clock } from '@invoice/inventory';
import { verify } from 'node:crypto';
import type { Request } from 'express';
import type { Authenticator } from '../../http/authenticator';
import type { CognitoSettings } from './aws-settings';
import { JwksKeySet } from './jwks-key-set';

/**
 * How far the Lambda's clock and Cognito's may disagree: a token is still accepted this long after its exp,
 * and one issued this far "in the future" is not refused.
 */
export const CLOCK_SKEW_SECONDS = 30;

const BEARER = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

type Claims = Record<string, unknown>;

/**
 * AWS mode's Authenticator: a Cognito ID or access token in `Authorization: Bearer`, verified here in the
 * Lambda's own code (RS256 signature against the pool's JWKS, issuer, audience or client_id, token_use,
 * expiry), whatever API Gateway's JWT authorizer already checked, so the API never trusts a token only
 * because something in front of it did. The role comes from `cognito:groups` (roleOfGroups: the highest
 * group named after a role).
 *
 * A valid token of a user in no role group answers 403 FORBIDDEN, not 401: the user is who they say, but
 * an administrator has not given them a role yet (details.role is null), and logging in again would not help.
 */
export class CognitoJwtAuthenticator implements Authenticator {
  private readonly keys: JwksKeySet;

  constructor(
    private readonly settings: Pick<CognitoSettings, 'issuer' | 'clientId' | 'jwksUrl'>,
    private readonly clock: Clock = systemClock,
    keys?: JwksKeySet,
  ) {
    this.keys = keys ?? new JwksKeySet(settings.jwksUrl, () => clock.now().getTime());
  }

  async identify(req: Request): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header === undefined || header === '') return null;
    return this.principalOf(header);
  }

  /** The principal an Authorization header value proves; throws UNAUTHENTICATED or FORBIDDEN. */
  async principalOf(header: string): Promise<Principal> {
    const match = BEARER.exec(header.trim());
    if (!match) throw refused('send Authorization: Bearer <token> with a Cognito ID or access token');
    const [, encodedHeader, encodedPayload, encodedSignature] = match as unknown as [string, string, string, string];
    const jose = decodePart(encodedHeader);
    const claims = decodePart(encodedPayload);
    if (jose === null || claims === null) throw refused('the token is not a JSON Web Token');
    // Only RS256, whatever the token says: "none" or HS256 over the public key must never pass.
    if (jose.alg !== 'RS256' || typeof jose.kid !== 'string') throw refused('the token is not signed with RS256 by a named key');
    const key = await this.keys.keyFor(jose.kid);
    if (key === null) throw refused('the token is signed by a key the user pool does not have');
    const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
    if (!verify('RSA-SHA256', signed, key, Buffer.from(encodedSignature, 'base64url'))) throw refused('the token signature does not verify');
    return this.principalOfClaims(claims);
  }

  private principalOfClaims(claims: Claims): Principal {
    if (claims.iss !== this.settings.issuer) throw refused('the token was issued by another user pool');
    const use = claims.token_use;
    if (use !== 'id' && use !== 'access') throw refused('the token is neither an ID nor an access token');
    // ID tokens name the app client in aud, access tokens in client_id.
    const client = use === 'id' ? claims.aud : claims.client_id;
    if (client !== this.settings.clientId) throw refused('the token was issued to another app client');
    const now = this.clock.now().getTime() / 1000;
    if (typeof claims.exp !== 'number' || now > claims.exp + CLOCK_SKEW_SECONDS) throw refused('the token has expired; sign in again');
    if (typeof claims.iat === 'number' && claims.iat > now + CLOCK_SKEW_SECONDS) throw refused('the token is issued in the future');
    const name = use === 'id' ? claims['cognito:username'] : claims.username;
    if (typeof name !== 'string' || !isUsername(name)) throw refused('the token names no username this API accepts');
    // Usernames are compared lower-case everywhere (the local store keeps them so; the pool is case-insensitive).
    const username = name.toLowerCase();
    const groups = claims['cognito:groups'];
    const role = roleOfGroups(Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : []);
    if (role === null) {
      throw new DomainError('FORBIDDEN', `${username} is signed in but in no role group (viewer, clerk, approver, admin); ask an administrator for a role.`, {
        role: null,
      });
    }
    return { username, role, via: 'jwt', expiresAt: new Date(claims.exp * 1000).toISOString() };
  }
}

function refused(reason: string): DomainError {
  return new DomainError('UNAUTHENTICATED', `The Cognito token is not accepted: ${reason}.`);
}

function decodePart(part: string): Claims | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Claims) : null;
  } catch {
    return null;
  }
}
