/** Says which pages were read by OCR, so the operator knows to check the figures of uncertain lines first. */
export function OcrNote({ pages, originalUrl }: { pages: readonly number[]; originalUrl: string }) {
  const which = pages.length === 1 ? `Page ${pages[0]} was` : `Pages ${pages.join(', ')} were`;
  return (
    <p className="muted small" data-testid="ocr-note">
      {which} read by OCR from a scan or photo; the page shown is the levelled image the words were read from. Lines with words OCR was unsure of have
      a lower confidence: check those first. <a href={originalUrl}>Download the original upload</a>
    </p>
  );
}
