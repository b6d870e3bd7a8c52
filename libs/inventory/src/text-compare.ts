/**
 * How listings order and search text, defined once for every store: the stores' case folds differ (SQLite's
 * LIKE and lower() fold ASCII only, DynamoDB folds nothing), so adapters filter with containsText, and an
 * adapter that sorts in memory sorts with compareText, so every store answers a listing alike.
 */

/**
 * Orders strings by Unicode code point: the order of SQLite's ORDER BY (UTF-8 bytes) and of DynamoDB's keys,
 * so a store that pages in SQL and one that sorts in memory agree. JavaScript's own `<` compares UTF-16 code
 * units, which puts a character beyond U+FFFF (an emoji, a rare CJK letter) before U+E000–U+FFFF (full-width
 * forms): the SQLite catalogue then listed 'ｚ' before '😀' and DynamoDB after it.
 */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return Math.sign(codePointRank(x) - codePointRank(y));
  }
  return Math.sign(a.length - b.length);
}

/** A UTF-16 code unit ranked so that surrogates (the halves of U+10000 and above) come after U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/**
 * Whether any of the texts contains the search text, compared in lower case with surrounding spaces of the
 * search dropped; an empty or absent search matches everything.
 */
export function containsText(texts: readonly string[], search: string | undefined): boolean {
  const needle = (search ?? '').trim().toLowerCase();
  return needle === '' || texts.some((text) => text.toLowerCase().includes(needle));
}
