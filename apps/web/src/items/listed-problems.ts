import { ApiError } from '../api/api-error';

/**
 * The single problems a refusal lists in its details (a VALIDATION_FAILED's `issues`, an import's rows), in
 * words, so the operator sees which field or row to fix rather than only that something was wrong.
 */
export function listedProblems(error: unknown, limit = 20): string[] {
  if (!(error instanceof ApiError) || !error.details) return [];
  const lines: string[] = [];
  for (const value of Object.values(error.details)) {
    if (!Array.isArray(value)) continue;
    for (const entry of value) lines.push(...problemLines(entry));
  }
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `… and ${lines.length - limit} more.`];
}

function problemLines(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (!entry || typeof entry !== 'object') return [];
  const record = entry as Record<string, unknown>;
  const where = placeOf(record);
  if (typeof record.message === 'string') return [where ? `${where}: ${record.message}` : record.message];
  // A row listing several problems of its own.
  const nested = Array.isArray(record.problems) ? record.problems : Array.isArray(record.issues) ? record.issues : null;
  if (nested) return nested.flatMap(problemLines).map((line) => (where ? `${where}: ${line}` : line));
  return [];
}

function placeOf(record: Record<string, unknown>): string {
  const row = record.row ?? record.line;
  const parts: string[] = [];
  if (typeof row === 'number' || typeof row === 'string') parts.push(`Row ${row}`);
  const field = record.column ?? record.field;
  if (typeof field === 'string' && field !== '') parts.push(field);
  if (typeof record.path === 'string' && record.path !== '') parts.push(readablePath(record.path));
  return parts.join(', ');
}

/** A JSON pointer the operator can follow: "/csv/row/3/gtin" is "Row 3, gtin", "/gtin" is "gtin". */
function readablePath(path: string): string {
  const row = /^\/csv\/row\/(\d+)(?:\/(.+))?$/.exec(path);
  if (row) return row[2] ? `Row ${row[1]}, ${row[2]}` : `Row ${row[1]}`;
  return path.replace(/^\//, '').replaceAll('/', ' › ');
}
