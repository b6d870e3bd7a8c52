import { useCallback, useEffect, useRef, useState } from 'react';
import { nextPollDelayMs } from '../jobs/job-status';

/**
 * Calls `poll` now and again with a growing delay for as long as it answers true (work in flight), then
 * stops. `kick()` polls at once and restarts the back-off, e.g. after an upload started a parse.
 */
export function usePolling(poll: () => Promise<boolean>): { kick: () => void } {
  const [generation, setGeneration] = useState(0);
  const latestPoll = useRef(poll);
  useEffect(() => {
    latestPoll.current = poll;
  }, [poll]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let delay: number | null = null;
    const run = async () => {
      const busy = await latestPoll.current();
      if (stopped || !busy) return;
      delay = nextPollDelayMs(delay);
      timer = setTimeout(() => void run(), delay);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [generation]);

  const kick = useCallback(() => setGeneration((g) => g + 1), []);
  return { kick };
}
