export interface ReviewActionBarProps {
  editable: boolean;
  applicable: boolean;
  dirty: boolean;
  saving: boolean;
  revision: number;
  /** Why Apply is disabled, or null. */
  applyHint: string | null;
  dialogOpen: boolean;
  /** Who saved the current revision (null: never reviewed, or before accounts), shown beside Apply. */
  reviewedBy?: string | null;
  /** Why Apply is not offered to this user (their role), or null when it is, or the job cannot be applied. */
  applyRoleNote?: string | null;
  onSave: () => void;
  onApply: () => void;
}

/** Save the corrections as a revision; open the apply confirmation. */
export function ReviewActionBar(props: ReviewActionBarProps) {
  const { editable, applicable, dirty, saving, revision, applyHint, dialogOpen, reviewedBy = null, applyRoleNote = null, onSave, onApply } = props;
  return (
    <div className="action-bar">
      {editable && (
        <>
          <button type="button" onClick={onSave} disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save review'}
          </button>
          <span className="muted">
            {dirty ? 'Unsaved changes (Apply saves them first)' : revision > 0 ? `Revision ${revision} saved` : 'No corrections yet'}
          </span>
        </>
      )}
      {reviewedBy !== null && revision > 0 && (
        <span className="reviewed-by" data-testid="reviewed-by">
          Reviewed by {reviewedBy}
        </span>
      )}
      {applicable && (
        <button
          type="button"
          className="primary"
          onClick={onApply}
          disabled={applyHint !== null || saving}
          aria-describedby={applyHint ? 'apply-hint' : undefined}
          aria-haspopup="dialog"
          // Out of sight (and out of the accessibility tree) while its dialog is open: the one Apply button then is the dialog's.
          style={dialogOpen ? { visibility: 'hidden' } : undefined}
        >
          Apply to stock…
        </button>
      )}
      {applyRoleNote && <span className="hint">{applyRoleNote}</span>}
      {applyHint && applicable && (
        <span id="apply-hint" className="hint">
          {applyHint}
        </span>
      )}
    </div>
  );
}
