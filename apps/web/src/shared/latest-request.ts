/**
 * Answers that arrive out of order must not overwrite newer ones: a search for "ab" sent after one for "a"
 * can be answered first, and the screen would then show the items of "a" under the search "ab". Each
 * request takes a ticket; only the ticket of the newest request is still current when its answer arrives.
 */
export interface LatestRequest {
  /** Starts a request: the returned check says whether it is still the newest one. */
  begin(): () => boolean;
  /** The check for the request in flight now, without starting a newer one (a next page of the same list). */
  current(): () => boolean;
}

export function latestRequest(): LatestRequest {
  let newest = 0;
  const ticket = (number: number) => () => number === newest;
  return {
    begin: () => ticket((newest += 1)),
    current: () => ticket(newest),
  };
}
