/** A timestamp in the reader's own locale and time zone; the ISO text stays available as a tooltip. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** An amount as printed (a decimal string) with its currency code, or an empty cell. */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return currency ? `${amount} ${currency}` : amount;
}
