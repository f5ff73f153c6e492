import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

/**
 * In `electron-vite dev` the React plugin injects an inline refresh preamble, which the page's
 * CSP (`script-src 'self'`) would block. Only the dev server relaxes it; builds keep it strict.
 */
const devServerCsp: Plugin = {
  name: 'packdesk-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The core is bundled beside main: `core` runs in Electron's utility process,
        // `station` is the same core as a plain Node program (`npm run station`), `sandbox` the
        // sandbox marketplace on its own (`npm run sandbox`).
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          core: resolve(root, 'electron/core/index.ts'),
          station: resolve(root, 'electron/core/station.ts'),
          sandbox: resolve(root, 'electron/core/sandbox/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: { input: { index: resolve(root, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devServerCsp],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Phones on the LAN load this bundle from the station too.
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
