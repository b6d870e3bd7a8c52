import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { USERS } from '../src/accounts';
import { catalogue } from '../src/catalogue';
import { PARSE_TIMEOUT_MS, useJourney } from '../src/journey';

/** With REQUIRE_SECOND_APPROVER=true, the approver who saved a revision is told, in words, that another must apply it. */
describe('four eyes: the approver who reviewed may not apply', () => {
  const journey = useJourney((stack) => catalogue(stack, ['SHF-1800', 'PJ-2500', 'GL-L-044', 'BIN-40B', 'TAPE-50Y', 'BIN-40-BLUE']), USERS.approver, {
    env: { REQUIRE_SECOND_APPROVER: 'true' },
  });

  it('refuses the apply of a revision the same approver saved, saying why', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('four-eyes-failure');

    await page.goto(stack.baseUrl);
    await page.getByLabel('Choose invoice files').setInputFiles([path.join(stack.fixturesDir, 'ruled_basic.pdf')]);
    await page
      .getByRole('row', { name: /ruled_basic\.pdf/ })
      .getByText('Parsed', { exact: true })
      .waitFor({ timeout: PARSE_TIMEOUT_MS });
    await page.getByRole('link', { name: 'Review ruled_basic.pdf' }).click();
    await page.getByRole('button', { name: 'Line 4: show on the page and correct' }).click();
    await page.getByLabel('SKU', { exact: true }).fill('BIN-40-BLUE');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Reviewed by anna').waitFor();

    pageErrors.expect(/status of 403 \(Forbidden\) \(http:\/\/127\.0\.0\.1:\d+\/api\/jobs\/[^/]+\/apply\)$/);
    await page.getByRole('button', { name: 'Apply to stock…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply invoice INV-2026-0142 to stock?' });
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await dialog.getByText('You saved this review revision yourself: another approver must apply it (four eyes).').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('(SECOND_APPROVER_REQUIRED)');
    await page.locator('.pdf-stage[aria-busy="false"]').waitFor();
    await checkScreen('f01-four-eyes-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The refusal is on the job's trail, with who was refused.
    await page
      .getByRole('table', { name: /Audit trail of this job/ })
      .getByRole('row', { name: /anna approver Apply refused \(apply\.refused\) SECOND_APPROVER_REQUIRED/ })
      .waitFor();

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
