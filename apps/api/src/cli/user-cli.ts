import type { Role, UserAccount } from '@invoice/contracts';
import { validate } from '@invoice/contracts';
import { isRole, ROLES, type AuditContext } from '@invoice/inventory';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CognitoUserAdmin } from '../adapters/aws/cognito-user-admin';
import { loadConfig, resolveCognitoPool, type Config } from '../config';
import { openLocalUserAdmin } from './local-user-admin';
import type { UserAdmin } from './user-admin';

export const USAGE = `usage: npm run user -- <command>
  add NAME --role ROLE --password-stdin   add a user (ROLE: ${ROLES.join(', ')})
  list                                    list the users
  set-role NAME ROLE                      change a user's role (ends their sessions)
  disable NAME                            disable a user (ends their sessions; their API tokens stop)
  enable NAME                             enable a user again
  set-password NAME --password-stdin      set a new password (ends their sessions, unlocks the account)
The password is read from standard input (one line), never from the command line, where other users of the
machine could read it. Local mode uses DATA_DIR's database, running server or not; AWS mode (STORAGE=aws) the
Cognito user pool.`;

/** The command line's failure: a code (from libs/contracts where one fits) and a message, printed on one line. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  /** The first line of standard input (the password), without its line ending. */
  readSecret(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** Exit status of a command that failed: 2, whether the arguments or the store refused it. */
export const EXIT_FAILED = 2;

/** Runs `npm run user -- …`; returns the exit status (0, or EXIT_FAILED after one line naming the code). */
export async function runUserCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help') {
    io.out(`${USAGE}\n`);
    return args.length === 0 ? EXIT_FAILED : 0;
  }
  let admin: UserAdmin | null = null;
  try {
    const command = parseCommand(args);
    const password = command.readsPassword ? await io.readSecret() : '';
    admin = openUserAdmin(loadConfig(io.env), cliContext());
    io.out(await command.run(admin, password));
    return 0;
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${code}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_FAILED;
  } finally {
    await admin?.close();
  }
}

/**
 * The one switch on the mode for the command line, as compose() is for the server. AWS mode: the Cognito
 * helper's apps/api/src/adapters/aws/cognito-user-admin.ts (AdminCreateUser, AdminAddUserToGroup, ...)
 * plugs in here.
 */
function openUserAdmin(config: Config, context: AuditContext): UserAdmin {
  switch (config.storage) {
    case 'local':
      return openLocalUserAdmin(config.dataDir, context);
    case 'aws':
      // The pool's Admin* API with the caller's own AWS credentials; Cognito (CloudTrail) records who did what.
      return CognitoUserAdmin.fromSettings(resolveCognitoPool(config.aws));
    default:
      throw new CliError('VALIDATION_FAILED', `STORAGE must be local or aws (got "${config.storage}").`);
  }
}

/**
 * Who the trail names for a command run here: the system user, when the name fits the Username pattern
 * (otherwise nobody), acting as an admin; the request id marks the entry as made from the command line.
 */
function cliContext(): AuditContext {
  let user: string | null = null;
  try {
    const name = os.userInfo().username;
    user = validate('api/credentials', { username: name, password: 'x' }).ok ? name : null;
  } catch {
    user = null; // no passwd entry for this uid (some containers)
  }
  return { actor: { user, role: 'admin' }, requestId: `cli-${globalThis.crypto.randomUUID()}` };
}

interface Command {
  readsPassword: boolean;
  run(admin: UserAdmin, password: string): Promise<string>;
}

function parseCommand(args: readonly string[]): Command {
  const usage = (problem: string): CliError => new CliError('VALIDATION_FAILED', `${problem} (npm run user -- help)`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } } });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const [name, ...positional] = parsed.positionals;
  const { role: roleOption, 'password-stdin': passwordStdin } = parsed.values;
  const expect = (count: number, options: { role?: boolean; password?: boolean } = {}): void => {
    if (positional.length !== count) throw usage(`${name} takes ${count === 1 ? 'one NAME' : `${count} arguments`}, got ${positional.length}`);
    if (!options.role && roleOption !== undefined) throw usage(`${name} does not take --role`);
    if (options.role && roleOption === undefined) throw usage(`${name} needs --role ROLE`);
    if (options.password && !passwordStdin) throw usage(`${name} needs --password-stdin: the password is read from standard input`);
    if (!options.password && passwordStdin) throw usage(`${name} does not take --password-stdin`);
  };

  switch (name) {
    case 'add': {
      expect(1, { role: true, password: true });
      const [username] = positional as [string];
      const role = roleOf(roleOption as string);
      return {
        readsPassword: true,
        run: async (admin, password) => {
          checkNewUser(username, role, password);
          return `added ${describe(await admin.add(username, role, password))}\n`;
        },
      };
    }
    case 'list':
      expect(0);
      return { readsPassword: false, run: async (admin) => table(await admin.list()) };
    case 'set-role': {
      expect(2);
      const [username, roleName] = positional as [string, string];
      const role = roleOf(roleName);
      return { readsPassword: false, run: async (admin) => `changed ${describe(await admin.setRole(username, role))}\n` };
    }
    case 'disable':
      expect(1);
      return { readsPassword: false, run: async (admin) => `disabled ${describe(await admin.disable(positional[0]!))}\n` };
    case 'enable':
      expect(1);
      return { readsPassword: false, run: async (admin) => `enabled ${describe(await admin.enable(positional[0]!))}\n` };
    case 'set-password':
      expect(1, { password: true });
      return { readsPassword: true, run: async (admin, password) => `set the password of ${describe(await admin.setPassword(positional[0]!, password))}\n` };
    default:
      throw usage(`unknown command "${name}"`);
  }
}

function roleOf(value: string): Role {
  if (!isRole(value)) throw new CliError('VALIDATION_FAILED', `ROLE must be one of ${ROLES.join(', ')} (got "${value}").`);
  return value;
}

/** The name and password as POST /api/users would take them: the same schema, so both ways agree. */
function checkNewUser(username: string, role: Role, password: string): void {
  const outcome = validate('api/create-user-request', { username, role, password });
  if (!outcome.ok) {
    throw new CliError('VALIDATION_FAILED', outcome.issues.map((issue) => `${issue.path || 'input'} ${issue.message}`).join('; '));
  }
}

function describe(account: UserAccount): string {
  return `${account.username} (${account.role}${account.disabled ? ', disabled' : ''})`;
}

/** `list` as a table with a header row, columns padded to their widest cell. */
export function table(accounts: readonly UserAccount[]): string {
  const rows = [
    ['USERNAME', 'ROLE', 'DISABLED', 'LOCKED UNTIL', 'CREATED'],
    ...accounts.map((account) => [account.username, account.role, account.disabled ? 'yes' : 'no', account.lockedUntil ?? '-', account.createdAt]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n') + '\n';
}
