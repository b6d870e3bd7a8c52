import type { AuditEntry } from '@invoice/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { latestRequest } from '../shared/latest-request';
import { AuditTable } from './AuditTable';

/** Entries per page of a job's trail; older ones come on request. */
export const TRAIL_PAGE = 20;

/** What the trail shows: the entries read so far, newest first, and where the next page starts. */
export interface TrailView {
  entries: readonly AuditEntry[];
  nextCursor: string | null;
}

/** The trail's markup from what was read, so the screen and its tests share one rendering. */
export function JobAuditTrailView({
  view,
  error,
  loading,
  onOlder,
  onRetry,
}: {
  view: TrailView | null;
  error: unknown;
  loading: boolean;
  onOlder: () => void;
  onRetry: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="trail-heading">
      <h2 id="trail-heading">Audit trail of this job</h2>
      {error !== null && <ErrorNotice error={error} context="The audit trail could not be read" onRetry={onRetry} />}
      {view === null && error === null && <p>Loading the trail…</p>}
      {view !== null && view.entries.length === 0 && <p className="muted">Nothing recorded for this job yet.</p>}
      {view !== null && view.entries.length > 0 && (
        <AuditTable entries={view.entries} caption="Audit trail of this job, newest first" showJob={false} />
      )}
      {view?.nextCursor && (
        <button type="button" className="secondary load-more" onClick={onOlder} disabled={loading}>
          {loading ? 'Loading older entries…' : 'Show older entries'}
        </button>
      )}
    </section>
  );
}

/** A job's audit trail on its review: newest first, a page at a time, read again when `version` moves on. */
export function JobAuditTrail({ jobId, version }: { jobId: string; version: string }) {
  const api = useApi();
  const [view, setView] = useState<TrailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [requests] = useState(latestRequest);

  const load = useCallback(async () => {
    const current = requests.begin();
    try {
      const page = await api.listAudit({ jobId, limit: TRAIL_PAGE });
      if (!current()) return;
      setView({ entries: page.items, nextCursor: page.nextCursor });
      setError(null);
    } catch (failure) {
      if (current()) setError(failure);
    }
  }, [api, jobId, requests]);

  useEffect(() => {
    void load();
  }, [load, version]);

  async function older() {
    if (!view?.nextCursor) return;
    const current = requests.current();
    setLoading(true);
    try {
      const page = await api.listAudit({
        jobId,
        limit: TRAIL_PAGE,
        cursor: view.nextCursor,
      });
      if (current())
        setView({
          entries: [...view.entries, ...page.items],
          nextCursor: page.nextCursor,
        });
    } catch (failure) {
      if (current()) setError(failure);
    } finally {
      setLoading(false);
    }
  }

  return <JobAuditTrailView view={view} error={error} loading={loading} onOlder={() => void older()} onRetry={() => void load()} />;
}
