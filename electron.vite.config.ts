import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from './shared/security/csp';

const root = import.meta.dirname;

/**
 * Writes the page's one policy into `index.html`'s meta tag. In `electron-vite dev` the React
 * plugin injects an inline refresh preamble, so only the dev server allows inline scripts;
 * builds stay strict.
 */
function pageCsp(): Plugin {
  let devServer = false;
  return {
    name: 'packdesk-page-csp',
    configResolved: (config) => {
      devServer = config.command === 'serve';
    },
    transformIndexHtml: (html) =>
      html.replace('%PACKDESK_CSP%', contentSecurityPolicy({ devServer, asHeader: false })),
  };
}

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
    plugins: [react(), pageCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Phones on the LAN load this bundle from the station too.
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
