import type { Job, JobReview, ParseResult } from '@invoice/contracts';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { useApi } from '../app/api-context';
import { routeHref } from '../app/routes';
import { canReparse, canReview, isInFlight, statusLabel } from '../jobs/job-status';
import { ErrorNotice } from '../shared/ErrorNotice';
import { formatTimestamp } from '../shared/format';
import { usePolling } from '../shared/use-polling';
import { ApplyDialog } from './ApplyDialog';
import { HeaderFields } from './HeaderFields';
import { LineEditor } from './LineEditor';
import { LinesTable } from './LinesTable';
import { PdfPageView } from './PdfPageView';
import {
  applyBlockedReason,
  buildReviewUpdate,
  documentWarnings,
  editLine,
  EMPTY_DRAFT,
  isDirty,
  lineWarnings,
  type LineEdit,
  type ReviewDraft,
} from './review-draft';

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'REVIEW_CONFLICT' || error.code === 'JOB_CONCURRENT_UPDATE');
}

export function ReviewScreen({ jobId }: { jobId: string }) {
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const [review, setReview] = useState<JobReview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<Readonly<Record<number, string>>>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [saving, setSaving] = useState(false);
  const [actionError, setActionError] = useState<{ context: string; error: unknown } | null>(null);
  const [notice, setNotice] = useState('');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  // A ref, not state: a double click lands twice before React re-renders the disabled button.
  const applyInFlight = useRef(false);

  const load = useCallback(async (): Promise<boolean> => {
    try {
      const current = await api.getJob(jobId);
      setJob(current);
      if (canReview(current)) {
        const [parsed, reviewed] = await Promise.all([api.getResult(jobId), api.getReview(jobId)]);
        setResult(parsed);
        setReview(reviewed);
      }
      setLoadError(null);
      return isInFlight(current.status);
    } catch (error) {
      setLoadError(error);
      return false;
    }
  }, [api, jobId]);
  const { kick } = usePolling(load);

  const warnings = useMemo(() => lineWarnings(result), [result]);
  const dirty = review ? isDirty(review, draft) : false;
  const readOnly = job?.status !== 'PARSED';
  const selectedLine = review?.lines.find((line) => line.index === selected) ?? null;
  const editingLine = review?.lines.find((line) => line.index === editing) ?? null;

  const select = useCallback(
    (lineIndex: number) => {
      setSelected(lineIndex);
      if (!readOnly) setEditing(lineIndex);
      const line = review?.lines.find((l) => l.index === lineIndex);
      if (line) setPage(line.page);
    },
    [review, readOnly],
  );

  const onEdit = useCallback((lineIndex: number, edit: LineEdit) => {
    setDraft((current) => editLine(current, lineIndex, edit));
    setNotice('');
  }, []);

  async function onSave() {
    if (!review) return;
    const outcome = buildReviewUpdate(review, draft);
    if (!outcome.ok) {
      setProblems(outcome.problems);
      const first = Number(Object.keys(outcome.problems)[0]);
      setEditing(first);
      setSelected(first);
      setNotice('Not saved: some quantities need fixing.');
      return;
    }
    setSaving(true);
    setActionError(null);
    try {
      const saved = await api.saveReview(jobId, outcome.update);
      setReview(saved);
      setDraft(EMPTY_DRAFT);
      setProblems({});
      setNotice(`Saved review revision ${saved.revision}.`);
      setJob(await api.getJob(jobId));
    } catch (error) {
      setActionError({ context: 'The review was not saved', error });
    } finally {
      setSaving(false);
    }
  }

  async function onConfirmApply() {
    if (!review || applyInFlight.current) return;
    applyInFlight.current = true;
    setApplying(true);
    setApplyError(null);
    try {
      const applied = await api.apply(jobId, { reviewRevision: review.revision });
      setDialogOpen(false);
      setJob(applied.job);
      setNotice(
        applied.outcome === 'APPLIED'
          ? `Applied: stock changed for ${applied.ledger.deltas.length} SKU${applied.ledger.deltas.length === 1 ? '' : 's'}.`
          : 'Already applied: this invoice changed stock before, so nothing was changed this time.',
      );
      kick();
    } catch (error) {
      setApplyError(error);
    } finally {
      applyInFlight.current = false;
      setApplying(false);
    }
  }

  async function onReparse() {
    setActionError(null);
    try {
      setJob(await api.startParse(jobId));
      setResult(null);
      setReview(null);
      setDraft(EMPTY_DRAFT);
      kick();
    } catch (error) {
      setActionError({ context: 'The re-parse did not start', error });
    }
  }

  const title = job ? `Review: ${job.fileName}` : 'Review';
  const applyHint = review ? applyBlockedReason(review, draft) : null;

  return (
    <>
      <p className="breadcrumb">
        <a href={routeHref({ screen: 'jobs' })}>← Back to the job list</a>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <p role="status" className="notice-line">
        {notice}
      </p>
      {loadError !== null && <ErrorNotice error={loadError} context="The job could not be loaded" onRetry={kick} />}
      {job && !canReview(job) && (
        <section className="panel">
          <p>
            Status: <strong>{statusLabel(job.status)}</strong>
            {isInFlight(job.status) && ' — this page updates by itself.'}
          </p>
          {job.error && <ErrorNotice error={job.error} context="Parsing failed" />}
          {canReparse(job) && (
            <button type="button" onClick={() => void onReparse()}>
              Re-parse {job.fileName}
            </button>
          )}
        </section>
      )}
      {actionError && (
        <ErrorNotice
          error={actionError.error}
          context={actionError.context}
          // A conflict means someone saved meanwhile: reload their revision; the edits typed here stay on top of it.
          retryLabel={isConflict(actionError.error) ? 'Reload the review (your edits stay)' : undefined}
          onRetry={
            isConflict(actionError.error)
              ? () => {
                  setActionError(null);
                  kick();
                }
              : undefined
          }
        />
      )}
      {job?.status === 'APPLIED' && (
        <div className="notice notice-success">
          <p>
            <strong>Applied</strong> to stock {formatTimestamp(job.appliedAt)}
            {review ? `, from review revision ${review.revision}` : ''}. Applying again changes nothing.
          </p>
        </div>
      )}
      {job && result && review && (
        <div className="review-layout">
          <div className="review-main">
            <HeaderFields job={job} result={result} review={review} />
            {documentWarnings(result).length > 0 && (
              <section aria-labelledby="doc-warnings" className="notice notice-warning">
                <h2 id="doc-warnings">Warnings about this document</h2>
                <ul>
                  {documentWarnings(result).map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </section>
            )}
            <div className="action-bar">
              {!readOnly && (
                <button type="button" onClick={() => void onSave()} disabled={!dirty || saving}>
                  {saving ? 'Saving…' : 'Save review'}
                </button>
              )}
              {!readOnly && (
                <span className="muted">
                  {dirty ? 'Unsaved changes' : review.revision > 0 ? `Revision ${review.revision} saved` : 'No corrections yet'}
                </span>
              )}
              {job.status === 'PARSED' && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setApplyError(null);
                    setDialogOpen(true);
                  }}
                  disabled={applyHint !== null}
                  aria-describedby={applyHint ? 'apply-hint' : undefined}
                  aria-haspopup="dialog"
                  // Out of sight (and of the accessibility tree) while its dialog is open, so the only Apply button is the dialog's.
                  style={dialogOpen ? { visibility: 'hidden' } : undefined}
                >
                  Apply to stock…
                </button>
              )}
              {applyHint && (
                <span id="apply-hint" className="hint">
                  {applyHint}
                </span>
              )}
            </div>
            <p className="muted small">Select a line to see it outlined on the page{readOnly ? '' : ' and to correct it'}.</p>
            <LinesTable review={review} draft={draft} warnings={warnings} problems={problems} selected={selected} onSelect={select} />
            {editingLine && !readOnly && (
              <LineEditor
                line={editingLine}
                draft={draft}
                supplierName={review.supplierKey === null ? null : result.invoice.supplier.name}
                problem={problems[editingLine.index]}
                onEdit={onEdit}
                onClose={() => setEditing(null)}
              />
            )}
          </div>
          <div className="review-page">
            <PdfPageView
              fileUrl={api.fileUrl(jobId)}
              fileName={job.fileName}
              page={page}
              onPageChange={setPage}
              highlight={selectedLine && selectedLine.page === page ? selectedLine.bbox : null}
              highlightLabel={selectedLine && selectedLine.page === page ? `line ${selectedLine.index + 1}` : null}
            />
          </div>
        </div>
      )}
      {job && review && (
        <ApplyDialog
          open={dialogOpen}
          fileName={job.fileName}
          invoiceNumber={job.summary?.invoiceNumber ?? null}
          revision={review.revision}
          stockChanges={review.stockChanges}
          applying={applying}
          error={applyError}
          onConfirm={() => void onConfirmApply()}
          onCancel={() => setDialogOpen(false)}
        />
      )}
    </>
  );
}
