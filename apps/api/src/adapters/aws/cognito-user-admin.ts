import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isUsername, type Role, type UserAccount } from '@invoice/contracts';
import { checkPasswordStrength, DomainError, isRole, roleOfGroups } from '@invoice/inventory';
import type { UserAdmin } from '../../cli/user-admin';
import type { CognitoSettings } from './aws-settings';

/** What Cognito's list calls return at most per page. */
const PAGE_SIZE = 60;

/**
 * `npm run user -- …` in AWS mode: the pool's users, administered with the Admin* API (the caller's IAM
 * credentials, never the Lambda's). A user's role is their one role group (cognito.tf); the rules are those of
 * local mode: names lower-cased, passwords of 12 characters or more, never the last enabled admin demoted or
 * disabled. Changing a role, a password or disabling signs the user out everywhere (their refresh tokens stop);
 * a token already issued stays valid until it expires (an hour, cognito.tf), since the API verifies tokens
 * offline against the JWKS.
 *
 * A pool user in no role group (made in the console, say) can do nothing in the app: `list` leaves them out,
 * and every command but `set-role`, which gives them a role, answers USER_NOT_FOUND for them. Cognito has no
 * lockout of ours, so lockedUntil is always null.
 */
export class CognitoUserAdmin implements UserAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  static fromSettings(settings: Pick<CognitoSettings, 'userPoolId' | 'endpoint'>): CognitoUserAdmin {
    // The pool lives in the region its id names (eu-central-1_AbC123), whatever AWS_REGION says.
    const region = settings.userPoolId.split('_')[0] as string;
    const client = new CognitoIdentityProviderClient({ region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) });
    return new CognitoUserAdmin(client, settings.userPoolId);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  async add(name: string, role: Role, password: string): Promise<UserAccount> {
    const username = usernameOf(name);
    checkRole(role);
    checkPasswordStrength(password);
    await this.call(username, () => this.client.send(new AdminCreateUserCommand({ UserPoolId: this.userPoolId, Username: username, MessageAction: 'SUPPRESS' })));
    try {
      await this.call(username, () => this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: true })));
      await this.call(username, () => this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role })));
    } catch (error) {
      // Half a user (no password, or no role) must not stay behind for the next `add` to collide with.
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username })).catch(() => undefined);
      throw error;
    }
    return this.accountOf(username);
  }

  /** Every user of the pool with a role, by name. */
  async list(): Promise<UserAccount[]> {
    const users: UserType[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: PAGE_SIZE, PaginationToken: token }));
      users.push(...(page.Users ?? []));
      token = page.PaginationToken;
    } while (token);
    const accounts = await Promise.all(users.map(async (user) => accountOfUser(user, await this.groupsOf(user.Username ?? ''))));
    return accounts.filter((account): account is UserAccount => account !== null).sort((a, b) => a.username.localeCompare(b.username));
  }

  async setRole(name: string, role: Role): Promise<UserAccount> {
    const username = usernameOf(name);
    checkRole(role);
    const groups = await this.groupsOf(username);
    if (roleOfGroups(groups) === 'admin' && role !== 'admin') await this.refuseLastAdmin(username);
    await this.call(username, () => this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role })));
    for (const group of groups.filter((group) => isRole(group) && group !== role)) {
      await this.call(username, () => this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group })));
    }
    await this.signOut(username);
    return this.accountOf(username);
  }

  async disable(name: string): Promise<UserAccount> {
    const username = usernameOf(name);
    if ((await this.accountOf(username)).role === 'admin') await this.refuseLastAdmin(username);
    await this.call(username, () => this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username })));
    await this.signOut(username);
    return this.accountOf(username);
  }

  async enable(name: string): Promise<UserAccount> {
    const username = usernameOf(name);
    await this.accountOf(username);
    await this.call(username, () => this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username })));
    return this.accountOf(username);
  }

  async setPassword(name: string, password: string): Promise<UserAccount> {
    const username = usernameOf(name);
    checkPasswordStrength(password);
    await this.accountOf(username);
    await this.call(username, () => this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: true })));
    await this.signOut(username);
    return this.accountOf(username);
  }

  /** The user as the app sees them; USER_NOT_FOUND when the pool has no such user, or one in no role group. */
  private async accountOf(username: string): Promise<UserAccount> {
    const user = await this.call(username, () => this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username })));
    const account = accountOfUser(user, await this.groupsOf(username));
    if (account === null) {
      throw new DomainError('USER_NOT_FOUND', `${username} is in no role group; give them a role first (npm run user -- set-role ${username} ROLE).`, { username });
    }
    return account;
  }

  private async groupsOf(username: string): Promise<string[]> {
    const groups: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(username, () => this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, Limit: PAGE_SIZE, NextToken: token })));
      groups.push(...(page.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])));
      token = page.NextToken;
    } while (token);
    return groups;
  }

  /** LAST_ADMIN unless another enabled user is in the admin group. */
  private async refuseLastAdmin(username: string): Promise<void> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: 'admin', Limit: PAGE_SIZE, NextToken: token }));
      if ((page.Users ?? []).some((user) => user.Enabled !== false && user.Username?.toLowerCase() !== username)) return;
      token = page.NextToken;
    } while (token);
    throw new DomainError('LAST_ADMIN', `${username} is the last enabled administrator; make another user admin first.`, { username });
  }

  private async signOut(username: string): Promise<void> {
    await this.call(username, () => this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username })));
  }

  /** Runs a Cognito call about `username`, translating Cognito's errors about the user into the domain's codes. */
  private async call<T>(username: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'UserNotFoundException') throw userNotFound(username, error);
      if (name === 'UsernameExistsException') throw new DomainError('USER_EXISTS', `A user named ${username} exists already.`, { username }, { cause: error });
      if (name === 'InvalidPasswordException') {
        // The pool's own policy (cognito.tf) may add rules to ours; its message says which, never the password.
        throw new DomainError('WEAK_PASSWORD', `The user pool refused the password: ${(error as Error).message}`, {}, { cause: error });
      }
      throw error;
    }
  }
}

function usernameOf(name: string): string {
  const username = name.trim().toLowerCase();
  if (!isUsername(username)) {
    throw new DomainError('VALIDATION_FAILED', `"${name}" is not a username: letters, digits and . _ @ + -, starting with a letter or digit.`, {
      issues: [{ path: '/username', message: 'must be letters, digits and . _ @ + -, starting with a letter or digit' }],
    });
  }
  return username;
}

function checkRole(role: string): void {
  if (!isRole(role)) {
    throw new DomainError('VALIDATION_FAILED', `"${role}" is not a role: viewer, clerk, approver or admin.`, {
      issues: [{ path: '/role', message: 'must be one of viewer, clerk, approver, admin' }],
    });
  }
}

function userNotFound(username: string, cause?: unknown): DomainError {
  return new DomainError('USER_NOT_FOUND', `No user is named ${username}.`, { username }, { cause });
}

/** What ListUsers and AdminGetUser both tell of a user. */
type PoolUser = Pick<UserType, 'Username' | 'Enabled' | 'UserCreateDate' | 'UserLastModifiedDate'>;

function accountOfUser(user: PoolUser, groups: string[]): UserAccount | null {
  const role = roleOfGroups(groups);
  if (role === null) return null;
  return {
    username: (user.Username ?? '').toLowerCase(),
    role,
    disabled: user.Enabled === false,
    createdAt: (user.UserCreateDate ?? new Date(0)).toISOString(),
    updatedAt: (user.UserLastModifiedDate ?? user.UserCreateDate ?? new Date(0)).toISOString(),
    lockedUntil: null,
  };
}
