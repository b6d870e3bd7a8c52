import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSE_TIMEOUT_MS, useJourney } from '../src/journey';
import { E2E_FIXTURES } from '../src/paths';

/** missed_line.pdf is an A4 page: its width in PDF points, to turn the fixture's coordinates into pixels. */
const A4_WIDTH_POINTS = 595.28;
/**
 * The row the parser leaves out of missed_line.pdf ("Total station calibration 2 42.50 85.00": it starts with
 * "Total", so the reader takes it for a totals row), with a few points of slack around its printed words.
 */
const MISSED_ROW = { x0: 40, y0: 242, x1: 555, y1: 260 };

/**
 * The operator's day with an invoice the parser got partly wrong: every correction the review offers, the item
 * catalogue and a pack size, each through the screen an operator would use, then the stock and its history.
 */
describe('an operator corrects a misread invoice, catalogues its items and applies it', () => {
  const journey = useJourney();

  /** Drags a box on page 1 between two points given in PDF points (top-left origin). */
  async function drawBox(box: typeof MISSED_ROW): Promise<void> {
    const { page } = journey;
    const canvas = await page.getByRole('img', { name: /^Page 1 of / }).boundingBox();
    if (!canvas) throw new Error('the page is not drawn');
    const scale = canvas.width / A4_WIDTH_POINTS;
    const at = (x: number, y: number) => [canvas.x + x * scale, canvas.y + y * scale] as const;
    await page.mouse.move(...at(box.x0, box.y0));
    await page.mouse.down();
    await page.mouse.move(...at((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2), { steps: 4 });
    await page.mouse.move(...at(box.x1, box.y1), { steps: 4 });
    await page.mouse.up();
  }

  async function selectLine(n: number): Promise<void> {
    const { page } = journey;
    await page.getByRole('button', { name: `Line ${n}: show on the page and correct` }).click();
    await page.getByRole('heading', { name: new RegExp(`^Correct line ${n}\\b`) }).waitFor();
  }

  it('reads a missed line from the page, fixes a price, deletes a line, renames the supplier, maps a box of 12 and applies', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('correction-failure');

    await page.goto(stack.baseUrl);
    await page.getByLabel('Choose invoice files').setInputFiles([path.join(E2E_FIXTURES, 'missed_line.pdf')]);
    const row = page.getByRole('row', { name: /missed_line\.pdf/ });
    await row.getByText('Parsed', { exact: true }).waitFor({ timeout: PARSE_TIMEOUT_MS });
    await page.getByRole('link', { name: 'Review missed_line.pdf' }).click();
    await page.getByRole('heading', { name: 'Review: missed_line.pdf' }).waitFor();
    await page.locator('.pdf-stage[aria-busy="false"]').waitFor();

    // Three lines read, one missed; the catalogue is empty, so every SKU is new.
    for (const sku of ['SHF-1800', 'GL-L-044', 'TAPE-50Y']) await page.getByRole('cell', { name: sku, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Line \d+: show on the page and correct$/ }).count()).toBe(3);
    expect(await page.getByText('new SKU', { exact: true }).count()).toBe(3);
    await checkScreen('c01-review-missed-line');

    // Draw a box around the missed row: the parser's own row reading fills a new line, confirmed by the operator.
    await page.getByRole('button', { name: 'Read line from page' }).click();
    await drawBox(MISSED_ROW);
    const panel = page.getByRole('heading', { name: 'Line read from page 1' });
    await panel.waitFor();
    await page.locator('.region-panel[aria-busy="false"]').waitFor();
    const proposal = (await page.locator('.region-panel').textContent()) ?? '';
    for (const text of ['Total station calibration', '42.50', '85.00']) expect(proposal).toContain(text);
    await checkScreen('c02-line-read-from-page');
    await page.getByRole('button', { name: 'Add this line' }).click();
    await page.getByText(/added from page 1/).waitFor();
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('Total station calibration');
    expect(await page.getByLabel('Quantity', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel('Unit price', { exact: true }).inputValue()).toBe('42.50');
    expect(await page.getByLabel('Line total', { exact: true }).inputValue()).toBe('85.00');
    // A calibration is a service: it costs money and moves no stock.
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption('charge');

    // Fix a unit price (the agreed price was 4.50, not the printed 4.75) and its total; the line still closes.
    await selectLine(2);
    await page.getByLabel('Unit price', { exact: true }).fill('4.50');
    await page.getByLabel('Line total', { exact: true }).fill('54.00');

    // Delete a wrong line: the tape was never delivered.
    await selectLine(3);
    await page.getByRole('button', { name: 'Delete line' }).click();

    // Change the supplier as the operator files it.
    await page.getByLabel('Supplier', { exact: true }).fill('Northgate Trade Supplies Limited');

    // Their GL-L-044 is a box of 12 of our GLOVE-L, remembered for this supplier.
    await selectLine(2);
    await page.getByLabel('SKU', { exact: true }).fill('GLOVE-L');
    await page.getByLabel('Pack size', { exact: true }).fill('12');
    await page.getByText('= 144 in stock').waitFor();
    await page.getByLabel(/Remember for this supplier/).check();
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Saved review revision 1.').waitFor();
    await checkScreen('c03-review-corrected');

    // GLOVE-L and SHF-1800 are not catalogued yet: create each from its line, prefilled.
    await selectLine(2);
    await page.getByRole('button', { name: 'Create item' }).click();
    await page.getByText('Item GLOVE-L created in the catalogue.').waitFor();
    await selectLine(1);
    await page.getByRole('button', { name: 'Create item' }).click();
    await page.getByText('Item SHF-1800 created in the catalogue.').waitFor();
    await page.getByRole('button', { name: 'Create item' }).waitFor({ state: 'detached' });

    // Apply: the deleted tape and the price fix leave the lines short of the printed subtotal, so the dialog
    // says so and asks for an explicit confirmation; the box of 12 moves 12 x 12 into stock.
    await page.getByRole('button', { name: 'Apply to stock…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const changes = await dialog.getByRole('row').allTextContents();
    expect(changes.slice(1)).toEqual(['GLOVE-L+144', 'SHF-1800+2']);
    await dialog.getByRole('heading', { name: 'The figures do not add up' }).waitFor();
    await checkScreen('c04-apply-dialog-checks');
    const confirm = dialog.getByRole('button', { name: 'Confirm and apply' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Apply although the figures do not add up').check();
    await confirm.click();
    await page.getByText('Stock changed for 2 SKUs.').waitFor();

    // The Items screen: the new item with its stock, and its history back to this invoice.
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByRole('heading', { name: 'Items', level: 1 }).waitFor();
    const glove = page.getByRole('row', { name: /GLOVE-L/ });
    await glove.waitFor();
    expect(await glove.textContent()).toContain('144');
    await checkScreen('c05-items');
    await page.getByRole('link', { name: 'History of GLOVE-L' }).click();
    await page.getByRole('heading', { name: 'History of GLOVE-L' }).waitFor();
    const movement = page
      .getByRole('table', { name: /Stock movements of GLOVE-L/ })
      .getByRole('row')
      .nth(1);
    expect(await movement.textContent()).toMatch(/\+144Invoice NTS-7781 missed_line\.pdfNorthgate Trade Supplies Limited1$/);
    await checkScreen('c06-item-history');

    // The Mappings screen: the box of 12 under the supplier's corrected name, used by this apply.
    await page.getByRole('link', { name: 'Mappings' }).click();
    await page.getByRole('heading', { name: 'SKU mappings', level: 1 }).waitFor();
    // Suppliers are filed under their folded name (or VAT ID): the corrected name, not the printed one.
    await page.getByRole('combobox', { name: /^Supplier/ }).selectOption('northgate trade supplies limited');
    const mapping = page.getByRole('row', { name: /GL-L-044/ });
    await mapping.waitFor();
    const mappingText = (await mapping.textContent()) ?? '';
    expect(mappingText).toContain('GLOVE-L');
    expect(mappingText).toContain('12');
    expect(mappingText).not.toContain('never');
    await checkScreen('c07-mappings');

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
