// better-sqlite3 is a native addon compiled for one runtime at a time: Node (tests, the station)
// or Electron (the desktop app, whose Node has another ABI). This script makes sure the build in
// node_modules matches the runtime about to start, rebuilding only when it does not.
//   node scripts/native-module.mjs node       before tests and `npm run station`
//   node scripts/native-module.mjs electron   before `npm start` / packaging
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native-module.mjs node|electron');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
const marker = join(moduleDir, 'build', 'packdesk-runtime.txt');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function loadsUnderNode() {
  const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

if (target === 'node') {
  if (loadsUnderNode()) process.exit(0);
  console.log('Rebuilding better-sqlite3 for Node (about 90 s)...');
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  writeFileSync(marker, 'node\n');
} else {
  const electronVersion = require('electron/package.json').version;
  const wanted = `electron ${electronVersion}\n`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) process.exit(0);
  console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion}...`);
  execFileSync(npm, ['exec', '--', 'electron-builder', 'install-app-deps'], { stdio: 'inherit' });
  writeFileSync(marker, wanted);
}
