import type { Principal } from '@invoice/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { useApi } from '../app/api-context';
import { errorInWords } from '../shared/error-words';
import { FormField } from '../shared/FormField';
import { SessionRefusal, type Refusal } from './SessionRefusal';
import { MIN_PASSWORD_CHARACTERS, newPasswordProblem } from './login-words';

export interface SetupScreenProps {
  /** The administrator was created here, and logged in with the same name and password. */
  onSignedIn: (principal: Principal) => void;
  /** Someone else created the administrator meanwhile (SETUP_ALREADY_DONE): log in instead. */
  onAlreadyDone: () => void;
}

/** First start of a local server: no user exists yet, so the first one, the administrator, is made here. */
export function SetupScreen({ onSignedIn, onAlreadyDone }: SetupScreenProps) {
  const api = useApi();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<{
    username?: string;
    password?: string;
    confirmation?: string;
  }>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof problems = {};
    if (!username.trim()) found.username = 'Enter a user name.';
    const passwordProblem = newPasswordProblem(password, null);
    if (passwordProblem) found.password = passwordProblem;
    else if (confirmation !== password) found.confirmation = 'The two passwords differ; type the same password twice.';
    setProblems(found);
    if (Object.keys(found).length > 0) {
      // The first field with a problem takes the focus; its problem is tied to it, so it is read out.
      const first = (['username', 'password', 'confirmation'] as const).find((name) => found[name]);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const user = await api.setup({ username: username.trim(), password });
      onSignedIn(await api.logIn({ username: user.username, password }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SETUP_ALREADY_DONE') {
        onAlreadyDone();
        return;
      }
      const words = errorInWords(error);
      setRefusal({
        message: words.detail ? `${words.summary} ${words.detail}` : words.summary,
        code: words.code,
      });
    } finally {
      setBusy(false);
    }
  }

  const headingId = `${id}-heading`;
  return (
    <form className="panel record-form sign-in" aria-labelledby={headingId} onSubmit={(event) => void submit(event)} noValidate>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        Create the administrator
      </h1>
      <p>This server has no user yet. The first user is its administrator, who then adds everyone else.</p>
      <div className="fields">
        <FormField
          formId={id}
          name="username"
          label="User name"
          value={username}
          problem={problems.username}
          disabled={busy}
          autoComplete="username"
          onChange={setUsername}
        />
        <FormField
          formId={id}
          name="password"
          label="Password"
          type="password"
          value={password}
          problem={problems.password}
          hint={`At least ${MIN_PASSWORD_CHARACTERS} characters; a few words make a good one.`}
          disabled={busy}
          autoComplete="new-password"
          onChange={setPassword}
        />
        <FormField
          formId={id}
          name="confirmation"
          label="Password again"
          type="password"
          value={confirmation}
          problem={problems.confirmation}
          disabled={busy}
          autoComplete="new-password"
          onChange={setConfirmation}
        />
      </div>
      <SessionRefusal refusal={refusal} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create the administrator'}
        </button>
      </div>
    </form>
  );
}
