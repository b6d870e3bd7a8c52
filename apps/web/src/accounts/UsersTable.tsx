import type { Role, UserAccount } from '@invoice/contracts';
import { ROLE_CHOICES } from '../session/permissions';
import { formatTimestamp } from '../shared/format';

export interface UsersTableProps {
  users: readonly UserAccount[];
  /** The signed-in admin: they may not disable themselves here (LAST_ADMIN guards the rest on the server). */
  self: string;
  busy: string | null;
  onRole: (user: UserAccount, role: Role) => void;
  onDisable: (user: UserAccount, disabled: boolean) => void;
  onPassword: (user: UserAccount) => void;
}

/** Every local user: role (changed in place), whether disabled or locked, and what an admin can do about it. */
export function UsersTable({ users, self, busy, onRole, onDisable, onPassword }: UsersTableProps) {
  return (
    <table className="accounts-table">
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">User</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.username}>
            <th scope="row">{user.username}</th>
            <td>
              <select
                aria-label={`Role of ${user.username}`}
                value={user.role}
                // One's own role is changed by another admin: a slip here would end this very session.
                disabled={busy !== null || user.username === self}
                title={user.username === self ? 'Another admin can change your role.' : undefined}
                onChange={(event) => onRole(user, event.target.value as Role)}
              >
                {ROLE_CHOICES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </td>
            <td>
              {user.disabled ? 'Disabled' : 'Enabled'}
              {user.lockedUntil && <> · locked until {formatTimestamp(user.lockedUntil)}</>}
            </td>
            <td>
              <div className="row-actions">
                {user.username !== self && (
                  <button type="button" className="secondary" disabled={busy !== null} onClick={() => onDisable(user, !user.disabled)}>
                    {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
                  </button>
                )}
                <button type="button" className="secondary" disabled={busy !== null} onClick={() => onPassword(user)}>
                  {user.lockedUntil ? `Set password (unlocks) for ${user.username}` : `Set password for ${user.username}`}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
