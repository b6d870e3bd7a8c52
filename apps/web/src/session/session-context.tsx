import type { HealthResponse, Principal } from '@invoice/contracts';
import { createContext, useContext, type ReactNode } from 'react';
import { may, type Action } from './permissions';

export interface Session {
  principal: Principal;
  storage: HealthResponse['storage'];
  logOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession: no SessionProvider above this component');
  return session;
}

/** Whether the signed-in user may take `action`: what a screen offers follows it. */
export function useMay(): (action: Action) => boolean {
  const { principal } = useSession();
  return (action) => may(principal.role, action);
}
