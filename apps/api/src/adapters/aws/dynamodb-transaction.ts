import {
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { DomainError } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';

/** DynamoDB's limit of actions in one TransactWriteItems. */
export const MAX_TRANSACTION_ACTIONS = 100;

/**
 * A cancellation by failed conditions carries DynamoDB's reasons, aligned with the items, and the SDK's exception
 * itself, which the error a caller throws from the reasons keeps as its cause (`{ cause: outcome.error }`, or the
 * domain factory's `cause` argument, e.g. concurrentUpdate(jobId, version, outcome.error)).
 */
export type TransactionOutcome = { committed: true } | { committed: false; reasons: CancellationReason[]; error: TransactionCanceledException };

/** Cancellation codes that say "someone else was busy with these items", not "your conditions failed". */
const CONTENTION_CODES = new Set(['TransactionConflict']);
const THROTTLING_CODES = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);
const DEFAULT_ROUNDS = 12;
const BASE_DELAY_MS = 15;

export interface TransactWriteOptions {
  /** How many times a transaction cancelled only by contention or throttling is sent; tests lower it. */
  rounds?: number;
}

/**
 * Runs one TransactWriteItems. One ClientRequestToken is drawn per call and sent with every round of it (the
 * SDK's own network retries reuse it too): the payload is the same each round, so a round whose answer was
 * lost (TransactionInProgressException, a dropped connection) is answered "committed" by the next round
 * instead of reading as someone else's write. A different call, with another payload, never shares a token
 * (no IdempotentParameterMismatch), and DynamoDB forgets a token after 10 minutes, far beyond these rounds.
 *
 * A cancellation caused only by contention is retried after a jittered pause; one caused by a failed
 * condition is returned with its reasons (aligned with `items`) for the caller to interpret. Contention
 * that outlasts the rounds is JOB_CONCURRENT_UPDATE (409, "retry"), throttling STORAGE_UNAVAILABLE (503):
 * stable codes, never a 500.
 */
export async function transactWrite(client: DynamoDBClient, items: TransactWriteItem[], options: TransactWriteOptions = {}): Promise<TransactionOutcome> {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const token = randomUUID();
  for (let round = 1; ; round += 1) {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token }));
      return { committed: true };
    } catch (error) {
      const cancelled = error instanceof TransactionCanceledException ? error : null;
      const reasons = cancelled ? (cancelled.CancellationReasons ?? []) : null;
      if (cancelled && reasons?.some(isConditionFailure)) return { committed: false, reasons, error: cancelled };
      const busy = error instanceof TransactionInProgressException || (reasons !== null && reasons.some((reason) => isBusy(reason)));
      if (!busy) throw error;
      if (round < rounds) {
        await pause(round);
        continue;
      }
      throw gaveUp(reasons ?? [], error);
    }
  }
}

export function isConditionFailure(reason: CancellationReason | undefined): boolean {
  return reason?.Code === 'ConditionalCheckFailed';
}

function isBusy(reason: CancellationReason): boolean {
  return CONTENTION_CODES.has(reason.Code ?? '') || THROTTLING_CODES.has(reason.Code ?? '');
}

function gaveUp(reasons: CancellationReason[], cause: unknown): DomainError {
  const codes = reasons.map((reason) => reason.Code ?? 'None').join(', ') || (cause instanceof Error ? cause.name : 'unknown');
  if (reasons.some((reason) => THROTTLING_CODES.has(reason.Code ?? ''))) {
    return new DomainError('STORAGE_UNAVAILABLE', `DynamoDB throttled the transaction; retry later (${codes}).`, undefined, { cause });
  }
  return new DomainError('JOB_CONCURRENT_UPDATE', `Other writes to the same items kept cancelling the transaction; retry (${codes}).`, undefined, { cause });
}

function pause(round: number): Promise<void> {
  const ceiling = BASE_DELAY_MS * 2 ** Math.min(round, 6);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
