import type { ValidationIssue } from './validate';

/**
 * The most problems one answer lists. A request with thousands of bad entries would otherwise get an
 * error body many times its own size, and nobody reads past the first screenful anyway.
 */
export const MAX_REPORTED_ISSUES = 100;

/** The first MAX_REPORTED_ISSUES issues, then one saying how many more were left out. */
export function limitIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return [...issues];
  const left = issues.length - MAX_REPORTED_ISSUES;
  return [...issues.slice(0, MAX_REPORTED_ISSUES), { path: '', message: `has ${left} more problem(s) not listed here` }];
}
