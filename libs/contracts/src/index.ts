export * from './generated/contracts';
export { errorCatalog, warningCatalog, httpStatusOf, isErrorCode } from './error-catalog';
export type { ErrorCode, ErrorCodeEntry, WarningCode } from './error-catalog';
export { schemasByName } from './schema-registry';
export type { SchemaName } from './schema-registry';
export { validate } from './validate';
export type { ValidationIssue, ValidationOutcome } from './validate';
export { limitIssues, MAX_REPORTED_ISSUES } from './issue-limit';
export { AUDIT_ACTIONS, isAuditAction } from './audit-actions';
