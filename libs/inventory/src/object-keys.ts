/**
 * BlobStore keys. They are the same in S3 and under DATA_DIR, and each parse attempt has its own output
 * keys so that a late write from an older attempt can never be mistaken for the current one.
 */
const MAX_SAFE_NAME_LENGTH = 100;
const FALLBACK_NAME = 'upload';

/** Key of the uploaded document. fileName is a display name; only a sanitised copy reaches the key. */
export function rawKey(jobId: string, fileName: string): string {
  return `raw/${jobId}/${safeName(fileName)}`;
}

export function parsedKey(jobId: string, attempt: number): string {
  return `parsed/${jobId}/attempt-${attempt}.json`;
}

/**
 * The parser's PageLayout of an attempt, written beside its result: its key follows the result's (the parser
 * derives it from --output, invoice_parser/io.py layout_uri), so neither runner passes another argument.
 */
export function layoutKey(jobId: string, attempt: number): string {
  return `parsed/${jobId}/attempt-${attempt}.layout.json`;
}

/**
 * The parser's page copy of an attempt, a PDF of the pages as it read them (each OCR'd page the image its words
 * were read from), written beside its result when OCR read a page (invoice_parser/io.py page_copy_uri).
 */
export function pagesKey(jobId: string, attempt: number): string {
  return `parsed/${jobId}/attempt-${attempt}.pages.pdf`;
}

export function errorKey(jobId: string, attempt: number): string {
  return `errors/${jobId}/attempt-${attempt}.json`;
}

/**
 * Whether a key holds an attempt's output (result, layout, page copy, error record). Those are written once and
 * never replaced (the parser writes them with a hard link locally and with If-None-Match on S3; only the bucket's
 * lifecycle deletes them, after days), so a copy read once stays true while it lasts; the raw upload is not one of them, since a presigned PUT may replace it until it expires.
 */
export function isAttemptOutputKey(key: string): boolean {
  return /^(?:parsed|errors)\/[^/]+\/attempt-\d+(?:\.[a-z]+)*\.(?:json|pdf)$/.test(key);
}

/** Letters, digits, dot, dash and underscore only; no leading dots, so never "..", never hidden. */
export function safeName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop the accents NFKD split off: "März" -> "Marz"
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-MAX_SAFE_NAME_LENGTH);
  return cleaned.replace(/^[._]+/, '') || FALLBACK_NAME;
}
