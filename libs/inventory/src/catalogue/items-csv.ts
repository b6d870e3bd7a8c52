import type { CatalogueItem, ValidationIssue } from '@invoice/contracts';
import { limitIssues } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { ItemFields } from '../ports/item-catalogue.port';
import { normaliseItem } from './item-input';

/** The columns the export writes, in order; an import needs the first three and takes gtin when present. */
export const CSV_COLUMNS = ['sku', 'name', 'unit', 'gtin'] as const;
const REQUIRED_COLUMNS = ['sku', 'name', 'unit'] as const;

/** The most item rows one import takes: one request, one transaction, one answer listing its problems. */
export const MAX_IMPORT_ROWS = 10_000;

/** Characters that make a spreadsheet read a cell as a formula (CSV injection), and the tab and CR that do too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The catalogue as CSV (RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a comma,
 * quote or line break, quotes doubled). A cell that a spreadsheet would run as a formula gets a leading
 * apostrophe, which spreadsheets show as text; the import drops that apostrophe again, so an export
 * imports unchanged.
 */
export function itemsToCsv(items: readonly CatalogueItem[]): string {
  const rows = [CSV_COLUMNS.join(','), ...items.map((item) => [item.sku, item.name, item.unit, item.gtin ?? ''].map(csvCell).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Undoes the export's formula guard: an apostrophe before a formula character. */
function unguard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * The items of an imported CSV, normalised like items entered one by one, or VALIDATION_FAILED listing every
 * problem by row number (row 1 is the header, as a spreadsheet numbers them): a missing column, a row with
 * the wrong number of cells, an invalid field, a SKU given twice, more than MAX_IMPORT_ROWS rows.
 */
export function itemsFromCsv(csv: string): ItemFields[] {
  const records = parseCsv(csv.startsWith('\uFEFF') ? csv.slice(1) : csv);
  const header = records.shift();
  const issues: ValidationIssue[] = [];
  const columns = (header?.cells ?? []).map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (header === undefined || missing.length > 0) {
    throw invalidCsv([{ path: '/csv/row/1', message: `the header row must name the columns ${CSV_COLUMNS.join(', ')} (missing: ${missing.join(', ') || 'all'})` }]);
  }
  // A column named twice would be read from its first place only, silently dropping what the other holds.
  const repeated = CSV_COLUMNS.filter((column) => columns.indexOf(column) !== columns.lastIndexOf(column));
  if (repeated.length > 0) throw invalidCsv([{ path: '/csv/row/1', message: `the header row names ${repeated.join(', ')} more than once` }]);
  const rows = records.filter((record) => !record.cells.every((cell) => cell.trim() === ''));
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidCsv([{ path: '/csv', message: `has ${rows.length} item rows; an import takes at most ${MAX_IMPORT_ROWS}` }]);
  }
  const position = (name: string) => columns.indexOf(name);
  const items: ItemFields[] = [];
  const firstRowOfSku = new Map<string, number>();
  for (const row of rows) {
    const at = `/csv/row/${row.line}`;
    if (row.cells.length !== columns.length) {
      issues.push({ path: at, message: `has ${row.cells.length} cells; the header has ${columns.length}` });
      continue;
    }
    const cell = (name: string) => (position(name) < 0 ? '' : unguard(row.cells[position(name)] ?? ''));
    const { item, issues: rowIssues } = normaliseItem({ sku: cell('sku'), name: cell('name'), unit: cell('unit'), gtin: cell('gtin') }, at);
    issues.push(...rowIssues);
    const earlier = firstRowOfSku.get(item.sku);
    if (item.sku !== '' && earlier !== undefined) issues.push({ path: `${at}/sku`, message: `repeats SKU ${item.sku} of row ${earlier}` });
    else firstRowOfSku.set(item.sku, row.line);
    items.push(item);
  }
  if (issues.length > 0) throw invalidCsv(issues);
  return items;
}

function invalidCsv(issues: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', `The CSV has ${issues.length} problem(s); nothing was imported.`, { issues: limitIssues(issues) });
}

interface CsvRecord {
  /** The 1-based record number (a quoted line break does not start a new one). */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records: fields separated by commas, records by CRLF or LF, a quoted field may hold commas,
 * doubled quotes and line breaks. Lenient where spreadsheets are (LF alone, a missing final line end);
 * a quote left open is an error, since the rest of the file would silently become one cell.
 */
function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') cell += char;
      else if (text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else {
        quoted = false;
        afterQuote = true;
      }
      continue;
    }
    if (char === '"' && cell === '' && !afterQuote) quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      records.push({ line: records.length + 1, cells });
      cells = [];
      cell = '';
      afterQuote = false;
    } else cell += char;
  }
  if (quoted) {
    throw invalidCsv([{ path: `/csv/row/${records.length + 1}`, message: 'has a quoted field that is never closed' }]);
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: records.length + 1, cells });
  }
  return records;
}
