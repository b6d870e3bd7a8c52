import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { limitIssues } from './issue-limit';
import { schemasByName, type SchemaName } from './schema-registry';
import { illFormedTextIssues } from './well-formed-text';

export interface ValidationIssue {
  /** JSON Pointer to the offending value ("" for the document itself). */
  path: string;
  message: string;
}

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/**
 * Two compilations of every schema. Ajv's allErrors mode, which lists every problem, grows its error list
 * by copying it at each $ref, so its cost is quadratic in the number of problems: a 1.4 MB review whose
 * 20 000 corrections are all wrong blocked the event loop for seconds. Validity is therefore decided by the
 * stop-at-the-first-error compilation, and every problem is only listed for documents small enough.
 */
const firstError = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
const everyError = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
for (const schema of Object.values(schemasByName)) {
  firstError.addSchema(schema);
  everyError.addSchema(schema);
}

/** Above this many JSON values, only the first problem is reported (about 64 KiB of typical JSON). */
export const MAX_VALUES_LISTING_EVERY_ISSUE = 5_000;

/** The compiled validator of one schema; Ajv compiles it on first use and keeps it. */
function validatorFor(ajv: Ajv2020, name: SchemaName): ValidateFunction {
  const validator = ajv.getSchema(schemasByName[name].$id);
  if (!validator) throw new Error(`Schema ${name} is not registered`);
  return validator;
}

/**
 * Ajv reports a failed pattern as the regular expression itself, which means nothing to the operator who
 * typed the value; the contracts' own patterns are said in words instead.
 */
const PATTERNS_IN_WORDS: Readonly<Record<string, string>> = {
  '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$': 'must be a decimal number written as a string, such as "12.50" or "-3"',
  '^(0|[1-9][0-9]*)(\\.[0-9]+)?$': 'must be a decimal number of zero or more written as a string, such as "2" or "2.5"',
  '\\S': 'must contain something other than spaces',
};

function toIssue(error: ErrorObject): ValidationIssue {
  if (error.keyword === 'pattern') {
    const words = PATTERNS_IN_WORDS[(error.params as { pattern: string }).pattern];
    if (words) return { path: error.instancePath, message: words };
  }
  const extra =
    error.keyword === 'additionalProperties'
      ? `: ${String((error.params as { additionalProperty: string }).additionalProperty)}`
      : '';
  return { path: error.instancePath, message: `${error.message ?? 'is invalid'}${extra}` };
}

/**
 * Validates data against one of the contract schemas, and every string in it as well-formed Unicode; never
 * throws for bad data. Lists every problem (at most MAX_REPORTED_ISSUES) of an ordinary document, and only
 * the first one of a very large document.
 */
export function validate<T = unknown>(name: SchemaName, data: unknown): ValidationOutcome<T> {
  // Part of every contract, whatever the schema says: no text may hold a lone surrogate (well-formed-text.ts).
  const illFormed = illFormedTextIssues(data);
  if (illFormed.length > 0) return { ok: false, issues: limitIssues(illFormed) };
  const quick = validatorFor(firstError, name);
  if (quick(data)) return { ok: true, value: data as T };
  if (hasMoreValuesThan(data, MAX_VALUES_LISTING_EVERY_ISSUE)) {
    const first = (quick.errors ?? []).map(toIssue);
    return { ok: false, issues: [...first, { path: '', message: 'is too large to list every problem; only those of the first wrong value found are listed' }] };
  }
  const full = validatorFor(everyError, name);
  full(data);
  return { ok: false, issues: limitIssues((full.errors ?? []).map(toIssue)) };
}

/** Counts the values of a JSON document, stopping as soon as the count passes `limit`. */
function hasMoreValuesThan(data: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    count += 1;
    if (count > limit) return true;
    if (typeof value !== 'object' || value === null) continue;
    // One push per child, never push(...children): a body of a million array items must not overflow the stack.
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (count + pending.length > limit) return true;
      pending.push(child);
    }
  }
  return false;
}
