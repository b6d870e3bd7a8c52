import {
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';

/** DynamoDB's limit of actions in one TransactWriteItems. */
export const MAX_TRANSACTION_ACTIONS = 100;

export type TransactionOutcome = { committed: true } | { committed: false; reasons: CancellationReason[] };

/** Cancellation codes that say "someone else was busy with these items", not "your conditions failed". */
const TRANSIENT_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const MAX_ROUNDS = 12;
const BASE_DELAY_MS = 15;

/**
 * Runs one TransactWriteItems. Each round carries its own ClientRequestToken, which the SDK reuses for its
 * own network retries: a commit whose answer was lost is then answered as committed instead of being
 * written twice. A cancellation caused only by contention is retried after a jittered pause; one caused by
 * a failed condition is returned with its reasons (aligned with `items`) for the caller to interpret.
 */
export async function transactWrite(client: DynamoDBClient, items: TransactWriteItem[]): Promise<TransactionOutcome> {
  for (let round = 1; ; round += 1) {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: randomUUID() }));
      return { committed: true };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : null;
      const transient =
        error instanceof TransactionInProgressException ||
        (reasons !== null && !reasons.some(isConditionFailure) && reasons.some((reason) => TRANSIENT_CODES.has(reason.Code ?? '')));
      if (transient && round < MAX_ROUNDS) {
        await pause(round);
        continue;
      }
      if (reasons !== null && reasons.some(isConditionFailure)) return { committed: false, reasons };
      throw error;
    }
  }
}

export function isConditionFailure(reason: CancellationReason | undefined): boolean {
  return reason?.Code === 'ConditionalCheckFailed';
}

function pause(round: number): Promise<void> {
  const ceiling = BASE_DELAY_MS * 2 ** Math.min(round, 6);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
