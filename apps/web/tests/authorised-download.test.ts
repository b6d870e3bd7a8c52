import { describe, expect, it } from 'vitest';
import { authorisedDownload } from '../src/shared/authorised-download';

describe('authorisedDownload', () => {
  it('leaves a link alone when there is no token to send (local mode: the cookie goes by itself)', () => {
    expect(authorisedDownload({}, () => undefined)).toBeUndefined();
  });

  it('takes over the click when a bearer token must go with the request (AWS mode)', () => {
    expect(typeof authorisedDownload({ authorization: 'Bearer t' }, () => undefined)).toBe('function');
  });
});
