import { validate, type ErrorDetail, type ParseResult } from '@invoice/contracts';
import { DomainError } from '../errors';
import { errorKey, parsedKey } from '../object-keys';
import type { BlobStore } from '../ports/blob-store.port';

const MAX_REPORTED_ISSUES = 20;

/**
 * The ParseResult of one attempt, or null when the parser has not written it. Output that is not JSON or
 * not a valid ParseResult throws PARSER_OUTPUT_INVALID: the parser is another program and is not trusted blindly.
 */
export async function readParseResult(blobs: BlobStore, jobId: string, attempt: number): Promise<ParseResult | null> {
  const data = await blobs.read(parsedKey(jobId, attempt));
  if (data === null) return null;
  const outcome = validate<ParseResult>('parse-result', parseJson(data));
  if (!outcome.ok) {
    throw new DomainError('PARSER_OUTPUT_INVALID', 'The parser wrote a result that does not match the ParseResult schema.', {
      issues: outcome.issues.slice(0, MAX_REPORTED_ISSUES),
    });
  }
  return outcome.value;
}

/** The error record of one attempt ({"error": {...}}), or null when the parser has not written one. */
export async function readParseError(blobs: BlobStore, jobId: string, attempt: number): Promise<ErrorDetail | null> {
  const data = await blobs.read(errorKey(jobId, attempt));
  if (data === null) return null;
  const outcome = validate<{ error: ErrorDetail }>('error', parseJson(data));
  if (!outcome.ok) {
    return {
      code: 'PARSER_OUTPUT_INVALID',
      message: 'The parser wrote an error record that does not match the error schema.',
      details: { issues: outcome.issues.slice(0, MAX_REPORTED_ISSUES) },
    };
  }
  return outcome.value.error;
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    // Reported by the schema check as a non-object, which names the problem well enough.
    return undefined;
  }
}
