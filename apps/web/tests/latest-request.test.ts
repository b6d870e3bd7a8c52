import { describe, expect, it } from 'vitest';
import { latestRequest } from '../src/shared/latest-request';

describe('latestRequest', () => {
  it('keeps only the newest request current, so an older answer arriving last is dropped', () => {
    const requests = latestRequest();
    const searchA = requests.begin();
    const searchAb = requests.begin();

    expect(searchAb()).toBe(true);
    expect(searchA()).toBe(false);
  });

  it('lets a next page join the request in flight, and a new search overtake it', () => {
    const requests = latestRequest();
    requests.begin();
    const nextPage = requests.current();
    expect(nextPage()).toBe(true);

    requests.begin();
    expect(nextPage()).toBe(false);
  });
});
