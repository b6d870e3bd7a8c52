/**
 * How listings order and search text, defined once for every store: the stores' own orders and case folds
 * differ (SQLite sorts UTF-8 bytes and its LIKE and lower() fold ASCII only, DynamoDB sorts bytes and folds
 * nothing), so adapters sort and filter with these and every store answers a listing alike.
 */

/** Orders strings as JavaScript compares them (UTF-16 code units), not by bytes or a locale's collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether any of the texts contains the search text, compared in lower case with surrounding spaces of the
 * search dropped; an empty or absent search matches everything.
 */
export function containsText(texts: readonly string[], search: string | undefined): boolean {
  const needle = (search ?? '').trim().toLowerCase();
  return needle === '' || texts.some((text) => text.toLowerCase().includes(needle));
}
