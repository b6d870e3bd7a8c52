import { createHash } from 'node:crypto';
import type { Principal } from '@invoice/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../src/api/api-client';
import { ApiError } from '../src/api/api-error';
import { ApiProvider } from '../src/app/api-context';
import { App } from '../src/app/App';
import { LoginScreen } from '../src/session/LoginScreen';
import { loginProblem, newPasswordProblem } from '../src/session/login-words';
import { SessionProvider } from '../src/session/session-context';
import { SetupScreen } from '../src/session/SetupScreen';
import { authorizeUrl, codeChallenge, signOutUrl } from '../src/session/cognito-sign-in';
import { errorInWords } from '../src/shared/error-words';

const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;
const api = createApiClient('');
const withApi = (element: React.ReactElement) => <ApiProvider api={api}>{element}</ApiProvider>;

function principal(role: Principal['role'], username = 'clara'): Principal {
  return { username, role, via: 'session', expiresAt: '2026-12-01T22:00:00.000Z' };
}

describe('LoginScreen', () => {
  it('asks for the user name and password, labelled, with the password hidden', () => {
    const markup = render(withApi(<LoginScreen ended={false} onSignedIn={noop} />));

    expect(markup).toMatch(/<label for="[^"]+-username">User name<\/label><input id="[^"]+-username" type="text"[^>]*autoComplete="username"/);
    expect(markup).toMatch(
      /<label for="[^"]+-password">Password<\/label><input id="[^"]+-password" type="password"[^>]*autoComplete="current-password"/,
    );
    expect(markup).toMatch(/<button type="submit" class="primary">Log in<\/button>/);
    expect(text(markup)).not.toContain('Your session ended');
  });

  it('says why it is shown when a session ended, and keeps the user name', () => {
    const markup = render(withApi(<LoginScreen ended username="clara" onSignedIn={noop} />));

    expect(text(markup)).toContain('Your session ended; log in again. What you were doing is kept.');
    expect(markup).toContain('value="clara"');
  });
});

describe('loginProblem', () => {
  it('tells wrong credentials, the wait of a throttled login and the end of a lock', () => {
    expect(loginProblem(new ApiError('INVALID_CREDENTIALS', 'x', 401))).toEqual({
      message: 'Wrong user name or password.',
      code: 'INVALID_CREDENTIALS',
    });
    expect(loginProblem(new ApiError('LOGIN_THROTTLED', 'x', 429, { retryAfterSeconds: 8 })).message).toBe(
      'Too many failed logins in a row: try again in 8 seconds.',
    );
    const locked = loginProblem(new ApiError('ACCOUNT_LOCKED', 'x', 429, { lockedUntil: '2026-12-01T10:15:00.000Z', retryAfterSeconds: 900 }));
    expect(locked.message).toContain(`locked until ${new Date('2026-12-01T10:15:00.000Z').toLocaleString()}`);
    expect(locked.message).toContain('an administrator can unlock it by setting a new password');
    expect(loginProblem(new ApiError('NETWORK_UNREACHABLE', 'down', 0)).code).toBe('NETWORK_UNREACHABLE');
  });
});

describe('SetupScreen', () => {
  it('creates the administrator with a user name, a password whose 12-character rule is shown, and its confirmation', () => {
    const markup = render(withApi(<SetupScreen onSignedIn={noop} onAlreadyDone={noop} />));

    expect(text(markup)).toContain('Create the administrator');
    expect(text(markup)).toContain('At least 12 characters');
    for (const label of ['User name', 'Password', 'Password again']) expect(markup).toContain(`">${label}</label>`);
    expect(markup.match(/type="password"/g)).toHaveLength(2);
    expect(markup).toMatch(/-password" type="password"[^>]*aria-describedby="[^"]+-password-hint"/);
  });

  it('checks the password rule as the server does, in characters', () => {
    expect(newPasswordProblem('short', null)).toBe('The password needs at least 12 characters; this one has 5.');
    expect(newPasswordProblem('ééééééééééé', null)).toMatch(/this one has 11/);
    expect(newPasswordProblem('correct horse battery', 'correct horse battery')).toBeNull();
    expect(newPasswordProblem('correct horse battery', 'correct horse')).toBe('The two passwords differ; type the same password twice.');
  });
});

describe('App header', () => {
  afterEach(() => vi.unstubAllGlobals());

  const app = (role: Principal['role'], hash = '#/jobs') => {
    vi.stubGlobal('window', { location: { hash } });
    return render(
      withApi(
        <SessionProvider session={{ principal: principal(role), storage: 'local', logOut: noop }}>
          <App />
        </SessionProvider>,
      ),
    );
  };

  it("shows the user's name and role and a Log out button", () => {
    const markup = app('clerk');
    expect(text(markup)).toContain('Signed in as clara clerk');
    expect(markup).toContain('<button type="button" class="secondary">Log out</button>');
  });

  it('offers Audit and Users in the navigation to admins only', () => {
    expect(app('approver')).not.toContain('href="#/audit"');
    expect(app('approver')).not.toContain('href="#/users"');
    expect(app('admin')).toContain('href="#/audit"');
    expect(app('admin')).toContain('href="#/users"');
  });

  it('tells a non-admin who opens the Audit address which role it needs', () => {
    expect(text(app('clerk', '#/audit'))).toContain('The Audit screen needs the admin role (you are a clerk).');
    expect(text(app('viewer', '#/users'))).toContain('Managing users and tokens needs the admin role (you are a viewer).');
  });

  it('offers a viewer no upload, saying which role it needs', () => {
    const markup = app('viewer');
    expect(markup).not.toContain('Choose invoice files');
    expect(text(markup)).toContain('Uploading invoices needs the clerk role (you are a viewer).');
    expect(app('clerk')).toContain('Choose invoice files');
  });
});

describe('errorInWords for refusals by role', () => {
  it('names the role needed and the role held', () => {
    const words = errorInWords(
      new ApiError('FORBIDDEN', 'This needs the approver role; clara is clerk.', 403, { required: 'approver', role: 'clerk' }),
    );
    expect(words.summary).toBe('This needs the approver role; you are signed in as clerk. Ask an administrator if you should have it.');
    expect(errorInWords(new ApiError('SECOND_APPROVER_REQUIRED', 'x', 403)).summary).toMatch(/another approver must apply it/);
  });
});

describe('Cognito sign-in (AWS mode)', () => {
  const signIn = {
    authorizeUrl: 'https://auth.example.test/oauth2/authorize',
    tokenUrl: 'https://auth.example.test/oauth2/token',
    logoutUrl: 'https://auth.example.test/logout',
    clientId: 'client-1',
  };

  it('computes the S256 challenge as base64url of the SHA-256 of the verifier, without padding', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFWFOEjXk';
    // node's own crypto, an implementation apart from the browser's WebCrypto the SPA uses.
    expect(await codeChallenge(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(await codeChallenge(verifier)).not.toMatch(/[+/=]/);
  });

  it('asks the hosted UI for a code with PKCE, back to the site root', () => {
    const url = new URL(authorizeUrl(signIn, 'https://d111.cloudfront.net', 'state-1', 'challenge-1'));
    expect(url.origin + url.pathname).toBe(signIn.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://d111.cloudfront.net/',
      scope: 'openid email profile',
      state: 'state-1',
      code_challenge_method: 'S256',
      code_challenge: 'challenge-1',
    });
    expect(signOutUrl(signIn, 'https://d111.cloudfront.net')).toBe(
      'https://auth.example.test/logout?client_id=client-1&logout_uri=https%3A%2F%2Fd111.cloudfront.net%2F',
    );
  });
});
