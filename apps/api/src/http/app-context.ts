import type { CreateJobLimits, InventoryPorts } from '@invoice/inventory';
import type { Router } from 'express';

/** What app.ts needs to build the API: the ports and the few settings routes expose. */
export interface AppContext {
  ports: InventoryPorts;
  storage: 'local' | 'aws';
  version: string;
  limits: CreateJobLimits;
  /** Routes that exist only in some storage modes, e.g. the local stand-in for presigned S3 uploads. */
  modeRouters: Router[];
}
