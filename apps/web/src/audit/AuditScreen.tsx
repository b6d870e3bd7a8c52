import type { AuditAction, AuditEntry } from '@invoice/contracts';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AuditQuery } from '../api/api-client';
import { useApi } from '../app/api-context';
import { may, roleNeededWords } from '../session/permissions';
import { useSession } from '../session/session-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { latestRequest } from '../shared/latest-request';
import { ACTION_WORDS, AUDIT_ACTION_CHOICES } from './audit-summary';
import { auditCsv, collectPages, EXPORT_BOUND, instantOfDay } from './audit-csv';
import { AuditTable } from './AuditTable';

/** Entries per page on the screen; the export reads pages of the API's largest size. */
const SCREEN_PAGE = 50;
const EXPORT_PAGE = 100;

export interface AuditFilters {
  user: string;
  action: AuditAction | '';
  jobId: string;
  /** Days as a date field gives them (YYYY-MM-DD); `to` includes its whole day. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = {
  user: '',
  action: '',
  jobId: '',
  from: '',
  to: '',
};

/** The API's query for the filters as typed: trimmed, days turned into instants, empty ones left out. */
export function queryOf(filters: AuditFilters): AuditQuery {
  return {
    user: filters.user.trim() || undefined,
    action: filters.action || undefined,
    jobId: filters.jobId.trim() || undefined,
    from: instantOfDay(filters.from) ?? undefined,
    to: instantOfDay(filters.to, true) ?? undefined,
  };
}

/** The file name of an export: when it was taken, so several exports sort by time. */
export function exportFileName(now: Date): string {
  return `audit-${now.toISOString().replace(/[:.]/g, '-')}.csv`;
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The whole trail for admins: filtered by user, action, job and days, a page at a time, exported as CSV. */
export function AuditScreen() {
  const { principal } = useSession();
  if (!may(principal.role, 'auditScreen')) {
    return (
      <>
        <h1 tabIndex={-1}>Audit</h1>
        <p className="notice">The Audit screen {roleNeededWords(principal.role, 'auditScreen')}. Each job&apos;s own trail is on its review.</p>
      </>
    );
  }
  return <AdminAudit />;
}

function AdminAudit() {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState('');
  const [requests] = useState(latestRequest);
  const errorRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (filters: AuditFilters) => {
      const current = requests.begin();
      setLoading(true);
      try {
        const page = await api.listAudit({
          ...queryOf(filters),
          limit: SCREEN_PAGE,
        });
        if (!current()) return;
        setEntries(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
      } catch (failure) {
        if (current()) setError(failure);
      } finally {
        if (current()) setLoading(false);
      }
    },
    [api, requests],
  );

  useEffect(() => {
    void load(NO_FILTERS);
  }, [load]);

  useEffect(() => {
    if (error !== null) errorRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
    setExportNote('');
    void load(draft);
  }

  async function older() {
    if (!nextCursor || !entries) return;
    const current = requests.current();
    setLoading(true);
    try {
      const page = await api.listAudit({
        ...queryOf(applied),
        limit: SCREEN_PAGE,
        cursor: nextCursor,
      });
      if (!current()) return;
      setEntries([...entries, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      if (current()) setError(failure);
    } finally {
      if (current()) setLoading(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setExportNote('');
    try {
      const query = queryOf(applied);
      const { entries: all, truncated } = await collectPages((cursor) => api.listAudit({ ...query, limit: EXPORT_PAGE, cursor }));
      download(auditCsv(all), exportFileName(new Date()));
      setExportNote(
        truncated
          ? `Exported the newest ${EXPORT_BOUND.toLocaleString()} entries: more match these filters. Narrow the days to export the rest.`
          : `Exported ${all.length} entr${all.length === 1 ? 'y' : 'ies'}.`,
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setExporting(false);
    }
  }

  const field = (name: 'user' | 'jobId', label: string) => (
    <label htmlFor={`${id}-${name}`}>
      {label}
      <input
        id={`${id}-${name}`}
        type="text"
        value={draft[name]}
        autoComplete="off"
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </label>
  );
  const day = (name: 'from' | 'to', label: string) => (
    <label htmlFor={`${id}-${name}`}>
      {label}
      <input id={`${id}-${name}`} type="date" value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />
    </label>
  );

  return (
    <>
      <h1 tabIndex={-1}>Audit</h1>
      <form className="panel audit-filters" aria-label="Audit filters" onSubmit={submit}>
        {field('user', 'User')}
        <label htmlFor={`${id}-action`}>
          Action
          <select
            id={`${id}-action`}
            value={draft.action}
            onChange={(event) =>
              setDraft({
                ...draft,
                action: event.target.value as AuditAction | '',
              })
            }
          >
            <option value="">Any action</option>
            {AUDIT_ACTION_CHOICES.map((action) => (
              <option key={action} value={action}>
                {ACTION_WORDS[action]} ({action})
              </option>
            ))}
          </select>
        </label>
        {field('jobId', 'Job id')}
        {day('from', 'From day')}
        {day('to', 'To day (included)')}
        <button type="submit" className="primary" disabled={loading}>
          Show entries
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(NO_FILTERS);
            setApplied(NO_FILTERS);
            void load(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      </form>
      <section className="panel" aria-labelledby="audit-entries-heading">
        <div className="section-head">
          <h2 id="audit-entries-heading">Entries, newest first</h2>
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting || entries === null}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
        <p role="status" className="muted small">
          {exportNote}
        </p>
        <div ref={errorRef}>
          {error !== null && <ErrorNotice error={error} context="The audit trail could not be read" onRetry={() => void load(applied)} />}
        </div>
        {entries === null && error === null && <p>Loading entries…</p>}
        {entries !== null && entries.length === 0 && <p className="muted">No entry matches these filters.</p>}
        {entries !== null && entries.length > 0 && <AuditTable entries={entries} caption="Audit entries, newest first" showJob />}
        {nextCursor && (
          <button type="button" className="secondary load-more" onClick={() => void older()} disabled={loading}>
            {loading ? 'Loading older entries…' : 'Show older entries'}
          </button>
        )}
      </section>
    </>
  );
}
