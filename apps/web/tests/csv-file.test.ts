import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, readCsvFile } from '../src/items/csv-file';

describe('readCsvFile', () => {
  it('reads the text of a CSV file, without the byte-order mark a spreadsheet wrote', async () => {
    const file = new File(['\uFEFFsku,name,unit,gtin\nBIN-40,Bin 40 l,pcs,\n'], 'items.csv', { type: 'text/csv' });
    expect(await readCsvFile(file)).toEqual({ ok: true, csv: 'sku,name,unit,gtin\nBIN-40,Bin 40 l,pcs,\n' });
  });

  it('keeps UTF-8 text as it is', async () => {
    const file = new File(['sku,name,unit\nMÜ-1,Müsli 1 kg,pcs\n'], 'müsli.csv');
    expect(await readCsvFile(file)).toMatchObject({ ok: true, csv: expect.stringContaining('Müsli') });
  });

  it('refuses an empty file, one with only blank lines, and a binary spreadsheet, naming the file', async () => {
    expect(await readCsvFile(new File([], 'empty.csv'))).toEqual({ ok: false, problem: '“empty.csv” is empty.' });
    expect(await readCsvFile(new File(['\n \n'], 'blank.csv'))).toEqual({ ok: false, problem: '“blank.csv” has no rows.' });
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])], 'items.xlsx');
    expect(await readCsvFile(xlsx)).toMatchObject({ ok: false, problem: expect.stringContaining('save the spreadsheet as CSV') });
  });

  it('takes a file as long as the API takes (2 000 000 characters), which a 2 MiB limit overshot', async () => {
    const header = 'sku,name,unit\r\n';
    const longest = new File([header + 'A'.repeat(MAX_CSV_BYTES - header.length)], 'longest.csv');
    const read = await readCsvFile(longest);
    expect(read.ok).toBe(true);
    expect(read.ok && read.csv.length).toBe(2_000_000);
  });

  it('refuses a file larger than the import takes before reading it', async () => {
    const big = new File([new Uint8Array(MAX_CSV_BYTES + 1).fill(0x41)], 'big.csv');
    expect(await readCsvFile(big)).toMatchObject({ ok: false, problem: expect.stringContaining('split it') });
  });
});
