import type { OperationsBucket, OperationsResponse, OperationsWindow } from '@invoice/contracts';

/** The windows the screen offers, in the switch's order, with their words. */
export const WINDOW_CHOICES: readonly { window: OperationsWindow; label: string }[] = [
  { window: '24h', label: 'Last 24 hours' },
  { window: '30d', label: 'Last 30 days' },
];

/**
 * A bucket's name. Buckets are UTC hours or days (the API aligns them so), so they are named in UTC: a local
 * name would split a day's bucket across two dates for a reader away from UTC.
 */
export function bucketLabel(start: string, size: OperationsResponse['bucketSize']): string {
  return size === 'hour' ? `${start.slice(11, 16)} UTC` : start.slice(0, 10);
}

/** The full name of a bucket, for tables: the date too for an hour. */
export function bucketName(start: string, size: OperationsResponse['bucketSize']): string {
  return size === 'hour' ? `${start.slice(0, 10)} ${start.slice(11, 16)} UTC` : start.slice(0, 10);
}

/** The API's rate ("0.975", three decimals) in thousandths, read as digits so no float rounding changes it. */
export function rateThousandths(rate: string | null): number | null {
  if (rate === null) return null;
  const match = /^([01])\.([0-9]{3})$/.exec(rate);
  return match ? Number(match[1]) * 1000 + Number(match[2]) : null;
}

/** "97.5 %" for "0.975"; an em dash when nothing ended. */
export function percentText(rate: string | null): string {
  return thousandthsText(rateThousandths(rate));
}

/** "97.5 %" for 975 thousandths; an em dash for none. */
export function thousandthsText(thousandths: number | null): string {
  if (thousandths === null) return '—';
  return `${Math.floor(thousandths / 10)}.${thousandths % 10} %`;
}

/** Milliseconds as a person reads them: "850 ms", "2.4 s", "3 min 5 s"; an em dash without a value. */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.floor(ms / 1000)}.${Math.floor((ms % 1000) / 100)} s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Whether the window holds anything at all to chart. */
export function isEmptyWindow(summary: OperationsResponse): boolean {
  const { created, parsed, failed } = summary.totals;
  return created === 0 && parsed === 0 && failed === 0;
}

/** The bucket with the most of `value`, for a chart's one-sentence summary; null when every bucket has none. */
export function peakOf(buckets: readonly OperationsBucket[], value: (bucket: OperationsBucket) => number | null): OperationsBucket | null {
  let peak: OperationsBucket | null = null;
  let best = 0;
  for (const bucket of buckets) {
    const current = value(bucket);
    if (current !== null && current > best) {
      best = current;
      peak = bucket;
    }
  }
  return peak;
}
