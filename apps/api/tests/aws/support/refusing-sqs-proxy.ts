import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer SQS gives under load, in its JSON protocol (awsJson1_0, AWS query-compatible error header). */
export interface Refusal {
  status: number;
  type: string;
  message: string;
}

/** Throttled (400, as SQS answers a throttled call) and unavailable (503), in turn. */
export const SQS_REFUSALS: readonly Refusal[] = [
  { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' },
  { status: 503, type: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' },
];

export interface RefusingSqsProxy {
  /** Point an SQS client here (its endpoint) instead of at moto. */
  endpoint: string;
  /** The SendMessage calls seen, refused or forwarded, in order. */
  readonly sendMessages: { refused: boolean }[];
  /** Refuse the next `count` SendMessage calls (cycling through SQS_REFUSALS), then forward again. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of moto that answers SendMessage with SQS's own refusals when told to, and forwards
 * everything else byte for byte: a real refusal on the wire, so the SDK's retries and the adapter's reading of
 * the error are what runs, not a stand-in for them.
 */
export async function startRefusingSqsProxy(motoEndpoint: string): Promise<RefusingSqsProxy> {
  const target = new URL(motoEndpoint);
  const sendMessages: { refused: boolean }[] = [];
  let refusalsLeft = 0;
  let refused = 0;

  const server: Server = createServer((incoming, answer) => {
    void body(incoming).then((payload) => {
      if (incoming.headers['x-amz-target'] === 'AmazonSQS.SendMessage') {
        const refuse = refusalsLeft > 0;
        sendMessages.push({ refused: refuse });
        if (refuse) {
          refusalsLeft -= 1;
          const refusal = SQS_REFUSALS[refused % SQS_REFUSALS.length] as Refusal;
          refused += 1;
          answer.writeHead(refusal.status, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-query-error': `${refusal.type};${refusal.status >= 500 ? 'Receiver' : 'Sender'}`,
          });
          answer.end(JSON.stringify({ __type: `com.amazonaws.sqs#${refusal.type}`, message: refusal.message }));
          return;
        }
      }
      const forwarded = httpRequest(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (response) => {
          answer.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(answer);
        },
      );
      forwarded.once('error', (error) => {
        answer.writeHead(502);
        answer.end(error.message);
      });
      forwarded.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sendMessages,
    refuseNext(count) {
      refusalsLeft = count;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function body(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
}
