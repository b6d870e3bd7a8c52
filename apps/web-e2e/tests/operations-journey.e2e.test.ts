import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSE_TIMEOUT_MS, useJourney } from '../src/journey';

/**
 * Issue 17's operations view in the browser: after one invoice parsed and one upload that is no PDF failed, the
 * Operations screen counts both, names its charts for screen readers, lists the failure under its code with
 * its attempts, switches to 30 days, and links the failure to its job.
 */
describe('the operations view counts what parsed and what failed', () => {
  const journey = useJourney();

  it('shows the totals, the charts and the failure by code, in both windows, and opens the failed job', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('operations-failure');

    // An upload that is no PDF: the parser fails it with NOT_A_PDF.
    const broken = path.join(stack.fixturesDir, 'broken.pdf');
    writeFileSync(broken, 'this is not a PDF at all');
    await page.goto(stack.baseUrl);
    await page.getByLabel('Choose invoice files').setInputFiles([path.join(stack.fixturesDir, 'ruled_basic.pdf'), broken]);
    await page
      .getByRole('row', { name: /ruled_basic\.pdf/ })
      .getByText('Parsed', { exact: true })
      .waitFor({ timeout: PARSE_TIMEOUT_MS });
    await page
      .getByRole('row', { name: /broken\.pdf/ })
      .getByText('Failed', { exact: true })
      .waitFor({ timeout: PARSE_TIMEOUT_MS });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();
    await page.getByRole('img', { name: /^Jobs per hour\. 2 created;/ }).waitFor();
    expect((await page.locator('.ops-totals').innerText()).replace(/\s+/g, ' ')).toMatch(/^Jobs created 2 Parsed 1 Failed 1 Success rate 50\.0 %/);
    await page.getByRole('img', { name: /^Success rate\. 50\.0 % of 2 parse requests ended parsed/ }).waitFor();
    await page.getByRole('img', { name: /^Upload to parsed\. Median / }).waitFor();
    const failures = page.getByRole('region', { name: 'Failures by code' });
    await failures.getByRole('heading', { name: /^NOT_A_PDF 1 failure$/ }).waitFor();
    await failures
      .getByRole('list', { name: 'Attempts of broken.pdf, attempt 1' })
      .getByText(/^Attempt 1: failed \(NOT_A_PDF\), queued /)
      .waitFor();
    await checkScreen('o01-operations-24h');

    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.getByRole('img', { name: /^Jobs per day\. 2 created;/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');
    await checkScreen('o02-operations-30d');

    await failures.getByRole('link', { name: 'broken.pdf' }).click();
    await page.getByRole('heading', { name: 'Review: broken.pdf', level: 1 }).waitFor();
    await page.getByText('Parsing failed').waitFor();

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
