import type { LambdaHandler } from './http-api-event';

/**
 * The Lambda handler as API Gateway calls it behind the JWT authorizer: every event carries the caller's
 * `Authorization` header (a Cognito token, see cognito-tokens.ts). A function gives each call the header of
 * the moment, so one handler can act as different users in turn.
 */
export function authorizedHandler(handler: LambdaHandler, authorization: string | (() => string)): LambdaHandler {
  return (event, context) => {
    const value = typeof authorization === 'function' ? authorization() : authorization;
    return handler({ ...event, headers: { ...event.headers, authorization: value } }, context);
  };
}
