import { describe, expect, it } from 'vitest';
import { parseQueueMessageBody, readParseQueueMessage } from '../src/adapters/aws/parse-queue-message';

const REQUEST = {
  jobId: '00000000-0000-4000-8000-0000000000d1',
  attempt: 2,
  inputUri: 's3://uploads/raw/00000000-0000-4000-8000-0000000000d1/a.pdf',
  outputUri: 's3://uploads/parsed/00000000-0000-4000-8000-0000000000d1/attempt-2.json',
  errorOutputUri: 's3://uploads/errors/00000000-0000-4000-8000-0000000000d1/attempt-2.json',
};
const MESSAGE = { jobId: REQUEST.jobId, attempt: 2, input: REQUEST.inputUri, output: REQUEST.outputUri, errorOutput: REQUEST.errorOutputUri };

describe('the parse queue message', () => {
  it('is the warm worker\'s request line, and reads back as it was sent', () => {
    const body = parseQueueMessageBody(REQUEST);

    expect(JSON.parse(body)).toEqual(MESSAGE);
    expect(Object.keys(JSON.parse(body))).toEqual(['jobId', 'attempt', 'input', 'output', 'errorOutput']);
    expect(readParseQueueMessage(body)).toEqual(MESSAGE);
  });

  it.each([
    ['not json', 'is not JSON'],
    ['[1]', 'is not a JSON object'],
    [JSON.stringify({ ...MESSAGE, errorOutput: undefined }), 'lacks errorOutput'],
    [JSON.stringify({ ...MESSAGE, attempt: 0 }), 'attempt must be a positive whole number, got 0'],
    [JSON.stringify({ ...MESSAGE, attempt: '2' }), 'attempt must be a positive whole number, got "2"'],
    [JSON.stringify({ ...MESSAGE, attempt: 1.5 }), 'attempt must be a positive whole number'],
    [JSON.stringify({ ...MESSAGE, input: '' }), 'must be non-empty strings'],
    [JSON.stringify({ ...MESSAGE, jobId: 7 }), 'must be non-empty strings'],
  ])('refuses %s, saying what is wrong, as worker.py\'s read_request does', (body, problem) => {
    expect(() => readParseQueueMessage(body)).toThrow(problem);
  });
});
