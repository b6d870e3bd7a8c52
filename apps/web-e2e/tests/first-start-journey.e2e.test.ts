import { describe, expect, it } from 'vitest';
import { useJourney } from '../src/journey';

/** A fresh server has no user: the browser on this machine creates the administrator, who is then logged in. */
describe('first start: create the administrator', () => {
  const journey = useJourney(async () => undefined, null, { accounts: false });

  it('asks for the administrator, holds a short password back with the rule, then logs the new admin in', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('first-start-failure');

    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: 'Create the administrator', level: 1 }).waitFor();
    await checkScreen('s01-setup');

    // Too short: said beside the field, which takes the focus; nothing is sent.
    await page.getByLabel('User name').fill('Root');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Password again').fill('too short');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    const password = page.getByLabel('Password', { exact: true });
    await page.getByText('The password needs at least 12 characters; this one has 9.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.evaluate((field) => field === document.activeElement)).toBe(true);
    await checkScreen('s02-setup-short-password');

    await password.fill('a long enough passphrase');
    await page.getByLabel('Password again').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    // Names are kept lower-case.
    await page
      .getByTestId('signed-in-user')
      .and(page.getByText('root', { exact: true }))
      .waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('admin');
    await page.getByRole('link', { name: 'Users' }).click();
    expect(await page.getByLabel('Role of root').inputValue()).toBe('admin');

    // A second setup is refused by the server: the first-start screen is gone for good.
    const again = await fetch(`${stack.baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'eve', password: 'another long passphrase' }),
    });
    expect(again.status).toBe(409);

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
