import type { BoundingBox, JobReview, ReviewedLine } from '@invoice/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { useApi } from '../app/api-context';
import { JobAuditTrail } from '../audit/JobAuditTrail';
import { roleNeededWords } from '../session/permissions';
import { useMay, useSession } from '../session/session-context';
import { routeHref } from '../app/routes';
import { ErrorNotice } from '../shared/ErrorNotice';
import { canApply } from '../jobs/job-status';
import { ApplyDialog } from './ApplyDialog';
import { ReverseDialog } from './ReverseDialog';
import { applyOutcomeWords } from './apply-outcome';
import { stockLines } from './apply-checks';
import { LineActions } from './LineActions';
import { mergeWithNext, splitLine } from './line-split-merge';
import { hasPrintedPages, ocrPages } from './page-copy';
import { regionLineEdit } from './page-region';
import { OcrNote } from './OcrNote';
import { RegionPanel, type RegionRead } from './RegionPanel';
import { HeaderFields } from './HeaderFields';
import { JobStateNotices } from './JobStateNotices';
import { LineEditor } from './LineEditor';
import { LinesTable } from './LinesTable';
import { PdfPageView } from './PdfPageView';
import { ReviewActionBar } from './ReviewActionBar';
import {
  applyBlockedReason,
  buildReviewUpdate,
  documentWarnings,
  draftLines,
  editLine,
  EMPTY_DRAFT,
  isDirty,
  lineWarnings,
  nextLineIndex,
  type HeaderDraft,
  type LineEdit,
  type ReviewDraft,
} from './review-draft';
import { useJobReview } from './use-job-review';

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'REVIEW_CONFLICT' || error.code === 'JOB_CONCURRENT_UPDATE');
}

/** Whether the box being read or confirmed belongs to the page on show. */
function regionOnPage(read: RegionRead | null, page: number): boolean {
  if (!read || read.status === 'failed') return false;
  return (read.status === 'read' ? read.region.page : read.page) === page;
}

export function ReviewScreen({ jobId }: { jobId: string }) {
  const api = useApi();
  const may = useMay();
  const { principal } = useSession();
  const { job, result, review, loadError, setJob, setReview, forgetParse, reload } = useJobReview(jobId);
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [headerDraft, setHeaderDraft] = useState<HeaderDraft>({});
  const [problems, setProblems] = useState<Readonly<Record<number, string>>>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [saving, setSaving] = useState(false);
  const [actionError, setActionError] = useState<{
    context: string;
    error: unknown;
  } | null>(null);
  const [notice, setNotice] = useState('');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  // A ref, not state: a double click lands twice before React re-renders the disabled button.
  const applyInFlight = useRef(false);
  const [reverseOpen, setReverseOpen] = useState(false);
  const [reversing, setReversing] = useState(false);
  const [reverseError, setReverseError] = useState<unknown>(null);
  const reverseInFlight = useRef(false);
  const [regionMode, setRegionMode] = useState(false);
  const [regionRead, setRegionRead] = useState<RegionRead | null>(null);
  const [regionBox, setRegionBox] = useState<BoundingBox | null>(null);
  const [creatingItem, setCreatingItem] = useState(false);
  // Moves on after every apply or reverse, refused ones too: a refusal is on the trail as well (apply.refused).
  const [trailTick, setTrailTick] = useState(0);

  const warnings = useMemo(() => lineWarnings(result), [result]);
  const dirty = review ? isDirty(review, draft, headerDraft) : false;
  // A viewer reads the review; correcting it needs the clerk role, applying it the approver role.
  const readOnly = !job || !canApply(job) || !may('saveReview');
  const applicable = job !== null && canApply(job) && may('apply');
  const shownLines = useMemo(() => (review ? draftLines(review, draft) : []), [review, draft]);
  const selectedLine = shownLines.find((line) => line.index === selected) ?? null;
  const linesOnPage = useMemo(
    () => shownLines.flatMap((line) => (line.page === page && line.bbox !== null ? [{ index: line.index, bbox: line.bbox }] : [])),
    [shownLines, page],
  );

  const select = useCallback(
    (lineIndex: number) => {
      setSelected(lineIndex);
      if (!readOnly) setEditing(lineIndex);
      const line = review?.lines.find((l) => l.index === lineIndex);
      if (line && line.page !== null) setPage(line.page);
    },
    [review, readOnly],
  );

  /** A line the parser missed: a new item line at the end, opened for editing. */
  function onAddLine() {
    if (!review) return;
    const index = nextLineIndex(review, draft);
    setDraft((current) => editLine(current, index, { added: true }));
    setSelected(index);
    setEditing(index);
    setNotice('');
  }

  /** Split and merge only rewrite the draft: saving sends them as ordinary corrections and added lines. */
  function onSplit(lineIndex: number, kept: string): string | null {
    if (!review) return null;
    const outcome = splitLine(review, draft, lineIndex, kept);
    if (!outcome.ok) return outcome.reason;
    setDraft(outcome.draft);
    setNotice(`Line ${lineIndex + 1} split: the rest is the new line ${outcome.focusLine + 1}, not saved yet.`);
    return null;
  }

  function onMerge(lineIndex: number) {
    if (!review) return;
    const outcome = mergeWithNext(review, draft, lineIndex);
    if (!outcome.ok) {
      setNotice(`Not merged: ${outcome.reason}`);
      return;
    }
    setDraft(outcome.draft);
    setNotice(`Line ${lineIndex + 1} merged with the next item line, which is now deleted; not saved yet.`);
  }

  /** The catalogue item a new SKU needs before apply accepts it; an item that exists already is just as good. */
  async function onCreateItem(line: ReviewedLine) {
    if (line.sku === null) return;
    setCreatingItem(true);
    setActionError(null);
    try {
      const name = line.description.trim().slice(0, 512) || line.sku;
      await api.createCatalogueItem({ sku: line.sku, name, unit: line.unit?.trim() || 'pcs' });
      setNotice(`Item ${line.sku} created in the catalogue.`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ITEM_EXISTS') setNotice(`Item ${line.sku} is already in the catalogue.`);
      else setActionError({ context: `Item ${line.sku} was not created`, error });
    } finally {
      setCreatingItem(false);
      reload();
    }
  }

  async function onRegion(box: BoundingBox) {
    setRegionBox(box);
    setRegionRead({ status: 'reading', page });
    try {
      const region = await api.readPageRegion(jobId, page, box);
      setRegionRead({ status: 'read', region });
    } catch (error) {
      setRegionRead({ status: 'failed', page, error });
    }
  }

  function closeRegion() {
    setRegionRead(null);
    setRegionBox(null);
  }

  /** Cancel gives the focus back to the switch the drawing started from. */
  function cancelRegion() {
    closeRegion();
    document.getElementById('read-line-toggle')?.focus();
  }

  // A line added from the page opens with the focus in its SKU field, ready to check and correct.
  const focusAddedLine = useRef<number | null>(null);
  useEffect(() => {
    const index = focusAddedLine.current;
    if (index === null) return;
    const field = document.querySelector<HTMLInputElement>(`[data-editor-line="${index}"] input[data-field="sku"]`);
    if (field) {
      focusAddedLine.current = null;
      field.focus();
    }
  });

  /** The line read from the box joins the draft as an added line, open for editing like any other. */
  function onAddRegionLine() {
    if (!review || regionRead?.status !== 'read') return;
    const index = nextLineIndex(review, draft);
    setDraft((current) => editLine(current, index, regionLineEdit(regionRead.region)));
    setSelected(index);
    setEditing(index);
    focusAddedLine.current = index;
    closeRegion();
    setRegionMode(false);
    setNotice(`Line ${index + 1} added from page ${regionRead.region.page}; check it, then save.`);
  }

  const onHeaderEdit = useCallback((field: keyof HeaderDraft, value: string) => {
    setHeaderDraft((current) => ({ ...current, [field]: value }));
    setNotice('');
  }, []);

  // Open on the first line: its outline shows where the lines are, and its correction fields are ready.
  const firstLine = review?.lines[0]?.index ?? null;
  useEffect(() => {
    if (selected === null && firstLine !== null) select(firstLine);
  }, [selected, firstLine, select]);

  const onEdit = useCallback((lineIndex: number, edit: LineEdit) => {
    setDraft((current) => editLine(current, lineIndex, edit));
    setNotice('');
  }, []);

  /** Saves the draft as the next revision; answers the saved review, or null when nothing was saved. */
  async function onSave(): Promise<JobReview | null> {
    if (!review) return null;
    const outcome = buildReviewUpdate(review, draft, headerDraft);
    if (!outcome.ok) {
      setProblems(outcome.problems);
      const first = Number(Object.keys(outcome.problems).find((key) => Number(key) >= 0) ?? -1);
      if (first >= 0) {
        setEditing(first);
        setSelected(first);
      }
      setNotice(`Not saved: ${Object.values(outcome.problems).join(' ')}`);
      return null;
    }
    setSaving(true);
    setActionError(null);
    try {
      const saved = await api.saveReview(jobId, outcome.update);
      setReview(saved);
      setDraft(EMPTY_DRAFT);
      setHeaderDraft({});
      setProblems({});
      setNotice(`Saved review revision ${saved.revision}.`);
      setJob(await api.getJob(jobId));
      return saved;
    } catch (error) {
      setActionError({ context: 'The review was not saved', error });
      return null;
    } finally {
      setSaving(false);
    }
  }

  /** Unsaved corrections are saved first, so the dialog lists what the server will apply, not a guess. */
  async function onOpenApply() {
    setApplyError(null);
    const current = dirty ? await onSave() : review;
    if (!current) return;
    if (current.applyBlockers.length > 0) {
      setNotice('Not applied: some lines still need a SKU or a quantity.');
      return;
    }
    setDialogOpen(true);
  }

  async function onConfirmApply(allowDuplicate: boolean) {
    if (!review || applyInFlight.current) return;
    applyInFlight.current = true;
    setApplying(true);
    setApplyError(null);
    try {
      // Both guards: the revision the operator saw, and the exact stock changes the dialog listed.
      const applied = await api.apply(jobId, {
        reviewRevision: review.revision,
        expectedStockChanges: review.stockChanges,
        ...(allowDuplicate ? { allowDuplicate: true } : {}),
      });
      setDialogOpen(false);
      setJob(applied.job);
      setNotice(applyOutcomeWords(applied));
      reload();
    } catch (error) {
      setApplyError(error);
      // The review moved on (another revision, or a SKU mapping saved meanwhile): show the current changes in the dialog.
      if (isConflict(error)) reload();
    } finally {
      applyInFlight.current = false;
      setApplying(false);
      setTrailTick((tick) => tick + 1);
    }
  }

  async function onConfirmReverse(allowNegativeStock: boolean) {
    if (reverseInFlight.current) return;
    reverseInFlight.current = true;
    setReversing(true);
    setReverseError(null);
    try {
      const reversed = await api.reverse(jobId, allowNegativeStock ? { allowNegativeStock: true } : {});
      setReverseOpen(false);
      setJob(reversed.job);
      const count = reversed.reversal.deltas.length;
      setNotice(
        reversed.outcome === 'ALREADY_REVERSED'
          ? 'Already reversed: an earlier request moved the stock back, so nothing was changed this time.'
          : `Reversed: stock moved back for ${count} SKU${count === 1 ? '' : 's'}.`,
      );
      reload();
    } catch (error) {
      setReverseError(error);
    } finally {
      reverseInFlight.current = false;
      setReversing(false);
      setTrailTick((tick) => tick + 1);
    }
  }

  async function onReparse() {
    setActionError(null);
    try {
      setJob(await api.startParse(jobId));
      forgetParse();
      setDraft(EMPTY_DRAFT);
      setHeaderDraft({});
      reload();
    } catch (error) {
      setActionError({ context: 'The re-parse did not start', error });
    }
  }

  const title = job ? `Review: ${job.fileName}` : 'Review';
  const applyHint = review ? applyBlockedReason(review, draft, headerDraft) : null;

  return (
    <>
      <p className="breadcrumb">
        <a href={routeHref({ screen: 'jobs' })}>← Back to the job list</a>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <p role="status" className="notice-line">
        {notice}
      </p>
      {loadError !== null && <ErrorNotice error={loadError} context="The job could not be loaded" onRetry={reload} />}
      {job && (
        <JobStateNotices
          job={job}
          review={review}
          onReparse={() => void onReparse()}
          onReverse={
            may('reverse')
              ? () => {
                  setReverseError(null);
                  setReverseOpen(true);
                }
              : undefined
          }
        />
      )}
      {review?.duplicateOf && (
        <section className="notice notice-warning" aria-labelledby="duplicate-title">
          <h2 id="duplicate-title">Possible duplicate</h2>
          <p>
            {review.duplicateOf.reason === 'same-document'
              ? 'The same file was already applied to stock by '
              : 'An invoice with the same supplier and number was already applied to stock by '}
            <a href={routeHref({ screen: 'review', jobId: review.duplicateOf.jobId })}>the earlier job</a>. Applying this one is refused unless you
            confirm it is a separate delivery.
          </p>
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
                  reload();
                }
              : undefined
          }
        />
      )}
      {job && result && review && (
        <div className="review-layout">
          <div
            className="review-main"
            // Ctrl+Enter saves from any field of the review (the lines table handles its own first).
            onKeyDown={(event) => {
              if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
              if (readOnly || !dirty || saving) return;
              event.preventDefault();
              void onSave();
            }}
          >
            <HeaderFields result={result} review={review} editable={!readOnly} headerDraft={headerDraft} onEdit={onHeaderEdit} />
            {documentWarnings(result).length > 0 && (
              <section className="notice notice-warning">
                <h2 id="doc-warnings">Warnings about this document</h2>
                <ul>
                  {documentWarnings(result).map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </section>
            )}
            <ReviewActionBar
              editable={!readOnly}
              applicable={applicable}
              reviewedBy={review.reviewedBy ?? null}
              applyRoleNote={canApply(job) && !may('apply') ? `Applying to stock ${roleNeededWords(principal.role, 'apply')}.` : null}
              dirty={dirty}
              saving={saving}
              revision={review.revision}
              applyHint={applyHint}
              dialogOpen={dialogOpen}
              onSave={() => void onSave()}
              onApply={() => void onOpenApply()}
            />
            <p className="muted small">Select a line to see it outlined on the page{readOnly ? '' : ' and to correct it'}.</p>
            <LinesTable
              review={review}
              draft={draft}
              headerDraft={headerDraft}
              warnings={warnings}
              problems={problems}
              selected={selected}
              onSelect={select}
              onEdit={readOnly ? undefined : onEdit}
              onSave={readOnly || !dirty || saving ? undefined : () => void onSave()}
              editorFor={(line) =>
                line.index === editing && !readOnly ? (
                  <LineEditor
                    line={line}
                    draft={draft}
                    supplierName={review.supplierKey === null ? null : (review.header?.supplierName ?? result.invoice.supplier.name)}
                    problem={problems[line.index]}
                    onEdit={onEdit}
                    onClose={() => setEditing(null)}
                    actions={
                      <LineActions
                        review={review}
                        line={line}
                        draft={draft}
                        onSplit={onSplit}
                        onMerge={onMerge}
                        onCreateItem={may('editCatalogue') ? (target) => void onCreateItem(target) : undefined}
                        creatingItem={creatingItem}
                      />
                    }
                  />
                ) : null
              }
            />
            {!readOnly && (
              <p>
                <button type="button" className="secondary" onClick={onAddLine}>
                  Add line
                </button>
              </p>
            )}
          </div>
          <div className="review-page">
            {hasPrintedPages(result.source.mediaType) ? (
              <>
                <PdfPageView
                  fileUrl={api.pagesUrl(jobId)}
                  fileName={job.fileName}
                  page={page}
                  onPageChange={setPage}
                  highlight={selectedLine && selectedLine.page === page ? selectedLine.bbox : null}
                  highlightLabel={selectedLine && selectedLine.page === page ? `line ${selectedLine.index + 1}` : null}
                  lines={linesOnPage}
                  onPickLine={select}
                  regionMode={regionMode}
                  onRegionModeChange={
                    readOnly
                      ? undefined
                      : (on) => {
                          setRegionMode(on);
                          if (!on) closeRegion();
                        }
                  }
                  onRegion={(box) => void onRegion(box)}
                  region={regionOnPage(regionRead, page) ? regionBox : null}
                />
                {regionRead && <RegionPanel read={regionRead} onAdd={onAddRegionLine} onCancel={cancelRegion} />}
                {ocrPages(result).length > 0 && <OcrNote pages={ocrPages(result)} originalUrl={api.fileUrl(jobId)} />}
              </>
            ) : (
              <p className="panel muted">This is an XML e-invoice: there is no printed page to show beside the lines.</p>
            )}
          </div>
        </div>
      )}
      {job && <JobAuditTrail jobId={jobId} version={`${job.status}:${job.version}:${review?.revision ?? -1}:${trailTick}`} />}
      {job && review && (
        <ApplyDialog
          open={dialogOpen}
          fileName={job.fileName}
          invoiceNumber={job.summary?.invoiceNumber ?? null}
          revision={review.revision}
          stockChanges={review.stockChanges}
          duplicate={review.duplicateOf ?? null}
          checks={review.checks ?? []}
          stockLines={stockLines(review)}
          applying={applying}
          error={applyError}
          onConfirm={(allowDuplicate) => void onConfirmApply(allowDuplicate)}
          onCancel={() => setDialogOpen(false)}
        />
      )}
      {job && review && job.status === 'APPLIED' && (
        <ReverseDialog
          open={reverseOpen}
          fileName={job.fileName}
          invoiceNumber={job.summary?.invoiceNumber ?? null}
          appliedChanges={review.stockChanges}
          reversing={reversing}
          error={reverseError}
          onConfirm={(allowNegativeStock) => void onConfirmReverse(allowNegativeStock)}
          onCancel={() => setReverseOpen(false)}
        />
      )}
    </>
  );
}
