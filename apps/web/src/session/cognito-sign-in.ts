import type { HealthResponse } from '@invoice/contracts';

/** AWS mode's sign-in: Cognito's hosted UI, authorization code with PKCE (RFC 7636), as health's signIn describes. */
export type SignIn = NonNullable<HealthResponse['signIn']>;

/** Kept across the redirect to the hosted UI and back: only this tab, only until the code is exchanged. */
const PENDING_KEY = 'invoice.signIn.pending';
/** The access token the API's JWT authorizer checks, for this tab's life (sessionStorage, never localStorage). */
const TOKEN_KEY = 'invoice.signIn.token';

interface Pending {
  state: string;
  verifier: string;
  /** The screen the user was on, to return to. */
  hash: string;
}

interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** S256: the challenge is the verifier's SHA-256, base64url without padding. */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The callback Terraform registers for the SPA client: the site's root. */
export function redirectUri(origin: string): string {
  return `${origin}/`;
}

export function authorizeUrl(signIn: SignIn, origin: string, state: string, challenge: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: redirectUri(origin),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  return `${signIn.authorizeUrl}?${params.toString()}`;
}

/** Goes to the hosted UI; the browser comes back to `/?code=…&state=…`. */
export async function beginSignIn(signIn: SignIn): Promise<void> {
  const pending: Pending = {
    state: randomText(16),
    verifier: randomText(48),
    hash: window.location.hash,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(authorizeUrl(signIn, window.location.origin, pending.state, await codeChallenge(pending.verifier)));
}

/** The stored access token while it is still good for a minute, else null. */
export function storedToken(now = Date.now()): string | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return null;
  try {
    const token = JSON.parse(raw) as StoredToken;
    return token.expiresAt - 60_000 > now ? token.accessToken : null;
  } catch {
    return null;
  }
}

/**
 * Back from the hosted UI: exchanges the code (with the verifier only this tab knows) for tokens at the token
 * endpoint, keeps the access token, and tidies the address bar. null when this page load is no such return.
 */
export async function completeSignIn(signIn: SignIn): Promise<string | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const raw = sessionStorage.getItem(PENDING_KEY);
  if (!code || !raw) return null;
  sessionStorage.removeItem(PENDING_KEY);
  const pending = JSON.parse(raw) as Pending;
  window.history.replaceState(null, '', `${window.location.pathname}${pending.hash}`);
  if (params.get('state') !== pending.state) throw new Error('The sign-in answer does not belong to this tab (state differs); sign in again.');
  const response = await fetch(signIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: signIn.clientId,
      code,
      redirect_uri: redirectUri(window.location.origin),
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`Cognito refused the sign-in code (${response.status}); sign in again.`);
  const tokens = (await response.json()) as {
    access_token: string;
    expires_in: number;
  };
  const stored: StoredToken = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(stored));
  return stored.accessToken;
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Signs out of the hosted UI too, so the next sign-in asks for the password again. */
export function signOutUrl(signIn: SignIn, origin: string): string {
  const params = new URLSearchParams({
    client_id: signIn.clientId,
    logout_uri: redirectUri(origin),
  });
  return `${signIn.logoutUrl}?${params.toString()}`;
}
