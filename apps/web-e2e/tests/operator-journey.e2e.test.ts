import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, USERS } from '../src/accounts';
import { catalogue } from '../src/catalogue';
import { PARSE_TIMEOUT_MS, useJourney, WIDE } from '../src/journey';
import type { LocalStack } from '../src/local-stack';
import { screenshot } from '../src/page-checks';

const NARROW = { width: 400, height: 860 };

/**
 * The outline of line 1 lies inside the drawn page, in its upper half, across most of its width: the bbox
 * (PDF points, top-left origin) was scaled like the page. Polled, since the page may still be re-fitting.
 */
async function expectOutlineOnFirstLine(page: Page): Promise<void> {
  const canvas = page.getByRole('img', { name: /^Page 1 of / });
  let last = '';
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const pageBox = await canvas.boundingBox();
    const outline = await page.getByTestId('line-highlight').boundingBox();
    if (pageBox && outline) {
      const inside =
        outline.x >= pageBox.x - 4 &&
        outline.x + outline.width <= pageBox.x + pageBox.width + 4 &&
        outline.y > pageBox.y &&
        outline.y + outline.height < pageBox.y + pageBox.height / 2 &&
        outline.width > pageBox.width / 2;
      if (inside) return;
      last = `page ${JSON.stringify(pageBox)}, outline ${JSON.stringify(outline)}`;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the outline of line 1 is not on the first line of the page: ${last}`);
}

/** Polls the API (not the UI) until the named job's given attempt has settled in `status`. */
async function expectAttempt(stack: LocalStack, fileName: string, attempt: number, status: string): Promise<void> {
  const deadline = Date.now() + PARSE_TIMEOUT_MS;
  let seen = '';
  while (Date.now() < deadline) {
    const answer = await fetch(`${stack.baseUrl}/api/jobs`, { headers: { authorization: `Bearer ${stack.token}` } });
    const list = (await answer.json()) as { items: { fileName: string; attempt: number; status: string }[] };
    const job = list.items.find((item) => item.fileName === fileName);
    seen = JSON.stringify(job);
    if (job && job.attempt === attempt && job.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${fileName} did not reach attempt ${attempt} ${status}: ${seen}`);
}

describe('an operator takes an invoice from upload to stock in the browser', () => {
  // The invoice's SKUs, and BIN-40-BLUE the journey corrects line 4 to, are items of the catalogue already.
  const journey = useJourney((stack) => catalogue(stack, ['SHF-1800', 'PJ-2500', 'GL-L-044', 'BIN-40B', 'TAPE-50Y', 'BIN-40-BLUE']));

  it('uploads, parses, reviews, corrects, applies exactly once and shows the stock', async () => {
    const { stack, browser, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('failure');
    const invoice = path.join(stack.fixturesDir, 'ruled_basic.pdf');
    const broken = path.join(stack.fixturesDir, 'broken.pdf');
    writeFileSync(broken, 'This is a text file that only pretends to be a PDF.\n');

    // Jobs: empty, then two files dropped in at once through the labelled file input.
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await checkScreen('01-jobs-empty');

    const multipage = path.join(stack.fixturesDir, 'multipage_repeated_header.pdf');
    await page.getByLabel('Choose invoice files').setInputFiles([invoice, broken, multipage]);
    const invoiceRow = page.getByRole('row', { name: /ruled_basic\.pdf/ });
    await invoiceRow.getByText('Parsed', { exact: true }).waitFor({ timeout: PARSE_TIMEOUT_MS });
    const brokenRow = page.getByRole('row', { name: /broken\.pdf/ });
    await brokenRow.getByText('Failed', { exact: true }).waitFor({ timeout: PARSE_TIMEOUT_MS });
    expect(await page.getByRole('progressbar', { name: 'Upload progress of ruled_basic.pdf' }).getAttribute('value')).toBe('1');
    expect(await invoiceRow.textContent()).toContain('Acme Industrial Supply Ltd');
    expect(await invoiceRow.textContent()).toContain('INV-2026-0142');
    expect(await brokenRow.textContent()).toContain('This file is neither a PDF nor a supported e-invoice (XML). (NOT_A_PDF)');
    // Re-parse starts a second attempt, which fails the same way and says so again.
    await brokenRow.getByRole('button', { name: 'Re-parse broken.pdf' }).click();
    await expectAttempt(stack, 'broken.pdf', 2, 'FAILED');
    await brokenRow
      .getByRole('button', { name: 'Re-parse broken.pdf' })
      .and(page.getByText('Re-parse', { exact: true }))
      .waitFor();
    await page.getByText('Updating while work is in progress…').waitFor({ state: 'hidden' });
    // Let the list read that the re-parse kicked off come back before counting what follows it.
    await page.waitForTimeout(500);
    await brokenRow.getByText('Failed', { exact: true }).waitFor();
    await checkScreen('02-jobs-parsed-and-failed');

    // Nothing is in flight any more, so the list stops polling (its back-off tops out at 5 s).
    let listRequests = 0;
    const countListRequests = (request: { url(): string }) => {
      if (new URL(request.url()).pathname === '/api/jobs') listRequests += 1;
    };
    page.on('request', countListRequests);
    await page.waitForTimeout(5_500);
    page.off('request', countListRequests);
    expect(listRequests).toBe(0);

    // Review: the invoice's SKUs beside the rendered page, with the selected line outlined on it.
    await page.getByRole('link', { name: 'Review ruled_basic.pdf' }).click();
    await page.getByRole('heading', { name: 'Review: ruled_basic.pdf' }).waitFor();
    for (const sku of ['SHF-1800', 'PJ-2500', 'GL-L-044', 'BIN-40B', 'TAPE-50Y'])
      await page.getByRole('cell', { name: sku, exact: true }).waitFor();
    const canvas = page.getByRole('img', { name: 'Page 1 of ruled_basic.pdf' });
    await canvas.waitFor();
    await page.getByRole('button', { name: 'Line 1: show on the page and correct' }).click();
    await page.getByText('line 1 outlined').waitFor();
    await page.locator('.pdf-stage[aria-busy="false"]').waitFor();
    await checkScreen('03-review');
    await expectOutlineOnFirstLine(page);

    // Keyboard only: a line's button, Enter, then Tab lands in that line's SKU field with a visible focus ring.
    await page.getByRole('button', { name: 'Line 5: show on the page and correct' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Correct line 5' }).waitFor();
    await page.keyboard.press('Tab');
    const skuField = page.getByLabel('SKU', { exact: true });
    expect(await skuField.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await skuField.evaluate((field) => getComputedStyle(field).outlineStyle)).not.toBe('none');
    await screenshot(page, '03b-review-keyboard');
    await page.getByRole('button', { name: 'Line 1: show on the page and correct' }).click();

    // A second tab opens the same review now; it will try to apply after the first tab did.
    // Its own browser context, so it logs in too (before its errors are watched: a first visit starts with a 401).
    const staleTab = await browser.newPage({ viewport: WIDE });
    await logIn(staleTab, stack.baseUrl, USERS.admin);
    pageErrors.watch(staleTab, 'stale tab');
    await staleTab.goto(page.url());
    await staleTab.getByRole('button', { name: 'Apply to stock…' }).waitFor();

    // Correct line 1's quantity, and give line 4 our own SKU, remembered for this supplier.
    // Every field of the line is an input with its plain name; Add line and Delete line are buttons.
    for (const label of ['SKU', 'Description', 'Quantity', 'Unit price', 'Line total']) await page.getByLabel(label, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Delete line' }).waitFor();
    await page.getByRole('button', { name: 'Add line' }).waitFor();
    await page.getByLabel('Quantity', { exact: true }).fill('3');
    await page.getByRole('cell', { name: /3 edited, not saved/ }).waitFor();
    await page.getByRole('button', { name: 'Line 4: show on the page and correct' }).click();
    await page.getByLabel('SKU', { exact: true }).fill('BIN-40-BLUE');
    await page.getByLabel(/Remember for this supplier/).check();
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Saved review revision 1.').waitFor();
    await page.getByRole('cell', { name: '3 changed was 2' }).waitFor();
    await page.getByRole('cell', { name: /^BIN-40-BLUE / }).waitFor();
    await checkScreen('04-review-corrected');

    // The stale tab still shows revision 0: its confirmation is refused, and its dialog then lists the current changes.
    await staleTab.getByRole('button', { name: 'Apply to stock…' }).click();
    const staleDialog = staleTab.getByRole('dialog');
    await staleDialog.getByRole('row', { name: 'SHF-1800 +2' }).waitFor();
    pageErrors.expect(/status of 409 \(Conflict\) \(http:\/\/127\.0\.0\.1:\d+\/api\/jobs\/[^/]+\/apply\)$/);
    await staleDialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await staleDialog.getByText(/The review changed meanwhile\. The list above now shows the current changes/).waitFor();
    await staleDialog.getByText('(REVIEW_CONFLICT)').waitFor();
    await staleDialog.getByRole('row', { name: 'SHF-1800 +3' }).waitFor();
    await staleDialog.getByRole('row', { name: 'BIN-40-BLUE +8' }).waitFor();
    await screenshot(staleTab, '05a-stale-tab-conflict');
    await staleDialog.getByRole('button', { name: 'Cancel' }).click();
    await staleDialog.waitFor({ state: 'hidden' });

    // Apply through the confirmation, which lists the stock changes per SKU; a double click applies once.
    // The confirmation is a modal dialog: Escape leaves it without applying and gives the focus back.
    const applyButton = page.getByRole('button', { name: 'Apply to stock…' });
    await applyButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await applyButton.evaluate((button) => button === document.activeElement)).toBe(true);
    // One more correction, typed but not saved: Apply saves it first (revision 2), then asks.
    await page.getByRole('button', { name: 'Line 3: show on the page and correct' }).click();
    await page.getByLabel('Quantity', { exact: true }).fill('10');
    await applyButton.click();
    await page.getByText('Saved review revision 2.').waitFor();
    const dialog = page.getByRole('dialog', { name: 'Apply invoice INV-2026-0142 to stock?' });
    await dialog.waitFor();
    const changes = await dialog.getByRole('row').allTextContents();
    expect(changes.slice(1)).toEqual(['BIN-40-BLUE+8', 'GL-L-044+10', 'PJ-2500+1', 'SHF-1800+3', 'TAPE-50Y+3']);
    await checkScreen('05-apply-dialog');
    // Lines 1 and 3 now differ from their printed totals: the dialog lists the failed checks and asks first.
    await dialog.getByRole('heading', { name: 'The figures do not add up' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Confirm and apply' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Apply although the figures do not add up').check();
    await dialog.getByRole('button', { name: 'Confirm and apply' }).dblclick();
    await page.getByText('Stock changed for 5 SKUs.').waitFor();
    await page.getByText('Applied', { exact: true }).waitFor();
    await page.getByText('Applying again changes nothing.').waitFor();
    await checkScreen('06-review-applied');

    // The stale tab's next try is answered, and said, as already applied: stock moved once.
    await staleTab.getByRole('button', { name: 'Apply to stock…' }).click();
    await staleTab.getByRole('dialog').getByLabel('Apply although the figures do not add up').check();
    await staleTab.getByRole('dialog').getByRole('button', { name: 'Confirm and apply' }).click();
    await staleTab.getByText('Already applied: this invoice changed stock before, so nothing was changed this time.').waitFor();
    await screenshot(staleTab, '07-review-already-applied');
    await staleTab.close();

    // Inventory: the new stock, searchable, with each SKU's history linked to its job.
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    const stock = page.getByRole('row', { name: /^SHF-1800 / });
    await stock.waitFor();
    expect(await stock.getByRole('cell').first().textContent()).toBe('3');
    await page.getByLabel('Search SKUs').fill('bin');
    await page.getByText('1 of 5 SKUs match “bin”').waitFor();
    expect(
      await page
        .getByRole('row', { name: /^BIN-40-BLUE / })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('8');
    await checkScreen('08-inventory');
    await page.getByLabel('Search SKUs').fill('');
    await page.getByRole('link', { name: 'History of SHF-1800' }).click();
    await page.getByRole('heading', { name: 'History of SHF-1800' }).waitFor();
    const movement = page
      .getByRole('table', { name: /Stock movements of SHF-1800/ })
      .getByRole('row')
      .nth(1);
    expect(await movement.textContent()).toMatch(/\+3Invoice INV-2026-0142 ruled_basic\.pdfAcme Industrial Supply Ltd2$/);
    await checkScreen('09-sku-history');
    await movement.getByRole('link', { name: 'Invoice INV-2026-0142' }).click();
    await page.getByRole('heading', { name: 'Review: ruled_basic.pdf' }).waitFor();

    // The next invoice from the same supplier, dropped onto the page, arrives with the remembered SKU filled in.
    await page.getByRole('link', { name: 'Jobs' }).click();
    const dropped = await page.evaluateHandle(
      ([name, base64]) => {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: 'application/pdf' }));
        return transfer;
      },
      ['ruled_basic-again.pdf', readFileSync(invoice).toString('base64')] as const,
    );
    await page.getByText(/^Drop PDF invoices/).dispatchEvent('drop', { dataTransfer: dropped });
    const againRow = page.getByRole('row', { name: /ruled_basic-again\.pdf/ });
    await againRow.getByText('Parsed', { exact: true }).waitFor({ timeout: PARSE_TIMEOUT_MS });
    await page.getByRole('link', { name: 'Review ruled_basic-again.pdf' }).click();
    await page.getByRole('cell', { name: 'BIN-40-BLUE from SKU mapping printed BIN-40B' }).waitFor();
    await page.getByRole('img', { name: 'Page 1 of ruled_basic-again.pdf' }).waitFor();
    await checkScreen('10-review-mapping-prefilled');

    // A three-page invoice: selecting its last line turns to the page that line is printed on.
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: 'Review multipage_repeated_header.pdf' }).click();
    await page.getByRole('cell', { name: 'FX-1138', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Line 46: show on the page and correct' }).click();
    await page.getByText('Page 3 of 3, line 46 outlined').waitFor();
    await page.getByRole('img', { name: 'Page 3 of multipage_repeated_header.pdf' }).waitFor();
    await checkScreen('10b-review-multipage');

    // A narrow window: the page moves under the lines, nothing is cut off.
    await page.setViewportSize(NARROW);
    await page.getByRole('button', { name: 'Line 2: show on the page and correct' }).click();
    await page.getByText('line 2 outlined').waitFor();
    await checkScreen('11-review-narrow');
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await checkScreen('12-jobs-narrow');

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
