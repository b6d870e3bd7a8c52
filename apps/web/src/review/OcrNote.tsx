import { useState } from 'react';
import { useApi } from '../app/api-context';
import { authorisedDownload } from '../shared/authorised-download';
import { ErrorNotice } from '../shared/ErrorNotice';

/** Says which pages OCR read, and why their page looks straighter than the paper, with the original a click away. */
export function OcrNote({ pages, originalUrl }: { pages: readonly number[]; originalUrl: string }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const which = pages.length === 1 ? `Page ${pages[0]} was` : `Pages ${pages.join(', ')} were`;
  return (
    <>
      <p className="muted small" data-testid="ocr-note">
        {which} read by OCR from a scan or photo, straightened and turned upright first: the lines are outlined on that straightened image.{' '}
        <a href={originalUrl} onClick={authorisedDownload(api.authHeaders(), setError)}>
          Download the original upload
        </a>
      </p>
      {error !== null && <ErrorNotice error={error} context="The original could not be downloaded" />}
    </>
  );
}
