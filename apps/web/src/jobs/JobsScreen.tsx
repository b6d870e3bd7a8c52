import type { Job } from '@invoice/contracts';
import { useCallback, useReducer, useRef, useState } from 'react';
import { putToPresignedUrl } from '../api/upload-file';
import { useApi } from '../app/api-context';
import { roleNeededWords } from '../session/permissions';
import { useMay, useSession } from '../session/session-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { errorInWords } from '../shared/error-words';
import { usePolling } from '../shared/use-polling';
import { mergeJobPages } from './job-pages';
import { isInFlight } from './job-status';
import { JobsTable } from './JobsTable';
import { contentTypeOf, eachWithLimit, isUploadBusy, uploadsReducer } from './upload-queue';
import { UploadPanel } from './UploadPanel';

/** Jobs per page of the list; older ones come on request. */
const JOBS_PER_PAGE = 50;
/** Uploads running at once; more files wait their turn. */
const PARALLEL_UPLOADS = 3;

export function JobsScreen() {
  const api = useApi();
  const may = useMay();
  const { principal } = useSession();
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [olderJobs, setOlderJobs] = useState<Job[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const [reparsing, setReparsing] = useState<ReadonlySet<string>>(new Set());
  const nextUploadId = useRef(0);
  const olderLoaded = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const page = await api.listJobs(JOBS_PER_PAGE);
      setJobs(page.items);
      // Once older pages are shown, their own cursor says where the next one starts.
      setNextCursor((current) => (olderLoaded.current ? current : page.nextCursor));
      setLoadError(null);
      return page.items.some((job) => isInFlight(job.status));
    } catch (error) {
      setLoadError(error);
      return false;
    }
  }, [api]);
  const { kick } = usePolling(refresh);

  const uploadOne = useCallback(
    async (id: string, file: File) => {
      try {
        dispatch({ type: 'creating', id });
        const { job, upload } = await api.createJob({ fileName: file.name, contentType: contentTypeOf(file), sizeBytes: file.size });
        dispatch({ type: 'created', id, jobId: job.jobId });
        kick();
        await putToPresignedUrl(upload, file, (fraction) => dispatch({ type: 'progress', id, fraction }));
        dispatch({ type: 'uploaded', id });
        await api.startParse(job.jobId);
        dispatch({ type: 'started', id });
      } catch (error) {
        dispatch({ type: 'failed', id, error: errorInWords(error) });
      } finally {
        kick();
      }
    },
    [api, kick],
  );

  const onFiles = useCallback(
    (files: File[]) => {
      const batch = files.map((file) => ({ id: `upload-${nextUploadId.current++}`, file }));
      dispatch({ type: 'added', entries: batch.map(({ id, file }) => ({ id, fileName: file.name, sizeBytes: file.size })) });
      void eachWithLimit(batch, PARALLEL_UPLOADS, ({ id, file }) => uploadOne(id, file));
    },
    [uploadOne],
  );

  const onReparse = useCallback(
    async (job: Job) => {
      setActionError(null);
      setReparsing((current) => new Set(current).add(job.jobId));
      try {
        await api.startParse(job.jobId);
      } catch (error) {
        setActionError({ error, fileName: job.fileName });
      } finally {
        setReparsing((current) => {
          const next = new Set(current);
          next.delete(job.jobId);
          return next;
        });
        kick();
      }
    },
    [api, kick],
  );

  async function onShowOlder() {
    if (!nextCursor) return;
    setLoadingOlder(true);
    try {
      const page = await api.listJobs(JOBS_PER_PAGE, nextCursor);
      olderLoaded.current = true;
      setOlderJobs((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setLoadError(error);
    } finally {
      setLoadingOlder(false);
    }
  }

  const busyUploads = uploads.filter(isUploadBusy).length;
  const failedAction = actionError as {
    error: unknown;
    fileName: string;
  } | null;
  return (
    <>
      <h1 tabIndex={-1}>Jobs</h1>
      {may('upload') ? (
        <UploadPanel uploads={uploads} onFiles={onFiles} onClear={() => dispatch({ type: 'cleared' })} />
      ) : (
        <p className="notice">Uploading invoices {roleNeededWords(principal.role, 'upload')}.</p>
      )}
      <section className="panel">
        <div className="section-head">
          <h2 id="jobs-heading">Invoices</h2>
          <button type="button" className="secondary" onClick={kick}>
            Refresh
          </button>
        </div>
        <p className="muted small" aria-live="polite">
          {jobs?.some((j) => isInFlight(j.status)) || busyUploads > 0 ? 'Updating while work is in progress…' : ''}
        </p>
        {loadError !== null && <ErrorNotice error={loadError} context="The job list could not be loaded" onRetry={kick} />}
        {failedAction && <ErrorNotice error={failedAction.error} context={`Re-parse of ${failedAction.fileName}`} />}
        {jobs === null && loadError === null && <p>Loading jobs…</p>}
        {jobs !== null && (
          <JobsTable
            jobs={mergeJobPages(jobs, olderJobs)}
            reparsing={reparsing}
            onReparse={may('parse') ? (job) => void onReparse(job) : undefined}
          />
        )}
        {nextCursor && (
          <button type="button" className="secondary" onClick={() => void onShowOlder()} disabled={loadingOlder}>
            {loadingOlder ? 'Loading older jobs…' : 'Show older jobs'}
          </button>
        )}
      </section>
    </>
  );
}
