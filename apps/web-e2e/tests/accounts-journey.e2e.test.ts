import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logIn, logOut, USERS } from '../src/accounts';
import { catalogue } from '../src/catalogue';
import { PARSE_TIMEOUT_MS, useJourney } from '../src/journey';

const SKUS = ['SHF-1800', 'PJ-2500', 'GL-L-044', 'BIN-40B', 'TAPE-50Y', 'BIN-40-BLUE'];

/**
 * Issue 15's four eyes in the browser: a clerk reviews and saves but is offered no apply; an approver sees who
 * reviewed and applies; the administrator finds both, by name, on the Audit screen.
 */
describe('a clerk reviews, an approver applies, the administrator audits', () => {
  const journey = useJourney((stack) => catalogue(stack, SKUS), null);

  it('keeps apply from the clerk, shows the approver who reviewed, and lists both users in the audit', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('accounts-failure');
    // Chromium logs each 401 as a console error: the first visit (no session yet) and the wrong password.
    pageErrors.expect(/status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/api\/session\)$/);

    // Not logged in: the login screen, and a wrong password said in words, with the focus on it.
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor();
    await checkScreen('a01-login');
    await page.getByLabel('User name').fill(USERS.clerk.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('Wrong user name or password.').waitFor();
    expect(await refusal.textContent()).toContain('(INVALID_CREDENTIALS)');
    expect(await refusal.evaluate((element) => element === document.activeElement)).toBe(true);
    await checkScreen('a02-login-refused');

    // The clerk uploads and reviews; the job offers no apply, and says which role may.
    await logIn(page, null, USERS.clerk);
    expect(await page.getByRole('banner').textContent()).toContain('clerk');
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await page.getByLabel('Choose invoice files').setInputFiles([path.join(stack.fixturesDir, 'ruled_basic.pdf')]);
    await page
      .getByRole('row', { name: /ruled_basic\.pdf/ })
      .getByText('Parsed', { exact: true })
      .waitFor({ timeout: PARSE_TIMEOUT_MS });
    await page.getByRole('link', { name: 'Review ruled_basic.pdf' }).click();
    await page.getByRole('heading', { name: 'Review: ruled_basic.pdf' }).waitFor();
    await page.getByText('Applying to stock needs the approver role (you are a clerk).').waitFor();
    expect(await page.getByRole('button', { name: 'Apply to stock…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Line 4: show on the page and correct' }).click();
    await page.getByLabel('SKU', { exact: true }).fill('BIN-40-BLUE');
    // The session ends under the clerk (here: its cookie is gone): saving meets a 401, the login comes in front,
    // and after logging in again the unsaved correction is still there to save.
    await page.context().clearCookies();
    pageErrors.expect(/status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/api\/jobs\/[^/]+\/review\)$/);
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Your session ended; log in again. What you were doing is kept.').waitFor();
    expect(await page.getByLabel('User name').inputValue()).toBe(USERS.clerk.username);
    await checkScreen('a03a-session-ended');
    await page.getByLabel('Password').fill(USERS.clerk.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Log in', level: 1 }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: /^BIN-40-BLUE edited, not saved/ }).waitFor();
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Saved review revision 1.').waitFor();
    await page.getByText('Reviewed by clara').waitFor();
    const trail = page.getByRole('table', { name: /Audit trail of this job/ });
    await trail.getByRole('row', { name: /clara clerk Review saved \(review\.save\) revision 1: 1 correction/ }).waitFor();
    await page.locator('.pdf-stage[aria-busy="false"]').waitFor();
    await checkScreen('a03-clerk-review');
    const reviewUrl = page.url();
    await logOut(page);

    // The approver, on the same address, sees who reviewed and applies.
    await logIn(page, null, USERS.approver);
    expect(page.url()).toBe(reviewUrl);
    await page.getByText('Reviewed by clara').waitFor();
    await page.getByRole('button', { name: 'Apply to stock…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply invoice INV-2026-0142 to stock?' });
    await dialog.getByRole('row', { name: 'BIN-40-BLUE +8' }).waitFor();
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await page.getByText('Stock changed for 5 SKUs.').waitFor();
    await trail.getByRole('row', { name: /anna approver Applied to stock \(apply\) revision 1: / }).waitFor();
    await checkScreen('a04-approver-applied');
    await page.getByRole('link', { name: 'Inventory' }).click();
    expect(
      await page
        .getByRole('row', { name: /^BIN-40-BLUE / })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('8');
    await logOut(page);

    // The administrator's Audit screen names both, each with the role they acted in.
    await logIn(page, null, USERS.admin);
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    const entries = page.getByRole('table', { name: 'Audit entries, newest first' });
    await entries.getByRole('row', { name: /anna approver Applied to stock \(apply\)/ }).waitFor();
    await entries.getByRole('row', { name: /clara clerk Review saved \(review\.save\)/ }).waitFor();
    await checkScreen('a05-audit');
    await page.getByLabel('User', { exact: true }).fill('clara');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await entries.getByRole('row', { name: /anna approver Applied to stock/ }).waitFor({ state: 'detached' });
    await entries.getByRole('row', { name: /clara clerk Review saved/ }).waitFor();

    // The filtered entries as CSV: clara's only, the change as JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('at,user,role,action,jobId,requestId,change');
    expect(csv.slice(1, -1).every((row) => row.split(',')[1] === 'clara')).toBe(true);
    expect(csv.some((row) => row.includes(',clara,clerk,review.save,'))).toBe(true);
    await page.getByText(/^Exported \d+ entr/).waitFor();

    // Users and tokens: the three users with their roles.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users and tokens', level: 1 }).waitFor();
    expect(await page.getByLabel('Role of clara').inputValue()).toBe('clerk');
    expect(await page.getByLabel('Role of anna').inputValue()).toBe('approver');
    await page.getByLabel('Token name').fill('nightly-import');
    await page.getByLabel('Token role').selectOption('clerk');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy it now: it is shown only this once.').waitFor();
    expect(await page.getByTestId('new-token').textContent()).toMatch(/^inv_\S{20,}$/);
    await page.getByRole('row', { name: /nightly-import clerk ada .* never Revoke nightly-import/ }).waitFor();
    await checkScreen('a06-users');

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
