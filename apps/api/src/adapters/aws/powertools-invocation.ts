import type { Logger } from '@aws-lambda-powertools/logger';

/** The Lambda context, as Powertools Logger reads it (function name, request id, memory, cold start). */
type LambdaContext = Parameters<Logger['addContext']>[0];

/** Something that writes out what one invocation buffered: the composition's publishMetrics. */
interface MetricsPublisher {
  publishMetrics?(): void;
}

/**
 * Wraps a Lambda entry point so that its log lines carry the invocation's context, and the metrics its work
 * reported are written (EMF) when it ends, whether it answered or threw: buffered metrics never leak into the
 * next invocation, and a failed one still counts what it did.
 */
export function invocationScope(logger: Logger, publisher: MetricsPublisher) {
  return <E, R>(run: (event: E, context: LambdaContext) => Promise<R>) =>
    async (event?: E, context?: LambdaContext): Promise<R> => {
      if (context) logger.addContext(context);
      try {
        return await run(event as E, context as LambdaContext);
      } finally {
        publisher.publishMetrics?.();
      }
    };
}
