import type { ApiToken, UserAccount } from '@invoice/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkNewUser, EMPTY_USER, tokenNameProblem, tokenRoleChoices } from '../src/accounts/account-forms';
import { AddUserForm, CreateTokenForm } from '../src/accounts/AccountsScreen';
import { NewTokenNotice } from '../src/accounts/NewTokenNotice';
import { TokensTable } from '../src/accounts/TokensTable';
import { UsersTable } from '../src/accounts/UsersTable';

const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;
const yes = async () => true;

function user(username: string, overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    username,
    role: 'clerk',
    disabled: false,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    lockedUntil: null,
    ...overrides,
  };
}

describe('UsersTable', () => {
  const users = [
    user('root', { role: 'admin' }),
    user('clara', { lockedUntil: '2026-12-01T10:15:00.000Z' }),
    user('vic', { role: 'viewer', disabled: true }),
  ];
  const markup = render(<UsersTable users={users} self="root" busy={null} onRole={noop} onDisable={noop} onPassword={noop} />);

  it("lists each user's role in a labelled picker, and whether disabled or locked", () => {
    expect(markup).toContain('aria-label="Role of clara"');
    expect(markup).toMatch(/<select aria-label="Role of vic">.*<option value="viewer" selected="">viewer<\/option>/);
    expect(text(markup)).toContain(`Enabled · locked until ${new Date('2026-12-01T10:15:00.000Z').toLocaleString()}`);
    expect(text(markup)).toMatch(/vic .* Disabled Enable vic/);
  });

  it('offers disable, enable and a new password (which unlocks), but never disabling oneself', () => {
    expect(text(markup)).toContain('Disable clara');
    expect(text(markup)).toContain('Set password (unlocks) for clara');
    expect(text(markup)).toContain('Set password for root');
    expect(text(markup)).not.toContain('Disable root');
  });

  it('holds every control while a change is on its way', () => {
    const busy = render(<UsersTable users={users} self="root" busy="role" onRole={noop} onDisable={noop} onPassword={noop} />);
    expect(busy.match(/disabled=""/g)?.length).toBe(3 + 2 + 3);
  });
});

describe('AddUserForm', () => {
  it('asks for a name, a role, the password (12 characters) and its confirmation', () => {
    const markup = render(<AddUserForm busy={false} onAdd={yes} />);
    for (const label of ['User name', 'Role', 'Password', 'Password again']) expect(markup).toContain(`">${label}</label>`);
    expect(text(markup)).toContain('At least 12 characters.');
    expect(markup).toMatch(/<option value="clerk" selected="">clerk<\/option>/);
  });

  it('finds the problems before sending', () => {
    expect(checkNewUser(EMPTY_USER)).toEqual({
      username: 'Enter a user name.',
      password: 'The password needs at least 12 characters; this one has 0.',
    });
    expect(checkNewUser({ username: 'bad name', role: 'clerk', password: 'long enough pass', confirmation: 'other' })).toEqual({
      username: 'Use letters, digits and . _ @ + - only, starting with a letter or digit (at most 128).',
      confirmation: 'The two passwords differ; type the same password twice.',
    });
    expect(checkNewUser({ username: 'anna@example.com', role: 'approver', password: 'long enough pass', confirmation: 'long enough pass' })).toEqual(
      {},
    );
  });
});

describe('tokens', () => {
  const token: ApiToken = { name: 'nightly-import', role: 'clerk', username: 'root', createdAt: '2026-12-01T09:00:00.000Z', lastUsedAt: null };

  it('lists tokens by name, role and user, never the token, each with Revoke', () => {
    const markup = render(<TokensTable tokens={[token]} busy={false} onRevoke={noop} />);
    expect(text(markup)).toMatch(/nightly-import clerk root .* never Revoke nightly-import/);
  });

  it('offers token roles up to the creator’s own only', () => {
    expect(tokenRoleChoices('approver')).toEqual(['viewer', 'clerk', 'approver']);
    const markup = render(<CreateTokenForm ownRole="clerk" busy={false} onCreate={yes} />);
    expect(markup).toContain('<option value="clerk">clerk</option>');
    expect(markup).not.toContain('<option value="approver">');
    expect(tokenNameProblem('')).toBe('Enter a name, e.g. nightly-import.');
    expect(tokenNameProblem('has space')).toMatch(/letters, digits/);
    expect(tokenNameProblem('ci.deploy-1')).toBeNull();
  });

  it('shows a new token once, with a copy button and the warning', () => {
    const markup = render(<NewTokenNotice created={{ token: 'inv_abcdefghijklmnopqrstuvwxyz0123456789', apiToken: token }} onDone={noop} />);
    expect(text(markup)).toContain('Copy it now: it is shown only this once.');
    expect(text(markup)).toContain('inv_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(markup).toContain('>Copy token</button>');
  });
});

describe('UsersTable and oneself', () => {
  it("leaves one's own role to another admin", () => {
    const markup = render(
      <UsersTable users={[user('root', { role: 'admin' })]} self="root" busy={null} onRole={noop} onDisable={noop} onPassword={noop} />,
    );
    expect(markup).toMatch(/<select aria-label="Role of root" disabled="" title="Another admin can change your role.">/);
  });
});
