// Kept in its own module so electron-updater (and its dependencies) load only when an update
// feed is configured. A static import here, rather than `import('electron-updater')` from
// main, because the bundle is CommonJS and Node's ESM view of electron-updater lacks the lazy
// `autoUpdater` getter.
export { autoUpdater } from 'electron-updater';
