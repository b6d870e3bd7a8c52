import type { Principal } from '@invoice/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../app/api-context';
import { FormField } from '../shared/FormField';
import { SessionRefusal, type Refusal } from './SessionRefusal';
import { loginProblem } from './login-words';

export interface LoginScreenProps {
  /** Set when a session ended under the user: said first, so they know why they are here. */
  ended: boolean;
  /** Said once, e.g. after the administrator was created. */
  note?: string;
  /** A name to start with (the user whose session ended). */
  username?: string;
  onSignedIn: (principal: Principal) => void;
}

/** Local mode's login: user name and password, refusals in words (wrong, throttled with the wait, locked until). */
export function LoginScreen({ ended, note, username: initialName = '', onSignedIn }: LoginScreenProps) {
  const api = useApi();
  const id = useId();
  const [username, setUsername] = useState(initialName);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Refusal | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem({
        message: 'Enter your user name and your password.',
        code: 'MISSING_CREDENTIALS',
      });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const principal = await api.logIn({
        username: username.trim(),
        password,
      });
      onSignedIn(principal);
    } catch (error) {
      setProblem(loginProblem(error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const headingId = `${id}-heading`;
  return (
    <form className="panel record-form sign-in" aria-labelledby={headingId} onSubmit={(event) => void submit(event)} noValidate>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        Log in
      </h1>
      {ended && (
        <p className="notice notice-warning" role="status">
          Your session ended; log in again. What you were doing is kept.
        </p>
      )}
      {note && (
        <p className="notice notice-success" role="status">
          {note}
        </p>
      )}
      <div className="fields">
        <FormField formId={id} name="username" label="User name" value={username} disabled={busy} autoComplete="username" onChange={setUsername} />
        <FormField
          formId={id}
          name="password"
          label="Password"
          type="password"
          value={password}
          disabled={busy}
          autoComplete="current-password"
          onChange={setPassword}
        />
      </div>
      <SessionRefusal refusal={problem} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </div>
    </form>
  );
}
