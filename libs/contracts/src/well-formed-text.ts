import type { ValidationIssue } from './validate';

/**
 * A lone UTF-16 surrogate: a high half without its low half or the reverse. With the `u` flag a proper pair
 * is one code point and never matches, so this finds exactly the strings that are not well-formed Unicode.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const ILL_FORMED_TEXT_MESSAGE = 'must be well-formed Unicode text (it contains a lone UTF-16 surrogate)';

/**
 * Every string value and property name in the document that is not well-formed Unicode, with its JSON
 * Pointer. JSON may spell a lone surrogate ("\ud800"), and SQLite stores one as U+FFFD, so two different
 * SKUs would read back the same: no contract string may hold one, whatever schema it is checked against.
 * An explicit stack rather than recursion, because a deeply nested body must not overflow the call stack.
 */
export function illFormedTextIssues(data: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const pending: [unknown, string][] = [[data, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) issues.push({ path, message: ILL_FORMED_TEXT_MESSAGE });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${path}/${index}`]));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) issues.push({ path, message: `has a property name that ${ILL_FORMED_TEXT_MESSAGE}` });
      pending.push([item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return issues;
}
