import { ApiError } from '../api/api-error';

/**
 * What each stable code means to the operator, and what to do about it. The server's own message is kept
 * as the detail; this sentence is written for a person at the review desk, not for a developer.
 */
const SENTENCES: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: 'Some of the values sent are not acceptable; check the highlighted fields.',
  MALFORMED_JSON: 'The request was garbled on its way to the server; try again.',
  PAYLOAD_TOO_LARGE: 'The request is too large for the server.',
  UNSUPPORTED_MEDIA_TYPE: 'The server did not understand the request format.',
  HOST_NOT_ALLOWED: 'The server does not answer for the address this page was opened at; open it as localhost, or add the name to ALLOWED_HOSTS.',
  CROSS_SITE_REQUEST: 'The server refused a change that did not come from its own pages.',
  ROUTE_NOT_FOUND: 'The server does not offer this action (is the API up to date?).',
  JOB_NOT_FOUND: 'There is no job with this id; it may have been typed wrongly.',
  JOB_INVALID_STATE: 'The job is not in a state that allows this action; reload to see where it is.',
  JOB_CONCURRENT_UPDATE: 'Someone else changed this job at the same moment; reload and try again.',
  RESULT_NOT_AVAILABLE: 'This job has no parse result yet, or its latest parse failed.',
  REVIEW_CONFLICT: 'The review was changed elsewhere since you opened it; reload to see the latest revision.',
  SKU_NOT_FOUND: 'There is no stock record for this SKU.',
  ITEM_EXISTS: 'An item with this SKU is already in the catalogue; edit that item instead.',
  ITEM_NOT_FOUND: 'There is no catalogue item with this SKU; it may have been removed or renamed.',
  ITEM_CONFLICT: 'The item was changed elsewhere since you opened it; reload the items to see its current values, then edit again.',
  SUPPLIER_NOT_FOUND: 'There is no supplier with this key: no invoice names it and no SKU mapping is remembered under it.',
  SUPPLIER_MERGE_SELF: 'A supplier cannot be merged into itself; choose another supplier.',
  MAPPING_NOT_FOUND: 'There is no such mapping any more; it was deleted elsewhere. The list now shows the current mappings.',
  DUPLICATE_INVOICE: 'This invoice was already applied by another job; open that job, or apply this one anyway if it really is a second delivery.',
  INSUFFICIENT_STOCK: 'Reversing would take some SKUs below zero; reverse anyway only if the stock really is short.',
  UPLOAD_NOT_FOUND: 'The file has not arrived yet; upload it again.',
  UPLOAD_ALREADY_RECEIVED: 'This job already has its file; upload the new file as a new job.',
  UPLOAD_TOO_LARGE: 'The file is larger than the upload limit.',
  UPLOAD_SIZE_MISMATCH: 'The file changed size during the upload; upload it again.',
  UPLOAD_CONTENT_TYPE_MISMATCH: 'The file type changed during the upload; upload it again.',
  UPLOAD_SIGNATURE_INVALID: 'The upload link was refused; upload the file again.',
  UPLOAD_URL_EXPIRED: 'The upload link expired before the file was sent; upload it again.',
  UPLOAD_LENGTH_REQUIRED: 'The upload was sent without its size; upload it again.',
  APPLY_MISSING_SKU: 'Some item lines have no SKU. Give each one a SKU, or mark it as not stock, then save.',
  APPLY_MISSING_QUANTITY: 'Some item lines have no quantity. Enter one, or mark the line as not stock, then save.',
  UNKNOWN_SKU: 'Some lines name a SKU that is not in the item catalogue; create the item (Create item on the line) or correct the SKU.',
  PAGES_UNAVAILABLE: 'This scan was read before page images were kept, so its page cannot be shown; re-parse it to see the page.',
  LAYOUT_UNAVAILABLE: 'This parse kept no page layout to read from; re-parse the invoice, then draw the box again.',
  INTERNAL_ERROR: 'The server hit an unexpected problem; nothing was changed. Try again.',
  STORAGE_UNAVAILABLE: 'The storage behind the server is not answering; try again in a moment.',
  NOT_A_PDF: 'This file is neither a PDF nor a supported e-invoice (XML).',
  EMPTY: 'The file is empty: it has no bytes or no pages.',
  ENCRYPTED: 'The PDF is password-protected; upload an unprotected copy.',
  CORRUPT: 'The PDF is damaged beyond repair; ask the supplier for a new copy.',
  TOO_MANY_PAGES: 'The document has more pages than the parser accepts.',
  TOO_LARGE: 'The document is larger than the parser accepts.',
  NO_TEXT_LAYER: 'No page has any text: neither a text layer nor words that OCR could recognise (a blank page or a drawing).',
  OCR_UNAVAILABLE: 'This is a scan or a photo, and the server has no OCR engine installed to read it; ask the administrator to install tesseract.',
  TIMEOUT: 'Reading the document took too long and was stopped.',
  INVALID_XML: 'The XML is not a well-formed CII or UBL e-invoice.',
  INPUT_NOT_FOUND: 'The parser could not find the uploaded file.',
  PARSER_CRASHED: 'The parser stopped unexpectedly; re-parse to try again.',
  PARSER_OUTPUT_INVALID: 'The parser produced an unusable result; re-parse, and report it if it happens again.',
  PARSER_INTERNAL: 'The parser hit an unexpected problem; re-parse to try again.',
  NETWORK_UNREACHABLE: 'The server could not be reached; check the connection and try again.',
  CONFIG_INVALID: 'The app is misconfigured (config.json).',
  PARSER_START_REFUSED: 'The parser could not be started just now (the server is busy); it is tried again by itself.',
  PARSE_ABANDONED: 'Parsing failed several times for reasons outside the document; re-parse to try again.',
  PARSE_TIMEOUT: 'Parsing took longer than allowed and was given up; re-parse to try again.',
  UNAUTHENTICATED: 'Your session ended; log in again.',
  FORBIDDEN: 'Your role does not allow this.',
  SECOND_APPROVER_REQUIRED: 'You saved this review revision yourself: another approver must apply it (four eyes).',
  INVALID_CREDENTIALS: 'The user name or the password is wrong.',
  LOGIN_THROTTLED: 'Too many failed logins in a row; wait a little, then try again.',
  ACCOUNT_LOCKED: 'This account is locked after repeated failed logins; an administrator can unlock it by setting a new password.',
  SETUP_ALREADY_DONE: 'The administrator exists already; log in instead.',
  SETUP_LOOPBACK_ONLY:
    'The administrator can only be created from the computer the server runs on (open http://localhost:… there), or with npm run user -- add.',
  SETUP_NOT_AVAILABLE: 'In AWS mode users live in the Cognito user pool; there is no first-start setup.',
  WEAK_PASSWORD: 'The password is too short: it needs at least 12 characters.',
  USER_EXISTS: 'A user with this name exists already.',
  USER_NOT_FOUND: 'There is no user with this name.',
  LAST_ADMIN: 'This would leave no enabled administrator; make another user admin first.',
  TOKEN_EXISTS: 'An API token with this name exists already; revoke it or choose another name.',
  TOKEN_NOT_FOUND: 'There is no API token with this name; it may have been revoked already.',
  ROLE_ABOVE_OWN: 'A token cannot have a role above your own.',
};

export function sentenceFor(code: string): string | null {
  return SENTENCES[code] ?? null;
}

/** Codes with a sentence, for the test that keeps this table in step with the contracts catalogue. */
export function knownCodes(): string[] {
  return Object.keys(SENTENCES);
}

export interface ErrorInWords {
  /** The operator's sentence, or the server's message when the code is new to this app. */
  summary: string;
  /** The server's own words when they add something to the summary. */
  detail: string | null;
  code: string;
}

export function errorInWords(error: unknown): ErrorInWords {
  if (error instanceof ApiError && error.code === 'FORBIDDEN') return forbidden(error);
  if (error instanceof ApiError) return fromCode(error.code, error.message);
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return fromCode(code, message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { summary: message, detail: null, code: 'CLIENT_ERROR' };
}

function fromCode(code: string, message: string): ErrorInWords {
  const sentence = sentenceFor(code);
  if (!sentence) return { summary: message, detail: null, code };
  return {
    summary: sentence,
    detail: message && message !== sentence ? message : null,
    code,
  };
}

/** A refusal by role names the role needed (details.required) and the user's own (details.role). */
function forbidden(error: ApiError): ErrorInWords {
  const required = typeof error.details?.required === 'string' ? error.details.required : null;
  const role = typeof error.details?.role === 'string' ? error.details.role : null;
  if (!required) return fromCode(error.code, error.message);
  const summary = `This needs the ${required} role${role ? `; you are signed in as ${role}` : ''}. Ask an administrator if you should have it.`;
  return { summary, detail: null, code: error.code };
}
