import type { ParseAttempt } from '@invoice/contracts';
import type { JobRecord } from '../job-record';
import { telemetryOf } from '../ports/telemetry.port';
import type { InventoryPorts } from './deps';

const ENDED: ReadonlySet<ParseAttempt['outcome']> = new Set(['parsed', 'failed', 'retried', 'abandoned', 'timed-out']);

/**
 * Reports what a stored change of a job in flight decided: the attempt it ended (its duration, a retry with
 * its cause), and the end of the parse request (PARSED with its pages and request-to-parsed latency, or FAILED
 * with its code). Called only after the change was written, by the writer that won the version race, so each
 * fact is counted once however many polls and sweeps saw it. `pages`: the parsed document's, when PARSED.
 */
export function reportParseChange(deps: Pick<InventoryPorts, 'telemetry'>, before: JobRecord, after: JobRecord, pages?: number): void {
  const telemetry = telemetryOf(deps);
  const ended = endedAttempt(before, after);
  if (ended) {
    const seconds = secondsBetween(ended.startedAt, ended.endedAt);
    if (seconds !== null) telemetry.observe('parseAttemptSeconds', { outcome: ended.outcome }, seconds);
    if (ended.outcome === 'retried') telemetry.count('parseRetries', { code: ended.code ?? 'UNKNOWN' });
  }
  if (after.status === before.status) return;
  if (after.status === 'FAILED') telemetry.count('parseFailures', { code: after.error?.code ?? 'UNKNOWN' });
  if (after.status === 'PARSED') {
    telemetry.count('parsesSucceeded', {});
    if (pages !== undefined) telemetry.observe('parsedPages', {}, pages);
    // As GET /api/operations measures it (operations-summary.ts): from the parse request, which the SPA makes as
    // soon as the upload ends (the job holds no upload time), to the parsed attempt's end, retries included.
    const requestedAt = after.parseRequest?.requestedAt ?? null;
    const latency = secondsBetween(requestedAt, ended?.endedAt ?? after.updatedAt);
    if (latency !== null) telemetry.observe('uploadToParsedSeconds', {}, latency);
  }
}

/** The attempt this change ended: `before`'s current one, open before and ended after. */
function endedAttempt(before: JobRecord, after: JobRecord): ParseAttempt | null {
  const entry = after.attempts?.find((attempt) => attempt.attempt === before.attempt);
  if (!entry || !ENDED.has(entry.outcome)) return null;
  const previous = before.attempts?.find((attempt) => attempt.attempt === before.attempt);
  return previous && ENDED.has(previous.outcome) ? null : entry;
}

function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}
