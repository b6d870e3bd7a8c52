import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '@invoice/contracts';
import { checkPasswordStrength, DomainError, isRole, roleOfGroups } from '@invoice/inventory';
import type { CognitoSettings } from './aws-settings';
import { ACCEPTED_USERNAME } from './cognito-jwt-authenticator';

/** A pool user as `npm run user -- list` shows it; role null when the user is in no role group. */
export interface CognitoUserView {
  username: string;
  role: Role | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What Cognito's list calls return at most per page. */
const PAGE_SIZE = 60;

/**
 * `npm run user -- …` in AWS mode: the pool's users, administered with the Admin* API (the caller's IAM
 * credentials, never the Lambda's). A user's role is their one role group (cognito.tf); the rules are those of
 * local mode: names lower-cased, passwords of 12 characters or more, never the last enabled admin demoted or
 * disabled. Changing a role, a password or disabling signs the user out everywhere (their refresh tokens stop);
 * a token already issued stays valid until it expires (an hour, cognito.tf), since the API verifies tokens
 * offline against the JWKS.
 */
export class CognitoUserAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  static fromSettings(settings: Pick<CognitoSettings, 'userPoolId' | 'endpoint'>): CognitoUserAdmin {
    // The pool lives in the region its id names (eu-central-1_AbC123), whatever AWS_REGION says.
    const region = settings.userPoolId.split('_')[0];
    const client = new CognitoIdentityProviderClient({ region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) });
    return new CognitoUserAdmin(client, settings.userPoolId);
  }

  close(): void {
    this.client.destroy();
  }

  async add(name: string, role: Role, password: string): Promise<CognitoUserView> {
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
    return this.view(username);
  }

  /** Every user of the pool, by name. */
  async list(): Promise<CognitoUserView[]> {
    const users: UserType[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: PAGE_SIZE, PaginationToken: token }));
      users.push(...(page.Users ?? []));
      token = page.PaginationToken;
    } while (token);
    const views = await Promise.all(users.map(async (user) => viewOf(user, await this.groupsOf(user.Username ?? ''))));
    return views.sort((a, b) => a.username.localeCompare(b.username));
  }

  async setRole(name: string, role: Role): Promise<void> {
    const username = usernameOf(name);
    checkRole(role);
    const groups = await this.groupsOf(username);
    if (roleOfGroups(groups) === 'admin' && role !== 'admin') await this.refuseLastAdmin(username);
    await this.call(username, () => this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role })));
    for (const group of groups.filter((group) => isRole(group) && group !== role)) {
      await this.call(username, () => this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group })));
    }
    await this.signOut(username);
  }

  async disable(name: string): Promise<void> {
    const username = usernameOf(name);
    if (roleOfGroups(await this.groupsOf(username)) === 'admin') await this.refuseLastAdmin(username);
    await this.call(username, () => this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username })));
    await this.signOut(username);
  }

  async enable(name: string): Promise<void> {
    const username = usernameOf(name);
    await this.call(username, () => this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username })));
  }

  async setPassword(name: string, password: string): Promise<void> {
    const username = usernameOf(name);
    checkPasswordStrength(password);
    await this.call(username, () => this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: true })));
    await this.signOut(username);
  }

  private async view(username: string): Promise<CognitoUserView> {
    const found = (await this.list()).find((user) => user.username === username);
    if (!found) throw userNotFound(username);
    return found;
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
  if (!ACCEPTED_USERNAME.test(username)) {
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

function viewOf(user: UserType, groups: string[]): CognitoUserView {
  return {
    username: (user.Username ?? '').toLowerCase(),
    role: roleOfGroups(groups),
    disabled: user.Enabled === false,
    createdAt: (user.UserCreateDate ?? new Date(0)).toISOString(),
    updatedAt: (user.UserLastModifiedDate ?? user.UserCreateDate ?? new Date(0)).toISOString(),
  };
}
