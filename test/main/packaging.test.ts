import { getConfig } from 'app-builder-lib/out/util/config/config';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own reader, so `extends` is followed as `npm run package` follows it. This
// checks the configuration only: the fuses flipped in a packaged binary are not checked here
// (no Electron binary on the test machine; `npx electron-fuses read --app <binary>` does that).
const projectDir = join(__dirname, '../..');

const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  // The page is served from app://, so file: URLs keep no extra privileges.
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder fuses', () => {
  it.each(['electron-builder.yml', 'electron-builder.release.yml'])(
    '%s flips every fuse, file protocol privileges off',
    async (file) => {
      const config = await getConfig(projectDir, join(projectDir, file), null);
      expect(config.electronFuses).toEqual(EXPECTED_FUSES);
    },
  );
});
