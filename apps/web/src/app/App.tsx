import { useEffect, useRef } from 'react';
import { AccountsScreen } from '../accounts/AccountsScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { may } from '../session/permissions';
import { useSession } from '../session/session-context';
import { InventoryScreen } from '../inventory/InventoryScreen';
import { ItemsScreen } from '../items/ItemsScreen';
import { JobsScreen } from '../jobs/JobsScreen';
import { MappingsScreen } from '../mappings/MappingsScreen';
import { OperationsScreen } from '../operations/OperationsScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { routeHref, type Route } from './routes';
import { useHashRoute } from './use-hash-route';

function titleOf(route: Route): string {
  switch (route.screen) {
    case 'jobs':
      return 'Jobs';
    case 'review':
      return 'Review';
    case 'inventory':
      return route.sku ? `History of ${route.sku}` : 'Inventory';
    case 'items':
      return 'Items';
    case 'mappings':
      return route.supplier ? `Mappings of ${route.supplier}` : 'Mappings';
    case 'audit':
      return 'Audit';
    case 'operations':
      return 'Operations';
    case 'users':
      return 'Users and tokens';
    case 'not-found':
      return 'Not found';
  }
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'jobs':
      return <JobsScreen />;
    case 'review':
      return <ReviewScreen key={route.jobId} jobId={route.jobId} />;
    case 'inventory':
      return <InventoryScreen sku={route.sku} />;
    case 'items':
      return <ItemsScreen />;
    case 'mappings':
      return <MappingsScreen supplier={route.supplier} />;
    case 'audit':
      return <AuditScreen />;
    case 'operations':
      return <OperationsScreen />;
    case 'users':
      return <AccountsScreen />;
    case 'not-found':
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            Nothing lives at “{route.path}”. <a href={routeHref({ screen: 'jobs' })}>Go to the jobs</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const route = useHashRoute();
  const { principal, logOut } = useSession();
  const admin = may(principal.role, 'auditScreen');
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A route change is a new page to a screen-reader user: say so by moving focus to its heading.
  useEffect(() => {
    document.title = `${titleOf(route)} · Invoice intake`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const target = route.screen === 'inventory' && route.sku ? main.current?.querySelector<HTMLElement>('#history-heading') : null;
    (target ?? main.current?.querySelector<HTMLElement>('h1'))?.focus();
  }, [route]);

  const current = route.screen === 'review' ? 'jobs' : route.screen;
  return (
    <>
      <header className="app-header">
        <span className="app-name">Invoice intake</span>
        <nav aria-label="Main">
          <a href={routeHref({ screen: 'jobs' })} aria-current={current === 'jobs' ? 'page' : undefined}>
            Jobs
          </a>
          <a href={routeHref({ screen: 'inventory', sku: null })} aria-current={current === 'inventory' ? 'page' : undefined}>
            Inventory
          </a>
          <a href={routeHref({ screen: 'items' })} aria-current={current === 'items' ? 'page' : undefined}>
            Items
          </a>
          <a href={routeHref({ screen: 'mappings', supplier: null })} aria-current={current === 'mappings' ? 'page' : undefined}>
            Mappings
          </a>
          <a href={routeHref({ screen: 'operations' })} aria-current={current === 'operations' ? 'page' : undefined}>
            Operations
          </a>
          {admin && (
            <a href={routeHref({ screen: 'audit' })} aria-current={current === 'audit' ? 'page' : undefined}>
              Audit
            </a>
          )}
          {may(principal.role, 'manageAccounts') && (
            <a href={routeHref({ screen: 'users' })} aria-current={current === 'users' ? 'page' : undefined}>
              Users
            </a>
          )}
        </nav>
        <div className="app-user">
          <span>
            <span className="visually-hidden">Signed in as </span>
            <strong data-testid="signed-in-user">{principal.username}</strong> <span className="role-badge">{principal.role}</span>
          </span>
          <button type="button" className="secondary" onClick={logOut}>
            Log out
          </button>
        </div>
      </header>
      <main ref={main} className={`screen screen-${route.screen}`}>
        <Screen route={route} />
      </main>
    </>
  );
}
