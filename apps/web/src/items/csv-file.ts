/**
 * The contract's most characters of an import (ImportItemsRequest.csv, 2 000 000), as bytes: a UTF-8 file has
 * at least as many bytes as characters, so a file within it is never refused by the API for its length, and
 * its JSON (quotes and line breaks escaped) still fits the API's 2 MiB body. Larger than any catalogue typed
 * by hand; a bigger file is better split than sent in one request.
 */
export const MAX_CSV_BYTES = 2_000_000;

/**
 * The text of a CSV file the operator picked, or why it cannot be imported. A spreadsheet saved in its own
 * format (xlsx, ods) is binary: it is refused here with a hint, rather than sent as garbled text.
 */
export async function readCsvFile(file: Blob & { name?: string }): Promise<{ ok: true; csv: string } | { ok: false; problem: string }> {
  const name = file.name ? `“${file.name}”` : 'The file';
  if (file.size === 0) return { ok: false, problem: `${name} is empty.` };
  if (file.size > MAX_CSV_BYTES) return { ok: false, problem: `${name} is larger than ${MAX_CSV_BYTES / 1_000_000} MB; split it into smaller files.` };
  const text = await file.text();
  if (text.includes('\u0000')) return { ok: false, problem: `${name} is not a text CSV file; save the spreadsheet as CSV (UTF-8) first.` };
  // A byte-order mark some spreadsheet programs write would otherwise become part of the first column's name.
  const csv = text.replace(/^\uFEFF/, '');
  if (csv.trim() === '') return { ok: false, problem: `${name} has no rows.` };
  return { ok: true, csv };
}
