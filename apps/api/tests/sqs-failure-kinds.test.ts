import { KmsAccessDenied, KmsThrottled, QueueDoesNotExist, RequestThrottled, SQSServiceException, InvalidMessageContents } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { isPassingSendFailure } from '../src/adapters/aws/sqs-failure-kinds';

/** An error as the SDK makes it from SQS's answer (its own classes, its metadata). */
function answered<T>(Kind: new (options: { message: string; $metadata: object }) => T, status = 400): T {
  return new Kind({ message: 'from SQS', $metadata: { httpStatusCode: status } });
}

function serviceError(name: string, status: number): SQSServiceException {
  return new SQSServiceException({ name, $fault: status >= 500 ? 'server' : 'client', message: 'from SQS', $metadata: { httpStatusCode: status } });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
}

describe('isPassingSendFailure', () => {
  it.each([
    ['RequestThrottled', answered(RequestThrottled)],
    ['KmsThrottled', answered(KmsThrottled)],
    ['ThrottlingException', serviceError('ThrottlingException', 400)],
    ['ServiceUnavailable', serviceError('ServiceUnavailable', 503)],
    ['InternalFailure', serviceError('InternalFailure', 500)],
    ['any 5xx', serviceError('SomethingNew', 502)],
    ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['the SDK\'s timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('takes %s as passing: the domain retries the start as a new attempt', (_name, error) => {
    expect(isPassingSendFailure(error)).toBe(true);
  });

  it.each([
    ['QueueDoesNotExist', answered(QueueDoesNotExist)],
    ['KmsAccessDenied', answered(KmsAccessDenied)],
    ['InvalidMessageContents', answered(InvalidMessageContents)],
    ['AccessDenied', serviceError('AccessDenied', 403)],
    ['a thrown string', 'no'],
  ])('takes %s as lasting: another attempt would be refused again', (_name, error) => {
    expect(isPassingSendFailure(error)).toBe(false);
  });
});
