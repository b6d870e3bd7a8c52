import { parseRetryPolicy, type ParseRetryPolicy } from '@invoice/inventory';
import type { Config } from './config';

/** The domain's retry policy with the configured attempts and deadline; backoff keeps its named defaults. */
export function parseRetrySettings(config: Pick<Config, 'parseMaxAttempts' | 'parseDeadlineSeconds'>): ParseRetryPolicy {
  return parseRetryPolicy({ maxAttempts: config.parseMaxAttempts, deadlineMs: config.parseDeadlineSeconds * 1000 });
}
