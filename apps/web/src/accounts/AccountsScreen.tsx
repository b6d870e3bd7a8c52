import type { ApiToken, CreateTokenResponse, Role, UserAccount } from '@invoice/contracts';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../app/api-context';
import { ConfirmDialog } from '../mappings/ConfirmDialog';
import { may, ROLE_CHOICES, roleNeededWords } from '../session/permissions';
import { MIN_PASSWORD_CHARACTERS, newPasswordProblem } from '../session/login-words';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { FormField } from '../shared/FormField';
import { checkNewUser, EMPTY_USER, tokenNameProblem, tokenRoleChoices, type NewUserDraft, type UserProblems } from './account-forms';
import { NewTokenNotice } from './NewTokenNotice';
import { TokensTable } from './TokensTable';
import { UsersTable } from './UsersTable';

/** Users and API tokens, for admins (local mode: in AWS mode users live in the Cognito user pool). */
export function AccountsScreen() {
  const { principal, storage } = useSession();
  if (!may(principal.role, 'manageAccounts')) {
    return (
      <>
        <h1 tabIndex={-1}>Users and tokens</h1>
        <p className="notice">Managing users and tokens {roleNeededWords(principal.role, 'manageAccounts')}.</p>
      </>
    );
  }
  if (storage === 'aws') {
    return (
      <>
        <h1 tabIndex={-1}>Users and tokens</h1>
        <p className="notice">In AWS mode users live in the Cognito user pool: add them with npm run user -- add NAME --role ROLE.</p>
      </>
    );
  }
  return <Accounts self={principal.username} ownRole={principal.role} />;
}

type Pending =
  { kind: 'disable'; user: UserAccount; disabled: boolean } | { kind: 'password'; user: UserAccount } | { kind: 'revoke'; token: ApiToken } | null;

function Accounts({ self, ownRole }: { self: string; ownRole: Role }) {
  const api = useApi();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{
    context: string;
    error: unknown;
  } | null>(null);
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState<Pending>(null);
  const [pendingError, setPendingError] = useState<unknown>(null);
  const [newPassword, setNewPassword] = useState('');
  const [created, setCreated] = useState<CreateTokenResponse | null>(null);
  const refusal = useRef<HTMLDivElement>(null);
  // A refused change is news: the reader is taken to it.
  useEffect(() => {
    if (actionError) refusal.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [actionError]);

  const reload = useCallback(async () => {
    try {
      const [userList, tokenList] = await Promise.all([api.listUsers(), api.listTokens()]);
      setUsers(userList.items);
      setTokens(tokenList.items);
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function run(label: string, context: string, action: () => Promise<string>) {
    setBusy(label);
    setActionError(null);
    try {
      setNotice(await action());
      await reload();
      return true;
    } catch (error) {
      setActionError({ context, error });
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function onRole(user: UserAccount, role: Role) {
    await run('role', `The role of ${user.username} was not changed`, async () => {
      await api.updateUser(user.username, { role });
      return `${user.username} is now ${role}; their sessions ended, so they log in again.`;
    });
  }

  async function confirmPending() {
    if (!pending) return;
    setPendingError(null);
    setBusy('pending');
    try {
      if (pending.kind === 'disable') {
        await api.updateUser(pending.user.username, {
          disabled: pending.disabled,
        });
        setNotice(
          pending.disabled
            ? `${pending.user.username} is disabled: their sessions and tokens stopped.`
            : `${pending.user.username} is enabled again.`,
        );
      } else if (pending.kind === 'password') {
        const problem = newPasswordProblem(newPassword, null);
        if (problem) throw new Error(problem);
        await api.updateUser(pending.user.username, { password: newPassword });
        setNotice(`New password set for ${pending.user.username}; the account is unlocked and their sessions ended.`);
      } else {
        await api.revokeToken(pending.token.name);
        setNotice(`Token ${pending.token.name} revoked: scripts using it are refused from now on.`);
      }
      setPending(null);
      setNewPassword('');
      await reload();
    } catch (error) {
      setPendingError(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Users and tokens</h1>
      <p role="status" className="notice-line">
        {notice}
      </p>
      {loadError !== null && <ErrorNotice error={loadError} context="Users and tokens could not be loaded" onRetry={() => void reload()} />}
      <div ref={refusal}>{actionError && <ErrorNotice error={actionError.error} context={actionError.context} />}</div>
      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {users === null && loadError === null && <p>Loading users…</p>}
        {users !== null && (
          <UsersTable
            users={users}
            self={self}
            busy={busy}
            onRole={(user, role) => void onRole(user, role)}
            onDisable={(user, disabled) => {
              setPendingError(null);
              setPending({ kind: 'disable', user, disabled });
            }}
            onPassword={(user) => {
              setPendingError(null);
              setNewPassword('');
              setPending({ kind: 'password', user });
            }}
          />
        )}
        <AddUserForm
          busy={busy !== null}
          onAdd={(draft) =>
            run('add', `${draft.username} was not added`, async () => {
              const user = await api.createUser({
                username: draft.username.trim(),
                role: draft.role,
                password: draft.password,
              });
              return `${user.username} added as ${user.role}.`;
            })
          }
        />
      </section>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p className="muted small">For scripts: each acts as you, in the role it is given (never above yours).</p>
        {created && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
        {tokens !== null && tokens.length === 0 && <p className="muted">No API token yet.</p>}
        {tokens !== null && tokens.length > 0 && (
          <TokensTable
            tokens={tokens}
            busy={busy !== null}
            onRevoke={(token) => {
              setPendingError(null);
              setPending({ kind: 'revoke', token });
            }}
          />
        )}
        <CreateTokenForm
          ownRole={ownRole}
          busy={busy !== null}
          onCreate={(name, role) =>
            run('token', `Token ${name} was not created`, async () => {
              const answer = await api.createToken({ name, role });
              setCreated(answer);
              return `Token ${answer.apiToken.name} created.`;
            })
          }
        />
      </section>
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'revoke'
            ? `Revoke token ${pending.token.name}?`
            : pending?.kind === 'password'
              ? `Set a new password for ${pending.user.username}`
              : pending?.kind === 'disable'
                ? `${pending.disabled ? 'Disable' : 'Enable'} ${pending.user.username}?`
                : ''
        }
        confirmLabel={
          pending?.kind === 'revoke'
            ? 'Revoke'
            : pending?.kind === 'password'
              ? 'Set password'
              : pending?.kind === 'disable' && pending.disabled
                ? 'Disable'
                : 'Enable'
        }
        busyLabel="Saving…"
        busy={busy === 'pending'}
        error={pendingError}
        errorContext="Not done"
        onConfirm={() => void confirmPending()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'revoke' && <p>Scripts using it are refused from the next request on. This cannot be undone; make a new token instead.</p>}
        {pending?.kind === 'disable' && (
          <p>
            {pending.disabled
              ? `${pending.user.username} can no longer log in; their sessions and API tokens stop working at once.`
              : `${pending.user.username} can log in again.`}
          </p>
        )}
        {pending?.kind === 'password' && <PasswordField value={newPassword} onChange={setNewPassword} disabled={busy === 'pending'} />}
      </ConfirmDialog>
    </>
  );
}

function PasswordField({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled: boolean }) {
  const id = useId();
  return (
    <div className="record-form">
      <FormField
        formId={id}
        name="new-password"
        label="New password"
        type="password"
        value={value}
        hint={`At least ${MIN_PASSWORD_CHARACTERS} characters. It also unlocks the account and ends the user's sessions.`}
        disabled={disabled}
        autoComplete="new-password"
        onChange={onChange}
      />
    </div>
  );
}

export function AddUserForm({ busy, onAdd }: { busy: boolean; onAdd: (draft: NewUserDraft) => Promise<boolean> }) {
  const id = useId();
  const [draft, setDraft] = useState<NewUserDraft>(EMPTY_USER);
  const [problems, setProblems] = useState<UserProblems>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkNewUser(draft);
    setProblems(found);
    const first = (['username', 'password', 'confirmation'] as const).find((name) => found[name]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (await onAdd(draft)) setDraft(EMPTY_USER);
  }

  const text = (name: 'username' | 'password' | 'confirmation', label: string, extra: { hint?: string } = {}) => (
    <FormField
      formId={id}
      name={name}
      label={label}
      type={name === 'username' ? 'text' : 'password'}
      autoComplete={name === 'username' ? 'off' : 'new-password'}
      value={draft[name]}
      problem={problems[name]}
      hint={extra.hint}
      disabled={busy}
      onChange={(value) => setDraft({ ...draft, [name]: value })}
    />
  );

  return (
    <form className="record-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>Add a user</h3>
      <div className="fields">
        {text('username', 'User name')}
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={draft.role} disabled={busy} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}>
            {ROLE_CHOICES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        {text('password', 'Password', {
          hint: `At least ${MIN_PASSWORD_CHARACTERS} characters.`,
        })}
        {text('confirmation', 'Password again')}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Add user
        </button>
      </div>
    </form>
  );
}

export function CreateTokenForm({
  ownRole,
  busy,
  onCreate,
}: {
  ownRole: Role;
  busy: boolean;
  onCreate: (name: string, role: Role) => Promise<boolean>;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [problem, setProblem] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = tokenNameProblem(name) ?? undefined;
    setProblem(found);
    if (found) {
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    if (await onCreate(name.trim(), role)) setName('');
  }

  return (
    <form className="record-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>Create a token</h3>
      <div className="fields">
        <FormField formId={id} name="name" label="Token name" value={name} problem={problem} disabled={busy} onChange={setName} />
        <div className="field">
          <label htmlFor={`${id}-role`}>Token role</label>
          <select id={`${id}-role`} value={role} disabled={busy} onChange={(event) => setRole(event.target.value as Role)}>
            {tokenRoleChoices(ownRole).map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Create token
        </button>
      </div>
    </form>
  );
}
