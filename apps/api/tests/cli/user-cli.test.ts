import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers, logIn, type AccountPorts } from '@invoice/inventory';
import { SqliteAuditTrail } from '../../src/adapters/local/sqlite-audit-trail';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { LOCAL_DATABASE_FILE } from '../../src/adapters/local/local-database-file';
import { NodeCryptoSecrets } from '../../src/adapters/local/node-crypto-secrets';
import { SqliteAccountStore } from '../../src/adapters/local/sqlite-account-store';
import { REPO_ROOT } from '../support/paths';
import { makeDataDir } from '../support/test-server';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(REPO_ROOT, 'apps', 'api', 'scripts', 'user.ts');
const PASSWORD = 'a long enough password';

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run user -- …` as npm does (tsx from the workspace root), with `stdin` piped in. */
function user(dataDir: string, args: string[], stdin = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, STORAGE: 'local' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The use cases' ports on the database file the server opens under DATA_DIR, for checking what the command did. */
function serverDatabase(dataDir: string): { deps: AccountPorts; audit: SqliteAuditTrail; close(): void } {
  const db = openSqliteDatabase(path.join(dataDir, LOCAL_DATABASE_FILE));
  const audit = new SqliteAuditTrail(db);
  const deps: AccountPorts = { accounts: new SqliteAccountStore(db), secrets: new NodeCryptoSecrets(), audit, clock: { now: () => new Date() }, newId: () => globalThis.crypto.randomUUID() };
  return { deps, audit, close: () => db.close() };
}

const ANONYMOUS = { actor: { user: null, role: null }, requestId: 'test' };

describe('npm run user', () => {
  let dir: ReturnType<typeof makeDataDir>;
  // The server's connection, held open throughout: the command works while the server runs.
  let server: ReturnType<typeof serverDatabase>;
  beforeAll(() => {
    dir = makeDataDir('user-cli');
    server = serverDatabase(dir.dataDir);
  });
  afterAll(() => {
    server.close();
    dir.remove();
  });

  it('adds a user with the password from standard input, and lists them', async () => {
    const added = await user(dir.dataDir, ['add', 'Root', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
    expect(added).toMatchObject({ status: 0, stdout: 'added root (admin)\n', stderr: '' });
    await user(dir.dataDir, ['add', 'ana', '--role=clerk', '--password-stdin'], PASSWORD);

    const listed = await user(dir.dataDir, ['list']);

    expect(listed.status).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+DISABLED\s+LOCKED UNTIL\s+CREATED$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ['ana', 'clerk', 'no'],
      ['root', 'admin', 'no'],
    ]);
    expect((await listUsers(server.deps)).map((account) => account.username)).toEqual(['ana', 'root']);
  });

  it('changes a role and disables a user, in the same database the server opens, recorded in the trail', async () => {
    expect(await user(dir.dataDir, ['set-role', 'ana', 'approver'])).toMatchObject({ status: 0, stdout: 'changed ana (approver)\n' });
    expect(await user(dir.dataDir, ['disable', 'ana'])).toMatchObject({ status: 0, stdout: 'disabled ana (approver, disabled)\n' });

    const { deps, audit, close } = serverDatabase(dir.dataDir);
    try {
      await expect(logIn(deps, ANONYMOUS, { username: 'ana', password: PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect((await logIn(deps, ANONYMOUS, { username: 'root', password: PASSWORD })).principal.role).toBe('admin');
      const updates = (await audit.query({ action: 'user.update', limit: 10 })).items;
      expect(updates).toHaveLength(2);
      for (const entry of updates) {
        expect(entry.actor.role).toBe('admin');
        expect(entry.requestId).toMatch(/^cli-[0-9a-f-]{36}$/);
      }
    } finally {
      close();
    }

    expect(await user(dir.dataDir, ['enable', 'ana'])).toMatchObject({ status: 0, stdout: 'enabled ana (approver)\n' });
  });

  it('sets a new password from standard input', async () => {
    expect(await user(dir.dataDir, ['set-password', 'ana', '--password-stdin'], 'another long passphrase\n')).toMatchObject({ status: 0 });

    const { deps, close } = serverDatabase(dir.dataDir);
    try {
      expect((await logIn(deps, ANONYMOUS, { username: 'ana', password: 'another long passphrase' })).principal).toMatchObject({ username: 'ana', role: 'approver' });
    } finally {
      close();
    }
  });

  it('fails with exit 2 and one line naming the code: a weak password, a taken name, an unknown user, the last admin', async () => {
    const cases: Array<[string[], string, string]> = [
      [['add', 'bob', '--role', 'clerk', '--password-stdin'], 'short\n', 'WEAK_PASSWORD'],
      [['add', 'ANA', '--role', 'clerk', '--password-stdin'], `${PASSWORD}\n`, 'USER_EXISTS'],
      [['disable', 'nobody'], '', 'USER_NOT_FOUND'],
      [['set-role', 'root', 'viewer'], '', 'LAST_ADMIN'],
    ];
    for (const [args, stdin, code] of cases) {
      const outcome = await user(dir.dataDir, args, stdin);
      expect(outcome.status, args.join(' ')).toBe(2);
      expect(outcome.stderr, args.join(' ')).toMatch(new RegExp(`^${code}: [^\\n]+\\n$`));
      expect(outcome.stderr).not.toContain('short');
    }
  });

  it('refuses bad usage with VALIDATION_FAILED: no --password-stdin, an unknown role or command, a password on the command line', async () => {
    const cases = [
      ['add', 'bob', '--role', 'clerk'],
      ['add', 'bob', '--role', 'boss', '--password-stdin'],
      ['add', 'bob', '--role', 'clerk', '--password', PASSWORD],
      ['frobnicate'],
      ['add', 'not a name!', '--role', 'clerk', '--password-stdin'],
    ];
    for (const args of cases) {
      const outcome = await user(dir.dataDir, args, `${PASSWORD}\n`);
      expect(outcome.status, args.join(' ')).toBe(2);
      expect(outcome.stderr, args.join(' ')).toMatch(/^VALIDATION_FAILED: [^\n]+\n$/);
    }
  });
});
