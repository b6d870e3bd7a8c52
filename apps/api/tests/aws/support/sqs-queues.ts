import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';

export interface ParseQueues {
  queueUrl: string;
  deadLetterUrl: string;
  deadLetterArn: string;
  cleanup(): Promise<void>;
}

/**
 * A uniquely named parse queue on moto with its dead-letter queue, as tools/terraform makes them: after
 * `maxReceiveCount` receives without a delete, SQS moves a message to the dead-letter queue.
 */
export async function createParseQueues(sqs: SQSClient, maxReceiveCount = 3): Promise<ParseQueues> {
  const suffix = randomUUID().slice(0, 8);
  const { QueueUrl: deadLetterUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `test-parse-dlq-${suffix}` }));
  if (!deadLetterUrl) throw new Error('moto made no dead-letter queue');
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }));
  const deadLetterArn = Attributes?.QueueArn;
  if (!deadLetterArn) throw new Error('moto gave the dead-letter queue no ARN');
  const { QueueUrl: queueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `test-parse-${suffix}`,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: String(maxReceiveCount) }) },
    }),
  );
  if (!queueUrl) throw new Error('moto made no parse queue');
  return {
    queueUrl,
    deadLetterUrl,
    deadLetterArn,
    async cleanup() {
      await Promise.all([queueUrl, deadLetterUrl].map((url) => sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => undefined)));
    },
  };
}

/** Up to ten messages now (no long poll), with the attributes a Lambda event record carries. */
export async function receiveNow(sqs: SQSClient, queueUrl: string, visibilityTimeout?: number): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
      ...(visibilityTimeout === undefined ? {} : { VisibilityTimeout: visibilityTimeout }),
    }),
  );
  return Messages;
}
