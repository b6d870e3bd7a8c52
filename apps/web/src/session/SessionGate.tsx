import type { HealthResponse, Principal } from '@invoice/contracts';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beginSignIn, completeSignIn, forgetToken, signOutUrl, storedToken, type SignIn } from './cognito-sign-in';
import { LoginScreen } from './LoginScreen';
import { SessionProvider } from './session-context';
import { SetupScreen } from './SetupScreen';

type GateState =
  | { kind: 'starting' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'login'; note?: string }
  /** AWS mode, nobody signed in: Cognito's hosted UI signs in. */
  | { kind: 'cognito'; signIn: SignIn; error?: unknown }
  /** AWS mode whose server tells no sign-in (an older API): nothing here can sign in. */
  | { kind: 'cognito-unknown' }
  | { kind: 'signed-in'; principal: Principal };

// The code from the hosted UI can be exchanged once: a second start (React's development double effect) shares it.
let completing: Promise<string | null> | null = null;

function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHENTICATED';
}

/**
 * Who is using the app, before any screen: on load it asks the server (health: first start? AWS? then the
 * session) and shows the administrator's setup, the login, or the app. A 401 from any later request puts the
 * login in front of the app without unmounting it, so what was being typed is still there after logging in.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<GateState>({ kind: 'starting' });
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [ended, setEnded] = useState(false);
  const signedIn = useRef(false);

  const start = useCallback(async () => {
    setState({ kind: 'starting' });
    try {
      const found = await api.health();
      setHealth(found);
      if (found.storage === 'aws') {
        if (!found.signIn) {
          setState({ kind: 'cognito-unknown' });
          return;
        }
        let token = storedToken();
        if (token === null) {
          completing ??= completeSignIn(found.signIn);
          token = await completing.catch((error: unknown) => {
            setState({
              kind: 'cognito',
              signIn: found.signIn as SignIn,
              error,
            });
            return null;
          });
          completing = null;
        }
        if (token === null) {
          setState((current) => (current.kind === 'cognito' ? current : { kind: 'cognito', signIn: found.signIn as SignIn }));
          return;
        }
        api.setBearer(token);
      } else if (found.setupRequired) {
        setState({ kind: 'setup' });
        return;
      }
      try {
        const principal = await api.getSession();
        signedIn.current = true;
        setState({ kind: 'signed-in', principal });
      } catch (error) {
        if (!isUnauthenticated(error)) throw error;
        if (found.storage === 'aws' && found.signIn) {
          forgetToken();
          api.setBearer(null);
          setState({ kind: 'cognito', signIn: found.signIn });
        } else setState({ kind: 'login' });
      }
    } catch (error) {
      setState({ kind: 'unreachable', error });
    }
  }, [api]);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(
    () =>
      api.onSessionEnded(() => {
        if (signedIn.current) setEnded(true);
      }),
    [api],
  );

  const onSignedIn = useCallback((principal: Principal) => {
    signedIn.current = true;
    setEnded(false);
    setState({ kind: 'signed-in', principal });
  }, []);

  const logOut = useCallback(async () => {
    signedIn.current = false;
    setEnded(false);
    if (health?.storage === 'aws' && health.signIn) {
      forgetToken();
      api.setBearer(null);
      window.location.assign(signOutUrl(health.signIn, window.location.origin));
      return;
    }
    try {
      await api.logOut();
      setState({ kind: 'login', note: 'You are logged out.' });
    } catch (error) {
      // The session is gone either way when the server no longer knows it.
      setState(isUnauthenticated(error) ? { kind: 'login', note: 'You are logged out.' } : { kind: 'unreachable', error });
    }
  }, [api, health]);

  switch (state.kind) {
    case 'starting':
      return <Frame>{<p role="status">Starting…</p>}</Frame>;
    case 'unreachable':
      return (
        <Frame>
          <h1 tabIndex={-1}>Invoice intake cannot start</h1>
          <ErrorNotice error={state.error} context="The server could not be asked who you are" onRetry={() => void start()} />
        </Frame>
      );
    case 'setup':
      return (
        <Frame>
          <SetupScreen
            onSignedIn={onSignedIn}
            onAlreadyDone={() =>
              setState({
                kind: 'login',
                note: 'The administrator exists already: log in.',
              })
            }
          />
        </Frame>
      );
    case 'login':
      return (
        <Frame>
          <LoginScreen ended={false} note={state.note} onSignedIn={onSignedIn} />
        </Frame>
      );
    case 'cognito':
      return (
        <Frame>
          <CognitoSignIn signIn={state.signIn} error={state.error} ended={false} />
        </Frame>
      );
    case 'cognito-unknown':
      return (
        <Frame>
          <h1 tabIndex={-1}>Sign in</h1>
          <p className="notice notice-warning">
            Sign-in for AWS mode: see docs. This server runs in AWS mode but does not say where its users sign in (Cognito&apos;s hosted UI); deploy
            the API and the SPA together.
          </p>
        </Frame>
      );
    case 'signed-in': {
      const { principal } = state;
      const storage = health?.storage ?? 'local';
      return (
        <SessionProvider session={{ principal, storage, logOut: () => void logOut() }}>
          {/* inert: while the login is in front, nothing behind it can be reached, by mouse, keyboard or reader. */}
          <div key={principal.username} inert={ended} className="app-frame">
            {children}
          </div>
          {ended && (
            <div className="session-ended">
              {storage === 'aws' && health?.signIn ? (
                <CognitoSignIn signIn={health.signIn} ended />
              ) : (
                <LoginScreen ended username={principal.username} onSignedIn={onSignedIn} />
              )}
            </div>
          )}
        </SessionProvider>
      );
    }
  }
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="app-header">
        <span className="app-name">Invoice intake</span>
      </header>
      <main className="screen screen-sign-in">{children}</main>
    </>
  );
}

function CognitoSignIn({ signIn, error, ended }: { signIn: SignIn; error?: unknown; ended: boolean }) {
  return (
    <section className="panel sign-in" aria-labelledby="cognito-heading">
      <h1 id="cognito-heading" tabIndex={-1}>
        Sign in
      </h1>
      {ended && <p className="notice notice-warning">Your session ended; sign in again.</p>}
      {error !== undefined && <ErrorNotice error={error} context="Not signed in" />}
      <p>Users of this deployment sign in on its Cognito page, then come back here.</p>
      <button type="button" className="primary" onClick={() => void beginSignIn(signIn)}>
        Sign in
      </button>
    </section>
  );
}
