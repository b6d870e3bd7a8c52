/**
 * `column IN_LIST` with `listParam(values)` bound: membership in any number of values with one statement prepared
 * once, where `IN (?, ?, …)` needs a statement per list length and chunks under SQLite's bound on parameters. The
 * planner still searches the column's index for each value (EXPLAIN QUERY PLAN: SEARCH … USING … INDEX, LIST SUBQUERY).
 */
export const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** The bound value of IN_LIST. */
export function listParam(values: readonly string[]): string {
  return JSON.stringify(values);
}
