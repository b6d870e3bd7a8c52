import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../src/catalogue';
import { PARSE_TIMEOUT_MS, useJourney } from '../src/journey';
import { E2E_FIXTURES } from '../src/paths';

/**
 * scanned_invoice.png is missed_line.pdf scanned at 200 dpi, a little grey and 0.8° crooked, with no text
 * layer (made by fixtures/make_scanned_invoice.py). OCR reads it as the text PDF reads: three lines, the
 * "Total station calibration" row left out as a totals row. Its page copy is the levelled image, whose
 * coordinates are the A4 page's: its width in points, to turn them into pixels.
 */
const SCAN = 'scanned_invoice.png';
const PAGE_WIDTH_POINTS = 595.28;
/** The row the parser leaves out, with a few points of slack around its printed words (top-left origin). */
const MISSED_ROW = { x0: 40, y0: 242, x1: 555, y1: 260 };
const SKUS = ['SHF-1800', 'GL-L-044', 'TAPE-50Y'] as const;

/** Each line of the review as shown: SKU, description, quantity, unit price, line total (each cell's own value, without its marks). */
function shownLines(page: Page): Promise<string[][]> {
  return page.locator('table.lines-table tbody tr.line').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      const value = (i: number) => (cells[i]?.firstChild?.nodeType === Node.TEXT_NODE ? (cells[i]?.firstChild?.textContent ?? '') : '').trim();
      return [value(1), value(2), value(3), value(5), value(6)];
    }),
  );
}

/**
 * The share of dark pixels of the drawn page under the outline: a line's outline on the copy the words were
 * read from lies on printed text; one on another image (the crooked original) would drift onto bare paper.
 */
function inkUnderOutline(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.pdf-stage canvas');
    const outline = document.querySelector<HTMLElement>('[data-testid="line-highlight"]');
    if (!canvas || !outline) return -1;
    const pageBox = canvas.getBoundingClientRect();
    const box = outline.getBoundingClientRect();
    const ratio = canvas.width / pageBox.width;
    // Inside the outline's border, which is drawn a few pixels around the line's box.
    const inset = 4;
    const x = Math.round((box.left - pageBox.left + inset) * ratio);
    const y = Math.round((box.top - pageBox.top + inset) * ratio);
    const width = Math.round((box.width - 2 * inset) * ratio);
    const height = Math.round((box.height - 2 * inset) * ratio);
    const pixels = canvas.getContext('2d')?.getImageData(x, y, width, height).data;
    if (!pixels) return -1;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if ((pixels[i]! + pixels[i + 1]! + pixels[i + 2]!) / 3 < 128) dark += 1;
    return dark / (pixels.length / 4);
  });
}

/**
 * The operator's review of a paper invoice that was scanned: read by OCR, shown as its page with the same
 * outlines, click-to-select and region box as a PDF, corrected and applied to stock.
 */
describe('an operator reviews a scanned invoice read by OCR and applies it', () => {
  const journey = useJourney((stack) => catalogue(stack, SKUS));

  /** Drags a box on page 1 between two points given in PDF points (top-left origin). */
  async function drawBox(box: typeof MISSED_ROW): Promise<void> {
    const { page } = journey;
    const canvas = await page.getByRole('img', { name: /^Page 1 of / }).boundingBox();
    if (!canvas) throw new Error('the page is not drawn');
    const scale = canvas.width / PAGE_WIDTH_POINTS;
    const at = (x: number, y: number) => [canvas.x + x * scale, canvas.y + y * scale] as const;
    await page.mouse.move(...at(box.x0, box.y0));
    await page.mouse.down();
    await page.mouse.move(...at((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2), { steps: 4 });
    await page.mouse.move(...at(box.x1, box.y1), { steps: 4 });
    await page.mouse.up();
  }

  it('uploads a PNG scan, reviews its lines on the levelled page, reads the missed row from it and applies', async () => {
    const { stack, page, pageErrors, a11y, checkScreen } = journey;
    journey.reportFailure('scanned-failure');

    await page.goto(stack.baseUrl);
    await page.getByLabel('Choose invoice files').setInputFiles([path.join(E2E_FIXTURES, SCAN)]);
    const row = page.getByRole('row', { name: new RegExp(SCAN.replace('.', '\\.')) });
    await row.getByText('Parsed', { exact: true }).waitFor({ timeout: PARSE_TIMEOUT_MS });
    expect(await row.textContent()).toContain('Northgate Trade Supplies Ltd');
    expect(await row.textContent()).toContain('NTS-7781');
    await checkScreen('s01-jobs-scan-parsed');

    // The review: the scan's page drawn beside the lines OCR read, with their figures exactly as printed.
    await page.getByRole('link', { name: `Review ${SCAN}` }).click();
    await page.getByRole('heading', { name: `Review: ${SCAN}` }).waitFor();
    await page.getByRole('img', { name: `Page 1 of ${SCAN}` }).waitFor();
    await page.locator('.pdf-stage[aria-busy="false"]').waitFor();
    await page.getByText('Page 1 of 1').waitFor();
    expect(await shownLines(page)).toEqual([
      ['SHF-1800', 'Steel shelving unit 180 cm', '2', '149.00', '298.00'],
      ['GL-L-044', 'Safety gloves, size L', '12', '4.75', '57.00'],
      ['TAPE-50Y', 'Floor marking tape 50 m', '3', '17.99', '53.97'],
    ]);
    const ocrNote = page.getByTestId('ocr-note');
    expect(await ocrNote.textContent()).toContain('Page 1 was read by OCR');
    expect(await ocrNote.getByRole('link', { name: 'Download the original upload' }).getAttribute('href')).toMatch(/\/api\/jobs\/[^/]+\/file$/);

    // Select line 2: its outline lies on its printed row of the levelled page.
    await page.getByRole('button', { name: 'Line 2: show on the page and correct' }).click();
    await page.getByText('line 2 outlined').waitFor();
    await page.getByTestId('line-highlight').waitFor();
    expect(await inkUnderOutline(page)).toBeGreaterThan(0.03);
    await checkScreen('s02-review-scan');

    // A click on the printed row of line 3 selects it, as on a PDF.
    const canvas = await page.getByRole('img', { name: `Page 1 of ${SCAN}` }).boundingBox();
    if (!canvas) throw new Error('the page is not drawn');
    const scale = canvas.width / PAGE_WIDTH_POINTS;
    await page.mouse.click(canvas.x + 200 * scale, canvas.y + 269 * scale);
    await page.getByText('line 3 outlined').waitFor();
    expect(await inkUnderOutline(page)).toBeGreaterThan(0.03);

    // Box the row the parser missed: its words, read by OCR, give the whole line.
    await page.getByRole('button', { name: 'Read line from page' }).click();
    await drawBox(MISSED_ROW);
    await page.getByRole('heading', { name: 'Line read from page 1' }).waitFor();
    await page.locator('.region-panel[aria-busy="false"]').waitFor();
    const proposal = (await page.locator('.region-panel').textContent()) ?? '';
    for (const text of ['Total station calibration', '42.50', '85.00']) expect(proposal).toContain(text);
    await checkScreen('s03-line-read-from-scan');
    await page.getByRole('button', { name: 'Add this line' }).click();
    await page.getByText(/added from page 1/).waitFor();
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('Total station calibration');
    expect(await page.getByLabel('Quantity', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel('Unit price', { exact: true }).inputValue()).toBe('42.50');
    expect(await page.getByLabel('Line total', { exact: true }).inputValue()).toBe('85.00');
    // A calibration is a service: it costs money and moves no stock.
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption('charge');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Saved review revision 1.').waitFor();

    // Apply: with the missed row back, the lines add up to the printed subtotal; the three items go into stock.
    await page.getByRole('button', { name: 'Apply to stock…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect((await dialog.getByRole('row').allTextContents()).slice(1)).toEqual(['GL-L-044+12', 'SHF-1800+2', 'TAPE-50Y+3']);
    await dialog.getByRole('heading', { name: 'The figures add up' }).waitFor();
    await checkScreen('s04-apply-scan');
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await page.getByText('Stock changed for 3 SKUs.').waitFor();

    // The stock the scan moved, on the Items screen.
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByRole('heading', { name: 'Items', level: 1 }).waitFor();
    await page.getByRole('row', { name: /TAPE-50Y/ }).waitFor();
    const onHand = await page
      .locator('table tbody tr')
      .evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td.num')?.textContent ?? '']));
    expect(onHand).toEqual([
      ['GL-L-044', '12'],
      ['SHF-1800', '2'],
      ['TAPE-50Y', '3'],
    ]);
    await checkScreen('s05-items-after-scan');

    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(pageErrors.problems()).toEqual([]);
  });
});
