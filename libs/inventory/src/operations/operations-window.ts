import type { OperationsWindow } from '@invoice/contracts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The buckets of a window: `count` of `sizeMs` each, the first starting at `fromMs`, the last holding now. */
export interface WindowLayout {
  window: OperationsWindow;
  bucketSize: 'hour' | 'day';
  sizeMs: number;
  count: number;
  fromMs: number;
  toMs: number;
}

/**
 * Buckets aligned on UTC hours or UTC days, so two readings a minute apart agree on every finished bucket (a
 * sliding window would move every edge with each request); the last bucket is the one now falls in, still
 * filling, which makes the window 23 to 24 hours (or 29 to 30 days) of finished time plus the current part.
 */
export function windowLayout(window: OperationsWindow, now: Date): WindowLayout {
  const [bucketSize, sizeMs, count] = window === '24h' ? (['hour', HOUR_MS, 24] as const) : (['day', DAY_MS, 30] as const);
  const currentStart = Math.floor(now.getTime() / sizeMs) * sizeMs;
  return {
    window,
    bucketSize,
    sizeMs,
    count,
    fromMs: currentStart - (count - 1) * sizeMs,
    toMs: currentStart + sizeMs,
  };
}

/** The bucket an instant falls in, or null outside the window (before it, or after now's bucket). */
export function bucketOf(layout: WindowLayout, instantMs: number): number | null {
  if (!Number.isFinite(instantMs) || instantMs < layout.fromMs || instantMs >= layout.toMs) return null;
  return Math.floor((instantMs - layout.fromMs) / layout.sizeMs);
}

/**
 * Nearest-rank percentile (the smallest value with at least p % of the values at or below it): always one of
 * the measured values, so integer milliseconds stay integers and no interpolation invents a latency nobody had.
 * `sorted` must be ascending; null when empty.
 */
export function percentileOf(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  // ceil(percent * n / 100) in integers, so 95 % of 20 is exactly rank 19.
  const rank = Math.max(1, Math.floor((percent * sorted.length + 99) / 100));
  return sorted[rank - 1] ?? null;
}

/** Decimals of a success rate: 0.975 reads as 97.5 %, which is as fine as a chart of a day's jobs needs. */
export const RATE_DECIMALS = 3;
const RATE_SCALE = 10 ** RATE_DECIMALS;

/**
 * parsed / ended as a decimal string rounded half up ("0.667" for 2 of 3), computed in integers so that no
 * float rounding decides a digit; null when nothing ended.
 */
export function successRateOf(parsed: number, ended: number): string | null {
  if (ended === 0) return null;
  const scaled = Math.floor((2 * RATE_SCALE * parsed + ended) / (2 * ended));
  return `${Math.floor(scaled / RATE_SCALE)}.${String(scaled % RATE_SCALE).padStart(RATE_DECIMALS, '0')}`;
}
