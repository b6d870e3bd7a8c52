import type { SchemaName } from '@invoice/contracts';
import { validate } from '@invoice/contracts';
import type { Role } from '@invoice/contracts';
import { createToken, createUser, NO_ACTOR, type AccountPorts, type AuditContext, type Clock } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { expect } from 'vitest';
import { createApp } from '../../src/app';
import { compose, type Composition } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { AllowedHosts } from '../../src/http/allowed-hosts';
import { FAKE_PARSER_COMMAND, REPO_ROOT } from './paths';

export interface TestServer {
  url: string;
  /** The Express app the server runs, for tests that look at its routes. */
  app: Express;
  dataDir: string;
  composition: Composition;
  /** Errors the app logged (every 5xx, coded or not); tests assert there are none. */
  unexpectedErrors: unknown[];
  /** An API token of the administrator `admin`, made at start: what ApiClient sends unless told otherwise. */
  adminToken: string;
  /**
   * An API token of a user holding `role` (the user `username`, default named after the role, created with
   * that role on first use): for tests of who may do what.
   */
  tokenFor(role: Role, username?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** 'fake' runs tests/support/fake-parser.mjs; 'real' the Python parser from the workspace venv. */
  parser?: 'fake' | 'real';
  clock?: Clock;
  /** Start with no user at all (first-start tests); adminToken is then '' until tokenFor('admin') makes one. */
  noUsers?: boolean;
}

export function makeDataDir(label: string): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `api-${label}-`));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * A real HTTP server on 127.0.0.1:0 with the app composed from the given config. It listens before the
 * app is composed, because presigned upload URLs must carry the server's own address.
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig(
    {
      DATA_DIR: options.dataDir,
      PUBLIC_BASE_URL: url,
      ...(options.parser === 'real' ? {} : { PARSER_COMMAND: JSON.stringify(FAKE_PARSER_COMMAND) }),
      ...options.env,
    },
    REPO_ROOT,
  );
  const composition = compose(config, options.clock ? { clock: options.clock } : {});
  const unexpectedErrors: unknown[] = [];
  // The local server's checks of Host and Origin as main.ts installs them.
  const app = createApp(composition.context, {
    validateResponses: true,
    allowedHosts: AllowedHosts.of(config),
    logError: (error) => {
      unexpectedErrors.push(error);
    },
  });
  server.on('request', app);
  const accounts = composition.context.accounts;
  if (accounts === null) throw new Error('startTestServer: local mode has accounts');
  const tokens = new Map<string, string>();
  const tokenFor = async (role: Role, username: string = role): Promise<string> => {
    const known = tokens.get(`${username}/${role}`);
    if (known) return known;
    const token = await userToken(accounts, username, role);
    tokens.set(`${username}/${role}`, token);
    return token;
  };
  return {
    url,
    app,
    dataDir: options.dataDir,
    composition,
    unexpectedErrors,
    adminToken: options.noUsers ? '' : await tokenFor('admin'),
    tokenFor,
    close: () => closeServer(server, composition),
  };
}

/** What the tests' own set-up writes to the trail. */
const TEST_SETUP: AuditContext = { actor: NO_ACTOR, requestId: 'test-setup' };
/** Every test user's password (long enough for the password rule). */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A fresh API token of `username` in `role`, creating the user if this DATA_DIR does not have it yet (a
 * second server on the same directory reuses the first one's users). Token names are unique per call.
 */
async function userToken(accounts: AccountPorts, username: string, role: Role): Promise<string> {
  let user = await accounts.accounts.getUser(username);
  if (user === null) {
    await createUser(accounts, TEST_SETUP, { username, role, password: TEST_PASSWORD });
    user = await accounts.accounts.getUser(username);
  }
  if (user === null) throw new Error(`test user ${username} was not stored`);
  const creator = { username: user.username, role: user.role, via: 'token' as const, expiresAt: null };
  const created = await createToken(accounts, TEST_SETUP, creator, { name: `test-${username}-${role}-${randomUUID().slice(0, 8)}`, role });
  return created.token;
}

async function closeServer(server: Server, composition: Composition): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await composition.close();
}

/** Asserts that a response body matches its contract schema and returns it typed. */
export function expectContract<T>(schema: SchemaName, body: unknown): T {
  const outcome = validate<T>(schema, body);
  expect(outcome.ok ? [] : outcome.issues, `${schema} violated`).toEqual([]);
  return body as T;
}

/** Asserts the error envelope and code of a failed response. */
export function expectError(response: { status: number; body: unknown }, status: number, code: string): void {
  expectContract('error', response.body);
  expect({ status: response.status, code: (response.body as { error: { code: string } }).error.code }).toEqual({ status, code });
}

/** A clock the test moves by hand, for expiry checks. */
export class ManualClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
