import type { ParseResult } from '@invoice/contracts';
import { ApiError, CLIENT_ERROR_CODES, errorFromResponse } from '../api/api-error';

/** The code the server answers when it kept no page copy: an image parsed before copies were written. */
export const PAGES_UNAVAILABLE = 'PAGES_UNAVAILABLE';

/**
 * Whether the review can show the printed pages beside the lines: a PDF, or a scan or photo, whose page
 * copy (GET .../pages.pdf) holds the levelled images OCR read. An XML e-invoice has no printed page.
 */
export function hasPrintedPages(mediaType: ParseResult['source']['mediaType']): boolean {
  return mediaType === 'application/pdf' || mediaType.startsWith('image/');
}

/** The pages OCR read, or none when every page had its own text layer. */
export function ocrPages(result: Pick<ParseResult, 'extraction'>): readonly number[] {
  return result.extraction.ocr?.pages ?? [];
}

export function isPagesUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.code === PAGES_UNAVAILABLE;
}

/**
 * The bytes of the page copy for pdf.js. Fetched here rather than by pdf.js so that a refusal keeps the
 * server's code (PAGES_UNAVAILABLE is a note to show, not a broken viewer). One plain GET, as pdf.js would
 * make with ranges off: a cross-origin copy (S3 behind a redirect in AWS mode) needs no Range allowance.
 */
export async function fetchPageCopy(url: string, headers: Record<string, string> = {}): Promise<Uint8Array> {
  let response: Response;
  try {
    // The session cookie goes by itself (same origin); AWS mode's token goes as a header.
    response = await fetch(url, { credentials: 'same-origin', headers });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR_CODES.network, `The page copy could not be fetched (${String(cause)}).`, 0);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return new Uint8Array(await response.arrayBuffer());
}
