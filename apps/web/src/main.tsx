import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { ApiProvider } from './app/api-context';
import { App } from './app/App';
import { loadRuntimeConfig } from './app/runtime-config';
import { SessionGate } from './session/SessionGate';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ApiProvider api={createApiClient(config.apiBaseUrl)}>
          <SessionGate>
            <App />
          </SessionGate>
        </ApiProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main className="screen">
        <h1>Invoice intake cannot start</h1>
        <p role="alert">
          {error instanceof Error ? error.message : String(error)} <span className="code">(CONFIG_INVALID)</span>
        </p>
      </main>,
    ),
);
