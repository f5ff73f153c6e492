import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPackdeskApi } from './api/packdesk-api';
import { App } from './app/App';
import { devicePreferences } from './session/device-preferences';
import { initI18n } from './i18n/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

initI18n(devicePreferences.get().language);
const api = createPackdeskApi();

createRoot(root).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
