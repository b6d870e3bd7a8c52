import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { schemasByName, type SchemaName } from './schema-registry';

export interface ValidationIssue {
  /** JSON Pointer to the offending value ("" for the document itself). */
  path: string;
  message: string;
}

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
for (const schema of Object.values(schemasByName)) ajv.addSchema(schema);

const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let validator = compiled.get(name);
  if (!validator) {
    validator = ajv.getSchema(schemasByName[name].$id);
    if (!validator) throw new Error(`Schema ${name} is not registered`);
    compiled.set(name, validator);
  }
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

/** Validates data against one of the contract schemas; never throws for bad data. */
export function validate<T = unknown>(name: SchemaName, data: unknown): ValidationOutcome<T> {
  const validator = validatorFor(name);
  if (validator(data)) return { ok: true, value: data as T };
  return { ok: false, issues: (validator.errors ?? []).map(toIssue) };
}
