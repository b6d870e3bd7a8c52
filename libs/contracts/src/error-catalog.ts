import catalog from '../error-codes.json';

/** Every stable error code, as listed in libs/contracts/error-codes.json. */
export type ErrorCode = keyof typeof catalog.errors;
export type WarningCode = keyof typeof catalog.warnings;

export interface ErrorCodeEntry {
  httpStatus: number;
  description: string;
}

export const errorCatalog: Readonly<Record<ErrorCode, ErrorCodeEntry>> = catalog.errors;
export const warningCatalog: Readonly<Record<WarningCode, string>> = catalog.warnings;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}

/** The HTTP status the API answers with for a code; unknown codes are server faults. */
export function httpStatusOf(code: string): number {
  return isErrorCode(code) ? errorCatalog[code].httpStatus : 500;
}
