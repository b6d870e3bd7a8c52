import type { Page } from 'playwright-core';

export interface E2eUser {
  username: string;
  password: string;
  role: 'viewer' | 'clerk' | 'approver' | 'admin';
}

/** The users every journey's stack starts with: the administrator made by first-start setup, then one per working role. */
export const USERS = {
  admin: { username: 'ada', password: 'ada keeps the books 1', role: 'admin' },
  clerk: { username: 'clara', password: 'clara reviews invoices', role: 'clerk' },
  approver: { username: 'anna', password: 'anna approves stock 2', role: 'approver' },
} as const satisfies Record<string, E2eUser>;

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

/**
 * Accounts as on a fresh office PC: POST /api/setup makes the administrator (loopback only, as here), who logs in and
 * adds the clerk and the approver, and makes an admin API token for the journeys' own API calls (catalogue, polling).
 */
export async function setUpAccounts(baseUrl: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const { username, password } = USERS.admin;
  await expectStatus(
    await fetch(`${baseUrl}/api/setup`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) }),
    201,
    'setup',
  );
  const login = await expectStatus(
    await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) }),
    200,
    'admin login',
  );
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const asAdmin = { ...json, cookie };
  for (const user of [USERS.clerk, USERS.approver]) {
    await expectStatus(
      await fetch(`${baseUrl}/api/users`, { method: 'POST', headers: asAdmin, body: JSON.stringify(user) }),
      201,
      `adding ${user.username}`,
    );
  }
  const token = await expectStatus(
    await fetch(`${baseUrl}/api/tokens`, { method: 'POST', headers: asAdmin, body: JSON.stringify({ name: 'web-e2e', role: 'admin' }) }),
    201,
    'token',
  );
  return ((await token.json()) as { token: string }).token;
}

/** Logs in through the login screen of the page (opening the app first when asked) and waits for the app. */
export async function logIn(page: Page, baseUrl: string | null, user: E2eUser): Promise<void> {
  if (baseUrl !== null) await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByTestId('signed-in-user')
    .and(page.getByText(user.username, { exact: true }))
    .waitFor();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You are logged out.').waitFor();
}
