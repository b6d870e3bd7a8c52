import { sweepInFlightJobs, type ParseDeps, type SweepOutcome } from '@invoice/inventory';

export interface ParseSweeper {
  /** Stops the interval and waits for a sweep in progress, so the stores can be closed after it. */
  stop(): Promise<void>;
}

/**
 * The local server's sweeper: every `seconds`, reconciles the jobs in flight, so that due retries start and a
 * parse past its deadline fails even when no browser polls. Sweeps never overlap; a failed sweep is logged and
 * the next one tries again. In AWS an EventBridge schedule runs sweeper-lambda.ts instead.
 */
export function startParseSweeper(deps: ParseDeps, seconds: number, log: (line: string) => void): ParseSweeper {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = sweepInFlightJobs(deps)
      .then((outcome: SweepOutcome) => {
        if (outcome.changed > 0 || outcome.failed > 0) log(`parse sweep: ${outcome.swept} in flight, ${outcome.changed} changed, ${outcome.failed} failed`);
      })
      .catch((error: unknown) => log(`parse sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  // The sweep never keeps a process alive that would otherwise exit.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
