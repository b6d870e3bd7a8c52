import type { HealthResponse } from '@invoice/contracts';
import type { AccountPorts, CreateJobLimits, InventoryPorts } from '@invoice/inventory';
import type { Router } from 'express';
import type { Authenticator } from './authenticator';
import type { RequestMetricsRecorder } from './request-metrics';

/** What app.ts needs to build the API: the ports and the few settings routes expose. */
export interface AppContext {
  ports: InventoryPorts;
  storage: 'local' | 'aws';
  version: string;
  limits: CreateJobLimits;
  /** REQUIRE_SECOND_APPROVER: apply refuses the user who saved the revision being applied. */
  requireSecondApprover: boolean;
  /** Routes that exist only in some storage modes, e.g. the local stand-in for presigned S3 uploads. */
  modeRouters: Router[];
  /** Proves who a request acts as: local sessions and API tokens, or Cognito JWTs in AWS mode. */
  authenticator: Authenticator;
  /** Local mode's users, sessions and API tokens; null in AWS mode, where the Cognito user pool holds them. */
  accounts: AccountPorts | null;
  /** The session cookie is marked Secure: the server is reached over https (PUBLIC_BASE_URL). */
  secureCookies: boolean;
  /** AWS mode: Cognito's hosted UI for the SPA's sign-in (GET /api/health tells it); null in local mode. */
  signIn: HealthResponse['signIn'] | null;
  /** Local mode: counts every request for GET /api/metrics. Unset in AWS mode, where API Gateway counts them. */
  requestMetrics?: RequestMetricsRecorder;
}
