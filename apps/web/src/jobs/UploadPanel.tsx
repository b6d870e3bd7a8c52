import { useState, type DragEvent } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice';
import { uploadPhaseWords, type UploadEntry } from './upload-queue';

export interface UploadPanelProps {
  uploads: readonly UploadEntry[];
  onFiles: (files: File[]) => void;
  onClear: () => void;
}

export const FILE_INPUT_LABEL = 'Choose invoice files';

/** Drop target and file picker (the keyboard way in), with one progress bar per file. */
export function UploadPanel({ uploads, onFiles, onClear }: UploadPanelProps) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };
  const finished = uploads.some((u) => u.phase === 'started' || u.phase === 'failed');

  return (
    <section className="panel">
      <h2 id="upload-heading">Upload invoices</h2>
      <div
        className={`drop-zone ${dragging ? 'drop-zone-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop PDF invoices (or XML e-invoices, or scans and photos as PNG, JPEG or TIFF) here, one or many at once, or</p>
        <label className="file-picker">
          {FILE_INPUT_LABEL}
          <input
            type="file"
            multiple
            accept="application/pdf,.pdf,application/xml,text/xml,.xml,image/png,.png,image/jpeg,.jpg,.jpeg,image/tiff,.tif,.tiff"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              // Reset, so picking the same file again is a new upload rather than no change.
              event.target.value = '';
              if (files.length > 0) onFiles(files);
            }}
          />
        </label>
      </div>
      {uploads.length > 0 && (
        <>
          <ul className="uploads" aria-live="polite">
            {uploads.map((upload) => (
              <li key={upload.id} className={`upload upload-${upload.phase}`}>
                <span className="upload-name">{upload.fileName}</span>
                <progress max={1} value={upload.progress} aria-label={`Upload progress of ${upload.fileName}`} />
                <span className="upload-phase">{uploadPhaseWords(upload)}</span>
                {upload.error && (
                  <ErrorNotice
                    error={{ code: upload.error.code, message: upload.error.detail ?? upload.error.summary }}
                    context={upload.fileName}
                  />
                )}
              </li>
            ))}
          </ul>
          {finished && (
            <button type="button" className="secondary" onClick={onClear}>
              Clear finished uploads
            </button>
          )}
        </>
      )}
    </section>
  );
}
